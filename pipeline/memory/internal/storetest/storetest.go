// Package storetest is the suite every persistent translation memory
// passes (memory.SQLite, pgstore.Store): the lookup rules of the memory
// (exact and normalised text, engine and terms handed over for machine
// entries, kept once per sentence, human entries for every engine and
// in-context ranking among them, target regions),
// replacement, validation, listing, persistence across handles, concurrent
// use and cancellation. A store's test calls Run with a Factory.
package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"

	"github.com/locpipe/locpipe/pipeline/memory"
)

// Store is what the suite exercises.
type Store interface {
	Lookup(ctx context.Context, k memory.Key) (memory.Entry, bool, error)
	Store(ctx context.Context, k memory.Key, e memory.Entry) error
	StoreAll(ctx context.Context, recs []memory.Record) error
	Each(ctx context.Context, fn func(memory.Record) error) error
	Len(ctx context.Context) (int, error)
	// Flush commits what the store queued (group commit): other handles
	// see it.
	Flush(ctx context.Context) error
	Close() error
}

// Factory makes a new, empty memory for one test and returns a function
// that opens a handle on it: called again, it opens another handle on the
// same memory (a second process, or the same one later). Handles the test
// does not close are closed by the factory's cleanup.
type Factory func(t *testing.T) (open func(t *testing.T) Store)

// Run runs the suite.
func Run(t *testing.T, factory Factory) {
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, func(*testing.T) Store)
	}{
		{"Lookup", testLookup},
		{"Replace", testReplace},
		{"Invalid", testInvalid},
		{"EachAndLen", testEachAndLen},
		{"Persist", testPersist},
		{"TwoHandles", testTwoHandles},
		{"Concurrent", testConcurrent},
		{"Cancelled", testCancelled},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, factory(t)) })
	}
}

func key(src string) memory.Key {
	return memory.Key{Source: src, SourceLang: "en", TargetLang: "es", Engine: "pseudo@abc"}
}

func machine(t string) memory.Entry { return memory.Entry{Target: t, Origin: memory.OriginMachine} }
func human(t string) memory.Entry   { return memory.Entry{Target: t, Origin: memory.OriginHuman} }

func with(k memory.Key, f func(*memory.Key)) memory.Key { f(&k); return k }

func withTerms(src string, terms ...string) memory.Key {
	return with(key(src), func(k *memory.Key) { k.Terms = terms })
}

