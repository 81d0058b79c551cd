package memory

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/internal/memlegacy"
)

// testdata/schema1.db was written by the previous release (schema 1: rows
// keyed by the whole texts and the glossary fingerprint). Opening it
// migrates it in place: every translation still serves its sentence.
func TestMigrateSchema1(t *testing.T) {
	ctx := context.Background()
	path := copyFixture(t, "schema1.db")
	s, err := OpenSQLite(ctx, path)
	require.NoError(t, err)
	n, err := s.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, 4, n, "two machine rows of one sentence under two glossaries become one")
	tests := []struct {
		name string
		key  Key
		want string
	}{
		{"machine, any glossary, the newest wins", Key{Source: "The army advanced.", SourceLang: "en", TargetLang: "es", Engine: "pseudo"}, "[Ŧĥé àŕḿý àðṽàñçéð!]"},
		{"machine, terms unknown serve any terms", Key{Source: "Trains run from \U000F0000 to \U000F0001 again.", Terms: []string{"Kiev", "Lviv"}, SourceLang: "en", TargetLang: "uk", Engine: "apertium@1a2b", Prev: "x", Next: "y"}, "Потяги знову курсують з \U000F0000 до \U000F0001."},
		{"machine, other engine", Key{Source: "The army advanced.", SourceLang: "en", TargetLang: "es", Engine: "deepl"}, ""},
		{"human, in context", Key{Source: "The talks \uE000resumed\uE001.", SourceLang: "en", TargetLang: "es", Engine: "pseudo", Prev: "Earlier sentence.", Next: "Later one."}, "Las conversaciones \uE000se reanudaron\uE001."},
		{"human, any engine", Key{Source: "Reviewed.", SourceLang: "en", TargetLang: "es", Engine: "libretranslate"}, "Revisado."},
	}
	for _, tc := range tests {
		e, ok, err := s.Lookup(ctx, tc.key)
		require.NoError(t, err, tc.name)
		if tc.want == "" {
			assert.False(t, ok, tc.name)
			continue
		}
		require.True(t, ok, tc.name)
		assert.Equal(t, tc.want, e.Target, tc.name)
	}
	var humans []Record
	require.NoError(t, s.Each(ctx, func(r Record) error {
		if r.Origin == OriginHuman && r.Prev != "" {
			humans = append(humans, r)
		}
		return nil
	}))
	require.Len(t, humans, 1)
	assert.Equal(t, "Earlier sentence.", humans[0].Prev, "a human entry keeps its neighbours' text for export")
	require.NoError(t, s.Close())

	// Opened again: schema 3, nothing migrated twice.
	s, err = OpenSQLite(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	var v string
	require.NoError(t, s.r.QueryRowContext(ctx, `SELECT v FROM meta WHERE k = 'schema'`).Scan(&v))
	assert.Equal(t, "3", v)
	n, err = s.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, 4, n)
}

// copyFixture copies testdata/name to a temporary file and returns its path.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "tm.db")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path
}

func tables(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		out = append(out, n)
	}
	require.NoError(t, rows.Err())
	return out
}

// testdata/schema2.db was written by the schema 2 code (see
// schema2Fixture). Opening it migrates it in place: every record is
// listed as it was stored, and serves its lookups.
func TestMigrateSchema2(t *testing.T) {
	ctx := context.Background()
	path := copyFixture(t, "schema2.db")
	s, err := OpenSQLite(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, []string{"meta", "tm3"}, tables(t, s.r), "tm2, sources and engines dropped")
	var got []Record
	require.NoError(t, s.Each(ctx, func(r Record) error { got = append(got, r); return nil }))
	want := make([]Record, len(schema2Fixture))
	for i, r := range schema2Fixture {
		r.Changed = time.Date(2026, 11, 1, 12, 0, i, 0, time.UTC)
		if r.Origin == OriginHuman {
			r.Engine = ""
		}
		want[i] = r
	}
	assert.ElementsMatch(t, want, got)
	for _, r := range want {
		e, ok, err := s.Lookup(ctx, r.Key)
		require.NoError(t, err)
		require.True(t, ok, r.Source)
		if r.Source == "Reviewed." {
			assert.Equal(t, "Revisado.", e.Target, "the human entry wins")
			continue
		}
		assert.Equal(t, r.Entry, e, r.Source)
	}
	_, ok, err := s.Lookup(ctx, Key{Source: "Trains run from \U000F0000 to \U000F0001 again.", Terms: []string{"Odesa", "Lviv"},
		SourceLang: "en", TargetLang: "uk", Engine: "apertium@1a2b"})
	require.NoError(t, err)
	assert.False(t, ok, "terms are still compared")
	n, err := s.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, len(want), n)
}

