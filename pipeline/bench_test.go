package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/benchmeasure"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/memory"
)

// makeCorpus writes n articles of about 1.5 KB, each with its own sentences
// (so the in-run memory cannot make big corpora cheap).
func makeCorpus(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("d%03d", i%100), fmt.Sprintf("a%06d.txt", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		body := fmt.Sprintf("Report %[1]d: shelling near Kiev\n\n"+
			"Officials in Kharkov said %[1]d buildings were damaged overnight. Rescue teams worked until dawn, and power was restored to %[1]d0 homes by noon.\n\n"+
			"\"We have counted %[1]d people in the shelters,\" said the regional governor. \"The trains to Lvov run again from tomorrow.\"\n\n"+
			"Aid groups in the U.S. and the E.U. pledged a further $%[1]d.5 million at a conference in Warsaw. The money will go to housing and schools.\n\n"+
			"Analysts expect the fighting in the Donbass to continue for weeks. Report %[1]d ends here.\n", i)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkScale translates corpora of 300 and 3,000 files into three
// locales with the pseudo engine and the built-in glossary, in the default
// configuration (the SQLite memory on), and reports editions per second,
// the process's CPU seconds per run (beside the wall time: other processes
// on a shared machine do not inflate it) and the peak live heap. Ten times
// the files should cost at most 10.5 times the time and 1.3 times the peak
// memory:
//
//	go test -run XXX -bench Scale -benchmem -benchtime 1x -count 3 ./pipeline
func BenchmarkScale(b *testing.B) {
	for _, n := range []int{300, 3000} {
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			src := makeCorpus(b, n)
			g := glossary.Builtin()
			var editions int
			var peak uint64
			var cpu time.Duration
			b.ResetTimer()
			for range b.N {
				out := b.TempDir()
				runtime.GC()
				stop := benchmeasure.PeakHeap()
				cpu0 := benchmeasure.CPU()
				tm, err := memory.OpenSQLite(context.Background(), filepath.Join(out, "locpipe-memory.db"))
				if err != nil {
					b.Fatal(err)
				}
				sum, err := Run(context.Background(), Options{
					To:         []language.Tag{language.Spanish, language.German, language.Ukrainian},
					Backend:    "pseudo",
					Translator: pseudo.Translator{},
					Glossary:   g,
					Out:        out,
					Jobs:       4,
					Memory:     tm,
				}, []string{src})
				if cerr := tm.Close(); cerr != nil && err == nil {
					err = cerr
				}
				cpu += benchmeasure.CPU() - cpu0
				if p := stop(); p > peak {
					peak = p
				}
				if err != nil {
					b.Fatal(err)
				}
				if sum.Editions != 3*n {
					b.Fatalf("%d editions, want %d", sum.Editions, 3*n)
				}
				editions += sum.Editions
			}
			b.ReportMetric(float64(editions)/b.Elapsed().Seconds(), "editions/s")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}
