package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/benchmeasure"
	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/memory"
)

// copyCorpus lays out n copies of the shared corpus (../shared/corpus/en).
func copyCorpus(b *testing.B, n int) string {
	b.Helper()
	src := shared.Path(b, "corpus", "en")
	dir := b.TempDir()
	for i := range n {
		if err := os.CopyFS(filepath.Join(dir, fmt.Sprintf("c%03d", i)), os.DirFS(src)); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkMemory compares, in one run, a translation with no persistent
// memory (the baseline) and with the SQLite memory (the default), on 100
// copies of the corpus and on 1,000 articles with their own sentences,
// into three locales with the pseudo engine; it reports the process's CPU
// seconds per run beside the wall time (a measure other processes on a
// shared machine do not inflate) and the memory file's bytes per stored
// entry, beside those of the same stores written in the layouts of schema
// 1 and 2 (legacyBytes):
//
//	go test -run XXX -bench Memory -benchtime 2x -count 3 ./pipeline
func BenchmarkMemory(b *testing.B) {
	corpora := []struct {
		name string
		make func(*testing.B) string
	}{
		{"corpus×100", func(b *testing.B) string { return copyCorpus(b, 100) }},
		{"distinct×1000", func(b *testing.B) string { return makeCorpus(b, 1000) }},
	}
	for _, c := range corpora {
		src := c.make(b)
		g := glossary.Builtin()
		for _, mode := range []string{"no-memory", "sqlite"} {
			b.Run(c.name+"/"+mode, func(b *testing.B) {
				var entries int
				var size int64
				var cpu time.Duration
				var rec *recorder
				for range b.N {
					out := b.TempDir()
					opts := Options{
						To:         []language.Tag{language.Spanish, language.German, language.Ukrainian},
						Backend:    "pseudo",
						Translator: pseudo.Translator{},
						Glossary:   g,
						Out:        out,
						Jobs:       4,
					}
					var tm *memory.SQLite
					if mode == "sqlite" {
						var err error
						if tm, err = memory.OpenSQLite(context.Background(), filepath.Join(out, "locpipe-memory.db")); err != nil {
							b.Fatal(err)
						}
						rec = &recorder{Memory: tm}
						opts.Memory = rec
					}
					cpu0 := benchmeasure.CPU()
					if _, err := Run(context.Background(), opts, []string{src}); err != nil {
						b.Fatal(err)
					}
					if tm != nil {
						if err := tm.Flush(context.Background()); err != nil {
							b.Fatal(err)
						}
					}
					cpu += benchmeasure.CPU() - cpu0
					if tm != nil {
						b.StopTimer()
						n, err := tm.Len(context.Background())
						if err != nil {
							b.Fatal(err)
						}
						if err := tm.Close(); err != nil { // checkpoints the WAL
							b.Fatal(err)
						}
						st, err := os.Stat(filepath.Join(out, "locpipe-memory.db"))
						if err != nil {
							b.Fatal(err)
						}
						entries, size = n, st.Size()
						b.StartTimer()
					}
				}
				b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
				if entries > 0 {
					b.ReportMetric(float64(entries), "entries")
					b.ReportMetric(float64(size)/float64(entries), "bytes/entry")
					// The same stores in the layouts of schema 1 and 2.
					for v, name := range map[int]string{1: "s1-bytes/entry", 2: "s2-bytes/entry"} {
						per, err := legacyBytes(context.Background(), filepath.Join(b.TempDir(), "legacy.db"), v, g.Fingerprint(), rec.stores)
						if err != nil {
							b.Fatal(err)
						}
						b.ReportMetric(per, name)
					}
				}
			})
		}
	}
}
