package locales

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// InflectionRules are one language's noun endings: the file
// inflection/<tag>.yaml (see data/README.md and inflection/README.md).
type InflectionRules struct {
	// Endings may follow a term's stem: Polish "u" makes Donbasu of Donbas.
	Endings []string `yaml:"endings"`
	// Drop are final letters a stem may lose before an ending: Polish "a"
	// makes Warszawy of Warszawa (Warszaw + y).
	Drop []string `yaml:"drop"`
	// MinStem is the number of letters a stem keeps at least (default 3):
	// short names are not inflected by rule.
	MinStem int `yaml:"min_stem"`
	// Derived are suffixes that make words of a name (German Kyjiwer,
	// Ukrainian київський), each possibly followed by a short ending: such
	// a word is not a form of the term, but not a damaged term either.
	Derived []string `yaml:"derived"`
}

// Inflector tells whether a word is an inflected form of a term in one
// language. The zero value, and a nil *Inflector, accept only the term
// itself.
type Inflector struct {
	tag     language.Tag
	endings map[string]bool
	drop    []string
	minStem int
	maxEnd  int // longest ending, in bytes
	derived []string
}

// NewInflector checks rules and returns the inflector for tag.
func NewInflector(tag language.Tag, rules InflectionRules) (*Inflector, error) {
	in := &Inflector{tag: tag, endings: map[string]bool{}, minStem: rules.MinStem}
	if in.minStem == 0 {
		in.minStem = 3
	}
	if in.minStem < 1 {
		return nil, fmt.Errorf("min_stem %d: want at least 1", rules.MinStem)
	}
	for _, e := range rules.Endings {
		if e == "" || strings.ContainsFunc(e, unicode.IsSpace) {
			return nil, fmt.Errorf("ending %q: want letters without spaces", e)
		}
		e = foldWord(e)
		in.endings[e] = true
		in.maxEnd = max(in.maxEnd, len(e))
	}
	for _, d := range rules.Drop {
		if d == "" || strings.ContainsFunc(d, unicode.IsSpace) {
			return nil, fmt.Errorf("drop %q: want letters without spaces", d)
		}
		in.drop = append(in.drop, foldWord(d))
	}
	for _, d := range rules.Derived {
		if d == "" || strings.ContainsFunc(d, unicode.IsSpace) {
			return nil, fmt.Errorf("derived %q: want letters without spaces", d)
		}
		in.derived = append(in.derived, foldWord(d))
	}
	// Longest first: "ia" before "a".
	sort.SliceStable(in.drop, func(i, j int) bool { return len(in.drop[i]) > len(in.drop[j]) })
	return in, nil
}

// Tag returns the language the inflector is for.
func (in *Inflector) Tag() language.Tag {
	if in == nil {
		return language.Und
	}
	return in.tag
}

// IsForm reports whether word is term or, by the language's endings, one of
// its inflected forms, ignoring case (and ’ for '). Only the last word of a
// multi-word term inflects by rule.
func (in *Inflector) IsForm(term, word string) bool {
	t, w := foldWord(term), foldWord(word)
	if t == "" || w == "" {
		return false
	}
	if t == w {
		return true
	}
	if in == nil || len(in.endings) == 0 {
		return false
	}
	stems := []string{t}
	for _, d := range in.drop {
		if strings.HasSuffix(t, d) {
			stems = append(stems, t[:len(t)-len(d)])
		}
	}
	for _, s := range stems {
		if utf8.RuneCountInString(s) < in.minStem || !strings.HasPrefix(w, s) {
			continue
		}
		end := w[len(s):]
		if end == "" && s != t {
			continue // the bare stem is not a form (Warszaw)
		}
		if end == "" || in.endings[end] {
			return true
		}
	}
	return false
}

// maxDerivedEnding bounds the inflection after a derivational suffix.
const maxDerivedEnding = 5

// IsDerived reports whether word is made of term (less a dropped ending)
// and one of the language's derivational suffixes, possibly inflected:
// German Kyjiwer of Kyjiw, Ukrainian київському of Київ.
func (in *Inflector) IsDerived(term, word string) bool {
	if in == nil || len(in.derived) == 0 {
		return false
	}
	t, w := foldWord(term), foldWord(word)
	stems := []string{t}
	for _, d := range in.drop {
		if strings.HasSuffix(t, d) {
			stems = append(stems, t[:len(t)-len(d)])
		}
	}
	for _, s := range stems {
		if utf8.RuneCountInString(s) < in.minStem || !strings.HasPrefix(w, s) {
			continue
		}
		rest := w[len(s):]
		for _, d := range in.derived {
			if rest == d {
				return true
			}
			// an inflected derivation: київськ+ому, Kyjiwer+innen
			if strings.HasPrefix(rest, d) && utf8.RuneCountInString(rest[len(d):]) <= maxDerivedEnding {
				return true
			}
		}
	}
	return false
}

// foldWord lower-cases a word and writes its apostrophes '.
func foldWord(s string) string {
	s = strings.TrimSpace(s)
	return strings.NewReplacer("’", "'", "ʼ", "'").Replace(strings.ToLower(s))
}

// Inflections holds the inflection rules of every language of a data tree.
type Inflections struct {
	matcher *Matcher
	byIndex []*Inflector
}

// LoadInflections reads inflection/*.yaml (and fallbacks.yaml) from fsys.
func LoadInflections(fsys fs.FS) (*Inflections, error) {
	var ins []*Inflector
	m, err := loadTagged(fsys, "inflection", func(name string, tag language.Tag, rules InflectionRules) error {
		in, err := NewInflector(tag, rules)
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrData, name, err)
		}
		ins = append(ins, in)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &Inflections{matcher: m, byIndex: ins}, nil
}

// For returns the inflector for lang, or nil when the language has no data
// (nil accepts only the terms themselves).
func (s *Inflections) For(lang language.Tag) *Inflector {
	if s == nil {
		return nil
	}
	i, ok := s.matcher.Match(lang)
	if !ok {
		return nil
	}
	return s.byIndex[i]
}

var defaultInflections = sync.OnceValues(func() (*Inflections, error) { return LoadInflections(Data()) })

// DefaultInflections returns the inflection rules of the embedded data,
// loaded once.
func DefaultInflections() *Inflections {
	s, err := defaultInflections()
	if err != nil {
		panic(err) // the embedded files are checked by the package's tests
	}
	return s
}
