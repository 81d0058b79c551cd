package apertium_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/apertium"
	"github.com/locpipe/locpipe/pipeline/backend/apertium/apytest"
	"github.com/locpipe/locpipe/pipeline/format"
)

// corpus is the seed article and the English sample corpus.
func corpus(tb testing.TB) []string {
	tb.Helper()
	paths := []string{shared.Path(tb, "seeds", "000_06f146a24096290a.txt")}
	more, err := filepath.Glob(shared.Path(tb, "corpus", "en", "*"))
	require.NoError(tb, err)
	return append(paths, more...)
}

func runPipeline(ctx context.Context, tb testing.TB, tr backend.Translator, paths []string, out string) *pipeline.Summary {
	tb.Helper()
	g, err := glossary.Parse("user.yaml", []byte(userGlossary))
	require.NoError(tb, err)
	return runTo(ctx, tb, tr, glossary.Merge(glossary.Builtin(), g), paths, language.Spanish, out)
}

// runTo translates paths from English into to through tr with glossary g
// (nil: none), every edition written again into out.
func runTo(ctx context.Context, tb testing.TB, tr backend.Translator, g *glossary.Glossary, paths []string, to language.Tag, out string) *pipeline.Summary {
	tb.Helper()
	sum, err := pipeline.Run(ctx, pipeline.Options{
		DefaultFrom: language.English,
		To:          []language.Tag{to},
		Backend:     "apertium",
		Translator:  tr,
		Glossary:    g,
		Out:         out,
		Force:       true,
	}, paths)
	require.NoError(tb, err)
	return sum
}

// TestPipelineSeedArticle translates the seed article en→es through the
// whole pipeline (format, segmentation, glossary protection, engine,
// restoration, edition) with the command and with APy.
func TestPipelineSeedArticle(t *testing.T) {
	needApertium(t)
	for _, tc := range []struct {
		name string
		opts func(t *testing.T) backend.Options
	}{
		{"command", func(*testing.T) backend.Options { return backend.Options{} }},
		{"apy", func(t *testing.T) backend.Options { return backend.Options{"url": apytest.Start(t)} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := apertium.New(backend.Params{Options: tc.opts(t)})
			require.NoError(t, err)
			seed := shared.Path(t, "seeds", "000_06f146a24096290a.txt")
			out := t.TempDir()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			sum := runPipeline(ctx, t, tr, []string{seed}, out)
			assert.Zero(t, sum.Failed)
			assert.Equal(t, 1, sum.Editions)
			edition, err := os.ReadFile(filepath.Join(out, "es", filepath.Base(seed)))
			require.NoError(t, err)
			src, err := os.ReadFile(seed)
			require.NoError(t, err)
			text := string(edition)
			for _, want := range []string{"Zelenski", "Volodímir", "Donbás", "tropas"} {
				assert.Contains(t, text, want)
			}
			assert.NotContains(t, text, "*", "no unknown-word marks")
			assert.Equal(t, strings.Count(string(src), "\n\n"), strings.Count(text, "\n\n"), "paragraph structure intact")
		})
	}
}

// corpusText is the translatable text of the corpus, as the pipeline sees
// it (units, inline codes removed), paragraphs separated by blank lines.
func corpusText(tb testing.TB, paths []string) string {
	var b strings.Builder
	reg := format.Default()
	for _, p := range paths {
		src, err := os.ReadFile(p)
		require.NoError(tb, err)
		parser, _, err := reg.Lookup(p, "")
		require.NoError(tb, err)
		doc, err := parser.Parse(p, src)
		require.NoError(tb, err)
		for _, u := range doc.Units {
			b.WriteString(strings.Map(func(r rune) rune {
				if _, ok := format.IsCodeRune(r); ok {
					return -1
				}
				return r
			}, u.Text))
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// BenchmarkSeedCorpusAPy compares, in the same run and against the same
// APy server, the raw throughput of APy (the corpus's text in one request,
// plain text) with the pipeline's (parse, segment, protect, batch, markup,
// restore, write editions). Both report MB/s of the same source text.
func BenchmarkSeedCorpusAPy(b *testing.B) {
	if _, err := os.Stat(apertium.DefaultModesDir + "/eng-spa.mode"); err != nil {
		shared.Skip(b, "install apertium, apertium-apy and apertium-eng-spa (Debian)")
	}
	base := apytest.Start(b)
	paths := corpus(b)
	text := corpusText(b, paths)
	ctx := context.Background()

	raw := func(b *testing.B) { postAPy(b, base, text) }
	tr, err := apertium.New(backend.Params{Options: backend.Options{"url": base}})
	require.NoError(b, err)
	pipe := func(b *testing.B) {
		sum := runPipeline(ctx, b, tr, paths, b.TempDir())
		require.Zero(b, sum.Failed)
	}
	b.Run("raw", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			raw(b)
		}
	})
	b.Run("pipeline", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			pipe(b)
		}
	})
	// The machine is shared: raw and pipeline runs alternate so that both
	// see the same load, and the ratio is what to read.
	b.Run("interleaved", func(b *testing.B) {
		var rawT, pipeT time.Duration
		i := 0
		for b.Loop() {
			first, second, ft, st := raw, pipe, &rawT, &pipeT
			if i%2 == 1 {
				first, second, ft, st = pipe, raw, &pipeT, &rawT
			}
			start := time.Now()
			first(b)
			*ft += time.Since(start)
			start = time.Now()
			second(b)
			*st += time.Since(start)
			i++
		}
		b.ReportMetric(float64(len(text)*i)/rawT.Seconds()/1e3, "raw-kB/s")
		b.ReportMetric(float64(len(text)*i)/pipeT.Seconds()/1e3, "pipeline-kB/s")
		b.ReportMetric(100*rawT.Seconds()/pipeT.Seconds(), "pipeline-%-of-raw")
	})
}

// postAPy sends text to APy at base, en→es as plain text, the raw request
// the APy benchmarks measure against.
func postAPy(b *testing.B, base, text string) {
	b.Helper()
	form := url.Values{"langpair": {"eng|spa"}, "q": {text}, "markUnknown": {"no"}}.Encode()
	resp, err := http.Post(base+"/translate", "application/x-www-form-urlencoded", strings.NewReader(form))
	require.NoError(b, err)
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	resp.Body.Close()
	require.Equal(b, http.StatusOK, resp.StatusCode, buf.String())
}