// A migration that fails leaves the file as it was: it runs in one
// transaction.
func TestMigrationIsAtomic(t *testing.T) {
	ctx := context.Background()
	path := copyFixture(t, "schema2.db")
	db, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO sources (hash, text) VALUES (x'00', 'Bad.');
		INSERT INTO tm2 (hash, source_lang, target_lang, origin, engine, terms, ctx, target, changed) VALUES (x'00', 'en', 'es', 0, 1, x'', x'', 'Malo.', 1)`)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	_, err = OpenSQLite(ctx, path)
	require.ErrorIs(t, err, errBadRow)

	db, err = sql.Open("sqlite", path)
	require.NoError(t, err)
	defer db.Close()
	assert.Equal(t, []string{"engines", "meta", "sources", "tm2"}, tables(t, db))
	var v string
	var n int
	require.NoError(t, db.QueryRow(`SELECT v FROM meta WHERE k = 'schema'`).Scan(&v))
	require.NoError(t, db.QueryRow(`SELECT count(*) FROM tm2`).Scan(&n))
	assert.Equal(t, "2", v)
	assert.Equal(t, len(schema2Fixture)+1, n)
}

func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tm.db")
	s, err := OpenSQLite(ctx, path)
	require.NoError(t, err)
	_, err = s.w.ExecContext(ctx, `UPDATE meta SET v = '9' WHERE k = 'schema'`)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	_, err = OpenSQLite(ctx, path)
	assert.ErrorIs(t, err, ErrNewerSchema)
}

// Group commit: stores are visible to lookups before their transaction,
// committed at GroupRows, after GroupDelay, or at Flush and Close.
func TestGroupCommit(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tm.db")
	s, err := OpenSQLite(ctx, path)
	require.NoError(t, err)
	other, err := OpenSQLite(ctx, path) // another process's view
	require.NoError(t, err)
	defer other.Close()
	require.NoError(t, s.Store(ctx, key("Queued."), Entry{Target: "En cola.", Origin: OriginMachine}))
	e, ok, err := s.Lookup(ctx, key("Queued."))
	require.NoError(t, err)
	require.True(t, ok, "visible at once to its own store")
	assert.Equal(t, "En cola.", e.Target)
	_, ok, err = other.Lookup(ctx, key("Queued."))
	require.NoError(t, err)
	assert.False(t, ok, "not committed yet")
	require.NoError(t, s.Flush(ctx))
	_, ok, err = other.Lookup(ctx, key("Queued."))
	require.NoError(t, err)
	assert.True(t, ok, "committed by Flush")

	for i := range GroupRows {
		require.NoError(t, s.Store(ctx, key("Row "+string(rune('a'+i%26))+string(rune('a'+i/26))+"."), Entry{Target: "x", Origin: OriginMachine}))
	}
	s.mu.Lock()
	queued := len(s.pending)
	s.mu.Unlock()
	assert.Zero(t, queued, "a full group is committed by the store that fills it")
	require.NoError(t, s.Store(ctx, key("Human."), Entry{Target: "Humano.", Origin: OriginHuman}))
	_, ok, err = other.Lookup(ctx, key("Human."))
	require.NoError(t, err)
	assert.True(t, ok, "a human translation is committed before Store returns")
	require.NoError(t, s.Close())
}

// A memory of several migration chunks: every entry is kept, those of one
// sentence across two chunks included.
func TestMigrateManyChunks(t *testing.T) {
	const sentences = 1500 // × 3 locales: more than two chunks
	locales := []string{"de", "es", "uk"}
	for _, version := range []int{1, 2} {
		t.Run(fmt.Sprintf("schema %d", version), func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "tm.db")
			db, err := sql.Open("sqlite", path)
			require.NoError(t, err)
			tx, err := db.Begin()
			require.NoError(t, err)
			_, err = tx.Exec(map[int]string{1: memlegacy.Schema1, 2: memlegacy.Schema2 + `
				INSERT INTO engines (id, name) VALUES (1, 'pseudo'), (2, 'apertium@1');`}[version])
			require.NoError(t, err)
			for i := range sentences {
				src := fmt.Sprintf("Sentence %d.", i)
				h := hashOf(src)
				if version == 2 {
					_, err = tx.Exec(`INSERT INTO sources VALUES (?, ?)`, h[:], src)
					require.NoError(t, err)
				}
				for j, l := range locales {
					if version == 1 {
						_, err = tx.Exec(`INSERT INTO tm VALUES (?, ?, 'en', ?, 'pseudo', 'g', 'P', 'N', 'machine', ?, ?)`, src, src, l, l+src, int64(i)*1e9)
					} else {
						_, err = tx.Exec(`INSERT INTO tm2 VALUES (?, 'en', ?, 0, ?, x'', x'', NULL, ?, NULL, NULL, ?)`, h[:], l, 1+j%2, l+src, int64(i)*1e9)
					}
					require.NoError(t, err)
				}
			}
			require.NoError(t, tx.Commit())
			require.NoError(t, db.Close())

			s, err := OpenSQLite(ctx, path)
			require.NoError(t, err)
			defer s.Close()
			n, err := s.Len(ctx)
			require.NoError(t, err)
			assert.Equal(t, sentences*len(locales), n)
			for _, i := range []int{0, 681, 682, 683, 1364, 1499} { // around the chunk ends (2048 rows)
				for j, l := range locales {
					engine := "pseudo"
					if version == 2 && j%2 == 1 {
						engine = "apertium@1"
					}
					src := fmt.Sprintf("Sentence %d.", i)
					e, ok, err := s.Lookup(ctx, Key{Source: src, SourceLang: "en", TargetLang: l, Engine: engine})
					require.NoError(t, err)
					require.True(t, ok, "%s %s", src, l)
					assert.Equal(t, l+src, e.Target)
				}
			}
		})
	}
}
