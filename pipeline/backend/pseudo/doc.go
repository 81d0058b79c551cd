// Package pseudo is the built-in pseudo-localization engine. It needs no
// network and no model, and it shows at a glance what a pipeline did: every
// letter accented (Kyiv → Ķýîv), the text about 30% longer (padding that
// exposes layouts that cannot grow), and brackets around each segment (so
// truncation and concatenation show). Placeholders (inline codes, protected
// terms), digits, URLs and e-mail addresses pass through unchanged. The same
// input always gives the same output.
package pseudo
