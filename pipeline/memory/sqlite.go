package memory

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

// SQLite is a translation memory in one SQLite file (WAL mode). It is safe
// for concurrent use by the pipeline's workers: reads go through a small
// pool, every write through a single connection, and other processes
// writing the same file (shards on one machine) wait on busy_timeout.
//
// Machine translations are committed in groups (group commit): Store
// queues the row, visible to Lookup at once, and one transaction writes
// GroupRows rows, or what is queued after GroupDelay, or what is left at
// Flush and Close. A process killed before that loses those rows, nothing
// else: the file stays consistent (SQLite's journal), and the sentences
// are translated again by the next run. Human translations and StoreAll
// (imports) are committed before they return.
type SQLite struct {
	path   string
	r, w   *sql.DB
	lookup *sql.Stmt

	mu       sync.Mutex
	pending  []row // queued, not yet in a transaction
	flushing []row // in the transaction being committed
	timer    *time.Timer
	bgErr    error      // of a background flush, reported by the next call
	wmu      sync.Mutex // one flush at a time
	engines  map[string]int64
}

// Group commit bounds.
const (
	GroupRows  = 512
	GroupDelay = time.Second
)

// SchemaVersion is the layout OpenSQLite writes (meta k='schema'). Schema
// 1 (locpipe before the term-aware memory) keyed rows by the whole text of
// the sentence and its neighbours and by the glossary's fingerprint; it is
// migrated in place on open.
const SchemaVersion = 2

// row is one entry as schema 2 stores it.
type row struct {
	hash       Hash
	sourceLang string
	targetLang string
	origin     string
	engine     string
	terms      []byte // TermsHash, or UnknownTerms
	ctx        []byte // prev and next ContextHash (human), or empty (machine)
	source     string
	termsText  sql.NullString
	target     string
	prev, next sql.NullString // human only
	changed    int64
}

// The schema. tm2 is keyed by the 16-byte hash of the normalized protected
// source, the language pair, the origin (0 machine, 1 human), the engine
// (an id in engines; 0 for human entries, which serve any), the hash of
// the terms handed over, and for human entries the hashes of the
// neighbours. The source text is kept once per hash in sources, whatever
// the number of languages and engines, for listing and export (the first
// of two spellings that normalize alike).
const schema2 = `
CREATE TABLE IF NOT EXISTS engines (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS sources (hash BLOB PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tm2 (
	hash        BLOB    NOT NULL,
	source_lang TEXT    NOT NULL,
	target_lang TEXT    NOT NULL,
	origin      INTEGER NOT NULL,
	engine      INTEGER NOT NULL,
	terms       BLOB    NOT NULL,
	ctx         BLOB    NOT NULL,
	terms_text  TEXT,
	target      TEXT    NOT NULL,
	prev        TEXT,
	next        TEXT,
	changed     INTEGER NOT NULL,
	PRIMARY KEY (hash, source_lang, target_lang, origin, engine, terms, ctx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
`

const (
	sqlLookup = `SELECT t.source_lang, t.target_lang, t.origin, COALESCE(e.name, ''), t.terms, t.ctx, t.target, t.changed
		FROM tm2 t LEFT JOIN engines e ON e.id = t.engine WHERE t.hash = ?`
	sqlInsert = `INSERT INTO tm2 (hash, source_lang, target_lang, origin, engine, terms, ctx, terms_text, target, prev, next, changed)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO UPDATE SET terms_text = excluded.terms_text, target = excluded.target,
			prev = excluded.prev, next = excluded.next, changed = excluded.changed
		WHERE excluded.changed >= tm2.changed`
	sqlInsertSource = `INSERT INTO sources (hash, text) VALUES (?, ?) ON CONFLICT DO NOTHING`
)

// OpenSQLite opens (creating it if needed) the memory in the file at path,
// migrating a memory of schema 1 in place.
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
	migrated, err := migrate(ctx, w)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("memory: %s: %w", path, err)
	}
	if migrated {
		// Give the space of schema 1 back: the file shrinks.
		if _, err := w.ExecContext(ctx, `VACUUM`); err != nil {
			w.Close()
			return nil, fmt.Errorf("memory: %s: vacuum after migration: %w", path, err)
		}
	}
	r, err := sql.Open("sqlite", dsn)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("memory: %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	st, err := r.PrepareContext(ctx, sqlLookup)
	if err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("memory: %s: %w", path, err)
	}
	return &SQLite{path: path, r: r, w: w, lookup: st, engines: map[string]int64{}}, nil
}

