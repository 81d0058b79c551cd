package segment

import (
	"fmt"
	"io/fs"
	"sync"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/locales"
)

// Span is one sentence: the bytes text[Start:End] of the text that was split.
// Spans never start or end with white space; the white space between two
// spans belongs to neither.
type Span struct {
	Start, End int
}

// Segmenter splits text of one language into sentences. It is immutable and
// safe for concurrent use.
type Segmenter struct {
	lang    language.Tag
	rules   *Rules
	user    []srxRule // SRX rules loaded with WithSRX
	mode    SRXMode
	srxName string
}

// rootName is the rule file of the language-independent rules, used for
// languages that have no file of their own.
const rootName = "root"

// embedded parses the rule files shipped in package locales once; the
// result is never modified afterwards.
var embedded = sync.OnceValues(func() (map[string]*Rules, error) {
	return LoadAll(locales.Data(), "segment")
})

// LoadAll compiles every rule file (<lang>.yaml) in the directory dir of
// fsys, keyed by language.
func LoadAll(fsys fs.FS, dir string) (map[string]*Rules, error) {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("segment: %s: %w", dir, err)
	}
	names, err := fs.Glob(sub, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("segment: %s: %w", dir, err)
	}
	out := make(map[string]*Rules, len(names))
	for _, n := range names {
		lang := n[:len(n)-len(".yaml")]
		r, err := LoadRules(sub, lang)
		if err != nil {
			return nil, err
		}
		out[lang] = r
	}
	if _, ok := out[rootName]; !ok {
		return nil, &RuleError{File: dir + "/" + rootName + ".yaml", Msg: "missing"}
	}
	return out, nil
}

// New returns a segmenter for lang with the rules shipped in package
// locales. A language without rules gets the language-independent ones:
// UAX #29 boundaries corrected only for quotations, lists, line breaks and
// inline codes. New is cheap: the shipped rules are parsed once per process.
// It panics only if the shipped rule files are broken, which the package's
// tests rule out.
func New(lang language.Tag) *Segmenter {
	all, err := embedded()
	if err != nil {
		panic(err)
	}
	return &Segmenter{lang: lang, rules: pick(all, lang)}
}

func pick(all map[string]*Rules, lang language.Tag) *Rules {
	base, _ := lang.Base()
	if r, ok := all[base.String()]; ok {
		return r
	}
	return all[rootName]
}

// NewFromRules returns a segmenter that applies rules, for example rules a
// user loaded with LoadRules from a directory of their own.
func NewFromRules(lang language.Tag, rules *Rules) *Segmenter {
	return &Segmenter{lang: lang, rules: rules}
}

// Language returns the language the segmenter was made for.
func (s *Segmenter) Language() language.Tag { return s.lang }

// Rules returns the compiled rules the segmenter applies.
func (s *Segmenter) Rules() *Rules { return s.rules }

// Split returns the sentences of text in order. Every non-space byte of
// text lies in exactly one span, and only white space lies between spans.
func (s *Segmenter) Split(text string) []Span {
	if s.user == nil && s.srxName == "" {
		sp := splitter{r: s.rules, text: text, spans: make([]Span, 0, len(text)/64+1)}
		return sp.run()
	}
	var scratch []byte
	var spans []Span
	if s.mode == SRXReplace {
		if a, b := skipSpace(text, 0), trimRight(text, len(text)); a < b {
			spans = []Span{{Start: a, End: b}}
		}
	} else {
		sp := splitter{r: s.rules, text: text, spans: make([]Span, 0, len(text)/64+1), user: s.user}
		spans = sp.run()
		scratch = sp.scratch
	}
	return srxBreaks(s.user, text, spans, &scratch)
}
