// Package memory is locpipe's translation memory: nothing is translated
// twice. A Key names a sentence in a language pair, engine and glossary;
// a store maps keys to translations.
package memory
