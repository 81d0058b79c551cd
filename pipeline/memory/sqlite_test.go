package memory

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func openTest(t testing.TB) *SQLite {
	t.Helper()
	s, err := OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "tm.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func key(src string) Key {
	return Key{Source: src, SourceLang: "en", TargetLang: "es", Engine: "pseudo@abc"}
}

func TestSQLiteReplaceAndPersist(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "tm.db")
	s, err := OpenSQLite(ctx, path)
	require.NoError(t, err)
	require.NoError(t, s.Store(ctx, key("A."), Entry{Target: "1", Origin: OriginMachine}))
	require.NoError(t, s.Store(ctx, key("A."), Entry{Target: "2", Origin: OriginMachine}))
	require.NoError(t, s.Store(ctx, key("A."), Entry{Target: "H", Origin: OriginHuman}))
	require.NoError(t, s.Store(ctx, key("A."), Entry{Target: "3", Origin: OriginMachine}))
	require.NoError(t, s.Close())

	s, err = OpenSQLite(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	n, err := s.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, n, "one machine and one human row")
	e, ok, err := s.Lookup(ctx, key("A."))
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, Entry{Target: "H", Origin: OriginHuman}, e)
	var got []Record
	require.NoError(t, s.Each(ctx, func(r Record) error { got = append(got, r); return nil }))
	require.Len(t, got, 2)
	assert.Equal(t, "", got[0].Engine, "human rows keep no engine")
	assert.Equal(t, "3", got[1].Target)
}

func BenchmarkLookup(b *testing.B) {
	ctx := context.Background()
	s := openTest(b)
	m := NewMap()
	var recs []Record
	for i := range 2000 {
		r := Record{Key: key(fmt.Sprintf("Sentence number %d of the corpus.", i)), Entry: Entry{Target: "x", Origin: OriginMachine}}
		recs = append(recs, r)
		_ = m.Store(ctx, r.Key, r.Entry)
	}
	require.NoError(b, s.StoreAll(ctx, recs))
	for _, bc := range []struct {
		name string
		tm   interface {
			Lookup(context.Context, Key) (Entry, bool, error)
		}
	}{{"map-baseline", m}, {"sqlite", s}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, ok, _ := bc.tm.Lookup(ctx, recs[i%len(recs)].Key); !ok {
					b.Fatal("miss")
				}
				i++
			}
		})
	}
}

// Engines are numbered in the file: another handle (another process)
// reads their names, the empty name included.
func TestSQLiteEnginesShared(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tm.db")
	a, err := OpenSQLite(ctx, path)
	require.NoError(t, err)
	defer a.Close()
	b, err := OpenSQLite(ctx, path)
	require.NoError(t, err)
	defer b.Close()
	engines := []string{"", "pseudo@abc", "apertium@1", "deepl@x"}
	for i, e := range engines {
		k := key("Shared.")
		k.Engine = e
		require.NoError(t, a.Store(ctx, k, Entry{Target: fmt.Sprint(i), Origin: OriginMachine}))
	}
	require.NoError(t, a.Flush(ctx))
	for i, e := range engines {
		k := key("Shared.")
		k.Engine = e
		got, ok, err := b.Lookup(ctx, k)
		require.NoError(t, err)
		require.True(t, ok, "engine %q", e)
		assert.Equal(t, fmt.Sprint(i), got.Target, "engine %q", e)
	}
	var seen []string
	require.NoError(t, b.Each(ctx, func(r Record) error { seen = append(seen, r.Engine); return nil }))
	assert.ElementsMatch(t, engines, seen)
}

// A lookup on a memory another process wrote (this handle knows none of
// its engines yet) needs one reader at a time: with every reader but one
// taken, it still finishes. (It once held its rows open while it read the
// engine names, and workers holding every reader waited on each other.)
func TestSQLiteLookupNeedsOneReader(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tm.db")
	w, err := OpenSQLite(ctx, path)
	require.NoError(t, err)
	require.NoError(t, w.Store(ctx, key("Elsewhere."), Entry{Target: "En otro sitio.", Origin: OriginMachine}))
	require.NoError(t, w.Close())

	s, err := OpenSQLite(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	for range readers - 1 {
		c, err := s.r.Conn(ctx)
		require.NoError(t, err)
		defer c.Close()
	}
	tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	e, ok, err := s.Lookup(tctx, key("Elsewhere."))
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, "En otro sitio.", e.Target)
}
