package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/locpipe/locpipe/internal/memlegacy"
	"github.com/locpipe/locpipe/pipeline/memory"
)

// recorder passes a run's memory calls on and records its stores, for
// legacyBytes.
type recorder struct {
	Memory
	mu     sync.Mutex
	stores []memory.Record
}

func (r *recorder) Store(ctx context.Context, k memory.Key, e memory.Entry) error {
	r.mu.Lock()
	r.stores = append(r.stores, memory.Record{Key: k, Entry: e, Changed: time.Now()})
	r.mu.Unlock()
	return r.Memory.Store(ctx, k, e)
}

// The statements that wrote schema 1 and schema 2 rows (their layouts are
// memlegacy's).
const (
	legacyInsert1 = `INSERT INTO tm VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT DO UPDATE SET source = excluded.source, target = excluded.target, changed = excluded.changed`
	legacyInsert2 = `INSERT INTO tm2 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT DO UPDATE SET terms_text = excluded.terms_text, target = excluded.target, changed = excluded.changed`
	legacySource2 = `INSERT INTO sources (hash, text) VALUES (?, ?) ON CONFLICT DO NOTHING`
	legacyEngine2 = `INSERT INTO engines (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`
)

// legacyBytes writes stores (in their order, 512 a transaction, as group
// commit does) to a new file at path in the layout of schema 1 or 2, as
// a run with glossary fingerprint fp would have, and returns the file's
// bytes per row.
func legacyBytes(ctx context.Context, path string, version int, fp string, stores []memory.Record) (float64, error) {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ddl := map[int]string{1: memlegacy.Schema1, 2: memlegacy.Schema2}[version]
	if _, err := db.ExecContext(ctx, ddl); err != nil {
		return 0, err
	}
	engines := map[string]int64{}
	for i := 0; i < len(stores); i += 512 {
		if err := legacyWrite(ctx, db, version, fp, stores[i:min(i+512, len(stores))], engines); err != nil {
			return 0, fmt.Errorf("schema %d: %w", version, err)
		}
	}
	var rows int
	table := map[int]string{1: "tm", 2: "tm2"}[version]
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&rows); err != nil {
		return 0, err
	}
	if err := db.Close(); err != nil { // checkpoints the WAL
		return 0, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return float64(st.Size()) / float64(max(rows, 1)), nil
}

func legacyWrite(ctx context.Context, db *sql.DB, version int, fp string, recs []memory.Record, engines map[string]int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, r := range recs {
		n := memory.Normalize
		switch version {
		case 1:
			if _, err := tx.ExecContext(ctx, legacyInsert1, n(r.Source), r.Source, r.SourceLang, r.TargetLang, r.Engine, fp,
				n(r.Prev), n(r.Next), r.Origin, r.Target, r.Changed.UnixNano()); err != nil {
				return err
			}
		case 2:
			h := memory.SourceHash(r.Key)
			id, ok := engines[r.Engine]
			if !ok {
				if err := tx.QueryRowContext(ctx, legacyEngine2, r.Engine).Scan(&id); err != nil {
					return err
				}
				engines[r.Engine] = id
			}
			var termsText sql.NullString
			if len(r.Terms) > 0 {
				termsText = sql.NullString{String: memory.JoinTerms(r.Terms), Valid: true}
			}
			if _, err := tx.ExecContext(ctx, legacySource2, h[:], r.Source); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, legacyInsert2, h[:], r.SourceLang, r.TargetLang, 0, id, memory.TermsHash(r.Terms), []byte{},
				termsText, r.Target, nil, nil, r.Changed.UnixNano()); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}
