package memory

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SchemaVersion is the layout OpenSQLite writes (meta k='schema'). Schema
// 1 (locpipe before the term-aware memory) keyed rows by the whole text of
// the sentence and its neighbours and by the glossary's fingerprint;
// schema 2 kept one row per translation (tm2) and the source texts apart
// (sources). Both are migrated in place on open.
const SchemaVersion = 3

// The schema: tm3 holds one row per sentence and source language (see
// sqlite_row.go for its value); meta holds the schema version (k
// 'schema', where locpipe has always looked for it, so that an older one
// refuses the file) and interns the engine names and settings the rows
// refer to by number (k 'engine:' and the name, v the number). Both are
// WITHOUT ROWID tables: no index beside them.
const schema3 = `
CREATE TABLE IF NOT EXISTS tm3 (key BLOB NOT NULL, lang TEXT NOT NULL, v BLOB NOT NULL, PRIMARY KEY (key, lang)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
`

// meta of schema 1 and 2 had a rowid (and an index on k); it is rebuilt.
const rebuildMeta = `
CREATE TABLE meta3 (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO meta3 (k, v) SELECT k, v FROM meta WHERE k NOT LIKE 'engine:%';
DROP TABLE meta;
ALTER TABLE meta3 RENAME TO meta;
`

// enginePrefix starts the meta key of an engine; enginesEnd sorts after
// every such key.
const (
	enginePrefix = "engine:"
	enginesEnd   = "engine;"
)

const (
	sqlLookup    = `SELECT lang, v FROM tm3 WHERE key = ?`
	sqlRowOf     = `SELECT v FROM tm3 WHERE key = ? AND lang = ?`
	sqlPutRow    = `INSERT INTO tm3 (key, lang, v) VALUES (?, ?, ?) ON CONFLICT (key, lang) DO UPDATE SET v = excluded.v`
	sqlEngines   = `SELECT substr(k, 8), CAST(v AS INTEGER) FROM meta WHERE k >= '` + enginePrefix + `' AND k < '` + enginesEnd + `'`
	sqlEngineID  = `SELECT CAST(v AS INTEGER) FROM meta WHERE k = '` + enginePrefix + `' || ?`
	sqlNewEngine = `INSERT INTO meta (k, v) SELECT '` + enginePrefix + `' || ?, count(*) + 1 FROM meta WHERE k >= '` + enginePrefix + `' AND k < '` + enginesEnd + `' RETURNING CAST(v AS INTEGER)`
)

// engineID returns the number of engine in tx, adding it if needed.
func engineID(ctx context.Context, tx *sql.Tx, engine string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, sqlEngineID, engine).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, sqlNewEngine, engine).Scan(&id)
	}
	return id, err
}

// ErrNewerSchema is returned for a memory written by a newer locpipe.
var ErrNewerSchema = errors.New("memory: the file was written by a newer locpipe (schema version above " + strconv.Itoa(SchemaVersion) + ")")

// row is one entry as Store queues it and migrations read it.
type row struct {
	hash       Hash
	sourceLang string
	targetLang string
	origin     string
	engine     string
	terms      string // JoinTerms of the terms handed over (machine)
	unknown    bool   // terms not recorded (schema 1): serves any terms
	source     string
	target     string
	prev, next string // normalized neighbours (human only)
	changed    int64  // Unix nanoseconds
}

// toRow converts a record; changed is used when the record has no time.
func toRow(r Record, now time.Time) row {
	rw := row{hash: SourceHash(r.Key), sourceLang: r.SourceLang, targetLang: r.TargetLang, origin: r.Origin,
		source: r.Source, target: r.Target}
	if r.Origin == OriginHuman {
		// A reviewer's translation serves every engine and whatever terms
		// were handed over; it is kept per context.
		rw.prev, rw.next = Normalize(r.Prev), Normalize(r.Next)
	} else {
		rw.engine = r.Engine
		rw.terms = JoinTerms(r.Terms)
	}
	changed := r.Changed
	if changed.IsZero() {
		changed = now
	}
	rw.changed = changed.UnixNano()
	return rw
}

// entry is r as an entry of its tm3 row, but for the engine's number
// (engines are numbered by writeRows).
func (r *row) entry() entry {
	return entry{targetLang: r.targetLang, human: r.origin == OriginHuman, unknown: r.unknown, terms: r.terms,
		prev: r.prev, next: r.next, target: r.target, changed: r.changed / int64(time.Second)}
}

