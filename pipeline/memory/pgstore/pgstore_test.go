package pgstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"

	"github.com/locpipe/locpipe/pipeline/memory"
	"github.com/locpipe/locpipe/pipeline/memory/pgstore/pgtest"
)

func open(t *testing.T, url string, opts Options) *Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := OpenOptions(ctx, url, opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// crash stops s as a killed process would: no more heartbeats, claims left
// behind.
func (s *Store) crash() {
	s.closed.Do(func() {
		s.stop()
		<-s.done
		s.pool.Close()
	})
}

func key(src string) memory.Key {
	return memory.Key{Source: src, SourceLang: "en", TargetLang: "de", Engine: "pseudo"}
}

func machine(t string) memory.Entry { return memory.Entry{Target: t, Origin: memory.OriginMachine} }
func human(t string) memory.Entry   { return memory.Entry{Target: t, Origin: memory.OriginHuman} }

func TestContextRanking(t *testing.T) {
	ctx := context.Background()
	s := open(t, pgtest.URL(t), Options{})
	a, b := key("Yes."), key("Yes.")
	a.Prev, b.Prev = "Do you agree?", "Is it raining?"
	require.NoError(t, s.Store(ctx, a, human("Ja.")))
	require.NoError(t, s.Store(ctx, b, human("Ja, es regnet.")))
	for _, k := range []memory.Key{a, b} {
		e, ok, err := s.Lookup(ctx, k)
		require.NoError(t, err)
		require.True(t, ok)
		want := map[string]string{a.Prev: "Ja.", b.Prev: "Ja, es regnet."}[k.Prev]
		assert.Equal(t, want, e.Target, "prev %q", k.Prev)
	}
}

func TestHumanWins(t *testing.T) {
	ctx := context.Background()
	s := open(t, pgtest.URL(t), Options{})
	k := key("Kyiv is the capital.")
	require.NoError(t, s.Store(ctx, k, machine("machine 1")))
	require.NoError(t, s.Store(ctx, k, human("Kyjiw ist die Hauptstadt.")))
	require.NoError(t, s.Store(ctx, k, machine("machine 2")), "a machine store after a human one")

	other := k
	other.Engine, other.Terms = "deepl@formal", []string{"Kyiv"}
	for _, k := range []memory.Key{k, other} {
		e, ok, err := s.Lookup(ctx, k)
		require.NoError(t, err)
		require.True(t, ok, "engine %s", k.Engine)
		assert.Equal(t, human("Kyjiw ist die Hauptstadt."), e, "engine %s", k.Engine)
	}
	n, err := s.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, n, "one machine entry (replaced), one human")
}

func TestInvalidEntry(t *testing.T) {
	ctx := context.Background()
	s := open(t, pgtest.URL(t), Options{})
	tests := []struct {
		name string
		k    memory.Key
		e    memory.Entry
	}{
		{"origin", key("A."), memory.Entry{Target: "B.", Origin: "robot"}},
		{"empty source", key("  "), machine("B.")},
		{"no target language", memory.Key{Source: "A.", SourceLang: "en"}, machine("B.")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Store(ctx, tt.k, tt.e)
			require.ErrorIs(t, err, memory.ErrInvalidEntry)
		})
	}
}

