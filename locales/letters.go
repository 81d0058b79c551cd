package locales

import (
	"fmt"
	"io/fs"
	"sync"
	"unicode"

	"golang.org/x/text/language"
)

// AlphabetRules are one language's letters: the file letters/<tag>.yaml.
type AlphabetRules struct {
	// Letters is the alphabet in lower case (apostrophes that are letters
	// of the language included).
	Letters string `yaml:"letters"`
	// Close lists languages close enough to share short phrases.
	Close []string `yaml:"close"`
	// Telltale says that nearly every sentence of a few words holds one of
	// the letters this language has and its close languages lack
	// (Ukrainian і, ї, є): a sentence without one is not in this language.
	Telltale bool `yaml:"telltale"`
}

// Alphabet is a language's set of letters.
type Alphabet struct {
	tag      language.Tag
	letters  map[rune]bool
	telltale bool
}

// Telltale reports whether nearly every sentence of the language holds a
// letter of its own (AlphabetRules.Telltale).
func (a *Alphabet) Telltale() bool { return a != nil && a.telltale }

// OwnLetters reports whether a has letters b lacks, in a's script.
func OwnLetters(a, b *Alphabet) bool {
	if a == nil || b == nil {
		return false
	}
	for r := range a.letters {
		if unicode.IsLetter(r) && !b.letters[r] && sameScript(r, b) {
			return true
		}
	}
	return false
}

// sameScript reports whether r is in the script of some letter of b.
func sameScript(r rune, b *Alphabet) bool {
	for _, tab := range []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Greek} {
		if unicode.Is(tab, r) {
			for l := range b.letters {
				if unicode.Is(tab, l) {
					return true
				}
			}
			return false
		}
	}
	return true
}

// Tag returns the alphabet's language.
func (a *Alphabet) Tag() language.Tag { return a.tag }

// Has reports whether r (in any case) is a letter of the alphabet.
func (a *Alphabet) Has(r rune) bool {
	if a == nil {
		return false
	}
	return a.letters[unicode.ToLower(r)]
}

// Alphabets holds the alphabets of every language of a data tree and which
// languages are close.
type Alphabets struct {
	matcher *Matcher
	byIndex []*Alphabet
	close   map[[2]language.Base]bool
}

// LoadAlphabets reads letters/*.yaml (and fallbacks.yaml) from fsys.
func LoadAlphabets(fsys fs.FS) (*Alphabets, error) {
	s := &Alphabets{close: map[[2]language.Base]bool{}}
	m, err := loadTagged(fsys, "letters", func(name string, tag language.Tag, rules AlphabetRules) error {
		a := &Alphabet{tag: tag, letters: map[rune]bool{}, telltale: rules.Telltale}
		for _, r := range rules.Letters {
			if unicode.IsSpace(r) {
				continue
			}
			if unicode.IsUpper(r) {
				return fmt.Errorf("%w: %s: letter %q: write the alphabet in lower case", ErrData, name, r)
			}
			a.letters[r] = true
		}
		if len(a.letters) == 0 {
			return fmt.Errorf("%w: %s: no letters", ErrData, name)
		}
		b, _ := tag.Base()
		for _, c := range rules.Close {
			ct, err := language.Parse(c)
			if err != nil {
				return fmt.Errorf("%w: %s: close %q: %v", ErrData, name, c, err)
			}
			cb, _ := ct.Base()
			s.close[[2]language.Base{b, cb}] = true
			s.close[[2]language.Base{cb, b}] = true
		}
		s.byIndex = append(s.byIndex, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.matcher = m
	return s, nil
}

// For returns the alphabet of lang, or nil when it has no data.
func (s *Alphabets) For(lang language.Tag) *Alphabet {
	if s == nil {
		return nil
	}
	i, ok := s.matcher.Match(lang)
	if !ok {
		return nil
	}
	return s.byIndex[i]
}

// Close reports whether two languages share short phrases (ru and uk, es
// and pt): a short segment identical in both proves nothing. A language is
// close to itself.
func (s *Alphabets) Close(a, b language.Tag) bool {
	ab, _ := a.Base()
	bb, _ := b.Base()
	return ab == bb || s != nil && s.close[[2]language.Base{ab, bb}]
}

var defaultAlphabets = sync.OnceValues(func() (*Alphabets, error) { return LoadAlphabets(Data()) })

// DefaultAlphabets returns the alphabets of the embedded data, loaded once.
func DefaultAlphabets() *Alphabets {
	s, err := defaultAlphabets()
	if err != nil {
		panic(err) // the embedded files are checked by the package's tests
	}
	return s
}
