package segment

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// ErrUnknownLanguage is returned by LoadRules when no rule file exists for
// a language.
var ErrUnknownLanguage = errors.New("segment: no rules for language")

// RuleError reports bad rule data: the file, the line (0 when unknown) and
// what is wrong with it.
type RuleError struct {
	File string
	Line int
	Msg  string
	Err  error
}

func (e *RuleError) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Err != nil {
		return fmt.Sprintf("segment: %s: %s: %v", loc, e.Msg, e.Err)
	}
	return fmt.Sprintf("segment: %s: %s", loc, e.Msg)
}

func (e *RuleError) Unwrap() error { return e.Err }

// abbrClass says what a word followed by a period is.
type abbrClass uint8

const (
	abbrNone    abbrClass = iota
	abbrTitle             // precedes a name or number: never ends a sentence (Mr., Dr., St.)
	abbrNumber            // precedes a number (No. 5, p. 55); an ordinary word elsewhere
	abbrGeneral           // may end a sentence: ends it only before a sentence starter (etc., Inc., U.S.)
	abbrFinal             // usually ends what it closes: ends before any capital (P.M.)
	abbrClosing           // closes a phrase (a.m.): ends before a capital unless a continuation or a title follows
)

// file is the YAML shape of one rule file (see locales/data/segment/README.md).
type file struct {
	Language      string   `yaml:"language"`
	Inherit       []string `yaml:"inherit"`
	Terminals     string   `yaml:"terminals"`
	SpacedClosers string   `yaml:"spaced_closers"`
	Ordinals      bool     `yaml:"ordinal_numbers"`
	NounCaps      bool     `yaml:"capitalised_nouns"`
	Quotes        []string `yaml:"quotes"`
	FinalLetters  string   `yaml:"final_letters"`
	NonFinal      string   `yaml:"nonfinal_letters"`
	Abbreviations struct {
		Titles   []string `yaml:"titles"`
		Prefixes []string `yaml:"prefixes"`
		Numbers  []string `yaml:"numbers"`
		General  []string `yaml:"general"`
		Final    []string `yaml:"final"`
		Closing  []string `yaml:"closing"`
	} `yaml:"abbreviations"`
	Continuations []string    `yaml:"continuations"`
	Starters      []string    `yaml:"sentence_starters"`
	Pronouns      []string    `yaml:"pronouns"`
	Attribution   []string    `yaml:"attribution_verbs"`
	Rules         []ruleEntry `yaml:"rules"`
}

type ruleEntry struct {
	Break  bool   `yaml:"break"`
	Before string `yaml:"before"`
	After  string `yaml:"after"`
	line   int
}

func (r *ruleEntry) UnmarshalYAML(n *yaml.Node) error {
	type plain ruleEntry
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*r = ruleEntry(p)
	r.line = n.Line
	return nil
}

// quoteMarks are the quotation marks a language lists: opening marks that
// are never closers there ("“" in Chinese, unlike German „…“).
type quoteMarks struct {
	opening map[rune]bool
}

// Rules are the compiled, immutable segmentation rules of one language.
// They are safe for concurrent use.
type Rules struct {
	lang          string
	abbr          map[string]abbrClass // entries written with a capital: exact match
	abbrFold      map[string]abbrClass // entries written in lower case: any case
	starters      map[string]struct{}
	pronouns      map[string]struct{}
	attribution   map[string]struct{}
	continuations map[string]struct{}
	ordinals      bool
	nounCaps      bool
	quotes        *quoteMarks
	extra         map[rune]termKind
	spacedClosers string
	finalLetters  string // letters only a complete word ends in (Greek 'ς')
	srx           []srxRule
	lists         [abbrClosing + 1][]string // entries by class, in file order (for ExportSRX)
	scan          byteTable
	longest       int    // bytes of the longest abbreviation
	nonFinal      string // letters no word ends in: a word ending in one is an abbreviation before a number (Spanish "párrf. 5")
}

// Language returns the language the rules were written for.
func (r *Rules) Language() string { return r.lang }

// maxAbbrev bounds the bytes of an abbreviation (and of the lookup key).
const maxAbbrev = 48

