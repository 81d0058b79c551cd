package check

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Whether a segment is still in the source language is package langid's
// decision (langid.Judge); check only names languages and scripts in its
// messages.

// langName is the English name of a language, for messages.
func langName(t language.Tag) string {
	base, _ := t.Base()
	if n := display.English.Languages().Name(base); n != "" {
		return n
	}
	return t.String()
}

// scriptName is the English name of a script, for messages.
func scriptName(s language.Script) string {
	if n := display.English.Scripts().Name(s); n != "" {
		return n
	}
	return s.String()
}

// displayTag is the English name of a tag with its script when the tag
// names one ("Serbian (Latin)"), for messages.
func displayTag(t language.Tag) string {
	if n := display.English.Tags().Name(t); n != "" {
		return n
	}
	return t.String()
}
