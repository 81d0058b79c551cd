package locales

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
)

// DisplayName returns the name of lang written in the language in: Spanish
// in Spanish is "español", English in French "anglais", German in German
// "Deutsch". It falls back to the English name, then to the tag itself.
func DisplayName(lang, in language.Tag) string {
	if n := display.Tags(in).Name(lang); n != "" {
		return n
	}
	if n := display.English.Tags().Name(lang); n != "" {
		return n
	}
	return lang.String()
}

// LanguageName is DisplayName of lang's base language only: the name a
// sentence such as "translated from English" wants, whatever region or
// script the tag names (en-US in French is "anglais").
func LanguageName(lang, in language.Tag) string {
	b, _ := lang.Base()
	return DisplayName(language.Make(b.String()), in)
}

// FormatInt writes n as lang writes numbers: 1,234,567 in English,
// 1.234.567 in German, 1 234 567 (no-break spaces) in French.
func FormatInt(lang language.Tag, n int) string {
	return message.NewPrinter(lang).Sprintf("%d", n)
}