// ErrNewerSchema is returned for a memory written by a newer locpipe.
var ErrNewerSchema = errors.New("memory: the file was written by a newer locpipe (schema version above 2)")

// migrate creates schema 2, or converts a schema 1 memory to it in one
// transaction (a crash leaves schema 1 intact). It reports whether it
// converted one.
func migrate(ctx context.Context, w *sql.DB) (bool, error) {
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, schema2); err != nil {
		return false, err
	}
	var v string
	switch err := tx.QueryRowContext(ctx, `SELECT v FROM meta WHERE k = 'schema'`).Scan(&v); {
	case errors.Is(err, sql.ErrNoRows):
		v = ""
	case err != nil:
		return false, err
	}
	var hasV1 int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'tm'`).Scan(&hasV1); err != nil {
		return false, err
	}
	switch {
	case v == "2" && hasV1 == 0:
		return false, tx.Commit()
	case v != "" && v != "1" && v != "2":
		return false, fmt.Errorf("%w (%s)", ErrNewerSchema, v)
	}
	migrated := false
	if hasV1 == 1 {
		if err := migrate1(ctx, tx); err != nil {
			return false, fmt.Errorf("migrate schema 1 to 2: %w", err)
		}
		migrated = true
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta(k, v) VALUES ('schema', '2') ON CONFLICT (k) DO UPDATE SET v = excluded.v`); err != nil {
		return false, err
	}
	return migrated, tx.Commit()
}

