package glossary

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/coregx/ahocorasick"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/internal/termgen"
)

// acSearcher is the full Aho-Corasick search (every occurrence anywhere)
// the matcher used before termTrie: the reference it is compared with.
type acSearcher struct{ a *ahocorasick.Automaton }

func (s acSearcher) findAll(hay []byte, fn func(id, start, end int)) {
	for _, m := range s.a.FindAllOverlapping(hay) {
		fn(m.PatternID, m.Start, m.End)
	}
}

// referenceMatcher is newMatcher with a full Aho-Corasick search.
func referenceMatcher(t testing.TB, concepts []*Concept, lang language.Tag) *Matcher {
	m, keys := matcherPatterns(concepts, lang)
	if len(keys) == 0 {
		return m
	}
	a, err := ahocorasick.NewBuilder().AddPatterns(keys).Build()
	require.NoError(t, err)
	m.search = acSearcher{a}
	m.bufs.New = func() any { return new(foldedText) }
	return m
}

// trieConcepts holds the built-in glossary, synthetic concepts and terms
// that begin or end with no word rune, share a folded form or nest.
func trieConcepts() []*Concept {
	cs := append([]*Concept(nil), Builtin().Concepts...)
	g, err := Parse("termgen.yaml", termgen.YAML(300))
	if err != nil {
		panic(err)
	}
	cs = append(cs, g.Concepts...)
	cs = append(cs,
		&Concept{ID: "hash", Terms: map[string]TermSet{"en": {Preferred: "#Kyiv"}, "uk": {Preferred: "#Київ"}}},
		&Concept{ID: "paren", Terms: map[string]TermSet{"en": {Preferred: "(UN)", Admitted: []string{"U.N."}}}},
		&Concept{ID: "apos", Terms: map[string]TermSet{"en": {Preferred: "'s-Hertogenbosch"}, "uk": {Preferred: "Мар'їнка", Admitted: []string{"Марʼїнка"}}}},
		&Concept{ID: "nest", Terms: map[string]TermSet{"en": {Preferred: "New York", Admitted: []string{"New York City", "York"}}}},
		&Concept{ID: "same", Terms: map[string]TermSet{"en": {Preferred: "KYIV", Deprecated: []string{"kyiv"}}}},
		&Concept{ID: "dots", Terms: map[string]TermSet{"en": {Preferred: "Kyiv Oblast."}}},
	)
	return cs
}

// randomText strings terms, their variants and filler together with
// spaces, punctuation, apostrophes, marks, URLs and inline codes.
func randomText(r *rand.Rand, ms []*Matcher, n int) string {
	bits := []string{" ", "  ", ", ", ". ", "\n", "’", "'", "ʼ", "«", "»", "-", "—", "(", ")", "#", "@", "/", "https://", ".com", "\u0301", "\uE001", "\u00A0", "İ", "ß", "ẞ", "Σ", "ς", "the", "о", "Київ", "x", "`"}
	var b strings.Builder
	for b.Len() < n {
		if r.IntN(3) == 0 {
			m := ms[r.IntN(len(ms))]
			if len(m.patterns) > 0 {
				t := m.patterns[r.IntN(len(m.patterns))].term
				switch r.IntN(4) {
				case 0:
					t = strings.ToUpper(t)
				case 1:
					t = strings.ToLower(t)
				}
				b.WriteString(t)
				continue
			}
		}
		b.WriteString(bits[r.IntN(len(bits))])
	}
	return b.String()
}

func sameFinds(t *testing.T, want, got *Matcher, text string) {
	t.Helper()
	for _, target := range []language.Tag{got.lang, language.Ukrainian, language.English} {
		require.Equal(t, want.FindFor(text, target), got.FindFor(text, target), "FindFor %v in %q", target, text)
		require.Equal(t, want.FindExceptions(text, target), got.FindExceptions(text, target), "FindExceptions %v in %q", target, text)
	}
	require.Equal(t, want.Exceptions(text), got.Exceptions(text), "Exceptions in %q", text)
}

// The trie finds what a full Aho-Corasick search finds, once Find has
// kept what it keeps.
func TestTrieSameAsAhoCorasick(t *testing.T) {
	cs := trieConcepts()
	langs := []language.Tag{language.English, language.Ukrainian, language.Russian, language.German, language.Turkish, language.Greek, language.Polish}
	var want, got []*Matcher
	for _, l := range langs {
		want = append(want, referenceMatcher(t, cs, l))
		got = append(got, newMatcher(cs, l))
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 400 {
		text := randomText(r, got, 300)
		for i := range langs {
			sameFinds(t, want[i], got[i], text)
		}
	}
}

func FuzzTrieSameAsAhoCorasick(f *testing.F) {
	f.Add("Kiev, Kyiv's #Kyiv (UN) U.N. New York City 's-Hertogenbosch Марʼїнка Мар’їнка https://kiev.ua")
	f.Add("Chicken Kiev and the Chernobyl disaster in KYIV OBLAST.")
	cs := trieConcepts()
	langs := []language.Tag{language.English, language.Ukrainian, language.Turkish}
	var want, got []*Matcher
	for _, l := range langs {
		want = append(want, referenceMatcher(f, cs, l))
		got = append(got, newMatcher(cs, l))
	}
	f.Fuzz(func(t *testing.T, text string) {
		for i := range langs {
			sameFinds(t, want[i], got[i], text)
		}
	})
}
