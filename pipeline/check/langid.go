package check

import (
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/locpipe/locpipe/pipeline/langid"
)

// langID tells whether a text is still in the source language (package
// langid is the home of that verdict).
type langID = langid.Detector

// newLangID returns nil when the languages cannot be told apart: the
// untranslated rule then relies on comparison with the source alone.
func newLangID(src, tgt language.Tag) *langID { return langid.New(src, tgt) }

// Confidences the verdict needs (see package langid).
const (
	minConfidence          = langid.MinDiffering
	minIdenticalConfidence = langid.MinIdentical
)

// langName is the English name of a language, for messages.
func langName(t language.Tag) string {
	base, _ := t.Base()
	if n := display.English.Languages().Name(base); n != "" {
		return n
	}
	return t.String()
}

// langIDConfidence is the confidence whatlanggo must give before a
// segment of n ordinary words counts as the source language: whatlanggo's
// verdicts on three words are near coin tosses unless it is sure.
func langIDConfidence(n int) float64 {
	switch {
	case n >= minLangIDSureWords:
		return minConfidence
	case n >= minLangIDWords:
		return minMidConfidence
	}
	return minShortConfidence
}

// Confidences for shorter segments (see langIDConfidence), and the length
// from which minConfidence is enough.
const (
	minShortConfidence = 0.95
	minMidConfidence   = 0.7
	minLangIDSureWords = 6
)

// scripts maps the ISO 15924 scripts of alphabetic editions to their
// Unicode tables: the script rule checks only these (ideographic and
// syllabic scripts mix with others by design).
var scripts = map[string]*unicode.RangeTable{
	"Latn": unicode.Latin, "Cyrl": unicode.Cyrillic, "Grek": unicode.Greek,
	"Arab": unicode.Arabic, "Hebr": unicode.Hebrew, "Armn": unicode.Armenian,
	"Geor": unicode.Georgian, "Deva": unicode.Devanagari, "Thai": unicode.Thai,
}

// scriptOf returns the script an edition in t is written in (sr-Latn:
// Latin; sr and uk: Cyrillic) and its table, nil when not checked.
func scriptOf(t language.Tag) (language.Script, *unicode.RangeTable) {
	s, _ := t.Script()
	return s, scripts[s.String()]
}

// scriptName is the English name of a script, for messages.
func scriptName(s language.Script) string {
	if n := display.English.Scripts().Name(s); n != "" {
		return n
	}
	return s.String()
}

// runeScript names the script of r among those the script rule knows.
func runeScript(r rune) string {
	for code, tab := range scripts {
		if unicode.Is(tab, r) {
			return scriptName(language.MustParseScript(code))
		}
	}
	return ""
}

// displayTag is the English name of a tag with its script when the tag
// names one ("Serbian (Latin)"), for messages.
func displayTag(t language.Tag) string {
	if n := display.English.Tags().Name(t); n != "" {
		return n
	}
	return t.String()
}