// migrate creates schema 3, or converts a memory of schema 1 or 2 to it in
// one transaction (a crash leaves the old schema intact). It reports
// whether it converted one.
func migrate(ctx context.Context, w *sql.DB) (bool, error) {
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, schema3); err != nil {
		return false, err
	}
	var v string
	switch err := tx.QueryRowContext(ctx, `SELECT v FROM meta WHERE k = 'schema'`).Scan(&v); {
	case errors.Is(err, sql.ErrNoRows):
		v = ""
	case err != nil:
		return false, err
	}
	if n, err := strconv.Atoi(v); v != "" && (err != nil || n > SchemaVersion || n < 1) {
		return false, fmt.Errorf("%w (%s)", ErrNewerSchema, v)
	}
	has := func(table string) (bool, error) {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&n)
		return n > 0, err
	}
	hasV1, err := has("tm")
	if err != nil {
		return false, err
	}
	hasV2, err := has("tm2")
	if err != nil {
		return false, err
	}
	var metaSQL string
	if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).Scan(&metaSQL); err != nil {
		return false, err
	}
	oldMeta := !strings.Contains(strings.ToUpper(metaSQL), "WITHOUT ROWID")
	if v == strconv.Itoa(SchemaVersion) && !hasV1 && !hasV2 && !oldMeta {
		return false, tx.Commit()
	}
	if oldMeta {
		if _, err := tx.ExecContext(ctx, rebuildMeta); err != nil {
			return false, fmt.Errorf("rebuild meta: %w", err)
		}
	}
	var enc encoder
	var dec decoder
	if hasV1 {
		if err := migrate1(ctx, tx, &enc, &dec); err != nil {
			return false, fmt.Errorf("migrate schema 1 to %d: %w", SchemaVersion, err)
		}
	}
	if hasV2 {
		if err := migrate2(ctx, tx, &enc, &dec); err != nil {
			return false, fmt.Errorf("migrate schema 2 to %d: %w", SchemaVersion, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta(k, v) VALUES ('schema', ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v`, strconv.Itoa(SchemaVersion)); err != nil {
		return false, err
	}
	return hasV1 || hasV2, tx.Commit()
}

// migrateChunk is how many old rows a migration holds at once.
const migrateChunk = 2048

// copyChunks reads the rows of an old table a chunk at a time, in the
// order of its primary key pk (a column list), and merges them into tm3,
// so that a migration holds one chunk whatever the size of the memory.
// sel is the SELECT list and FROM clause; scan reads one row and returns
// it with the values of pk.
func copyChunks(ctx context.Context, tx *sql.Tx, sel, pk string, scan func(*sql.Rows) (row, []any, error), enc *encoder, dec *decoder) error {
	n := strings.Count(pk, ",") + 1
	cache := map[string]int64{}
	var cursor []any
	for {
		q := sel
		if cursor != nil {
			q += " WHERE (" + pk + ") > (?" + strings.Repeat(", ?", n-1) + ")"
		}
		q += " ORDER BY " + pk + " LIMIT " + strconv.Itoa(migrateChunk)
		rows, err := tx.QueryContext(ctx, q, cursor...)
		if err != nil {
			return err
		}
		var recs []row
		for rows.Next() {
			rw, key, err := scan(rows)
			if err != nil {
				rows.Close()
				return err
			}
			recs, cursor = append(recs, rw), key
		}
		if err := rows.Err(); err != nil {
			rows.Close()
			return err
		}
		rows.Close()
		if err := writeRows(ctx, tx, recs, cache, enc, dec); err != nil {
			return err
		}
		if len(recs) < migrateChunk {
			return nil
		}
	}
}

// migrate1 copies the rows of schema 1 into schema 3 and drops the old
// table. A machine row loses its glossary fingerprint and neighbours (its
// engine saw the sentence alone) and, as its terms were not recorded, is
// marked as serving any terms; rows that then collide keep the newest
// translation.
func migrate1(ctx context.Context, tx *sql.Tx, enc *encoder, dec *decoder) error {
	err := copyChunks(ctx, tx, `SELECT source_norm, glossary, source, source_lang, target_lang, engine, prev, next, origin, target, changed FROM tm`,
		`source_norm, source_lang, target_lang, origin, engine, glossary, prev, next`,
		func(rows *sql.Rows) (row, []any, error) {
			var norm, glossary, src, sl, tl, engine, prev, next, origin, target string
			var changed int64
			if err := rows.Scan(&norm, &glossary, &src, &sl, &tl, &engine, &prev, &next, &origin, &target, &changed); err != nil {
				return row{}, nil, err
			}
			r := Record{Key: Key{Source: src, SourceLang: sl, TargetLang: tl, Engine: engine, Prev: prev, Next: next},
				Entry: Entry{Target: target, Origin: origin}, Changed: time.Unix(0, changed)}
			rw := toRow(r, time.Time{})
			rw.unknown = origin == OriginMachine
			return rw, []any{norm, sl, tl, origin, engine, glossary, prev, next}, nil
		}, enc, dec)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `DROP TABLE tm`)
	return err
}

// migrate2 copies the rows of schema 2 into schema 3 and drops its tables
// (its engines are numbered again in meta).
func migrate2(ctx context.Context, tx *sql.Tx, enc *encoder, dec *decoder) error {
	err := copyChunks(ctx, tx, `SELECT t.hash, s.text, t.source_lang, t.target_lang, t.origin, t.engine, COALESCE(e.name, ''), t.terms, t.ctx,
		t.terms_text, t.target, t.prev, t.next, t.changed
		FROM tm2 t JOIN sources s ON s.hash = t.hash LEFT JOIN engines e ON e.id = t.engine`,
		`t.hash, t.source_lang, t.target_lang, t.origin, t.engine, t.terms, t.ctx`,
		func(rows *sql.Rows) (row, []any, error) {
			var rw row
			var hash, terms, cx []byte
			var origin, engine int64
			var termsText, prev, next sql.NullString
			if err := rows.Scan(&hash, &rw.source, &rw.sourceLang, &rw.targetLang, &origin, &engine, &rw.engine, &terms, &cx, &termsText,
				&rw.target, &prev, &next, &rw.changed); err != nil {
				return row{}, nil, err
			}
			if len(hash) != HashSize {
				return row{}, nil, fmt.Errorf("%w: a key of %d bytes in tm2", errBadRow, len(hash))
			}
			copy(rw.hash[:], hash)
			rw.origin = OriginMachine
			if origin == 1 {
				rw.origin = OriginHuman
				rw.engine = ""
				rw.prev, rw.next = prev.String, next.String
			} else {
				rw.terms = termsText.String
				rw.unknown = bytes.Equal(terms, UnknownTerms)
			}
			return rw, []any{hash, rw.sourceLang, rw.targetLang, origin, engine, terms, cx}, nil
		}, enc, dec)
	if err != nil {
		return err
	}
	for _, q := range []string{`DROP TABLE tm2`, `DROP TABLE sources`, `DROP TABLE engines`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// writeRows merges rows into their tm3 rows in tx: each row of tm3 that
// they touch is read, updated and written once. cache holds the known
// engine ids (new ones are added).
func writeRows(ctx context.Context, tx *sql.Tx, rows []row, cache map[string]int64, enc *encoder, dec *decoder) error {
	type rowKey struct {
		hash Hash
		lang string
	}
	groups := map[rowKey][]int{}
	var order []rowKey
	for i := range rows {
		k := rowKey{rows[i].hash, rows[i].sourceLang}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	get, err := tx.PrepareContext(ctx, sqlRowOf)
	if err != nil {
		return err
	}
	defer get.Close()
	put, err := tx.PrepareContext(ctx, sqlPutRow)
	if err != nil {
		return err
	}
	defer put.Close()
	for _, k := range order {
		var v []byte
		var source string
		var es []entry
		switch err := get.QueryRowContext(ctx, k.hash[:], k.lang).Scan(&v); {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		default:
			if source, es, err = dec.decode(v); err != nil {
				return fmt.Errorf("row %x %s: %w", k.hash, k.lang, err)
			}
		}
		for _, i := range groups[k] {
			r := &rows[i]
			if source == "" {
				source = r.source
			}
			e := r.entry()
			if !e.human {
				id, ok := cache[r.engine]
				if !ok {
					var err error
					if id, err = engineID(ctx, tx, r.engine); err != nil {
						return fmt.Errorf("store %q: engine %q: %w", abbrev(r.source), r.engine, err)
					}
					cache[r.engine] = id
				}
				e.engine = id
			}
			es = merge(es, e)
		}
		val, err := enc.encode(source, es)
		if err != nil {
			return fmt.Errorf("store %q: %w", abbrev(source), err)
		}
		if _, err := put.ExecContext(ctx, k.hash[:], k.lang, val); err != nil {
			return fmt.Errorf("store %q: %w", abbrev(source), err)
		}
	}
	return nil
}
