package memory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

// SQLite is a translation memory in one SQLite file (WAL mode). It is safe
// for concurrent use by the pipeline's workers: reads go through a small
// pool, every write through a single connection, and other processes
// writing the same file (shards on one machine) wait on busy_timeout.
type SQLite struct {
	path string
	r, w *sql.DB
}

const schema = `
CREATE TABLE IF NOT EXISTS tm (
	source_norm TEXT NOT NULL,
	source      TEXT NOT NULL,
	source_lang TEXT NOT NULL,
	target_lang TEXT NOT NULL,
	engine      TEXT NOT NULL,
	glossary    TEXT NOT NULL,
	prev        TEXT NOT NULL,
	next        TEXT NOT NULL,
	origin      TEXT NOT NULL,
	target      TEXT NOT NULL,
	changed     INTEGER NOT NULL,
	PRIMARY KEY (source_norm, source_lang, target_lang, origin, engine, glossary, prev, next)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
INSERT OR IGNORE INTO meta(k, v) VALUES ('schema', '1');
`

// OpenSQLite opens (creating it if needed) the memory in the file at path.
func OpenSQLite(ctx context.Context, path string) (*SQLite, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("memory: %w", err)
		}
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	w, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("memory: %s: %w", path, err)
	}
	w.SetMaxOpenConns(1) // one writer
	if _, err := w.ExecContext(ctx, schema); err != nil {
		w.Close()
		return nil, fmt.Errorf("memory: %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", dsn)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("memory: %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	return &SQLite{path: path, r: r, w: w}, nil
}

// Path returns the file the memory lives in.
func (s *SQLite) Path() string { return s.path }

// Close closes the database.
func (s *SQLite) Close() error {
	return errors.Join(s.r.Close(), s.w.Close())
}

// Lookup returns the best stored translation of k: a human one if any
// (whatever the engine), else a machine one of the same engine, settings and
// glossary; among those, one seen between the same neighbours first.
func (s *SQLite) Lookup(ctx context.Context, k Key) (Entry, bool, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT source, source_lang, target_lang, engine, glossary, prev, next, origin, target, changed
		FROM tm WHERE source_norm = ?`, Normalize(k.Source))
	if err != nil {
		return Entry{}, false, fmt.Errorf("memory: %s: lookup: %w", s.path, err)
	}
	defer rows.Close()
	var best candidate
	bestScore := -1
	for rows.Next() {
		var c candidate
		var changed int64
		if err := rows.Scan(&c.Source, &c.SourceLang, &c.TargetLang, &c.Engine, &c.Glossary, &c.Prev, &c.Next, &c.Origin, &c.Target, &changed); err != nil {
			return Entry{}, false, fmt.Errorf("memory: %s: lookup: %w", s.path, err)
		}
		c.Changed = time.Unix(0, changed).UTC()
		sc, ok := c.score(k)
		if !ok {
			continue
		}
		if sc > bestScore || (sc == bestScore && c.Changed.After(best.Changed)) {
			best, bestScore = c, sc
		}
	}
	if err := rows.Err(); err != nil {
		return Entry{}, false, fmt.Errorf("memory: %s: lookup: %w", s.path, err)
	}
	if bestScore < 0 {
		return Entry{}, false, nil
	}
	return best.Entry, true, nil
}

// Store records a translation of k. A human entry is stored for any engine
// and glossary (those fields are cleared); storing again under the same
// key and context replaces the translation.
func (s *SQLite) Store(ctx context.Context, k Key, e Entry) error {
	return s.StoreAll(ctx, []Record{{Key: k, Entry: e}})
}

// StoreAll records many translations in one transaction (imports).
func (s *SQLite) StoreAll(ctx context.Context, recs []Record) error {
	if len(recs) == 0 {
		return nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("memory: %s: %w", s.path, err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT INTO tm(source_norm, source, source_lang, target_lang, engine, glossary, prev, next, origin, target, changed)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO UPDATE SET source = excluded.source, target = excluded.target, changed = excluded.changed`)
	if err != nil {
		return fmt.Errorf("memory: %s: %w", s.path, err)
	}
	defer st.Close()
	now := time.Now().UTC()
	for _, r := range recs {
		if err := validEntry(r); err != nil {
			return err
		}
		engine, gfp := r.Engine, r.Glossary
		if r.Origin == OriginHuman {
			engine, gfp = "", ""
		}
		changed := r.Changed
		if changed.IsZero() {
			changed = now
		}
		if _, err := st.ExecContext(ctx, Normalize(r.Source), r.Source, r.SourceLang, r.TargetLang, engine, gfp,
			Normalize(r.Prev), Normalize(r.Next), r.Origin, r.Target, changed.UnixNano()); err != nil {
			return fmt.Errorf("memory: %s: store %q: %w", s.path, abbrev(r.Source), err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("memory: %s: %w", s.path, err)
	}
	return nil
}

// ErrInvalidEntry is wrapped when an entry cannot be stored.
var ErrInvalidEntry = errors.New("memory: invalid entry")

func validEntry(r Record) error {
	switch {
	case r.Origin != OriginHuman && r.Origin != OriginMachine:
		return fmt.Errorf("%w: origin %q (want %q or %q)", ErrInvalidEntry, r.Origin, OriginHuman, OriginMachine)
	case Normalize(r.Source) == "":
		return fmt.Errorf("%w: empty source", ErrInvalidEntry)
	case r.SourceLang == "" || r.TargetLang == "":
		return fmt.Errorf("%w: %q: no language pair", ErrInvalidEntry, abbrev(r.Source))
	}
	return nil
}

func abbrev(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// Len returns the number of stored entries.
func (s *SQLite) Len(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM tm`).Scan(&n); err != nil {
		return 0, fmt.Errorf("memory: %s: %w", s.path, err)
	}
	return n, nil
}

// Each calls fn with every stored entry, ordered by source language,
// source and target language, until fn returns an error.
func (s *SQLite) Each(ctx context.Context, fn func(Record) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT source, source_lang, target_lang, engine, glossary, prev, next, origin, target, changed
		FROM tm ORDER BY source_lang, source_norm, target_lang, origin, engine, prev, next`)
	if err != nil {
		return fmt.Errorf("memory: %s: %w", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var r Record
		var changed int64
		if err := rows.Scan(&r.Source, &r.SourceLang, &r.TargetLang, &r.Engine, &r.Glossary, &r.Prev, &r.Next, &r.Origin, &r.Target, &changed); err != nil {
			return fmt.Errorf("memory: %s: %w", s.path, err)
		}
		r.Changed = time.Unix(0, changed).UTC()
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}
