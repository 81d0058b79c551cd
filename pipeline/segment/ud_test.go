package segment_test

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/segment"
)

// udScore accumulates the figures of the fixture's scoring rule (see its
// NOTICE): boundary precision and recall over the boundaries that follow
// sentence-final punctuation, with gold boundaries after other punctuation
// and before a lower-case start counting neither way.
type udScore struct {
	tp, fp, fn       int
	paras, exact     int
	quoteTP, quoteN  int
	cjkTP, cjkN      int
	lowerTP, lowerN  int // boundaries before a lower-case start, reported beside
	misses, spurious []string
}

func (s *udScore) add(o *udScore) {
	s.tp += o.tp
	s.fp += o.fp
	s.fn += o.fn
	s.paras += o.paras
	s.exact += o.exact
	s.quoteTP += o.quoteTP
	s.quoteN += o.quoteN
	s.cjkTP += o.cjkTP
	s.cjkN += o.cjkN
	s.lowerTP += o.lowerTP
	s.lowerN += o.lowerN
}

func (s *udScore) prf() (p, r, f float64) {
	if s.tp+s.fp > 0 {
		p = 100 * float64(s.tp) / float64(s.tp+s.fp)
	}
	if s.tp+s.fn > 0 {
		r = 100 * float64(s.tp) / float64(s.tp+s.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func nonSpace(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

const udClosers = "\"'”’»›」』）)]】〕〉》“‘«‹"

// udFinal reports whether a gold sentence ends in sentence-final
// punctuation once closing quotes and brackets are stripped, and is not a
// bare list marker.
func udFinal(s, lang string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(udClosers, r) })
	if isListMarker(s) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '।', '؟', ';', '\u037e':
		return r != ';' || lang == "el"
	}
	return false
}

func isListMarker(s string) bool {
	s = strings.TrimPrefix(s, "(")
	if len(s) < 2 || len(s) > 4 || (s[len(s)-1] != '.' && s[len(s)-1] != ')') {
		return false
	}
	for _, c := range s[:len(s)-1] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// lowerStart reports a sentence whose first letter is lower case.
func lowerStart(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsLower(r)
		}
		if unicode.IsDigit(r) {
			return false
		}
	}
	return false
}

// openQuote reports whether a quotation is open at the end of s: an odd
// number of straight double quotes, or more opening than closing marks.
func openQuote(s, lang string) bool {
	if strings.Count(s, `"`)%2 == 1 {
		return true
	}
	var open, closed int
	if lang == "de" {
		open = strings.Count(s, "„")
		closed = strings.Count(s, "“")
	} else {
		open = strings.Count(s, "“") + strings.Count(s, "„")
		closed = strings.Count(s, "”")
	}
	open += strings.Count(s, "«") + strings.Count(s, "「") + strings.Count(s, "『")
	closed += strings.Count(s, "»") + strings.Count(s, "」") + strings.Count(s, "』")
	return open > closed
}

// scoreUD splits p.Text with seg and scores the breaks against the gold.
func scoreUD(seg *segment.Segmenter, p shared.UDParagraph) *udScore {
	s := &udScore{paras: 1}
	text := p.Text
	spans := seg.Split(text)
	pred := map[int]bool{}
	for _, sp := range spans[min(1, len(spans)):] {
		pred[nonSpace(text[:sp.Start])] = true
	}
	type gold struct {
		scored, quote, cjk bool
	}
	golds := map[int]gold{}
	pos := 0
	prefix := ""
	for i, sent := range p.Sentences[:len(p.Sentences)-1] {
		pos += nonSpace(sent)
		prefix += sent
		next := p.Sentences[i+1]
		g := gold{scored: udFinal(sent, p.Lang)}
		if g.scored && lowerStart(next) {
			s.lowerN++
			if pred[pos] {
				s.lowerTP++
			}
			g.scored = false
		}
		if g.scored {
			g.quote = openQuote(prefix, p.Lang)
			if p.Lang == "zh" || p.Lang == "ja" {
				last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(sent))
				first, _ := utf8.DecodeRuneInString(strings.TrimSpace(next))
				g.cjk = (strings.ContainsRune("。！？", last) && (first == '“' || first == '"')) ||
					((last == '!' || last == '?') && isCJK(first))
			}
		}
		golds[pos] = g
	}
	exact := true
	for b, g := range golds {
		if !g.scored {
			continue
		}
		if g.quote {
			s.quoteN++
		}
		if g.cjk {
			s.cjkN++
		}
		if pred[b] {
			s.tp++
			if g.quote {
				s.quoteTP++
			}
			if g.cjk {
				s.cjkTP++
			}
		} else {
			s.fn++
			exact = false
			s.misses = append(s.misses, around(p, b))
		}
	}
	for b := range pred {
		if _, ok := golds[b]; !ok {
			s.fp++
			exact = false
			s.spurious = append(s.spurious, around(p, b))
		}
	}
	if exact {
		s.exact++
	}
	return s
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// around shows the text near the boundary after n non-space characters.
func around(p shared.UDParagraph, n int) string {
	text := p.Text
	i := 0
	for k := 0; i < len(text) && k < n; {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			k++
		}
		i += size
	}
	a, b := max(0, i-60), min(len(text), i+40)
	for a > 0 && !utf8.RuneStart(text[a]) {
		a--
	}
	for b < len(text) && !utf8.RuneStart(text[b]) {
		b++
	}
	return fmt.Sprintf("%s %s‖%s", p.Set, text[a:i], text[i:b])
}

// udFloors are the floors on the UD dev set, set a little under the
// figures measured (see the README): boundary F1 per language, boundaries
// before a lower-case start left out. The acceptance target is 97 for every
// language and 99.0 overall.
var udFloors = map[string]float64{
	"ar": 99, "ca": 99, "de": 99, "el": 99, "en": 98, "es": 97.5, "fr": 99, "hi": 99,
	"it": 99, "ja": 99, "pl": 99, "pt": 99, "ru": 98.5, "uk": 98.5, "zh": 99,
}

