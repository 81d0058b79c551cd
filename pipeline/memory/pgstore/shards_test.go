package pgstore_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/memory"
	"github.com/locpipe/locpipe/pipeline/memory/pgstore"
	"github.com/locpipe/locpipe/pipeline/memory/pgstore/pgtest"
)

// What the commands need of a persistent memory (cmd/locpipe memoryStore).
var _ interface {
	pipeline.Memory
	memory.Lister
	StoreAll(context.Context, []memory.Record) error
	Close() error
} = (*pgstore.Store)(nil)

// counting is the pseudo engine, counting every segment it is sent. It is
// slow on purpose, so that two shards are in flight at the same moment.
type counting struct {
	mu    sync.Mutex
	sent  map[string]int
	delay time.Duration
}

func (c *counting) Translate(ctx context.Context, req backend.Request) ([]backend.Translation, error) {
	c.mu.Lock()
	for _, s := range req.Segments {
		c.sent[s.Text]++
	}
	c.mu.Unlock()
	select {
	case <-time.After(c.delay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return pseudo.Translator{}.Translate(ctx, req)
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
}

// The acceptance test of issue 9: two shards run at once against the
// shared memory; together they cover every file exactly once, and a
// sentence common to both is sent to the engine once.
func TestTwoShardsShareTheMemory(t *testing.T) {
	url := pgtest.URL(t)
	const shared = "The archive is translated by two machines at once."
	src, out := t.TempDir(), t.TempDir()
	var files []string
	for i := range 12 {
		rel := fmt.Sprintf("%02d/article-%02d.txt", i%3, i)
		text := fmt.Sprintf("Article %d opens here.\n\n%s\n\nArticle %d ends here.\n", i, shared, i)
		writeFile(t, filepath.Join(src, rel), text)
		files = append(files, rel)
	}
	eng := &counting{sent: map[string]int{}, delay: 150 * time.Millisecond}

	g, ctx := errgroup.WithContext(context.Background())
	sums := make([]*pipeline.Summary, 2)
	stats := make([]pgstore.Stats, 2)
	for i := range 2 {
		store, err := pgstore.Open(ctx, url)
		require.NoError(t, err)
		g.Go(func() error {
			defer store.Close()
			s, err := pipeline.Run(ctx, pipeline.Options{
				To:         []language.Tag{language.German},
				Backend:    "pseudo",
				Translator: eng,
				Memory:     store,
				Out:        out,
				// One file at a time within a shard: two files of one
				// process in flight with the same sentence both miss (the
				// memory cannot tell a repeat within one file, which must
				// not wait, from another file of the same process).
				Jobs:  1,
				Shard: pipeline.Shard{Index: i, Count: 2},
			}, []string{src})
			sums[i], stats[i] = s, store.Stats()
			return err
		})
	}
	require.NoError(t, g.Wait())

	assert.Equal(t, 1, eng.sent[shared], "the shared sentence reached the engine once")
	for text, n := range eng.sent {
		assert.Equal(t, 1, n, "sent %d times: %q", n, text)
	}
	assert.Len(t, eng.sent, 1+2*len(files), "every distinct sentence, once")

	// Each shard wrote its own manifest; together they hold every file once.
	seen := map[string]int{}
	for i, s := range sums {
		require.Empty(t, s.Errors, "shard %d", i)
		m := loadManifest(t, filepath.Join(out, fmt.Sprintf("locpipe-manifest.shard-%d-of-2.json", i)))
		assert.Len(t, m.Editions, s.Files, "shard %d", i)
		for _, e := range m.Editions {
			seen[e.Path]++
		}
		t.Logf("shard %d: %d files, %d memory hits, %d backend segments; claims %+v", i, s.Files, s.MemoryHits, s.BackendSegments, stats[i])
	}
	for _, f := range files {
		assert.Equal(t, 1, seen[f], "file %s", f)
		_, err := os.Stat(filepath.Join(out, "de", f))
		assert.NoError(t, err, "edition of %s", f)
	}
	assert.Len(t, seen, len(files))
	assert.Equal(t, len(files), sums[0].Files+sums[1].Files)
}

func loadManifest(t *testing.T, path string) *manifest.Manifest {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, manifest.FileName), data, 0o644))
	m, err := manifest.Load(dir)
	require.NoError(t, err)
	return m
}

