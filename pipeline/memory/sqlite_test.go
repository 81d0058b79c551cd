package memory

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"
)

func openTest(t testing.TB) *SQLite {
	t.Helper()
	s, err := OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "tm.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func key(src string) Key {
	return Key{Source: src, SourceLang: "en", TargetLang: "es", Engine: "pseudo@abc", Glossary: "sha256:1"}
}

func TestSQLiteLookup(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	ctxKey := func(src, prev, next string) Key { k := key(src); k.Prev, k.Next = prev, next; return k }
	other := key("Engine.")
	other.Engine = "apertium@1"
	require.NoError(t, s.StoreAll(ctx, []Record{
		{Key: key("Hello  world."), Entry: Entry{Target: "Hola mundo.", Origin: OriginMachine}},
		{Key: key("Reviewed."), Entry: Entry{Target: "machine", Origin: OriginMachine}},
		{Key: func() Key { k := key("Reviewed."); k.Engine = "deepl@x"; return k }(), Entry: Entry{Target: "Revisado.", Origin: OriginHuman}},
		{Key: ctxKey("Yes.", "A", "B"), Entry: Entry{Target: "Sí (A B).", Origin: OriginMachine}},
		{Key: ctxKey("Yes.", "C", "D"), Entry: Entry{Target: "Sí (C D).", Origin: OriginMachine}},
		{Key: other, Entry: Entry{Target: "Motor.", Origin: OriginMachine}},
		{Key: Key{Source: "Colour.", SourceLang: "en-GB", TargetLang: "pt-PT"}, Entry: Entry{Target: "Cor.", Origin: OriginHuman}},
		{Key: Key{Source: "Bus.", SourceLang: "en", TargetLang: "es-ES"}, Entry: Entry{Target: "Autobús.", Origin: OriginHuman}},
	}))
	tests := []struct {
		name string
		key  Key
		want string // "" for a miss
	}{
		{"exact", key("Hello world."), "Hola mundo."},
		{"white space normalised", key(" Hello\n world. "), "Hola mundo."},
		{"other text", key("Hello world!"), ""},
		{"other target", func() Key { k := key("Hello world."); k.TargetLang = "uk"; return k }(), ""},
		{"machine needs its engine", func() Key { k := key("Hello world."); k.Engine = "apertium@1"; return k }(), ""},
		{"machine needs its glossary", func() Key { k := key("Hello world."); k.Glossary = "none"; return k }(), ""},
		{"human beats machine", key("Reviewed."), "Revisado."},
		{"human serves any engine", func() Key { k := key("Reviewed."); k.Engine = "x"; k.Glossary = "y"; return k }(), "Revisado."},
		{"in context A B", ctxKey("Yes.", "A", "B"), "Sí (A B)."},
		{"in context C D", ctxKey("Yes.", "C", "D"), "Sí (C D)."},
		{"half context", ctxKey("Yes.", "Z", "D"), "Sí (C D)."},
		{"other engine stored", other, "Motor."},
		{"region to region differs", Key{Source: "Colour.", SourceLang: "en", TargetLang: "pt-BR"}, ""},
		{"regionless wants region", Key{Source: "Colour.", SourceLang: "en", TargetLang: "pt"}, "Cor."},
		{"region wants regionless", Key{Source: "Bus.", SourceLang: "en-US", TargetLang: "es"}, "Autobús."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, ok, err := s.Lookup(ctx, tc.key)
			require.NoError(t, err)
			if tc.want == "" {
				assert.False(t, ok, "unexpected hit %q", e.Target)
				return
			}
			require.True(t, ok)
			assert.Equal(t, tc.want, e.Target)
		})
	}
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

func TestSQLiteRejectsBadEntries(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	assert.ErrorIs(t, s.Store(ctx, key("A."), Entry{Target: "x", Origin: "robot"}), ErrInvalidEntry)
	assert.ErrorIs(t, s.Store(ctx, key("  "), Entry{Target: "x", Origin: OriginHuman}), ErrInvalidEntry)
	assert.ErrorIs(t, s.Store(ctx, Key{Source: "A"}, Entry{Target: "x", Origin: OriginHuman}), ErrInvalidEntry)
}

// TestSQLiteConcurrent: 8 workers storing and looking up at once lose
// nothing (run with -race).
func TestSQLiteConcurrent(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	const workers, each = 8, 150
	var g errgroup.Group
	for w := range workers {
		g.Go(func() error {
			for i := range each {
				k := key(fmt.Sprintf("Sentence %d of worker %d.", i, w))
				if err := s.Store(ctx, k, Entry{Target: fmt.Sprintf("t%d-%d", w, i), Origin: OriginMachine}); err != nil {
					return err
				}
				if _, ok, err := s.Lookup(ctx, key(fmt.Sprintf("Sentence %d of worker %d.", i/2, (w+1)%workers))); err != nil {
					return err
				} else {
					_ = ok
				}
			}
			return nil
		})
	}
	require.NoError(t, g.Wait())
	n, err := s.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, workers*each, n)
	for w := range workers {
		for i := range each {
			e, ok, err := s.Lookup(ctx, key(fmt.Sprintf("Sentence %d of worker %d.", i, w)))
			require.NoError(t, err)
			require.True(t, ok)
			require.Equal(t, fmt.Sprintf("t%d-%d", w, i), e.Target)
		}
	}
}

// Two stores on one file (two processes, e.g. shards) both write.
func TestSQLiteTwoHandles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tm.db")
	a, err := OpenSQLite(ctx, path)
	require.NoError(t, err)
	defer a.Close()
	b, err := OpenSQLite(ctx, path)
	require.NoError(t, err)
	defer b.Close()
	var wg sync.WaitGroup
	for i, s := range []*SQLite{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				assert.NoError(t, s.Store(ctx, key(fmt.Sprintf("%d/%d", i, j)), Entry{Target: "x", Origin: OriginMachine}))
			}
		}()
	}
	wg.Wait()
	n, err := a.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, 100, n)
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
