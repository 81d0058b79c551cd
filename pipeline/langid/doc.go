// Package langid identifies whether a text is still in the source language
// of a translation: the one home of that verdict, used by the pipeline (a
// segment an engine gave back in the source language failed) and by check
// (the untranslated rule).
package langid
