//go:build unix

package apertium_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/internal/benchmeasure"
	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/apertium"
	"github.com/locpipe/locpipe/pipeline/backend/apertium/apytest"
)

// articles writes n distinct articles, each the seed article copied
// copies times with every sentence numbered (so that no sentence repeats
// and nothing is translated once for many), and returns their paths.
func articles(b *testing.B, n, copies int) []string {
	b.Helper()
	dir := b.TempDir()
	var paths []string
	k := 0
	for a := range n {
		var doc strings.Builder
		for range copies {
			for _, p := range seedParagraphs(b) {
				for i, s := range strings.SplitAfter(p, ". ") {
					if i > 0 {
						doc.WriteString(" ")
					}
					k++
					fmt.Fprintf(&doc, "Report %d says this: %s", k, strings.TrimSpace(s))
				}
				doc.WriteString("\n\n")
			}
		}
		path := filepath.Join(dir, fmt.Sprintf("article%03d.txt", a))
		require.NoError(b, os.WriteFile(path, []byte(doc.String()), 0o644))
		paths = append(paths, path)
	}
	return paths
}

// BenchmarkSeedCommand compares, in the same run, one raw `apertium
// eng-spa` call over the text of the articles with locpipe through the
// apertium command: the engine alone (the paragraphs in one Translate),
// the whole pipeline (parse, segment, protect, batch, markup, restore,
// write editions), and the pipeline with one process per
// batch (persistent: false, the engine before). Each run makes its engine
// anew and closes it, so the pipelines' start-up is counted as raw's is.
// Runs alternate so that all see the same load; read the ratios: of wall
// time (%-of-raw) and of processor time, children included (cpu-%-of-raw),
// and the seconds of processor time per run in locpipe (go-cpu-s) and in
// the engine's processes (child-cpu-s).
func BenchmarkSeedCommand(b *testing.B) {
	if _, err := exec.LookPath("apertium"); err != nil {
		b.Skip("install apertium and apertium-eng-spa (Debian)")
	}
	if _, err := os.Stat(apertium.DefaultModesDir + "/eng-spa.mode"); err != nil {
		b.Skip("install apertium and apertium-eng-spa (Debian)")
	}
	for _, tc := range []struct {
		name         string
		n, copies    int
		withPerBatch bool
	}{
		{"1-article", 1, 20, true},
		{"40-articles", 40, 2, true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			paths := articles(b, tc.n, tc.copies)
			text := corpusText(b, paths)
			var paras []backend.Segment
			for i, p := range strings.Split(text, "\n\n") {
				if p = strings.TrimSpace(p); p != "" {
					paras = append(paras, backend.Segment{ID: fmt.Sprint(i), Text: p})
				}
			}
			ctx := context.Background()
			raw := func(b *testing.B) {
				cmd := exec.Command("apertium", "eng-spa")
				cmd.Stdin = strings.NewReader(text)
				var out bytes.Buffer
				cmd.Stdout = &out
				require.NoError(b, cmd.Run())
			}
			fresh := func(b *testing.B, opts backend.Options) *apertium.Translator {
				tr, err := apertium.New(backend.Params{Options: opts})
				require.NoError(b, err)
				return tr.(*apertium.Translator)
			}
			engine := func(b *testing.B) {
				tr := fresh(b, nil)
				defer tr.Close()
				res, err := tr.Translate(ctx, backend.Request{Source: language.English, Target: language.Spanish, Segments: paras})
				require.NoError(b, err)
				for _, r := range res {
					require.NoError(b, r.Err)
				}
			}
			pids := 0 // processes of the persistent pipelines, all runs
			pipe := func(opts backend.Options) func(b *testing.B) {
				return func(b *testing.B) {
					tr := fresh(b, opts)
					defer tr.Close()
					sum := runPipeline(ctx, b, tr, paths, b.TempDir())
					require.Zero(b, sum.Failed)
					if opts == nil {
						pids += len(tr.Pids())
					}
				}
			}
			variants := []struct {
				name string
				run  func(*testing.B)
			}{
				{"raw", raw},
				{"engine", engine},
				{"pipeline", pipe(nil)},
			}
			if tc.withPerBatch {
				variants = append(variants, struct {
					name string
					run  func(*testing.B)
				}{"pipeline-per-batch", pipe(backend.Options{"persistent": false})})
			}
			took := make([]time.Duration, len(variants))
			cpu := make([]time.Duration, len(variants))
			selfCPU := make([]time.Duration, len(variants))
			i := 0
			for b.Loop() {
				for j := range variants {
					v := (i + j) % len(variants)
					start, c, sc := time.Now(), benchmeasure.CPUWithChildren(), benchmeasure.CPU()
					variants[v].run(b)
					took[v] += time.Since(start)
					cpu[v] += benchmeasure.CPUWithChildren() - c
					selfCPU[v] += benchmeasure.CPU() - sc
				}
				i++
			}
			b.ReportMetric(float64(len(text)*i)/took[0].Seconds()/1e3, "raw-kB/s")
			b.ReportMetric(cpu[0].Seconds()/float64(i), "raw-cpu-s")
			b.ReportMetric(float64(pids)/float64(i), "pipeline-processes")
			for v := 1; v < len(variants); v++ {
				b.ReportMetric(100*took[0].Seconds()/took[v].Seconds(), variants[v].name+"-%-of-raw")
				b.ReportMetric(100*cpu[0].Seconds()/cpu[v].Seconds(), variants[v].name+"-cpu-%-of-raw")
				b.ReportMetric(selfCPU[v].Seconds()/float64(i), variants[v].name+"-go-cpu-s")
				b.ReportMetric((cpu[v]-selfCPU[v]).Seconds()/float64(i), variants[v].name+"-child-cpu-s")
			}
		})
	}
}

