package glossary

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Text is one document given to Suggest.
type Text struct {
	Name string
	Text string
}

// Variant is one spelling Suggest saw.
type Variant struct {
	Spelling string
	Count    int
	First    string // "file:line" of its first occurrence
}

// Suggestion is a candidate concept: one name spelt in several ways.
type Suggestion struct {
	ID       string
	Lang     language.Tag
	Variants []Variant // the most frequent first
}

// Suggest finds naming inconsistencies the glossary does not cover yet:
// capitalised words (proper nouns) spelt in two or more ways across the
// texts, such as Zelensky / Zelenskyy / Zelenskiy or Irpin / Irpen. Words the
// glossary already matches, and words that also occur in lower case (common
// words at the start of a sentence), are left out.
//
// Two spellings are grouped when they agree after transliteration-level
// normalisation (diacritics dropped, y/j read as i, doubled letters single),
// or when they differ by one vowel for another inside the word (not at its
// end, where inflections live).
func Suggest(g *Glossary, lang language.Tag, texts []Text) []Suggestion {
	type info struct {
		count int
		first string
	}
	words := map[string]*info{}
	var order []string
	lower := map[string]bool{}
	m := g.Matcher(lang)
	for _, t := range texts {
		covered := map[int]bool{}
		for _, mt := range m.Find(t.Text) {
			covered[mt.Start] = true
		}
		line := 1
		for i := 0; i < len(t.Text); {
			r, n := utf8.DecodeRuneInString(t.Text[i:])
			if r == '\n' {
				line++
			}
			if !unicode.IsLetter(r) {
				i += n
				continue
			}
			j := i
			for j < len(t.Text) {
				r2, n2 := utf8.DecodeRuneInString(t.Text[j:])
				if !isWordRune(r2) {
					break
				}
				j += n2
			}
			w := t.Text[i:j]
			switch {
			case covered[i] || utf8.RuneCountInString(w) < 4 || !boundaryBefore(t.Text, i):
			case unicode.IsUpper(r) && !isAllUpper(w):
				if words[w] == nil {
					words[w] = &info{first: fmt.Sprintf("%s:%d", t.Name, line)}
					order = append(order, w)
				}
				words[w].count++
			case unicode.IsLower(r):
				lower[strings.ToLower(w)] = true
			}
			i = j
		}
	}
	// Group spellings.
	parent := map[string]string{}
	find := func(s string) string {
		for parent[s] != s {
			s = parent[s]
		}
		return s
	}
	var names []string
	for _, w := range order {
		if lower[strings.ToLower(w)] {
			continue
		}
		parent[w] = w
		names = append(names, w)
	}
	bySkel := map[string]string{}
	for _, w := range names {
		k := skeleton(w)
		if o, ok := bySkel[k]; ok {
			parent[find(w)] = find(o)
		} else {
			bySkel[k] = w
		}
	}
	for i, a := range names {
		for _, b := range names[i+1:] {
			if find(a) != find(b) && vowelVariant(a, b) {
				parent[find(b)] = find(a)
			}
		}
	}
	groups := map[string][]string{}
	var roots []string
	for _, w := range names {
		r := find(w)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], w)
	}
	var out []Suggestion
	ids := map[string]int{}
	for _, c := range g.Concepts {
		ids[c.ID] = 0
	}
	for _, r := range roots {
		ws := groups[r]
		if len(ws) < 2 {
			continue
		}
		var vs []Variant
		for _, w := range ws {
			vs = append(vs, Variant{Spelling: w, Count: words[w].count, First: words[w].first})
		}
		sort.SliceStable(vs, func(i, j int) bool { return vs[i].Count > vs[j].Count })
		id := slugID(vs[0].Spelling, ids)
		ids[id] = 0
		out = append(out, Suggestion{ID: id, Lang: lang, Variants: vs})
	}
	return out
}

func isAllUpper(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// skeleton normalises a spelling for grouping: lower case, no diacritics,
// y and j read as i, doubled letters single.
func skeleton(w string) string {
	var b strings.Builder
	var last rune
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'y', 'j':
			r = 'i'
		case 'й', 'ї', 'і':
			r = 'и'
		}
		if r == last {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

func isVowel(r rune) bool {
	return strings.ContainsRune("aeiouyаеёиоуыэюяіїє", unicode.ToLower(r))
}

// vowelVariant reports whether a and b (five letters or more) differ only in
// one vowel replaced by another, not in the last letter: Irpin / Irpen.
func vowelVariant(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) || len(ra) < 5 {
		return false
	}
	diff := -1
	for i := range ra {
		if unicode.ToLower(ra[i]) != unicode.ToLower(rb[i]) {
			if diff >= 0 {
				return false
			}
			diff = i
		}
	}
	return diff > 0 && diff < len(ra)-1 && isVowel(ra[diff]) && isVowel(rb[diff])
}

// WriteSuggestions prints suggestions as native YAML an editor can accept
// into a glossary: the most frequent spelling preferred, the others
// deprecated, and where each was first seen.
func WriteSuggestions(w io.Writer, ss []Suggestion) error {
	g := &Glossary{}
	for _, s := range ss {
		ts := TermSet{Preferred: s.Variants[0].Spelling}
		var seen []string
		for i, v := range s.Variants {
			seen = append(seen, fmt.Sprintf("%s ×%d (%s)", v.Spelling, v.Count, v.First))
			if i > 0 {
				ts.Deprecated = append(ts.Deprecated, v.Spelling)
			}
		}
		base, _ := s.Lang.Base()
		g.Concepts = append(g.Concepts, &Concept{
			ID:    s.ID,
			Note:  "Suggested from the corpus: " + strings.Join(seen, ", ") + ". The most frequent spelling is preferred: check it.",
			Terms: map[string]TermSet{base.String(): ts},
		})
	}
	if _, err := fmt.Fprintf(w, "# locpipe glossary suggest: %d candidate concept(s). Review each, then add it to your glossary.\n", len(ss)); err != nil {
		return err
	}
	return WriteYAML(w, g)
}