// ParseRules compiles one rule file. name is used in errors; inherit is
// called for every file the rules inherit from and must return its bytes.
func ParseRules(name string, data []byte, inherit func(name string) ([]byte, error)) (*Rules, error) {
	r := &Rules{
		abbr:          map[string]abbrClass{},
		abbrFold:      map[string]abbrClass{},
		starters:      map[string]struct{}{},
		pronouns:      map[string]struct{}{},
		attribution:   map[string]struct{}{},
		continuations: map[string]struct{}{},
		extra:         map[rune]termKind{},
		scan:          scanTable,
	}
	if err := r.add(name, data, inherit, map[string]bool{}); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *Rules) add(name string, data []byte, inherit func(string) ([]byte, error), seen map[string]bool) error {
	if seen[name] {
		return &RuleError{File: name, Msg: "inheritance cycle"}
	}
	seen[name] = true
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return &RuleError{File: name, Msg: "bad YAML", Err: err}
	}
	for _, parent := range f.Inherit {
		if inherit == nil {
			return &RuleError{File: name, Msg: fmt.Sprintf("inherits %q but no loader was given", parent)}
		}
		b, err := inherit(parent)
		if err != nil {
			return &RuleError{File: name, Msg: fmt.Sprintf("inherits %q", parent), Err: err}
		}
		if err := r.add(parent, b, inherit, seen); err != nil {
			return err
		}
	}
	if r.lang == "" || f.Language != "" {
		r.lang = f.Language
	}
	for _, c := range f.Terminals {
		if unicode.IsSpace(c) || unicode.IsLetter(c) || unicode.IsDigit(c) {
			return &RuleError{File: name, Msg: fmt.Sprintf("terminal %q is not punctuation", c)}
		}
		r.extra[c] = termStrong
		r.scan.mark(c)
	}
	r.spacedClosers += f.SpacedClosers
	for _, c := range f.FinalLetters {
		if !unicode.IsLetter(c) {
			return &RuleError{File: name, Msg: fmt.Sprintf("final letter %q is not a letter", c)}
		}
	}
	r.finalLetters += f.FinalLetters
	for _, c := range f.NonFinal {
		if !unicode.IsLower(c) {
			return &RuleError{File: name, Msg: fmt.Sprintf("nonfinal letter %q is not a lower-case letter", c)}
		}
	}
	r.nonFinal += f.NonFinal
	r.ordinals = r.ordinals || f.Ordinals
	r.nounCaps = r.nounCaps || f.NounCaps
	for _, q := range f.Quotes {
		rs := []rune(q)
		if len(rs) != 2 || unicode.IsLetter(rs[0]) || unicode.IsLetter(rs[1]) || unicode.IsSpace(rs[0]) || unicode.IsSpace(rs[1]) {
			return &RuleError{File: name, Msg: fmt.Sprintf("quotes: %q must be an opening and a closing mark", q)}
		}
		if r.quotes == nil {
			r.quotes = &quoteMarks{opening: map[rune]bool{}}
		}
		if rs[0] != rs[1] {
			r.quotes.opening[rs[0]] = true
		}
	}
	if r.quotes != nil {
		for _, q := range f.Quotes {
			rs := []rune(q)
			delete(r.quotes.opening, rs[1]) // a mark that also closes may close
		}
	}
	for _, l := range []struct {
		class abbrClass
		words []string
	}{
		{abbrTitle, f.Abbreviations.Titles},
		{abbrTitle, f.Abbreviations.Prefixes},
		{abbrNumber, f.Abbreviations.Numbers},
		{abbrGeneral, f.Abbreviations.General},
		{abbrFinal, f.Abbreviations.Final},
		{abbrClosing, f.Abbreviations.Closing},
	} {
		for _, w := range l.words {
			w = strings.TrimSuffix(strings.TrimSpace(w), ".")
			if w == "" || len(w) > maxAbbrev || strings.ContainsFunc(w, unicode.IsSpace) {
				return &RuleError{File: name, Msg: fmt.Sprintf("abbreviation %q must be one word of at most %d bytes", w, maxAbbrev)}
			}
			r.longest = max(r.longest, len(w))
			r.lists[l.class] = append(r.lists[l.class], w)
			if w == strings.ToLower(w) {
				r.abbrFold[w] = l.class
			} else {
				r.abbr[w] = l.class
			}
		}
	}
	for _, w := range f.Starters {
		r.starters[w] = struct{}{}
	}
	for _, w := range f.Pronouns {
		r.pronouns[w] = struct{}{}
	}
	for _, w := range f.Attribution {
		r.attribution[strings.ToLower(w)] = struct{}{}
	}
	for _, w := range f.Continuations {
		r.continuations[w] = struct{}{}
	}
	for _, e := range f.Rules {
		rule, err := compileRule(e.Break, e.Before, e.After, e.line)
		if err != nil {
			return &RuleError{File: name, Line: e.line, Msg: "bad rule", Err: err}
		}
		r.srx = append(r.srx, rule)
	}
	return nil
}

// LoadRules compiles the rules of lang from fsys, a tree laid out like
// locales/data/segment: one <lang>.yaml per language.
func LoadRules(fsys fs.FS, lang string) (*Rules, error) {
	read := func(name string) ([]byte, error) {
		b, err := fs.ReadFile(fsys, path.Clean(name)+".yaml")
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w %q", ErrUnknownLanguage, name)
		}
		return b, err
	}
	b, err := read(lang)
	if err != nil {
		return nil, err
	}
	return ParseRules(lang+".yaml", b, read)
}
