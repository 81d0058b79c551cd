package edition

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/locales"
	"github.com/locpipe/locpipe/pipeline/format"
)

// Source is the rule that gives a document its source language, the same
// for translate, check, segment, glossary apply and diff: a language the
// user forces (translate --from, segment --lang, glossary --locale) wins;
// otherwise the document's own declaration (front matter lang:, <html
// lang>); otherwise the language its text is identified as (Detect: a
// sure verdict on a few sentences at least), unless it is close to Default
// (ca and es, ru and uk: the configuration knows better); otherwise
// Default (the configuration's from); otherwise English.
type Source struct {
	Forced  language.Tag // the zero Tag: the document decides
	Default language.Tag // the zero Tag: English
}

// How says where a document's source language came from.
type How string

// The sources of a source language, strongest first.
const (
	Forced   How = "forced"
	Declared How = "declared"
	Detected How = "detected"
	Default  How = "default"
)

// Resolved is a document's source language and how it was found.
type Resolved struct {
	Tag language.Tag
	How How
	// Detected is the language the text reads as, when identified (also
	// for a declared document); Und otherwise.
	Detected language.Tag
}

// Mismatch reports whether the document declares one language and reads
// as another: callers warn about it (the declaration still wins).
func (r Resolved) Mismatch() bool {
	if r.How != Declared || r.Detected == language.Und {
		return false
	}
	db, _ := r.Detected.Base()
	tb, _ := r.Tag.Base()
	return db != tb
}

// LanguageError is a document's declared language that is not a BCP 47
// tag: the document is refused, whatever the command.
type LanguageError struct {
	File     string // the document
	Declared string // the declaration as written
	Err      error  // from language.Parse
}

func (e *LanguageError) Error() string {
	return fmt.Sprintf("%s: declared language %q: %v", e.File, e.Declared, e.Err)
}

func (e *LanguageError) Unwrap() error { return e.Err }

// Of returns the source language of doc (read from the file name). A
// declaration that does not parse is a *LanguageError, even when Default
// is set: a typo must not pass for the configured language. It is ignored
// only when the language is forced.
func (s Source) Of(name string, doc *format.Document) (language.Tag, error) {
	r, err := s.Resolve(name, doc)
	return r.Tag, err
}

// Resolve is Of, saying how the language was found and what the text
// reads as.
func (s Source) Resolve(name string, doc *format.Document) (Resolved, error) {
	if s.Forced != language.Und {
		return Resolved{Tag: s.Forced, How: Forced}, nil
	}
	detected, ok := Detect(doc)
	if !ok {
		detected = language.Und
	}
	if doc != nil && doc.Lang != "" {
		t, err := language.Parse(doc.Lang)
		if err != nil {
			return Resolved{Tag: language.Und}, &LanguageError{File: name, Declared: doc.Lang, Err: err}
		}
		return Resolved{Tag: t, How: Declared, Detected: detected}, nil
	}
	// A language close to the configured one is what detectors confuse
	// (whatlanggo has no Catalan and reads it as Spanish or French): the
	// configuration knows better. A distant one (a Russian article in an
	// English corpus) is the document's.
	if ok && (s.Default == language.Und || !locales.DefaultAlphabets().Close(detected, s.Default)) {
		return Resolved{Tag: detected, How: Detected, Detected: detected}, nil
	}
	if s.Default != language.Und {
		return Resolved{Tag: s.Default, How: Default, Detected: detected}, nil
	}
	return Resolved{Tag: language.English, How: Default}, nil
}

// SameLanguage reports whether an edition in to of a document in from is a
// house-style edition: the same language and the same script (regions may
// differ: en and en-GB are one language; sr-Cyrl and sr-Latn are not). Its
// text is the source with the glossary applied, not a translation.
func SameLanguage(from, to language.Tag) bool {
	fb, _ := from.Base()
	tb, _ := to.Base()
	fs, _ := from.Script()
	ts, _ := to.Script()
	return fb == tb && fs == ts
}
