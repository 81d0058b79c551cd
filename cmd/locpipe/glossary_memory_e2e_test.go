package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/memory/pgstore/pgtest"
)

// The acceptance of issue 15: a glossary edit costs only what it touches.
// The corpus copied 20 times plus the seeds, pseudo engine, es and uk.

// newsroomGlossary is the built-in kyiv concept as a newsroom overrides
// it, with room for the edits the test makes.
func newsroomGlossary(esKyiv, extraException, extraConcept string) string {
	g := `version: 1
concepts:
  - id: kyiv
    terms:
      en: {preferred: Kyiv, deprecated: [Kiev]}
      uk: {preferred: Київ, forms: {gen: Києва, loc: Києві}}
      es: {preferred: ` + esKyiv + `}
    exceptions: ["Chicken Kiev"` + extraException + `]
`
	return g + extraConcept
}

const zelenskyConcept = `  - id: zelensky
    terms:
      en: {preferred: Zelensky}
      uk: {preferred: Зеленський}
      es: {preferred: Zelenski}
`

// archive lays out 20 copies of the corpus plus the seeds; it returns the
// directory and the distinct source texts (for counting sentences).
func archive(t *testing.T) (string, []string) {
	t.Helper()
	corpus := shared.Path(t, "corpus", "en")
	seeds := shared.Path(t, "seeds")
	dir := filepath.Join(t.TempDir(), "archive")
	for i := range 20 {
		require.NoError(t, os.CopyFS(filepath.Join(dir, fmt.Sprintf("copy%02d", i)), os.DirFS(corpus)))
	}
	require.NoError(t, os.CopyFS(filepath.Join(dir, "seeds"), os.DirFS(seeds)))
	var texts []string
	for _, d := range []string{corpus, seeds} {
		entries, err := os.ReadDir(d)
		require.NoError(t, err)
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(d, e.Name()))
			require.NoError(t, err)
			texts = append(texts, string(data))
		}
	}
	return dir, texts
}

type costSummary struct {
	runSummary
	Chars   int `json:"chars"`
	Explain []struct {
		Path, Locale, Output, Action string
		Why                          []string
	}
}

// translateShards runs translate once (shards 0) or as that many shards at
// once, and adds up what they sent.
func translateShards(t *testing.T, env []string, shards int, args ...string) costSummary {
	t.Helper()
	if shards == 0 {
		r := run(t, env, append([]string{"translate", "--json"}, args...)...)
		require.Equal(t, 0, r.code, r.stderr)
		var s costSummary
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &s), r.stdout)
		return s
	}
	sums := make([]costSummary, shards)
	results := make([]result, shards)
	var wg sync.WaitGroup
	for i := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = run(t, env, append([]string{"translate", "--json", "--shard", fmt.Sprintf("%d/%d", i, shards)}, args...)...)
		}()
	}
	wg.Wait()
	var total costSummary
	for i, r := range results {
		require.Equal(t, 0, r.code, "shard %d: %s", i, r.stderr)
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &sums[i]), r.stdout)
		total.Files += sums[i].Files
		total.Editions += sums[i].Editions
		total.Unchanged += sums[i].Unchanged
		total.BackendSegments += sums[i].BackendSegments
		total.MemoryHits += sums[i].MemoryHits
		total.Chars += sums[i].Chars
		total.Explain = append(total.Explain, sums[i].Explain...)
	}
	return total
}

