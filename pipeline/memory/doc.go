// Package memory is locpipe's translation memory: nothing is translated
// twice.
//
// A Key names a sentence: its source text with glossary terms and inline
// codes as placeholders (as glossary.Protect and format write them), the
// source text handed over with each term placeholder, the language pair,
// the engine with its settings fingerprint, and the neighbouring
// sentences. An Entry is its translation and where it came from:
// OriginMachine (an engine) or OriginHuman (a reviewer, through XLIFF, or
// another tool's memory, through TMX).
//
// Map is the in-run memory the pipeline always has. SQLite is the
// persistent one, a single file (WAL mode, one writer connection, readers in
// a pool; other processes wait on busy_timeout), safe for the pipeline's
// concurrent workers, that keeps one row per sentence and source language
// holding all its translations in one compact value (schema 3,
// sqlite_row.go). Its Lookup takes a human entry over a machine one and
// lets it serve any engine, takes a machine entry only from the same engine
// and settings, sent the same terms, prefers an entry seen between the same
// neighbours (an in-context match), and lets "es" and "es-ES" serve each
// other (not "pt-BR" and "pt-PT").
//
// ReadTMX and WriteTMX move memories to and from other tools in TMX 1.4b;
// a Protector (glossary.Glossary.ProtectPair) keys a human translation pair
// the way the pipeline keys the sentence. The package knows nothing of the
// glossary itself.
package memory
