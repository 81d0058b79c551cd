// Package po reads and writes gettext PO files, the format Weblate, Pontoon
// and most translation platforms speak, and converts between them and the
// review model of package xliff: one PO file per document and locale, one
// entry per segment with msgctxt the segment id (sentences repeat within an
// article), inline codes as placeholders (<cN>…</cM> around marked-up text,
// <cN/> for a standalone code), the glossary terms as "#." comments and
// machine translations flagged fuzzy.
//
// Parse reads any PO file (header charset, multi-line strings, C escapes,
// plurals, obsolete entries) and reports every syntax error with its line;
// Encode writes what msgfmt -c accepts. No maintained Go library does both
// with line numbers, so this package does.
package po
