package memory

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testdata/schema1.db was written by the previous release (schema 1: rows
// keyed by the whole texts and the glossary fingerprint). Opening it
// migrates it in place: every translation still serves its sentence.
func TestMigrateSchema1(t *testing.T) {
	ctx := context.Background()
	data, err := os.ReadFile(filepath.Join("testdata", "schema1.db"))
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "tm.db")
	require.NoError(t, os.WriteFile(path, data, 0o644))

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

	// Opened again: schema 2, nothing migrated twice.
	s, err = OpenSQLite(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	var v string
	require.NoError(t, s.r.QueryRowContext(ctx, `SELECT v FROM meta WHERE k = 'schema'`).Scan(&v))
	assert.Equal(t, "2", v)
	n, err = s.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, 4, n)
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