// Eight goroutines, each with its own Store (as eight shards), look up
// and store the same sentences in different orders: every sentence misses
// exactly once in total, and nothing stored is lost.
func TestConcurrentOwners(t *testing.T) {
	url := pgtest.URL(t)
	const owners, sentences = 8, 60
	stores := make([]*Store, owners)
	for i := range stores {
		stores[i] = open(t, url, Options{})
	}
	var misses [sentences]atomic.Int32
	g, ctx := errgroup.WithContext(context.Background())
	for i, s := range stores {
		order := rand.New(rand.NewPCG(uint64(i), 7)).Perm(sentences)
		g.Go(func() error {
			for _, n := range order {
				k := key(fmt.Sprintf("Sentence number %d.", n))
				e, ok, err := s.Lookup(ctx, k)
				if err != nil {
					return err
				}
				if ok {
					if want := fmt.Sprintf("Satz %d.", n); e.Target != want {
						return fmt.Errorf("sentence %d: got %q", n, e.Target)
					}
					continue
				}
				misses[n].Add(1)
				if err := s.Store(ctx, k, machine(fmt.Sprintf("Satz %d.", n))); err != nil {
					return err
				}
			}
			return nil
		})
	}
	require.NoError(t, g.Wait())
	var st Stats
	for n := range misses {
		assert.EqualValues(t, 1, misses[n].Load(), "sentence %d", n)
	}
	for _, s := range stores {
		x := s.Stats()
		st.Claims += x.Claims
		st.Waits += x.Waits
		st.Cycles += x.Cycles
	}
	assert.EqualValues(t, sentences, st.Claims)
	assert.Zero(t, st.Cycles, "no owner holds one claim while waiting for another")
	t.Logf("claims %d, waits %d", st.Claims, st.Waits)
	n, err := stores[0].Len(context.Background())
	require.NoError(t, err)
	assert.Equal(t, sentences, n)
}

