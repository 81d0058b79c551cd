// Package locales holds what makes an edition read as if it were written for
// its locale, beyond translated sentences. Its data is embedded in the binary
// (Data) as plain files, so that a user adds a language by adding files, not
// Go code: see data/README.md.
//
// # Messages
//
// The sentences locpipe itself adds to an edition (the machine-translation
// notice, "updated" lines, review status) and the command line's own
// messages (the run summary, the error prefix) are go-i18n v2 message
// files, data/messages/<tag>.toml (or .yaml, .json), one per locale, with
// the CLDR plural forms of the language. DefaultBundle loads them;
// NewLocalizer picks a locale from BCP 47 tags or POSIX locale names
// (LangFromEnv reads LC_ALL, LC_MESSAGES and LANG); Localizer.T and
// Localizer.N write a message, N with a count written as the locale writes
// numbers (FormatInt, golang.org/x/text/message).
//
// # Matching
//
// Matcher chooses the data for a language: the tag itself, then its CLDR
// parents (pt-BR → pt), then the explicit fallbacks of data/fallbacks.yaml,
// then golang.org/x/text/language.Matcher restricted to the same base
// language. Unlike language.Matcher alone, it never serves Russian to a
// Belarusian reader unless a fallback says so.
//
// # Typography
//
// The typography tables (data/typography/<tag>.yaml): each locale's
// quotation marks by nesting level, its apostrophe and its spaces before
// punctuation, as TypographyRules, read and checked by
// LoadTypographyTable. Package pipeline/typography applies them.
//
// # Notices
//
// NoticeText writes the machine-translation notice in the edition's
// language, naming the source language in it (DisplayName: Spanish in
// Spanish is "español"), with the review status and date when given.
// Where the notice goes in an edition is the format's business
// (format.PlaceNotice).
package locales
