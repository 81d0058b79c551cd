// Package langid decides whether a text is still in the source language of
// a translation: the one home of that verdict (Judge), used by the pipeline
// (a segment an engine gave back in the source language failed:
// Untranslated) and by check (the untranslated rule). It weighs identity
// with the source, the script, the letters of the two alphabets (locales
// letters data) and language identification (internal/whatlang, a port of
// whatlanggo, with a whitelist of the two languages and a confidence that
// grows as the text shortens).
package langid
