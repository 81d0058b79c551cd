// Package check is locpipe's quality gate: it reads the editions a translate
// run wrote (or that people wrote in the same layout) beside their sources
// and reports what a newsroom's CI must not ship.
//
// # What goes in
//
// The source paths (walked as translate walks them), the output directory
// with its manifest, the locales expected, and the glossary in force. With
// a manifest, check knows each edition's path, source hash, glossary
// fingerprint and per-segment record (engine failures, unknown words,
// repairs). Without one, editions are found through the layout, and their
// locales from the directories of the output directory.
//
// Source and edition are parsed with the same format parser and their
// units aligned by skeleton position: one to one when the structure is the
// same (always, for locpipe's own editions), else by an alignment that
// pairs units of the same kind, so that a paragraph added or dropped by a
// human translator is reported once and does not shift every other finding.
//
// # Rules
//
// Each rule has an id, a default severity and a message telling the editor
// what to do (see Rules):
//
//   - untranslated (error): an edition segment left in the source language:
//     identical or nearly identical to a source segment (the same ordinary
//     words, whatever the names and numbers), written in another script
//     than the edition's (Cyrillic in sr-Latn), holding letters only the
//     source language has (locales letters data: Russian ы in Ukrainian),
//     or identified as the source language by whatlang restricted to the
//     two languages, with a confidence that rises as the segment shortens
//     and vetoes from the letters. Two distant languages share no sentence
//     of two ordinary words; close ones (locales letters "close") need more
//     evidence. Names, numbers, URLs and inline codes alone are never
//     judged, and pseudo-localized text counts as translated.
//   - glossary-deprecated (error): a deprecated term of the edition's
//     language, or a term of the source language that is not a term of the
//     edition's language (Kiev in a German edition). A word belongs to a
//     term only through the glossary's forms or the language's inflection
//     (glossary.TermSet.Has): Russian Донбасса is not Ukrainian Донбас.
//     Exceptions that apply in the edition's language (Matcher.FindFor)
//     let the engine's wording stand, as translate let it.
//   - glossary-missing (warning): the source names a concept and the edition
//     lacks the preferred term (or an inflected form of it); an admitted term
//     is reported with this rule too.
//   - placeholder (error): inline codes lost, doubled, unpaired or crossed;
//     engine placeholders (private-use characters, ⟦t0⟧ tokens) left in the
//     edition; a term glued to the next word where the source has a
//     possessive (Kyivha). Repairs recorded in the manifest are notes.
//   - numbers (warning): the numbers of a unit differ from its source's,
//     allowing the locales' decimal marks and grouping (3.5 / 3,5,
//     1,200 / 1 200 / 1.200).
//   - unknown-words (warning): words the engine marked as unknown.
//   - missing-edition, stale-edition (error): an expected edition is absent;
//     the source or the glossary changed since the manifest recorded it.
//   - empty (error): an empty edition, or a unit with no counterpart.
//   - parse (error): the edition cannot be parsed as its format.
//
// # What comes out
//
// A Report of Findings with a Summary; each finding about text names the
// edition's line and the source's line and segment id. Write renders it as
// text, JSON (the contract of DESIGN.md), lean SARIF 2.1.0, JUnit XML (a
// passing case per clean edition) or GitHub workflow annotations grouped
// within GitHub's ten per kind; WriteStepSummary writes the Markdown of
// $GITHUB_STEP_SUMMARY; WriteOptions.Annotate points CI annotations at the
// edition or at the source line. A Baseline drops known findings by fingerprint (rule, file,
// locale and offending text, not line), so that a CI gate can be adopted
// on a corpus with known problems.
package check