// migrate1 copies the rows of schema 1 into schema 2 and drops the old
// table. A machine row loses its glossary fingerprint and neighbours (its
// engine saw the sentence alone) and, as its terms were not recorded, gets
// UnknownTerms; rows that then collide keep the newest translation.
func migrate1(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT source, source_lang, target_lang, engine, prev, next, origin, target, changed FROM tm`)
	if err != nil {
		return err
	}
	var recs []row
	for rows.Next() {
		var src, sl, tl, engine, prev, next, origin, target string
		var changed int64
		if err := rows.Scan(&src, &sl, &tl, &engine, &prev, &next, &origin, &target, &changed); err != nil {
			rows.Close()
			return err
		}
		r := Record{Key: Key{Source: src, SourceLang: sl, TargetLang: tl, Engine: engine, Prev: prev, Next: next},
			Entry: Entry{Target: target, Origin: origin}, Changed: time.Unix(0, changed)}
		rw := toRow(r, time.Time{})
		if origin == OriginMachine {
			rw.terms = UnknownTerms
		}
		recs = append(recs, rw)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	rows.Close()
	engines := map[string]int64{}
	if err := insertRows(ctx, tx, recs, engines); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `DROP TABLE tm`)
	return err
}

// toRow converts a record to schema 2; changed is used when the record
// has no time.
func toRow(r Record, now time.Time) row {
	rw := row{
		hash: SourceHash(r.Key), sourceLang: r.SourceLang, targetLang: r.TargetLang, origin: r.Origin,
		source: r.Source, target: r.Target, terms: TermsHash(r.Terms), ctx: []byte{},
	}
	if len(r.Terms) > 0 {
		rw.termsText = sql.NullString{String: JoinTerms(r.Terms), Valid: true}
	}
	if r.Origin == OriginHuman {
		// A reviewer's translation serves every engine and whatever terms
		// were handed over; it is kept per context.
		rw.terms = []byte{}
		rw.termsText = sql.NullString{}
		rw.ctx = append(ContextHash(r.Prev), ContextHash(r.Next)...)
		rw.prev = sql.NullString{String: Normalize(r.Prev), Valid: true}
		rw.next = sql.NullString{String: Normalize(r.Next), Valid: true}
	} else {
		rw.engine = r.Engine
	}
	changed := r.Changed
	if changed.IsZero() {
		changed = now
	}
	rw.changed = changed.UnixNano()
	return rw
}

// insertRows writes rows in tx, interning engine names (cache: known ids).
func insertRows(ctx context.Context, tx *sql.Tx, rows []row, cache map[string]int64) error {
	st, err := tx.PrepareContext(ctx, sqlInsert)
	if err != nil {
		return err
	}
	defer st.Close()
	ss, err := tx.PrepareContext(ctx, sqlInsertSource)
	if err != nil {
		return err
	}
	defer ss.Close()
	for i := range rows {
		r := &rows[i]
		var eid int64
		if r.engine != "" {
			id, ok := cache[r.engine]
			if !ok {
				if err := tx.QueryRowContext(ctx, `INSERT INTO engines(name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`, r.engine).Scan(&id); err != nil {
					return err
				}
				cache[r.engine] = id
			}
			eid = id
		}
		origin := 0
		if r.origin == OriginHuman {
			origin = 1
		}
		if _, err := ss.ExecContext(ctx, r.hash[:], r.source); err != nil {
			return fmt.Errorf("store %q: %w", abbrev(r.source), err)
		}
		if _, err := st.ExecContext(ctx, r.hash[:], r.sourceLang, r.targetLang, origin, eid, r.terms, r.ctx,
			r.termsText, r.target, r.prev, r.next, r.changed); err != nil {
			return fmt.Errorf("store %q: %w", abbrev(r.source), err)
		}
	}
	return nil
}

// Path returns the file the memory lives in.
func (s *SQLite) Path() string { return s.path }

// Close commits what is queued and closes the database.
func (s *SQLite) Close() error {
	err := s.Flush(context.Background())
	return errors.Join(err, s.lookup.Close(), s.r.Close(), s.w.Close())
}

// Lookup returns the best stored translation of k: a human one if any
// (whatever the engine), else a machine one of the same engine and
// settings that was sent the same terms; among human ones, one seen between
// the same neighbours first.
func (s *SQLite) Lookup(ctx context.Context, k Key) (Entry, bool, error) {
	h := SourceHash(k)
	terms := TermsHash(k.Terms)
	prev, next := ContextHash(k.Prev), ContextHash(k.Next)
	var best Entry
	var bestChanged int64
	bestScore := -1
	consider := func(sl, tl, origin, engine string, th, cx []byte, target string, changed int64) {
		c := Candidate{SourceLang: sl, TargetLang: tl, Origin: origin, Engine: engine,
			SameTerms: bytes.Equal(th, terms) || bytes.Equal(th, UnknownTerms)}
		if len(cx) == 2*ContextSize {
			c.SamePrev, c.SameNext = bytes.Equal(cx[:ContextSize], prev), bytes.Equal(cx[ContextSize:], next)
		}
		sc, ok := Rank(k, c)
		if !ok {
			return
		}
		if sc > bestScore || (sc == bestScore && changed > bestChanged) {
			best, bestScore, bestChanged = Entry{Target: target, Origin: origin}, sc, changed
		}
	}
	s.mu.Lock()
	if err := s.bgErr; err != nil {
		s.bgErr = nil
		s.mu.Unlock()
		return Entry{}, false, err
	}
	for _, q := range [][]row{s.pending, s.flushing} {
		for i := range q {
			if r := &q[i]; r.hash == h {
				consider(r.sourceLang, r.targetLang, r.origin, r.engine, r.terms, r.ctx, r.target, r.changed)
			}
		}
	}
	s.mu.Unlock()
	rows, err := s.lookup.QueryContext(ctx, h[:])
	if err != nil {
		return Entry{}, false, fmt.Errorf("memory: %s: lookup: %w", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var sl, tl, engine, target string
		var origin int
		var th, cx []byte
		var changed int64
		if err := rows.Scan(&sl, &tl, &origin, &engine, &th, &cx, &target, &changed); err != nil {
			return Entry{}, false, fmt.Errorf("memory: %s: lookup: %w", s.path, err)
		}
		o := OriginMachine
		if origin == 1 {
			o = OriginHuman
		}
		consider(sl, tl, o, engine, th, cx, target, changed)
	}
	if err := rows.Err(); err != nil {
		return Entry{}, false, fmt.Errorf("memory: %s: lookup: %w", s.path, err)
	}
	if bestScore < 0 {
		return Entry{}, false, nil
	}
	return best, true, nil
}

// Store records a translation of k. A machine translation is queued and
// committed with its group (see SQLite); a human one is committed at once.
// A human entry is stored for any engine (the field is cleared); storing
// again under the same key replaces the translation.
func (s *SQLite) Store(ctx context.Context, k Key, e Entry) error {
	r := Record{Key: k, Entry: e}
	if err := validEntry(r); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if e.Origin == OriginHuman {
		return s.StoreAll(ctx, []Record{r})
	}
	s.mu.Lock()
	if err := s.bgErr; err != nil {
		s.bgErr = nil
		s.mu.Unlock()
		return err
	}
	s.pending = append(s.pending, toRow(r, time.Now().UTC()))
	full := len(s.pending) >= GroupRows
	if !full && s.timer == nil {
		s.timer = time.AfterFunc(GroupDelay, func() {
			if err := s.Flush(context.Background()); err != nil {
				s.mu.Lock()
				s.bgErr = err
				s.mu.Unlock()
			}
		})
	}
	s.mu.Unlock()
	if full {
		return s.Flush(ctx)
	}
	return nil
}

// Flush commits the queued translations in one transaction.
func (s *SQLite) Flush(ctx context.Context) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.Lock()
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	s.flushing, s.pending = s.pending, nil
	batch := s.flushing
	s.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	err := s.write(ctx, batch)
	s.mu.Lock()
	s.flushing = nil
	if err != nil {
		// Keep them queued: the next flush tries again.
		s.pending = append(batch, s.pending...)
	}
	s.mu.Unlock()
	return err
}

// write commits rows in one transaction.
func (s *SQLite) write(ctx context.Context, rows []row) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("memory: %s: %w", s.path, err)
	}
	defer tx.Rollback()
	cache := map[string]int64{}
	s.mu.Lock()
	for k, v := range s.engines {
		cache[k] = v
	}
	s.mu.Unlock()
	if err := insertRows(ctx, tx, rows, cache); err != nil {
		return fmt.Errorf("memory: %s: %w", s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("memory: %s: %w", s.path, err)
	}
	s.mu.Lock()
	s.engines = cache
	s.mu.Unlock()
	return nil
}

// StoreAll records many translations in one transaction (imports), after
// what is queued.
func (s *SQLite) StoreAll(ctx context.Context, recs []Record) error {
	if len(recs) == 0 {
		return nil
	}
	now := time.Now().UTC()
	rows := make([]row, len(recs))
	for i, r := range recs {
		if err := validEntry(r); err != nil {
			return err
		}
		rows[i] = toRow(r, now)
	}
	if err := s.Flush(ctx); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.write(ctx, rows)
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

// Len returns the number of stored entries (committed or queued).
func (s *SQLite) Len(ctx context.Context) (int, error) {
	if err := s.Flush(ctx); err != nil {
		return 0, err
	}
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM tm2`).Scan(&n); err != nil {
		return 0, fmt.Errorf("memory: %s: %w", s.path, err)
	}
	return n, nil
}

