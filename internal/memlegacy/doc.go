// Package memlegacy holds, for tests, the layouts of the translation
// memory's SQLite file as earlier releases created them: schema 1 (rows
// keyed by the whole texts of the sentence and its neighbours and by the
// glossary's fingerprint, as in pipeline/memory/testdata/schema1.db) and
// schema 2 (one row per translation keyed by hashes, the source texts
// apart, as in pipeline/memory/testdata/schema2.db). The migration tests
// build old memories from them, and the size comparison of the README
// writes the same rows in each layout.
package memlegacy
