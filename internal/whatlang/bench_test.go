package whatlang

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"

	shared "github.com/locpipe/locpipe/internal/testenv"
)

// newsText returns the body of an English news article of the corpus, cut
// to n bytes at a rune boundary.
func newsText(b *testing.B, n int) string {
	b.Helper()
	data, err := os.ReadFile(shared.Path(b, "corpus", "en", "2022-04-03-kiev-suburbs-return.md"))
	if err != nil {
		shared.Skip(b, "the corpus article is not there: "+err.Error())
	}
	text := string(data)
	if i := strings.Index(text, "Families began"); i >= 0 {
		text = text[i:]
	}
	if len(text) < n {
		b.Fatalf("the article's body is %d bytes, less than %d", len(text), n)
	}
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n]
}

// BenchmarkDetect compares whatlanggo and the port on what locpipe asks:
// a KB of a document without options (edition.Detect) and a 512-byte
// segment with a two-language whitelist (langid.Detector).
func BenchmarkDetect(b *testing.B) {
	inputs := []struct {
		name  string
		size  int
		white []Lang
	}{
		{"news-1KB", 1024, nil},
		{"segment-512B-whitelist", 512, []Lang{Eng, Spa}},
	}
	for _, in := range inputs {
		text := newsText(b, in.size)
		o, w := options(in.white, nil)
		b.Run(in.name+"/whatlanggo", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				whatlanggo.DetectWithOptions(text, w)
			}
		})
		b.Run(in.name+"/port", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			DetectWithOptions(text, o) // builds the profile table, before the timer starts
			for b.Loop() {
				DetectWithOptions(text, o)
			}
		})
	}
}