const (
	udFloorAll   = 99.3 // overall boundary F1
	udFloorQuote = 95.0 // % of the boundaries inside a quotation found
	udFloorCJK   = 95.0 // % of the zh/ja boundaries after 。“ and half-width !/?
	udFloorExact = 97.5 // % of paragraphs split exactly
)

// TestUDSentences scores the segmenter on the Universal Dependencies
// paragraphs in ../shared/fixtures/ud-sentences/dev.jsonl as the fixture's
// NOTICE says, prints the figures per language and overall, and fails
// below the floors. UD_ERRORS=xx (or "all") lists the errors of a language.
func TestUDSentences(t *testing.T) {
	paras := shared.UD(t)
	byLang := map[string]*udScore{}
	segs := map[string]*segment.Segmenter{}
	show := os.Getenv("UD_ERRORS")
	for _, p := range paras {
		seg, ok := segs[p.Lang]
		if !ok {
			seg = segment.New(language.MustParse(p.Lang))
			segs[p.Lang] = seg
		}
		s := scoreUD(seg, p)
		if show == p.Lang || show == "all" {
			for _, m := range s.misses {
				t.Logf("MISS %s", m)
			}
			for _, m := range s.spurious {
				t.Logf("FP   %s", m)
			}
		}
		if byLang[p.Lang] == nil {
			byLang[p.Lang] = &udScore{}
		}
		byLang[p.Lang].add(s)
	}
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var all udScore
	for _, l := range langs {
		s := byLang[l]
		all.add(s)
		p, r, f := s.prf()
		t.Logf("UD %-3s P %5.1f R %5.1f F1 %5.1f  exact %5.1f%% (%d/%d)  in quotes %d/%d", l, p, r, f,
			100*float64(s.exact)/float64(s.paras), s.exact, s.paras, s.quoteTP, s.quoteN)
	}
	p, r, f := all.prf()
	t.Logf("UD all P %5.1f R %5.1f F1 %5.2f  exact %5.1f%% (%d/%d)", p, r, f, 100*float64(all.exact)/float64(all.paras), all.exact, all.paras)
	t.Logf("UD recall inside quotations %d/%d = %.1f%%", all.quoteTP, all.quoteN, 100*float64(all.quoteTP)/float64(max(1, all.quoteN)))
	t.Logf("UD zh/ja stop+opening quote and half-width !/? before CJK: %d/%d", all.cjkTP, all.cjkN)
	t.Logf("UD boundaries before a lower-case start (not scored): %d/%d found", all.lowerTP, all.lowerN)
	lp, lr, lf := (&udScore{tp: all.tp + all.lowerTP, fp: all.fp, fn: all.fn + all.lowerN - all.lowerTP}).prf()
	t.Logf("UD all with the lower-case starts scored too: P %5.1f R %5.1f F1 %5.2f", lp, lr, lf)
	for _, l := range langs {
		_, _, f := byLang[l].prf()
		floor, ok := udFloors[l]
		assert.True(t, ok, "no floor for %s", l)
		assert.GreaterOrEqual(t, f, floor, "UD F1 of %s", l)
	}
	assert.GreaterOrEqual(t, f, udFloorAll, "UD F1 overall")
	assert.GreaterOrEqual(t, 100*float64(all.quoteTP)/float64(max(1, all.quoteN)), udFloorQuote, "UD recall inside quotations")
	assert.GreaterOrEqual(t, 100*float64(all.cjkTP)/float64(max(1, all.cjkN)), udFloorCJK, "UD zh/ja classes")
	assert.GreaterOrEqual(t, 100*float64(all.exact)/float64(all.paras), udFloorExact, "UD exact paragraphs")
	assert.Greater(t, all.quoteN, 100, "quotation boundaries in the fixture")
}

// TestScannerMatchesUAX29 checks that the scanner, which finds line breaks
// and the stops of every script itself, gives the same spans as the
// splitter driven by the UAX #29 iterator, on the UD paragraphs joined by
// language and our own cases. Chinese and Japanese are not joined with a
// space: there UAX #29 also breaks after a quotation mark that opens the
// next sentence ("。" 理論上" gives a sentence of its own, '"'), which the
// scanner rightly does not.
func TestScannerMatchesUAX29(t *testing.T) {
	byLang := map[string][]string{}
	for _, p := range shared.UD(t) {
		byLang[p.Lang] = append(byLang[p.Lang], p.Text)
	}
	for lang, cases := range loadCases(t) {
		for _, c := range cases {
			byLang[lang] = append(byLang[lang], c.Text)
		}
	}
	byLang["und"] = []string{"a\u2028b\rc\r\nd\u0085e ။ F ། g ។ H ᠃ I ؟ J ‽ K", "Tibetan ། Khmer ។ Mongolian ᠃ N"}
	for lang, texts := range byLang {
		seg := segment.New(language.MustParse(lang))
		for _, sep := range []string{"\n\n", " ", "\r\n", "\u2029"} {
			if sep == " " && (lang == "zh" || lang == "ja") {
				continue
			}
			text := strings.Join(texts, sep)
			want, got := seg.SplitUAX29(text), seg.Split(text)
			for i := 0; i < min(len(want), len(got)); i++ {
				if want[i] != got[i] {
					t.Fatalf("%s joined by %q: UAX #29 %q, scanner %q", lang, sep, text[want[i].Start:want[i].End], text[got[i].Start:got[i].End])
				}
			}
			require.Equal(t, len(want), len(got), "%s joined by %q", lang, sep)
		}
	}
}