// The same stores and lookups give the same answers from PostgreSQL as
// from the embedded SQLite store.
func TestSameAnswersAsSQLite(t *testing.T) {
	ctx := context.Background()
	pg, err := pgstore.Open(ctx, pgtest.URL(t))
	require.NoError(t, err)
	defer pg.Close()
	lite, err := memory.OpenSQLite(ctx, filepath.Join(t.TempDir(), "tm.db"))
	require.NoError(t, err)
	defer lite.Close()

	k := func(src, from, to, engine, terms, prev string) memory.Key {
		var ts []string
		if terms != "" {
			ts = []string{terms}
		}
		return memory.Key{Source: src, SourceLang: from, TargetLang: to, Engine: engine, Terms: ts, Prev: prev}
	}
	when := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	recs := []memory.Record{
		{Key: k("Kyiv is the capital.", "en", "de", "pseudo", "g1", ""), Entry: memory.Entry{Target: "M1", Origin: "machine"}, Changed: when},
		{Key: k("Kyiv  is the capital.", "en", "de", "apertium", "g1", ""), Entry: memory.Entry{Target: "M2", Origin: "machine"}, Changed: when},
		{Key: k("Kyiv is the capital.", "en", "de", "deepl", "g2", ""), Entry: memory.Entry{Target: "H1", Origin: "human"}, Changed: when},
		{Key: k("Yes.", "en", "es", "pseudo", "g1", "Do you agree?"), Entry: memory.Entry{Target: "Sí.", Origin: "human"}, Changed: when},
		{Key: k("Yes.", "en", "es", "pseudo", "g1", "Is it raining?"), Entry: memory.Entry{Target: "Sí, llueve.", Origin: "human"}, Changed: when.Add(time.Hour)},
		{Key: k("Good morning.", "en", "pt-BR", "pseudo", "g1", ""), Entry: memory.Entry{Target: "Bom dia (BR).", Origin: "machine"}, Changed: when},
		{Key: k("Good evening.", "en", "es-ES", "pseudo", "g1", ""), Entry: memory.Entry{Target: "Buenas tardes.", Origin: "machine"}, Changed: when},
	}
	require.NoError(t, lite.StoreAll(ctx, recs))
	require.NoError(t, pg.StoreAll(ctx, recs))

	probes := []memory.Key{
		k("Kyiv is the capital.", "en", "de", "pseudo", "g1", ""),
		k("Kyiv is the capital.", "en", "de", "apertium", "g1", ""),
		k("Kyiv is the capital.", "en", "de", "openai", "g3", ""),
		k("Kyiv is the capital.", "en", "fr", "pseudo", "g1", ""),
		k("Yes.", "en", "es", "pseudo", "g1", "Do you agree?"),
		k("Yes.", "en", "es", "pseudo", "g1", "Is it raining?"),
		k("Yes.", "en", "es", "pseudo", "g1", "Something else?"),
		k("Yes.", "en", "es-MX", "pseudo", "g1", "Do you agree?"),
		k("Good morning.", "en", "pt-PT", "pseudo", "g1", ""),
		k("Good morning.", "en", "pt-BR", "pseudo", "g1", ""),
		k("Good evening.", "en", "es", "pseudo", "g1", ""),
		k("Good evening.", "en", "es-AR", "pseudo", "g1", ""),
		k("Good evening.", "en", "es", "pseudo", "g2", ""),
	}
	for _, p := range probes {
		we, wok, err := lite.Lookup(ctx, p)
		require.NoError(t, err)
		ge, gok, err := pg.Lookup(ctx, p)
		require.NoError(t, err)
		assert.Equal(t, wok, gok, "%+v", p)
		assert.Equal(t, we, ge, "%+v", p)
	}

	list := func(m memory.Lister) []string {
		var out []string
		require.NoError(t, m.Each(ctx, func(r memory.Record) error {
			// The source as normalized: which of two spellings that
			// normalize alike a store keeps is not part of the contract.
			out = append(out, fmt.Sprintf("%s|%s|%s|%s|%q|%s|%s|%s|%s|%s", memory.Normalize(r.Source), r.SourceLang, r.TargetLang,
				r.Engine, r.Terms, r.Prev, r.Next, r.Origin, r.Target, r.Changed.Format(time.RFC3339)))
			return nil
		}))
		sort.Strings(out)
		return out
	}
	assert.Equal(t, list(lite), list(pg))
}

// Every shard opens the same URL and passes the store to the pipeline.
func ExampleOpen() {
	ctx := context.Background()
	tm, err := pgstore.Open(ctx, "postgres://locpipe@127.0.0.1:5432/locpipe?sslmode=disable")
	if err != nil {
		fmt.Println(err) // never shows the URL's password
		return
	}
	defer tm.Close()
	sum, err := pipeline.Run(ctx, pipeline.Options{
		To:         []language.Tag{language.German},
		Backend:    "pseudo",
		Translator: pseudo.Translator{},
		Memory:     tm,
		Out:        "out",
		Shard:      pipeline.Shard{Index: 0, Count: 4},
	}, []string{"archive"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sum.Files, "files;", tm.Stats().Waits, "sentences waited for from other shards")
}
