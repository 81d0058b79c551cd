// Package glossary is locpipe's term engine: the newsroom's naming policy.
//
// # Model
//
// A Glossary is a termbase of concepts, as in TBX: each Concept has terms per
// language (a TermSet: one preferred term, admitted and deprecated ones,
// inflected forms keyed by a grammatical tag), exceptions — longer phrases
// such as "Chicken Kiev" inside which the concept's terms are left alone —
// and options (case-sensitive, do-not-translate). The file format is
// described in README.md beside this file.
//
// # Files
//
// Glossaries are read from native YAML (Load, Parse), from CSV or TSV in a
// one-row-per-concept layout, DeepL's two-column layout or OmegaT's three
// columns (ParseCSV), and from TBX v3 (DCA and DCT styles) or the older
// martif TBX (ParseTBX, with its structural errors reported); they are
// written to YAML, CSV/TSV and TBX-Basic v3 (valid against LTAC's schema)
// without loss (Encode), to TBX-Basic v2 for Translate Toolkit and OmegaT
// (WriteTBXv2), and to DeepL's layout (WriteDeepL). Every load error is a *LoadError naming the file and line and
// wrapping ErrInvalid. Glossaries layer with Merge (a later concept with the
// same id replaces an earlier one); one is built into the binary (Builtin).
//
// # Matching
//
// A Matcher finds the terms of one language in text in a single pass,
// whatever the number of terms: the text is folded (NFC, case-folded with
// golang.org/x/text/cases — Turkic dotted and dotless i for Turkish and
// Azerbaijani, Greek final sigma and unaccented capitals, Russian ё as е —
// white space runs and inline codes as one space, ’ and ʼ as ') with a map
// back to the original offsets, and a trie of the folded terms (termTrie:
// flat slices, each distinct folded form one path) walked from every word
// start finds every candidate; a term that begins with no word rune is
// looked for wherever its first byte stands. (It replaced a full
// Aho-Corasick search with github.com/coregx/ahocorasick, which the tests
// compare it with and the benchmarks keep as their baseline.) Candidates are kept when they are whole words (letters,
// digits and marks continue a word; apostrophes, hyphens, inline-code runes
// U+E000–U+EFFF and placeholders do not, so Kiev's, Kiev-based, Kiev'de and
// <b>Kiev</b> match), when no exception of their concept covers them, and
// when they are not part of a URL, e-mail address, path, domain, file name,
// handle or hashtag; at one position the longest wins.
//
// # Applying
//
// Apply rewrites text to the preferred terms of its own language (the
// house-style edition), carrying the case of the match (Kiev → Kyiv, KIEV →
// KYIV, kiev → kyiv) with the language's case rules. Protect replaces terms
// with placeholder runes before machine translation, remembering the target
// language's preferred term or inflected form (ru Киева → uk Києва); Restore
// puts them back and repairs what an engine lost or duplicated, with a
// warning for each repair.
//
// # Editors' tools
//
// Lint reports conflicts, terms deprecated in one concept and preferred in
// another, rewrite cycles, exceptions that never apply and duplicates, each
// with file:line; LintAgainst checks files against the layers they are used
// with (the built-in glossary among them) and places each finding in the
// file. UnifiedDiff shows what a glossary changes (Colorize marks the changed
// words); Comparer puts a change down to word level and to concepts, with
// the exceptions that keep a term, for WriteStat and WriteDiffHTML (one
// self-contained page). Suggest finds proper nouns spelt several ways, by
// romanisation keys and an edit distance on them, across languages.
package glossary
