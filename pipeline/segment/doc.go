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
// Unicode sentence boundaries (UAX #29, from github.com/clipperhouse/uax29)
// give the candidate positions; a scan of each UAX #29 sentence adds the
// periods UAX #29 hides (before a number or a lower-case word) and the
// language's own stops. Each candidate is then decided by rules: built-in
// ones that hold for every language (quotations and brackets, ellipses,
// lists and bullets, headlines and soft-wrapped lines, URLs, inline codes)
// and the language's data — abbreviation lists, sentence starters, ordinal
// numbers and SRX-style break/no-break rules — read from the YAML files in
// locales/data/segment (documented in the README there). Each candidate is
// decided once, looking at a bounded window, so the cost stays linear and
// within a small factor of the bare UAX #29 iterator.
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
