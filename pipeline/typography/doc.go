// Package typography applies a locale's typography to translated text: the
// locale's quotation marks with proper nesting (“ ” and ‘ ’ in English,
// « » with narrow no-break spaces in French, „ “ in German, « » and „ “ in
// Ukrainian), its apostrophe, and its spaces before punctuation (French
// ; ! ? and :). It converts straight quotes and other locales' marks alike,
// never touches URLs, e-mail addresses or the inline-code marker runes that
// stand for markup (format.IsCodeRune), and is idempotent.
//
// The rules are data in package locales (locales.TypographyTable, from
// locales/data/typography/<tag>.yaml); Load turns a table into a
// Typography, Default uses the embedded one. Typography.Apply has the
// signature of pipeline.Options.Typography.
package typography
