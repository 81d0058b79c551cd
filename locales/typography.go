package locales

import (
	"fmt"
	"io/fs"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// QuotePair is one nesting level of quotation marks.
type QuotePair struct {
	Open  string `yaml:"open"`
	Close string `yaml:"close"`
	// Space, when set, is put inside the marks, after Open and before Close,
	// replacing any space there (French: U+202F).
	Space string `yaml:"space"`
}

// TypographyRules are one locale's typography: the file
// typography/<tag>.yaml. Every field is optional; what is not set is left
// alone. Package pipeline/typography applies them.
type TypographyRules struct {
	// Quotes are the quotation marks by nesting level, outermost first;
	// deeper levels cycle through the list.
	Quotes []QuotePair `yaml:"quotes"`
	// Apostrophe replaces the straight apostrophe (and ’) inside and at the
	// edge of words: l'armée → l’armée.
	Apostrophe string `yaml:"apostrophe"`
	// SpaceBefore maps a punctuation mark to the space it takes before it
	// (French: U+202F before ; ! ?, U+00A0 before :). An empty value removes
	// any space there.
	SpaceBefore map[string]string `yaml:"space_before"`
}

// Validate checks the rules: quotation marks in pairs, spaces that are
// white space (not line breaks), one-character apostrophe and marks.
func (r *TypographyRules) Validate() error {
	for i, q := range r.Quotes {
		if q.Open == "" || q.Close == "" {
			return fmt.Errorf("quotes[%d]: open and close are both required", i)
		}
		if !isSpaceString(q.Space) {
			return fmt.Errorf("quotes[%d]: space %q is not white space", i, q.Space)
		}
	}
	if r.Apostrophe != "" && utf8.RuneCountInString(r.Apostrophe) != 1 {
		return fmt.Errorf("apostrophe %q must be one character", r.Apostrophe)
	}
	for k, v := range r.SpaceBefore {
		if utf8.RuneCountInString(k) != 1 {
			return fmt.Errorf("space_before: key %q must be one character", k)
		}
		if !isSpaceString(v) {
			return fmt.Errorf("space_before: %q: %q is not white space", k, v)
		}
	}
	return nil
}

func isSpaceString(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) || r == '\n' || r == '\r' {
			return false
		}
	}
	return true
}

// TypographyTable is the typography data of every locale of a data tree,
// with the matcher that chooses a locale's rules.
type TypographyTable struct {
	matcher *Matcher
	tags    []language.Tag
	rules   []TypographyRules
}

// LoadTypographyTable reads and checks typography/*.yaml (and
// fallbacks.yaml) from fsys: the tree of Data(), or a user's own tree with
// the same layout.
func LoadTypographyTable(fsys fs.FS) (*TypographyTable, error) {
	t := &TypographyTable{}
	m, err := loadTagged(fsys, "typography", func(name string, tag language.Tag, rules TypographyRules) error {
		if err := rules.Validate(); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrData, name, err)
		}
		t.tags = append(t.tags, tag)
		t.rules = append(t.rules, rules)
		return nil
	})
	if err != nil {
		return nil, err
	}
	t.matcher = m
	return t, nil
}

var defaultTypography = sync.OnceValues(func() (*TypographyTable, error) { return LoadTypographyTable(Data()) })

// DefaultTypographyTable returns the typography data embedded in the
// binary, loaded once.
func DefaultTypographyTable() *TypographyTable {
	t, err := defaultTypography()
	if err != nil {
		panic(err) // the embedded files are checked by the package's tests
	}
	return t
}

// Len returns the number of locales with typography data.
func (t *TypographyTable) Len() int { return len(t.tags) }

// At returns the locale and rules of entry i (0 ≤ i < Len()).
func (t *TypographyTable) At(i int) (language.Tag, TypographyRules) { return t.tags[i], t.rules[i] }

// Match returns the entry for lang: its own, a parent's such as pt for
// pt-BR, or an explicit fallback's; ok is false when there is none.
func (t *TypographyTable) Match(lang language.Tag) (int, bool) { return t.matcher.Match(lang) }

// Tags returns the locales that have typography data.
func (t *TypographyTable) Tags() []language.Tag { return t.matcher.Tags() }