// Stats describes the file: entries and bytes per entry.
type Stats struct {
	Entries  int
	Bytes    int64 // the database file (after a checkpoint of its WAL)
	PerEntry float64
}

// Stats commits what is queued, checkpoints the WAL and measures the file.
func (s *SQLite) Stats(ctx context.Context) (Stats, error) {
	n, err := s.Len(ctx)
	if err != nil {
		return Stats{}, err
	}
	if _, err := s.w.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return Stats{}, fmt.Errorf("memory: %s: %w", s.path, err)
	}
	st, err := os.Stat(s.path)
	if err != nil {
		return Stats{}, fmt.Errorf("memory: %w", err)
	}
	out := Stats{Entries: n, Bytes: st.Size()}
	if n > 0 {
		out.PerEntry = float64(out.Bytes) / float64(n)
	}
	return out, nil
}

// Each calls fn with every stored entry, ordered by source language,
// source and target language, until fn returns an error. Machine entries
// have no neighbours.
func (s *SQLite) Each(ctx context.Context, fn func(Record) error) error {
	if err := s.Flush(ctx); err != nil {
		return err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT s.text, t.terms_text, t.source_lang, t.target_lang, COALESCE(e.name, ''), t.prev, t.next, t.origin, t.target, t.changed
		FROM tm2 t JOIN sources s ON s.hash = t.hash LEFT JOIN engines e ON e.id = t.engine
		ORDER BY t.source_lang, s.text, t.target_lang, t.origin DESC, 5, t.prev, t.next`)
	if err != nil {
		return fmt.Errorf("memory: %s: %w", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var r Record
		var terms, prev, next sql.NullString
		var origin int
		var changed int64
		if err := rows.Scan(&r.Source, &terms, &r.SourceLang, &r.TargetLang, &r.Engine, &prev, &next, &origin, &r.Target, &changed); err != nil {
			return fmt.Errorf("memory: %s: %w", s.path, err)
		}
		r.Terms = SplitTerms(terms.String)
		r.Prev, r.Next = prev.String, next.String
		r.Origin = OriginMachine
		if origin == 1 {
			r.Origin = OriginHuman
		}
		r.Changed = time.Unix(0, changed).UTC()
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}
