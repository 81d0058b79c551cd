package typography_test

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/typography"
)

// benchText is a pseudo-translated paragraph with quotes, apostrophes and
// question marks, repeated to about 40 KB.
var benchText = strings.Repeat(`["Ŵé ļéƒţ öñ Ṁáŕçĥ 5 ŵîţĥ ţŵö ƀáĝš," šáîð Öļéñá, 54. "Î ðîð ñöţ ţĥîñķ ŵé'ð çöɱé ƀáçķ!" Ŵĥáţ ñéẋţ? Šéé www.example.org/help. ·····] `, 150)

// BenchmarkTypography compares each locale's typography with the baseline
// of copying the text (what any pass over it costs at least).
func BenchmarkTypography(b *testing.B) {
	ty := typography.Default()
	b.Run("baseline-copy", func(b *testing.B) {
		b.SetBytes(int64(len(benchText)))
		b.ReportAllocs()
		for b.Loop() {
			var sb strings.Builder
			sb.Grow(len(benchText))
			for _, r := range benchText {
				sb.WriteRune(r)
			}
			_ = sb.String()
		}
	})
	for _, lang := range []string{"en", "fr", "de", "ja"} {
		tag := language.MustParse(lang)
		b.Run(lang, func(b *testing.B) {
			b.SetBytes(int64(len(benchText)))
			b.ReportAllocs()
			for b.Loop() {
				_ = ty.Apply(tag, benchText)
			}
		})
	}
}
