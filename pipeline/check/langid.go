package check

import (
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