// Eight goroutines sharing one Store: nothing is lost and nothing blocks.
func TestConcurrentOneStore(t *testing.T) {
	s := open(t, pgtest.URL(t), Options{})
	const workers, sentences = 8, 40
	g, ctx := errgroup.WithContext(context.Background())
	for w := range workers {
		g.Go(func() error {
			for i := range sentences {
				n := (i + w*5) % sentences
				k := key(fmt.Sprintf("Line %d.", n))
				if _, ok, err := s.Lookup(ctx, k); err != nil {
					return err
				} else if !ok {
					if err := s.Store(ctx, k, machine(fmt.Sprintf("Zeile %d.", n))); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	require.NoError(t, g.Wait())
	for n := range sentences {
		e, ok, err := s.Lookup(context.Background(), key(fmt.Sprintf("Line %d.", n)))
		require.NoError(t, err)
		require.True(t, ok, "line %d lost", n)
		assert.Equal(t, fmt.Sprintf("Zeile %d.", n), e.Target)
	}
}

// lookupAsync runs a Lookup in the background.
func lookupAsync(ctx context.Context, s *Store, k memory.Key) <-chan result {
	ch := make(chan result, 1)
	go func() {
		e, ok, err := s.Lookup(ctx, k)
		ch <- result{e, ok, err}
	}()
	return ch
}

type result struct {
	e   memory.Entry
	ok  bool
	err error
}

func waitFor(t *testing.T, ch <-chan result, within time.Duration) result {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(within):
		t.Fatalf("lookup still blocked after %s", within)
		return result{}
	}
}

// waiting blocks until s has started waiting.
func waiting(t *testing.T, s *Store) {
	t.Helper()
	require.Eventually(t, func() bool { return s.Stats().Waits > 0 }, 10*time.Second, 5*time.Millisecond)
}

func TestWaitForOtherOwner(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	a, b := open(t, url, Options{}), open(t, url, Options{})
	k := key("Shared sentence.")
	_, ok, err := a.Lookup(ctx, k)
	require.NoError(t, err)
	require.False(t, ok, "a claims it")

	ch := lookupAsync(ctx, b, k)
	waiting(t, b)
	require.NoError(t, a.Store(ctx, k, machine("Gemeinsamer Satz.")))
	r := waitFor(t, ch, 10*time.Second)
	require.NoError(t, r.err)
	require.True(t, r.ok)
	assert.Equal(t, "Gemeinsamer Satz.", r.e.Target)
	assert.Equal(t, Stats{Waits: 1, WaitHits: 1}, b.Stats())
	assert.Equal(t, Stats{Claims: 1}, a.Stats())
}

func TestSameOwnerDoesNotWait(t *testing.T) {
	ctx := context.Background()
	s := open(t, pgtest.URL(t), Options{})
	k := key("Repeated sentence.")
	for range 2 {
		_, ok, err := s.Lookup(ctx, k)
		require.NoError(t, err)
		require.False(t, ok)
	}
	assert.Equal(t, Stats{Claims: 1}, s.Stats())
}

func TestTakeoverFromCrashedOwner(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	lease := 600 * time.Millisecond
	a, b := open(t, url, Options{Lease: lease}), open(t, url, Options{Lease: lease, MaxPoll: 50 * time.Millisecond})
	k := key("Sentence of a crashed shard.")
	_, ok, err := a.Lookup(ctx, k)
	require.NoError(t, err)
	require.False(t, ok)
	a.crash()

	start := time.Now()
	r := waitFor(t, lookupAsync(ctx, b, k), 20*time.Second)
	require.NoError(t, r.err)
	assert.False(t, r.ok, "b takes the claim over and translates")
	assert.EqualValues(t, 1, b.Stats().Takeovers)
	t.Logf("taken over after %s (lease %s)", time.Since(start).Round(time.Millisecond), lease)

	require.NoError(t, b.Store(ctx, k, machine("Satz.")))
	e, ok, err := b.Lookup(ctx, k)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, "Satz.", e.Target)
}

func TestClaimTTLBoundsALiveOwner(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	a := open(t, url, Options{})
	b := open(t, url, Options{ClaimTTL: 500 * time.Millisecond, MaxPoll: 50 * time.Millisecond})
	k := key("A translation that failed.")
	_, _, err := a.Lookup(ctx, k)
	require.NoError(t, err)
	r := waitFor(t, lookupAsync(ctx, b, k), 20*time.Second)
	require.NoError(t, r.err)
	assert.False(t, r.ok)
	st := b.Stats()
	assert.EqualValues(t, 1, st.Takeovers)
	assert.LessOrEqual(t, st.Waits, int64(1), "it waited, unless the claim was already stale when b first saw it")
}

func TestReleaseAndClose(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	for _, how := range []string{"release", "close"} {
		t.Run(how, func(t *testing.T) {
			a, b := open(t, url, Options{}), open(t, url, Options{})
			k := key("Given up by " + how + ".")
			_, _, err := a.Lookup(ctx, k)
			require.NoError(t, err)
			ch := lookupAsync(ctx, b, k)
			waiting(t, b)
			if how == "release" {
				require.NoError(t, a.Release(ctx, k))
			} else {
				require.NoError(t, a.Close())
			}
			r := waitFor(t, ch, 10*time.Second)
			require.NoError(t, r.err)
			assert.False(t, r.ok)
			assert.Equal(t, Stats{Claims: 1, Waits: 1}, b.Stats(), "b claimed the released sentence")
		})
	}
}

// Shard A holds one sentence and waits for B's; B holds that one and asks
// for A's: one of them must not wait, or both would wait for the lease.
func TestWaitCycleIsBroken(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	url := pgtest.URL(t)
	a, b := open(t, url, Options{}), open(t, url, Options{})
	k1, k2 := key("First."), key("Second.")
	for _, c := range []struct {
		s *Store
		k memory.Key
	}{{a, k1}, {b, k2}} {
		_, ok, err := c.s.Lookup(ctx, c.k)
		require.NoError(t, err)
		require.False(t, ok)
	}
	chA := lookupAsync(ctx, a, k2)
	waiting(t, a)
	rB := waitFor(t, lookupAsync(ctx, b, k1), 10*time.Second)
	require.NoError(t, rB.err)
	assert.False(t, rB.ok, "b translates k1 itself rather than wait")
	assert.EqualValues(t, 1, b.Stats().Cycles)
	require.NoError(t, b.Store(ctx, k2, machine("Zweiter.")))
	rA := waitFor(t, chA, 10*time.Second)
	require.NoError(t, rA.err)
	assert.True(t, rA.ok)
	assert.Equal(t, "Zweiter.", rA.e.Target)
}

func TestWaitEndsWithContext(t *testing.T) {
	url := pgtest.URL(t)
	a, b := open(t, url, Options{}), open(t, url, Options{})
	k := key("Never stored.")
	_, _, err := a.Lookup(context.Background(), k)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, ok, err := b.Lookup(ctx, k)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.False(t, ok)
}

// Shards start together: every one creates the schema if needed.
func TestOpenConcurrently(t *testing.T) {
	url := pgtest.URL(t)
	var mu sync.Mutex
	var stores []*Store
	g, ctx := errgroup.WithContext(context.Background())
	for range 6 {
		g.Go(func() error {
			s, err := Open(ctx, url)
			if err != nil {
				return err
			}
			mu.Lock()
			stores = append(stores, s)
			mu.Unlock()
			return nil
		})
	}
	err := g.Wait()
	for _, s := range stores {
		require.NoError(t, s.Close())
	}
	require.NoError(t, err)
	require.Len(t, stores, 6)
}

// The connection URL's password never shows in an error. Needs no server:
// nothing listens on port 1.
func TestPasswordNeverShown(t *testing.T) {
	const secret = "s3cr3t-Pa55"
	tests := []struct{ name, url string }{
		{"refused", "postgres://locpipe:" + secret + "@127.0.0.1:1/db?sslmode=disable&connect_timeout=5"},
		{"bad option", "postgres://locpipe:" + secret + "@127.0.0.1:1/db?sslmode=bogus"},
		{"bad port", "postgres://locpipe:" + secret + "@127.0.0.1:port/db"},
		{"key=value", "host=127.0.0.1 port=1 user=locpipe password=" + secret + " dbname=db sslmode=disable connect_timeout=5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			s, err := Open(ctx, tt.url)
			if s != nil {
				s.Close()
			}
			require.Error(t, err)
			assert.NotContains(t, err.Error(), secret)
			assert.NotContains(t, fmt.Sprintf("%+v", err), secret)
			for e := err; e != nil; e = errors.Unwrap(e) {
				if strings.Contains(e.Error(), secret) {
					t.Log("a wrapped error holds the password; only the outer text is scrubbed")
					break
				}
			}
		})
	}
}

func TestSynchronousCommit(t *testing.T) {
	url := pgtest.URL(t)
	for _, tt := range []struct{ url, want string }{
		{url, "off"},
		{url + "&synchronous_commit=on", "on"},
	} {
		s := open(t, tt.url, Options{})
		var got string
		require.NoError(t, s.pool.QueryRow(context.Background(), "SHOW synchronous_commit").Scan(&got))
		assert.Equal(t, tt.want, got)
	}
}

// Imports: many records in one transaction, in several batches.
func TestStoreAllImport(t *testing.T) {
	ctx := context.Background()
	s := open(t, pgtest.URL(t), Options{})
	var recs []memory.Record
	for i := range 2500 {
		origin := memory.OriginMachine
		if i%10 == 0 {
			origin = memory.OriginHuman
		}
		recs = append(recs, memory.Record{Key: key(fmt.Sprintf("Imported sentence %d.", i)), Entry: memory.Entry{Target: fmt.Sprintf("Satz %d.", i), Origin: origin}})
	}
	start := time.Now()
	require.NoError(t, s.StoreAll(ctx, recs))
	t.Logf("%d records in %s", len(recs), time.Since(start).Round(time.Millisecond))
	n, err := s.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, len(recs), n)
	e, ok, err := s.Lookup(ctx, key("Imported sentence 2499."))
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, machine("Satz 2499."), e)

	// A bad record stores nothing.
	bad := []memory.Record{{Key: key("New one."), Entry: machine("Neu.")}, {Key: key("Bad one."), Entry: memory.Entry{Target: "x", Origin: "robot"}}}
	require.ErrorIs(t, s.StoreAll(ctx, bad), memory.ErrInvalidEntry)
	n, err = s.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, len(recs), n)
}
