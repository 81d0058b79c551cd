package memory

import (
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
	bgErr    error            // of a background flush, reported by the next call
	engines  map[string]int64 // engine ids committed
	names    map[int64]string // engine names by id, as lookups found them

	wmu sync.Mutex // one flush at a time; guards enc
	enc encoder
	dec decoder
}

// readers is the size of the pool of reading connections.
const readers = 4

// Group commit bounds.
const (
	GroupRows  = 512
	GroupDelay = time.Second
)

// OpenSQLite opens (creating it if needed) the memory in the file at path,
// migrating a memory of schema 1 or 2 in place.
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
	// Page caches of 1 MB for the writer and 512 KB for each reader (SQLite's
	// default is 2 MB a connection): a run's lookups are mostly misses, and
	// what a cache does not hold the kernel's does; a bigger memory file
	// costs no more resident memory.
	w, err := sql.Open("sqlite", dsn+"&_txlock=immediate&_pragma=cache_size(-1024)")
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
		// Give the space of the old schema back: the file shrinks.
		if _, err := w.ExecContext(ctx, `VACUUM`); err != nil {
			w.Close()
			return nil, fmt.Errorf("memory: %s: vacuum after migration: %w", path, err)
		}
	}
	r, err := sql.Open("sqlite", dsn+"&_pragma=cache_size(-512)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("memory: %s: %w", path, err)
	}
	r.SetMaxOpenConns(readers)
	st, err := r.PrepareContext(ctx, sqlLookup)
	if err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("memory: %s: %w", path, err)
	}
	return &SQLite{path: path, r: r, w: w, lookup: st, engines: map[string]int64{}, names: map[int64]string{}}, nil
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
	terms := JoinTerms(k.Terms)
	prev, next := Normalize(k.Prev), Normalize(k.Next)
	var best Entry
	var bestChanged int64
	bestScore := -1
	consider := func(sl string, e *entry, engine string) {
		c := Candidate{SourceLang: sl, TargetLang: e.targetLang, Origin: OriginMachine, Engine: engine,
			SameTerms: e.unknown || e.terms == terms}
		if e.human {
			c.Origin = OriginHuman
			c.SamePrev, c.SameNext = e.prev == prev, e.next == next
		}
		sc, ok := Rank(k, c)
		if !ok {
			return
		}
		// Strictly newer: of two stored in the same second, the first
		// considered (the newest queued) wins.
		if sc > bestScore || (sc == bestScore && e.changed > bestChanged) {
			best, bestScore, bestChanged = Entry{Target: e.target, Origin: c.Origin}, sc, e.changed
		}
	}
	s.mu.Lock()
	if err := s.bgErr; err != nil {
		s.bgErr = nil
		s.mu.Unlock()
		return Entry{}, false, err
	}
	for _, q := range [][]row{s.pending, s.flushing} {
		for i := len(q) - 1; i >= 0; i-- {
			if r := &q[i]; r.hash == h {
				e := r.entry()
				consider(r.sourceLang, &e, r.engine)
			}
		}
	}
	s.mu.Unlock()
	found, err := s.rowsOf(ctx, h)
	if err != nil {
		return Entry{}, false, fmt.Errorf("memory: %s: lookup: %w", s.path, err)
	}
	// The rows are read and their connection back in the pool before
	// engine names are looked up (another query): workers holding every
	// reader would otherwise wait on each other.
	for _, f := range found {
		if langScore(k.SourceLang, f.lang) == 0 {
			continue
		}
		_, es, err := s.dec.decode(f.v)
		if err != nil {
			return Entry{}, false, fmt.Errorf("memory: %s: lookup %q: %w", s.path, abbrev(k.Source), err)
		}
		for i := range es {
			e := &es[i]
			var engine string
			if !e.human {
				if engine, err = s.engineName(ctx, e.engine); err != nil {
					return Entry{}, false, fmt.Errorf("memory: %s: lookup: %w", s.path, err)
				}
			}
			consider(f.lang, e, engine)
		}
	}
	if bestScore < 0 {
		return Entry{}, false, nil
	}
	return best, true, nil
}

