package segment_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/segment"
)

type ownCase struct {
	Name string   `yaml:"name"`
	Text string   `yaml:"text"`
	Want []string `yaml:"want"`
}

// loadCases reads testdata/cases/<lang>.yaml for every language.
func loadCases(t testing.TB) map[string][]ownCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "cases", "*.yaml"))
	require.NoError(t, err)
	out := map[string][]ownCase{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		var cases []ownCase
		require.NoError(t, yaml.Unmarshal(b, &cases), f)
		out[strings.TrimSuffix(filepath.Base(f), ".yaml")] = cases
	}
	return out
}

// checkSpans verifies the contract of Split: spans in order, never empty,
// never starting or ending with white space, and only white space between
// and around them, so no other byte is lost or duplicated.
func checkSpans(t testing.TB, text string, spans []segment.Span) {
	t.Helper()
	prev := 0
	for i, sp := range spans {
		if sp.Start < prev || sp.End <= sp.Start || sp.End > len(text) {
			t.Fatalf("span %d %v out of order or empty (previous end %d, len %d) in %q", i, sp, prev, len(text), text)
		}
		gap := text[prev:sp.Start]
		if strings.TrimFunc(gap, unicode.IsSpace) != "" {
			t.Fatalf("non-space bytes %q lost before span %d in %q", gap, i, text)
		}
		s := text[sp.Start:sp.End]
		if !utf8.ValidString(text) {
			prev = sp.End
			continue
		}
		r, _ := utf8.DecodeRuneInString(s)
		l, _ := utf8.DecodeLastRuneInString(s)
		if unicode.IsSpace(r) || unicode.IsSpace(l) {
			t.Fatalf("span %d %q starts or ends with white space", i, s)
		}
		prev = sp.End
	}
	if rest := text[prev:]; strings.TrimFunc(rest, unicode.IsSpace) != "" {
		t.Fatalf("non-space bytes %q lost after the last span in %q", rest, text)
	}
}

// TestOwnCases runs the news test set in testdata/cases: exact match of the
// sentence list, at least 98% per language and overall.
func TestOwnCases(t *testing.T) {
	all := loadCases(t)
	langs := make([]string, 0, len(all))
	for l := range all {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var pass, total int
	for _, lang := range langs {
		cases := all[lang]
		seg := segment.New(language.MustParse(lang))
		p := 0
		for _, c := range cases {
			spans := seg.Split(c.Text)
			checkSpans(t, c.Text, spans)
			got := make([]string, len(spans))
			for i, sp := range spans {
				got[i] = c.Text[sp.Start:sp.End]
			}
			if assert.Equal(t, c.Want, got, "%s: %s", lang, c.Name) {
				p++
			}
		}
		pct := 100 * float64(p) / float64(len(cases))
		t.Logf("own cases %-3s %3d/%3d  %6.2f%%", lang, p, len(cases), pct)
		assert.GreaterOrEqual(t, pct, 98.0, "accuracy for %s", lang)
		pass += p
		total += len(cases)
	}
	pct := 100 * float64(pass) / float64(total)
	t.Logf("own cases all %3d/%3d  %6.2f%%", pass, total, pct)
	require.GreaterOrEqual(t, total, 300)
	require.GreaterOrEqual(t, pct, 98.0)
	for _, l := range []string{"en", "es", "fr", "de", "it", "pt", "ca", "pl", "ru", "uk", "zh", "ja", "ar", "hi", "el"} {
		assert.NotEmpty(t, all[l], "no cases for %s", l)
	}
}

// FuzzSplit checks the span contract on arbitrary text in every language
// that has rules, and in one that has none.
func FuzzSplit(f *testing.F) {
	for _, cases := range loadCases(f) {
		for _, c := range cases {
			f.Add(c.Text, uint8(len(c.Name)))
		}
	}
	f.Add("end.\uE001 Next \"a (b. c\" d) «e» 1. x 2. y\n\n• z", uint8(0))
	for _, s := range []string{"(", "\" a ", "« a. ", ". ", "Mr. ", "1. a ", "a\n", " • a", "「あ。", " .", "“a. "} {
		f.Add(strings.Repeat(s, 50), uint8(len(s)))
	}
	langs := []string{"en", "es", "fr", "de", "it", "pt", "ca", "pl", "ru", "uk", "zh", "ja", "ar", "hi", "el", "hy", "und"}
	segs := make([]*segment.Segmenter, len(langs))
	for i, l := range langs {
		segs[i] = segment.New(language.Make(l))
	}
	f.Fuzz(func(t *testing.T, text string, pick uint8) {
		seg := segs[int(pick)%len(segs)]
		checkSpans(t, text, seg.Split(text))
	})
}

// TestConcurrentSplit shares one Segmenter and the embedded rules between
// goroutines (run with -race).
func TestConcurrentSplit(t *testing.T) {
	all := loadCases(t)
	done := make(chan []segment.Span, 8)
	for g := 0; g < 8; g++ {
		go func() {
			var last []segment.Span
			for lang, cases := range all {
				seg := segment.New(language.MustParse(lang))
				for _, c := range cases {
					last = seg.Split(c.Text)
				}
			}
			done <- last
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
}
