package segment_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/clipperhouse/uax29/v2/sentences"
	"golang.org/x/text/language"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/segment"
)

// benchCorpus returns the shared corpus of language lang (all languages when
// empty), repeated to at least 10 MB.
func benchCorpus(b *testing.B, lang string) string {
	b.Helper()
	root := shared.Path(b, "corpus", lang)
	var parts []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		parts = append(parts, string(data))
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	one := strings.Join(parts, "\n\n")
	const size = 10 << 20
	return strings.Repeat(one+"\n\n", size/len(one)+1)
}

// BenchmarkSplit compares the segmenter with the bare UAX #29 iterator it
// starts from, on the same text in the same run: the language rules may
// cost at most twice the iterator.
func BenchmarkSplit(b *testing.B) {
	for _, lang := range []string{"en", "es", "ru"} {
		text := benchCorpus(b, lang)
		seg := segment.New(language.Make(lang))
		b.Run(lang+"/uax29", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				n := 0
				for it := sentences.FromString(text); it.Next(); {
					n++
				}
				if n == 0 {
					b.Fatal("no sentences")
				}
			}
		})
		// Both in turn on the same text, timed in CPU time of the thread,
		// so that load on the machine weighs on neither: reports each
		// one's MB/s and the ratio (the rules may cost at most 2x).
		b.Run(lang+"/interleaved", func(b *testing.B) {
			defer lockThread()()
			b.ReportAllocs()
			var tu, tr time.Duration
			for b.Loop() {
				t0 := threadClock()
				for it := sentences.FromString(text); it.Next(); {
				}
				t1 := threadClock()
				seg.Split(text)
				t2 := threadClock()
				tu += t1 - t0
				tr += t2 - t1
			}
			mb := float64(len(text)) * float64(b.N) / 1e6
			b.ReportMetric(mb/tu.Seconds(), "uax29-MB/s")
			b.ReportMetric(mb/tr.Seconds(), "rules-MB/s")
			b.ReportMetric(tr.Seconds()/tu.Seconds(), "rules/uax29")
		})
		b.Run(lang+"/rules", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				if len(seg.Split(text)) == 0 {
					b.Fatal("no sentences")
				}
			}
		})
	}
}

// BenchmarkSplitUD compares the segmenter with the bare UAX #29 iterator
// in every language of the UD fixture (its paragraphs joined by blank
// lines, repeated to 2 MB), timed in thread CPU time in the same run.
func BenchmarkSplitUD(b *testing.B) {
	byLang := map[string][]string{}
	for _, p := range shared.UD(b) {
		byLang[p.Lang] = append(byLang[p.Lang], p.Text)
	}
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		one := strings.Join(byLang[lang], "\n\n") + "\n\n"
		text := strings.Repeat(one, (2<<20)/len(one)+1)
		seg := segment.New(language.Make(lang))
		b.Run(lang, func(b *testing.B) {
			defer lockThread()()
			b.ReportAllocs()
			var tu, tr time.Duration
			for b.Loop() {
				t0 := threadClock()
				for it := sentences.FromString(text); it.Next(); {
				}
				t1 := threadClock()
				seg.Split(text)
				t2 := threadClock()
				tu += t1 - t0
				tr += t2 - t1
			}
			mb := float64(len(text)) * float64(b.N) / 1e6
			b.ReportMetric(mb/tu.Seconds(), "uax29-MB/s")
			b.ReportMetric(mb/tr.Seconds(), "rules-MB/s")
			b.ReportMetric(tr.Seconds()/tu.Seconds(), "rules/uax29")
		})
	}
}
