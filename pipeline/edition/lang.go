package edition

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/format"
)

// Source is the rule that gives a document its source language, the same
// for translate, check, segment, glossary apply and diff: a language the
// user forces (translate --from, segment --lang, glossary --locale) wins;
// otherwise the document's own declaration (front matter lang:, <html
// lang>); otherwise Default (the configuration's from); otherwise English.
type Source struct {
	Forced  language.Tag // the zero Tag: the document decides
	Default language.Tag // the zero Tag: English
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
	if s.Forced != language.Und {
		return s.Forced, nil
	}
	if doc != nil && doc.Lang != "" {
		t, err := language.Parse(doc.Lang)
		if err != nil {
			return language.Und, &LanguageError{File: name, Declared: doc.Lang, Err: err}
		}
		return t, nil
	}
	if s.Default != language.Und {
		return s.Default, nil
	}
	return language.English, nil
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
