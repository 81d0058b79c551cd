package glossary

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/coregx/ahocorasick"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/internal/termgen"
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// The benchmark of issue 5: a 10,000-concept glossary over 10 MB of text,
// against one compiled regular expression alternating over the same terms.
//
//	go test ./glossary -run '^$' -bench Matcher -benchmem -benchtime 2x
//
// The regular expression is run over the first 8 KB of the same text
// only: Go's regexp runs an NFA whose cost grows with the number of
// alternatives, and 10 MB would take minutes. Throughput (MB/s) is per byte
// either way.

const (
	benchConcepts  = 10000
	benchTextBytes = 10 << 20
	benchRegexpLen = 8 << 10
)

var (
	syllables   = []string{"ka", "lo", "mir", "vek", "za", "ro", "dan", "shi", "pol", "tar", "nu", "ves", "gor", "il", "ban", "tek", "rus", "ma", "lin", "o"}
	syllablesRu = []string{"ка", "ло", "мир", "век", "за", "ро", "дан", "ши", "пол", "тар", "ну", "вес", "гор", "ил", "бан", "тек", "рус", "ма", "лин", "о"}
)

// benchName returns a made-up proper noun in Latin and in Cyrillic letters.
func benchName(r *rand.Rand) (string, string) {
	n := 2 + r.IntN(3)
	var b, c strings.Builder
	for i := 0; i < n; i++ {
		k := r.IntN(len(syllables))
		b.WriteString(syllables[k])
		c.WriteString(syllablesRu[k])
	}
	s, ru := b.String(), []rune(c.String())
	return strings.ToUpper(s[:1]) + s[1:], strings.ToUpper(string(ru[0])) + string(ru[1:])
}

type benchData struct {
	g              *Glossary
	terms          []string
	match, noMatch string
	noMatchRu      string
	re             *regexp.Regexp
	ac             *ahocorasick.Automaton // the same terms, bare
}

var benchOnce = sync.OnceValue(func() *benchData {
	r := rand.New(rand.NewPCG(1, 2))
	d := &benchData{g: &Glossary{}}
	seen := map[string]bool{}
	name := func() (string, string) {
		for {
			s, ru := benchName(r)
			if !seen[s] {
				seen[s] = true
				return s, ru
			}
		}
	}
	for i := 0; i < benchConcepts; i++ {
		pref, prefRu := name()
		dep, depRu := name()
		dep, depRu = dep+"ski", depRu+"ский"
		d.g.Concepts = append(d.g.Concepts, &Concept{ID: fmt.Sprintf("c%d", i), Terms: map[string]TermSet{
			"en": {Preferred: pref, Deprecated: []string{dep}},
			"ru": {Preferred: prefRu, Deprecated: []string{depRu}},
		}})
		d.terms = append(d.terms, pref, dep)
	}
	// Ordinary words: never terms.
	words := strings.Fields("the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if so no more out up into do any your what said time could about two also new who other people after years over our last first year says officials government city region war forces country week")
	wordsRu := strings.Fields("и в не на что он с как это по но из его к у за от то же все она так о для вы мы бы было сказал город область власти войска года люди после время страны правительство неделю")
	build := func(withTerms bool) string {
		var b strings.Builder
		b.Grow(benchTextBytes + 100)
		for b.Len() < benchTextBytes {
			if withTerms && r.IntN(50) == 0 {
				b.WriteString(d.terms[r.IntN(len(d.terms))])
			} else {
				b.WriteString(words[r.IntN(len(words))])
			}
			if r.IntN(15) == 0 {
				b.WriteString(".\n")
			} else {
				b.WriteByte(' ')
			}
		}
		return b.String()
	}
	d.match = build(true)
	d.noMatch = build(false)
	words = wordsRu
	d.noMatchRu = build(false)
	quoted := make([]string, len(d.terms))
	for i, t := range d.terms {
		quoted[i] = regexp.QuoteMeta(t)
	}
	d.ac = must(ahocorasick.NewBuilder().AddStrings(d.terms).Build())
	d.re = regexp.MustCompile(`(?i)\b(?:` + strings.Join(quoted, "|") + `)\b`)
	return d
})