func testLookup(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	s := open(t)
	inContext := func(src, prev, next string) memory.Key {
		return with(key(src), func(k *memory.Key) { k.Prev, k.Next = prev, next })
	}
	other := with(key("Engine."), func(k *memory.Key) { k.Engine = "apertium@1" })
	require.NoError(t, s.StoreAll(ctx, []memory.Record{
		{Key: key("Hello  world."), Entry: machine("Hola mundo.")},
		{Key: key("Reviewed."), Entry: machine("machine")},
		{Key: with(key("Reviewed."), func(k *memory.Key) { k.Engine = "deepl@x" }), Entry: human("Revisado.")},
		{Key: inContext("Yes.", "A", "B"), Entry: human("Sí (A B).")},
		{Key: inContext("Yes.", "C", "D"), Entry: human("Sí (C D).")},
		{Key: inContext("No.", "A", "B"), Entry: machine("No (A B).")},
		{Key: inContext("No.", "C", "D"), Entry: machine("No (C D).")},
		{Key: withTerms("In \U000F0000.", "Kiev"), Entry: machine("En \U000F0000 (Kiev).")},
		{Key: withTerms("In \U000F0000.", "Kyiv"), Entry: machine("En \U000F0000 (Kyiv).")},
		{Key: other, Entry: machine("Motor.")},
		{Key: memory.Key{Source: "Colour.", SourceLang: "en-GB", TargetLang: "pt-PT"}, Entry: human("Cor.")},
		{Key: memory.Key{Source: "Bus.", SourceLang: "en", TargetLang: "es-ES"}, Entry: human("Autobús.")},
		{Key: memory.Key{Source: "The dam was\u00a0destroyed.", SourceLang: "en", TargetLang: "de", Engine: "pseudo"}, Entry: machine("Der Damm wurde zerstört.")},
	}))
	dam := memory.Key{Source: "The dam was destroyed.", SourceLang: "en", TargetLang: "de", Engine: "pseudo"}
	tests := []struct {
		name string
		key  memory.Key
		want string // "" for a miss
	}{
		{"exact", key("Hello world."), "Hola mundo."},
		{"white space normalised", key(" Hello\n world. "), "Hola mundo."},
		{"no-break space normalised", dam, "Der Damm wurde zerstört."},
		{"other text", key("Hello world!"), ""},
		{"other target", with(key("Hello world."), func(k *memory.Key) { k.TargetLang = "uk" }), ""},
		{"other source", with(key("Hello world."), func(k *memory.Key) { k.SourceLang = "uk" }), ""},
		{"machine needs its engine", with(key("Hello world."), func(k *memory.Key) { k.Engine = "apertium@1" }), ""},
		{"machine needs its settings", with(key("Hello world."), func(k *memory.Key) { k.Engine = "pseudo@v2" }), ""},
		{"machine needs its terms", withTerms("In \U000F0000.", "Odessa"), ""},
		{"machine with terms Kiev", withTerms("In \U000F0000.", "Kiev"), "En \U000F0000 (Kiev)."},
		{"machine with terms Kyiv", withTerms("In \U000F0000.", " Kyiv "), "En \U000F0000 (Kyiv)."},
		{"machine kept once per sentence", inContext("No.", "A", "B"), "No (C D)."},
		{"human beats machine", key("Reviewed."), "Revisado."},
		{"human serves any engine", with(key("Reviewed."), func(k *memory.Key) { k.Engine, k.Terms = "x", []string{"y"} }), "Revisado."},
		{"in context A B", inContext("Yes.", "A", "B"), "Sí (A B)."},
		{"in context C D", inContext("Yes.", "C", "D"), "Sí (C D)."},
		{"half context", inContext("Yes.", "Z", "D"), "Sí (C D)."},
		{"other neighbours", with(dam, func(k *memory.Key) { k.Prev = "Other." }), "Der Damm wurde zerstört."},
		{"other engine stored", other, "Motor."},
		{"target region fallback", with(dam, func(k *memory.Key) { k.TargetLang = "de-AT" }), "Der Damm wurde zerstört."},
		{"region to region differs", memory.Key{Source: "Colour.", SourceLang: "en", TargetLang: "pt-BR"}, ""},
		{"regionless wants region", memory.Key{Source: "Colour.", SourceLang: "en", TargetLang: "pt"}, "Cor."},
		{"region wants regionless", memory.Key{Source: "Bus.", SourceLang: "en-US", TargetLang: "es"}, "Autobús."},
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

// testReplace: a newer machine translation replaces an older one; a human
// one is never replaced by a machine one.
func testReplace(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	s := open(t)
	require.NoError(t, s.Store(ctx, key("A."), machine("1")))
	require.NoError(t, s.Store(ctx, key("A."), machine("2")))
	e, ok, err := s.Lookup(ctx, key("A."))
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, machine("2"), e)
	require.NoError(t, s.Store(ctx, key("A."), human("H")))
	require.NoError(t, s.Store(ctx, key("A."), machine("3")), "a machine store after a human one")
	e, ok, err = s.Lookup(ctx, key("A."))
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, human("H"), e)
	n, err := s.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, n, "one machine and one human entry")
}

func testInvalid(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	s := open(t)
	for name, r := range map[string]memory.Record{
		"bad origin":       {Key: key("A."), Entry: memory.Entry{Target: "x", Origin: "robot"}},
		"empty source":     {Key: key("  "), Entry: human("x")},
		"no language pair": {Key: memory.Key{Source: "A"}, Entry: human("x")},
	} {
		assert.ErrorIs(t, s.Store(ctx, r.Key, r.Entry), memory.ErrInvalidEntry, name)
		assert.ErrorIs(t, s.StoreAll(ctx, []memory.Record{{Key: key("Fine."), Entry: human("Bien.")}, r}), memory.ErrInvalidEntry, name)
	}
	n, err := s.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, 0, n, "a batch with a bad record stores nothing")
}