// BenchmarkArticlesAPy compares, in the same run and against the same APy
// server, raw APy on the text of 40 articles (plain requests of at most
// DefaultAPyMaxBytes, cut at paragraphs, one after another: APy runs a
// pair's requests through one pipeline anyway, and past about 40 KB it
// drops text) with locpipe through APy, with the default concurrency and
// with one request in flight (pipeline-1). Runs alternate; read the
// ratios, and locpipe's own processor time per run (go-cpu-s).
func BenchmarkArticlesAPy(b *testing.B) {
	if _, err := os.Stat(apertium.DefaultModesDir + "/eng-spa.mode"); err != nil {
		shared.Skip(b, "install apertium, apertium-apy and apertium-eng-spa (Debian)")
	}
	base := apytest.Start(b)
	paths := articles(b, 40, 2)
	text := corpusText(b, paths)
	var reqs []string
	var cur strings.Builder
	for _, p := range strings.SplitAfter(text, "\n\n") {
		if cur.Len() > 0 && cur.Len()+len(p) > apertium.DefaultAPyMaxBytes {
			reqs = append(reqs, cur.String())
			cur.Reset()
		}
		cur.WriteString(p)
	}
	reqs = append(reqs, cur.String())
	ctx := context.Background()
	raw := func(b *testing.B) {
		for _, q := range reqs {
			postAPy(b, base, q)
		}
	}
	pipe := func(opts backend.Options) func(b *testing.B) {
		tr, err := apertium.New(backend.Params{Options: opts})
		require.NoError(b, err)
		return func(b *testing.B) {
			sum := runPipeline(ctx, b, tr, paths, b.TempDir())
			require.Zero(b, sum.Failed)
		}
	}
	variants := []struct {
		name string
		run  func(*testing.B)
	}{
		{"raw", raw},
		{"pipeline", pipe(backend.Options{"url": base})},
		{"pipeline-1", pipe(backend.Options{"url": base, "concurrency": "1"})},
	}
	took := make([]time.Duration, len(variants))
	selfCPU := make([]time.Duration, len(variants))
	i := 0
	for b.Loop() {
		for j := range variants {
			v := (i + j) % len(variants)
			start, sc := time.Now(), benchmeasure.CPU()
			variants[v].run(b)
			took[v] += time.Since(start)
			selfCPU[v] += benchmeasure.CPU() - sc
		}
		i++
	}
	b.ReportMetric(float64(len(text)*i)/took[0].Seconds()/1e3, "raw-kB/s")
	b.ReportMetric(float64(len(reqs)), "raw-requests")
	for v := 1; v < len(variants); v++ {
		b.ReportMetric(100*took[0].Seconds()/took[v].Seconds(), variants[v].name+"-%-of-raw")
		b.ReportMetric(selfCPU[v].Seconds()/float64(i), variants[v].name+"-go-cpu-s")
	}
}