// storedRow is a row of tm3 as a lookup reads it.
type storedRow struct {
	lang string
	v    []byte
}

// rowsOf reads the rows of the sentence hashed h (one per source
// language) and closes the query.
func (s *SQLite) rowsOf(ctx context.Context, h Hash) ([]storedRow, error) {
	rows, err := s.lookup.QueryContext(ctx, h[:])
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []storedRow
	for rows.Next() {
		var r storedRow
		if err := rows.Scan(&r.lang, &r.v); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// engineName returns the name of engine id: the engines are read from the
// file again when an unknown one is met (another process added it).
func (s *SQLite) engineName(ctx context.Context, id int64) (string, error) {
	s.mu.Lock()
	name, ok := s.names[id]
	s.mu.Unlock()
	if ok {
		return name, nil
	}
	names, err := s.readEngines(ctx)
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, name := range names {
		s.names[id] = name
	}
	if name, ok = names[id]; !ok {
		return "", fmt.Errorf("%w: no engine %d", errBadRow, id)
	}
	return name, nil
}

// readEngines reads the engine names by number.
func (s *SQLite) readEngines(ctx context.Context) (map[int64]string, error) {
	rows, err := s.r.QueryContext(ctx, sqlEngines)
	if err != nil {
		return nil, fmt.Errorf("engines: %w", err)
	}
	defer rows.Close()
	names := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&name, &id); err != nil {
			return nil, fmt.Errorf("engines: %w", err)
		}
		names[id] = name
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("engines: %w", err)
	}
	return names, nil
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

// write commits rows in one transaction (under wmu).
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
	if err := writeRows(ctx, tx, rows, cache, &s.enc, &s.dec); err != nil {
		return fmt.Errorf("memory: %s: %w", s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("memory: %s: %w", s.path, err)
	}
	s.mu.Lock()
	s.engines = cache
	for k, v := range cache {
		s.names[v] = k
	}
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
	rows, err := s.r.QueryContext(ctx, `SELECT v FROM tm3`)
	if err != nil {
		return 0, fmt.Errorf("memory: %s: %w", s.path, err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var v []byte
		if err := rows.Scan(&v); err != nil {
			return 0, fmt.Errorf("memory: %s: %w", s.path, err)
		}
		c, err := rowCount(v)
		if err != nil {
			return 0, fmt.Errorf("memory: %s: %w", s.path, err)
		}
		n += c
	}
	if err := rows.Err(); err != nil {
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
// sentence (by the hash of its text), target language, human first,
// engine and neighbours, until fn returns an error. Machine entries have no
// neighbours.
func (s *SQLite) Each(ctx context.Context, fn func(Record) error) error {
	if err := s.Flush(ctx); err != nil {
		return err
	}
	names, err := s.readEngines(ctx)
	if err != nil {
		return fmt.Errorf("memory: %s: %w", s.path, err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT lang, v FROM tm3 ORDER BY lang, key`)
	if err != nil {
		return fmt.Errorf("memory: %s: %w", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var sl string
		var v []byte
		if err := rows.Scan(&sl, &v); err != nil {
			return fmt.Errorf("memory: %s: %w", s.path, err)
		}
		source, es, err := s.dec.decode(v)
		if err != nil {
			return fmt.Errorf("memory: %s: %w", s.path, err)
		}
		for _, e := range es {
			r := Record{Key: Key{Source: source, Terms: SplitTerms(e.terms), SourceLang: sl, TargetLang: e.targetLang,
				Engine: names[e.engine], Prev: e.prev, Next: e.next},
				Entry: Entry{Target: e.target, Origin: OriginMachine}, Changed: time.Unix(e.changed, 0).UTC()}
			if e.human {
				r.Origin, r.Engine = OriginHuman, ""
			}
			if err := fn(r); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}