func BenchmarkMatcher(b *testing.B) {
	d := benchOnce()
	m := d.g.Matcher(language.English)
	// Today's matcher before termTrie: the same folding and checks over a
	// full coregx Aho-Corasick search.
	before := referenceMatcher(b, d.g.Concepts, language.English)
	for _, c := range []struct{ name, text string }{{"match", d.match}, {"nomatch", d.noMatch}} {
		b.Run("glossary/"+c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			n := 0
			for b.Loop() {
				n = len(m.Find(c.text))
			}
			b.ReportMetric(float64(n), "matches")
		})
		b.Run("glossary-coregx/"+c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			n := 0
			for b.Loop() {
				n = len(before.Find(c.text))
			}
			b.ReportMetric(float64(n), "matches")
		})
		// The floor: github.com/coregx/ahocorasick alone, built from the
		// same terms as written, over the same bytes (no folding, no
		// forms, no word boundaries, no checks).
		b.Run("ahocorasick-baseline/"+c.name, func(b *testing.B) {
			hay := []byte(c.text)
			b.SetBytes(int64(len(hay)))
			n := 0
			for b.Loop() {
				n = len(d.ac.FindAllOverlapping(hay))
			}
			b.ReportMetric(float64(n), "matches")
		})
		// The automata alone on the folded text: the trie (from word
		// starts) and the full coregx search today's matcher ran.
		b.Run("automaton-trie/"+c.name, func(b *testing.B) {
			var ft foldedText
			m.fold.fold(&ft, c.text)
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				m.search.findAll(ft.b, func(int, int, int) {})
			}
		})
		b.Run("automaton-coregx/"+c.name, func(b *testing.B) {
			var ft foldedText
			m.fold.fold(&ft, c.text)
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				before.search.findAll(ft.b, func(int, int, int) {})
			}
		})
		// The case-folding pass alone, the part of glossary/ the
		// automaton does not do.
		b.Run("fold/"+c.name, func(b *testing.B) {
			fo := newFolder(language.English)
			var ft foldedText
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				fo.fold(&ft, c.text)
			}
		})
		b.Run("regexp-baseline/"+c.name, func(b *testing.B) {
			text := c.text[:benchRegexpLen]
			b.SetBytes(int64(len(text)))
			n := 0
			for b.Loop() {
				n = len(d.re.FindAllStringIndex(text, -1))
			}
			b.ReportMetric(float64(n), "matches")
			// MB/s rounds to 0.00 here: report kB/s as well.
			b.ReportMetric(float64(len(text))*float64(b.N)/b.Elapsed().Seconds()/1e3, "kB/s")
		})
	}
}

// BenchmarkMatcherCyrillic is the no-match case on Russian text: every
// rune takes the fold's non-ASCII path.
func BenchmarkMatcherCyrillic(b *testing.B) {
	d := benchOnce()
	m := d.g.Matcher(language.Russian)
	b.SetBytes(int64(len(d.noMatchRu)))
	n := 0
	for b.Loop() {
		n = len(m.Find(d.noMatchRu))
	}
	b.ReportMetric(float64(n), "matches")
}

func BenchmarkApply(b *testing.B) {
	d := benchOnce()
	b.SetBytes(int64(len(d.match)))
	d.g.Matcher(language.English)
	for b.Loop() {
		d.g.Apply(d.match, language.English)
	}
}

func BenchmarkBuildMatcher(b *testing.B) {
	d := benchOnce()
	for b.Loop() {
		newMatcher(d.g.Concepts, language.English)
	}
}

// BenchmarkMatcherTermbase matches the English terms of a synthetic
// 100,000-concept termbase (internal/termgen, 8 languages) over 10 MB of
// text with a term every ~240 bytes and with none, against the matcher
// before termTrie (coregx) in the same run, and reports the build time:
//
//	go test ./glossary -run '^$' -bench MatcherTermbase -benchtime 3x
func BenchmarkMatcherTermbase(b *testing.B) {
	g, err := Parse("termbase.yaml", termgen.YAML(100000))
	if err != nil {
		b.Fatal(err)
	}
	d := benchOnce()
	var terms []string
	for _, c := range g.Concepts {
		ts := c.Terms["en"]
		terms = append(terms, ts.Preferred)
		terms = append(terms, ts.Deprecated...)
	}
	r := rand.New(rand.NewPCG(7, 8))
	words := strings.Fields(d.noMatch[:1<<16])
	var tb strings.Builder
	for tb.Len() < benchTextBytes {
		if r.IntN(40) == 0 {
			tb.WriteString(terms[r.IntN(len(terms))])
		} else {
			tb.WriteString(words[r.IntN(len(words))])
		}
		tb.WriteByte(' ')
	}
	texts := []struct{ name, text string }{{"match", tb.String()}, {"nomatch", d.noMatch}}
	m := newMatcher(g.Concepts, language.English)
	before := referenceMatcher(b, g.Concepts, language.English)
	b.Run("build/trie", func(b *testing.B) {
		for b.Loop() {
			newMatcher(g.Concepts, language.English)
		}
	})
	b.Run("build/coregx", func(b *testing.B) {
		for b.Loop() {
			referenceMatcher(b, g.Concepts, language.English)
		}
	})
	for _, c := range texts {
		for _, v := range []struct {
			name string
			m    *Matcher
		}{{"trie", m}, {"coregx", before}} {
			b.Run(v.name+"/"+c.name, func(b *testing.B) {
				b.SetBytes(int64(len(c.text)))
				n := 0
				for b.Loop() {
					n = len(v.m.Find(c.text))
				}
				b.ReportMetric(float64(n), "matches")
			})
		}
	}
}
