package memlegacy

// Schema1 creates the tables of schema 1 and records its version.
const Schema1 = `
CREATE TABLE tm (
	source_norm TEXT NOT NULL, source TEXT NOT NULL, source_lang TEXT NOT NULL, target_lang TEXT NOT NULL,
	engine TEXT NOT NULL, glossary TEXT NOT NULL, prev TEXT NOT NULL, next TEXT NOT NULL, origin TEXT NOT NULL,
	target TEXT NOT NULL, changed INTEGER NOT NULL,
	PRIMARY KEY (source_norm, source_lang, target_lang, origin, engine, glossary, prev, next)
) WITHOUT ROWID;
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
INSERT INTO meta (k, v) VALUES ('schema', '1');`

// Schema2 creates the tables of schema 2 and records its version.
const Schema2 = `
CREATE TABLE engines (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE sources (hash BLOB PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE tm2 (
	hash BLOB NOT NULL, source_lang TEXT NOT NULL, target_lang TEXT NOT NULL, origin INTEGER NOT NULL,
	engine INTEGER NOT NULL, terms BLOB NOT NULL, ctx BLOB NOT NULL, terms_text TEXT, target TEXT NOT NULL,
	prev TEXT, next TEXT, changed INTEGER NOT NULL,
	PRIMARY KEY (hash, source_lang, target_lang, origin, engine, terms, ctx)
) WITHOUT ROWID;
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
INSERT INTO meta (k, v) VALUES ('schema', '2');`
