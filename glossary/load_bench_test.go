package glossary_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/benchmeasure"
	"github.com/locpipe/locpipe/internal/termgen"
)

// peakHeap starts sampling the heap: stop returns the peak above base, the
// live heap at the start.
func peakHeap() (stop func() uint64, base uint64) {
	base = benchmeasure.LiveHeap()
	peak := benchmeasure.PeakHeap()
	return func() uint64 {
		if p := peak(); p > base {
			return p - base
		}
		return 0
	}, base
}

// BenchmarkLoad decodes a synthetic termbase (internal/termgen: 10,000 and
// 100,000 concepts in 8 languages) in YAML and TBX, and reports the time
// per load and the peak live heap above the start (the input bytes, made
// before, excluded), and the same read from a file by Load (the file's
// bytes included):
//
//	go test ./glossary -run '^$' -bench Load -benchtime 1x -count 3
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		for _, f := range []glossary.Format{glossary.FormatYAML, glossary.FormatTBX} {
			var data []byte
			if f == glossary.FormatYAML {
				data = termgen.YAML(n)
			} else {
				data = termgen.TBX(n)
			}
			b.Run(fmt.Sprintf("%s/concepts=%d", f, n), func(b *testing.B) {
				var peak, live uint64
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					stop, base := peakHeap()
					g, err := glossary.Decode("bench."+string(f), data, f, glossary.ImportOptions{})
					peak = max(peak, stop())
					if err != nil {
						b.Fatal(err)
					}
					live = max(live, benchmeasure.LiveHeap()-base)
					if len(g.Concepts) != n {
						b.Fatalf("%d concepts, want %d", len(g.Concepts), n)
					}
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
				b.ReportMetric(float64(live)/(1<<20), "live-heap-MB")
			})
			// From a file, as the command loads it: the file's bytes count.
			b.Run(fmt.Sprintf("%s-file/concepts=%d", f, n), func(b *testing.B) {
				path := filepath.Join(b.TempDir(), "termbase."+string(f))
				if err := os.WriteFile(path, data, 0o644); err != nil {
					b.Fatal(err)
				}
				var peak uint64
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					stop, _ := peakHeap()
					g, err := glossary.Load(path)
					peak = max(peak, stop())
					if err != nil {
						b.Fatal(err)
					}
					if len(g.Concepts) != n {
						b.Fatalf("%d concepts, want %d", len(g.Concepts), n)
					}
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			})
		}
	}
}