func glossaryEditsCostWhatTheyTouch(t *testing.T, env []string, shards int) {
	src, texts := archive(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	gpath := filepath.Join(dir, "newsroom.yaml")
	write := func(g string) { require.NoError(t, os.WriteFile(gpath, []byte(g), 0o644)) }
	args := []string{"--to", "es,uk", "--glossary", gpath, "--out", out, src}
	editions := 2 * (20*3 + len(texts) - 3)

	write(newsroomGlossary("Kiev", "", ""))
	first := translateShards(t, env, shards, args...)
	n := first.BackendSegments
	require.Positive(t, n)
	assert.Equal(t, editions, first.Editions)
	assert.Positive(t, first.Chars, "chars sent are reported")
	t.Logf("run 1: %d segments sent (%d characters) for %d editions", n, first.Chars, first.Editions)

	// A dry run of the next change says what it will cost, and sends nothing.
	write(newsroomGlossary("Kiev", "", zelenskyConcept))
	dry := translateShards(t, env, shards, append([]string{"--dry-run"}, args...)...)

	// A new concept: only the sentences it matches, per locale.
	k := 0
	for _, text := range texts {
		k += strings.Count(text, "Zelensky")
	}
	require.Positive(t, k)
	added := translateShards(t, env, shards, args...)
	assert.Positive(t, added.BackendSegments)
	assert.LessOrEqual(t, added.BackendSegments, 2*k, "a new concept matching at most %d sentences", k)
	assert.Equal(t, added.BackendSegments, dry.BackendSegments, "the dry run announced the cost")
	assert.Equal(t, added.Chars, dry.Chars, "the dry run announced the characters")
	t.Logf("new concept (%d occurrences): %d sent", k, added.BackendSegments)

	// A changed target term: check calls stale only the es editions that
	// use the concept, and names it.
	write(newsroomGlossary("Kyiv", "", zelenskyConcept))
	if shards == 0 {
		r := run(t, env, "check", "--format", "json", "--glossary", gpath, "--out", out, src)
		assert.NotEqual(t, 0, r.code)
		var rep struct {
			Findings []struct{ Rule, Locale, Message string }
		}
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep), r.stdout)
		stale := 0
		for _, f := range rep.Findings {
			if f.Rule == "stale-edition" {
				stale++
				assert.Equal(t, "es", f.Locale, "only es editions are stale")
				assert.Contains(t, f.Message, "glossary concept kyiv changed")
			}
		}
		assert.Positive(t, stale)
		assert.LessOrEqual(t, stale, editions/2, "no uk edition")
	}
	// Nothing sent, the es editions show the new term, and --explain says why.
	changed := translateShards(t, env, shards, append([]string{"--explain"}, args...)...)
	assert.Zero(t, changed.BackendSegments, "a changed es term is applied when rendering")
	require.Len(t, changed.Explain, editions)
	for _, e := range changed.Explain {
		if e.Path == "copy07/2022-06-20-refugees-count.txt" && e.Locale == "es" {
			assert.Equal(t, "written", e.Action)
			assert.Equal(t, []string{"glossary concept kyiv changed"}, e.Why)
		}
		if e.Locale == "uk" {
			assert.Equal(t, "rendered, same bytes", e.Action, "%+v", e)
		}
	}
	es, err := os.ReadFile(filepath.Join(out, "es", "copy07", "2022-06-20-refugees-count.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(es), "Kyiv")
	assert.NotContains(t, string(es), "Kiev")
	uk, err := os.ReadFile(filepath.Join(out, "uk", "copy07", "2022-06-20-refugees-count.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(uk), "Київ")

	// A new exception that covers one sentence: that sentence, per locale.
	write(newsroomGlossary("Kyiv", `, "Nobody in Kiev"`, zelenskyConcept))
	excepted := translateShards(t, env, shards, args...)
	assert.Positive(t, excepted.BackendSegments)
	assert.LessOrEqual(t, excepted.BackendSegments, 2, "one sentence, two locales")
	es, err = os.ReadFile(filepath.Join(out, "es", "copy03", "2022-06-20-refugees-count.txt"))
	require.NoError(t, err)
	assert.NotContains(t, string(es), "Kyiv or", "the exception keeps the engine's text")

	// Nothing changed: nothing rewritten, nothing sent, check passes.
	again := translateShards(t, env, shards, args...)
	assert.Zero(t, again.BackendSegments)
	assert.Zero(t, again.Editions)
	if shards == 0 {
		r := run(t, env, "check", "--glossary", gpath, "--out", out, src)
		assert.NotContains(t, r.stdout, "stale-edition", r.stdout)
	}
}

func TestGlossaryEditsCostWhatTheyTouch(t *testing.T) {
	glossaryEditsCostWhatTheyTouch(t, nil, 0)
}

func TestGlossaryEditsCostWhatTheyTouchPostgresShards(t *testing.T) {
	url := pgtest.URL(t)
	glossaryEditsCostWhatTheyTouch(t, []string{"LOCPIPE_MEMORY_URL=" + url}, 2)
}

// TestDryRunContactsNoEngine: --dry-run against a LibreTranslate server
// that counts requests makes none, and announces what the real run sends.
func TestDryRunContactsNoEngine(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.URL.Path == "/languages" {
			_, _ = w.Write([]byte(`[{"code":"en","targets":["es"]},{"code":"es","targets":["en"]}]`))
			return
		}
		var req struct {
			Q []string `json:"q"`
		}
		_ = json.NewDecoder(r.Body).Decode(&req)
		out := make([]string, len(req.Q))
		for i, q := range req.Q {
			// Spanish text that keeps the placeholders and codes.
			var marks []rune
			for _, r := range q {
				if r >= 0xE000 && r <= 0xF8FF || r >= 0xF0000 {
					marks = append(marks, r)
				}
			}
			out[i] = "Según el servidor de prueba, la traducción está hecha " + string(marks) + "."
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"translatedText": out})
	}))
	defer srv.Close()
	corpus := shared.Path(t, "corpus", "en")
	out := filepath.Join(t.TempDir(), "out")
	env := []string{"LOCPIPE_LIBRETRANSLATE_URL=" + srv.URL}
	args := []string{"--backend", "libretranslate", "--to", "es", "--out", out, corpus}

	dry := translateShards(t, env, 0, append([]string{"--dry-run"}, args...)...)
	assert.Zero(t, requests.Load(), "a dry run contacts no engine")
	assert.Positive(t, dry.BackendSegments)
	assert.Positive(t, dry.Chars)
	assert.NoDirExists(t, out)

	real := translateShards(t, env, 0, args...)
	assert.Positive(t, requests.Load())
	assert.Equal(t, dry.BackendSegments, real.BackendSegments)
	assert.Equal(t, dry.Chars, real.Chars)

	// The human summary says it too.
	r := run(t, env, append([]string{"translate", "--dry-run", "--no-memory"}, args...)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "characters")
}
