// Package segment splits the text of a unit into sentences, in any
// language, with exact byte offsets.
//
// Split returns byte spans into the text it was given: the text of a
// sentence is always text[Start:End], spans are in order, and only white
// space lies between them, so joining the spans with the white space between
// them gives the text back.
//
// # How
//
// One scan of the text finds the candidate positions: the stops of every
// script (the UAX #29 STerm and ATerm characters, read once from
// github.com/clipperhouse/uax29), line breaks and the language's own stops.
// Each candidate is then decided by rules: built-in ones that hold for
// every language (quotations, brackets, ellipses, lists and bullets,
// headlines and soft-wrapped lines, URLs, initials, inline codes) and the
// language's data — abbreviation lists, continuations, sentence starters,
// quotation marks, ordinal numbers and SRX-style break/no-break rules —
// read from the YAML files in locales/data/segment (documented in the
// README there). Each candidate is decided once, looking at a bounded
// window, so the cost stays linear; it is below that of the bare UAX #29
// iterator on news text.
//
// # SRX
//
// ParseSRX and LoadSRX read SRX 2.0 files (Okapi's, OmegaT's), whose Java
// patterns are translated to Go's regexp or refused with the file and line;
// Segmenter.WithSRX applies them over the built-in rules or instead of
// them, with the same span contract. ExportSRX writes the shipped rules as
// SRX for other tools.
//
// # Inline codes
//
// Unit texts may carry private-use marker runes for inline codes
// (U+E000–U+EFFF) and glossary placeholders (U+F0000 and up). They count as
// neither space nor stop and never make or prevent a break: a code right
// after a stop ("end.\uE001 Next") stays with the sentence it closes.
//
// # Languages
//
// New picks the rules of a tag's base language (pt-BR uses pt). Languages
// without rules get the language-independent rules only. LoadRules and
// NewFromRules apply rule files from elsewhere, ParseRules compiles one file;
// bad data is reported as a *RuleError naming the file and line.
package segment