func testEachAndLen(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	s := open(t)
	var recs []memory.Record
	for i := range 30 {
		k := key(fmt.Sprintf("Sentence %02d.", i))
		k.Prev = fmt.Sprintf("Before %d.", i)
		recs = append(recs, memory.Record{Key: k, Entry: machine(fmt.Sprintf("Frase %02d.", i))})
	}
	recs = append(recs, memory.Record{Key: with(key("Sentence 00."), func(k *memory.Key) { k.Engine, k.Prev = "deepl", "Before 0." }), Entry: human("Frase cero.")})
	require.NoError(t, s.StoreAll(ctx, recs))
	n, err := s.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, len(recs), n)
	got := map[string]memory.Record{}
	require.NoError(t, s.Each(ctx, func(r memory.Record) error {
		got[r.Origin+"\x00"+r.Source] = r
		return nil
	}))
	require.Len(t, got, len(recs))
	r := got[memory.OriginMachine+"\x00Sentence 07."]
	assert.Equal(t, "Frase 07.", r.Target)
	assert.Empty(t, r.Prev, "a machine entry keeps no neighbours: the engine saw the sentence alone")
	assert.Equal(t, "pseudo@abc", r.Engine)
	assert.Equal(t, "es", r.TargetLang)
	assert.Equal(t, "Frase cero.", got[memory.OriginHuman+"\x00Sentence 00."].Target)
	assert.Equal(t, "Before 0.", got[memory.OriginHuman+"\x00Sentence 00."].Prev, "a human one keeps them")

	stop := fmt.Errorf("stop")
	calls := 0
	err = s.Each(ctx, func(memory.Record) error { calls++; return stop })
	assert.ErrorIs(t, err, stop, "an error from fn stops Each")
	assert.Equal(t, 1, calls)
}

func testPersist(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	s := open(t)
	require.NoError(t, s.Store(ctx, key("Kept."), human("Guardado.")))
	require.NoError(t, s.Close())
	s = open(t)
	e, ok, err := s.Lookup(ctx, key("Kept."))
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, human("Guardado."), e)
}

// testTwoHandles: two handles on one memory (two processes, e.g. shards)
// both write, and each sees what the other wrote.
func testTwoHandles(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	a, b := open(t), open(t)
	var g errgroup.Group
	for i, s := range []Store{a, b} {
		g.Go(func() error {
			for j := range 50 {
				if err := s.Store(ctx, key(fmt.Sprintf("%d/%d", i, j)), machine("x")); err != nil {
					return err
				}
			}
			return nil
		})
	}
	require.NoError(t, g.Wait())
	require.NoError(t, a.Flush(ctx))
	require.NoError(t, b.Flush(ctx))
	n, err := a.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, 100, n)
	e, ok, err := b.Lookup(ctx, key("0/49"))
	require.NoError(t, err)
	require.True(t, ok, "b sees what a wrote")
	assert.Equal(t, "x", e.Target)
}

// testConcurrent: workers storing and looking up at once lose nothing (run
// with -race).
func testConcurrent(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	s := open(t)
	const workers, each = 8, 60
	var g errgroup.Group
	for w := range workers {
		g.Go(func() error {
			for i := range each {
				if err := s.Store(ctx, key(fmt.Sprintf("Sentence %d of worker %d.", i, w)), machine(fmt.Sprintf("t%d-%d", w, i))); err != nil {
					return err
				}
				if _, _, err := s.Lookup(ctx, key(fmt.Sprintf("Sentence %d of worker %d.", i/2, w))); err != nil {
					return err
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

func testCancelled(t *testing.T, open func(*testing.T) Store) {
	s := open(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := s.Lookup(ctx, key("A."))
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, s.Store(ctx, key("A."), machine("x")), context.Canceled)
	assert.ErrorIs(t, s.StoreAll(ctx, []memory.Record{{Key: key("B."), Entry: machine("y")}}), context.Canceled)
}
