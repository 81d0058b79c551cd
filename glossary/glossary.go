package glossary

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// Status is a term's standing in its concept, as in TBX administrativeStatus.
type Status string

// Term statuses.
const (
	Preferred  Status = "preferred"
	Admitted   Status = "admitted"
	Deprecated Status = "deprecated"
)

// TermSet holds a concept's terms in one language.
type TermSet struct {
	Preferred  string   `yaml:"preferred" json:"preferred"`
	Admitted   []string `yaml:"admitted,omitempty" json:"admitted,omitempty"`
	Deprecated []string `yaml:"deprecated,omitempty" json:"deprecated,omitempty"`
	// Forms are inflected forms of the preferred term, keyed by a grammatical
	// tag the editor chooses ("gen", "loc", "dat"…). A form found in the text
	// is written as the target language's form with the same tag, or as its
	// preferred term when it has none: ru Киева (gen) → uk Києва (gen).
	Forms Forms `yaml:"forms,omitempty" json:"forms,omitempty"`
	// DeprecatedForms are inflected forms of deprecated terms, by the same
	// tags: Apply rewrites them to Forms[tag].
	DeprecatedForms map[string][]string `yaml:"deprecated_forms,omitempty" json:"deprecated_forms,omitempty"`
	// CaseSensitive makes this language's terms match only as written.
	CaseSensitive bool `yaml:"case_sensitive,omitempty" json:"case_sensitive,omitempty"`
	// Exceptions are phrases that keep their naming in this language's
	// editions (and its own texts) only: "Chernobyl disaster" under en keeps
	// Chernobyl in English, while a Spanish edition writes Chernóbil. The
	// concept's Exceptions apply in every language.
	Exceptions []string `yaml:"exceptions,omitempty" json:"exceptions,omitempty"`
}

// all calls fn for every term of the set with its status and form tag.
func (ts TermSet) all(fn func(term string, st Status, form string)) {
	fn(ts.Preferred, Preferred, "")
	for _, t := range ts.Admitted {
		fn(t, Admitted, "")
	}
	for _, t := range ts.Deprecated {
		fn(t, Deprecated, "")
	}
	for _, f := range ts.Forms.sorted() {
		fn(f.Text, Preferred, f.Tag)
	}
	for _, tag := range sortedKeys(ts.DeprecatedForms) {
		for _, t := range ts.DeprecatedForms[tag] {
			fn(t, Deprecated, tag)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Concept is one named thing with its terms per language.
type Concept struct {
	ID         string             `yaml:"id" json:"id"`
	Note       string             `yaml:"note,omitempty" json:"note,omitempty"`
	Terms      map[string]TermSet `yaml:"terms" json:"terms"`
	Exceptions []string           `yaml:"exceptions,omitempty" json:"exceptions,omitempty"`
	// CaseSensitive makes the concept's terms match only as written.
	CaseSensitive bool `yaml:"case_sensitive,omitempty" json:"case_sensitive,omitempty"`
	// DoNotTranslate keeps the concept's terms as they stand in the source
	// (brand names, titles of works): Protect restores the source text.
	DoNotTranslate bool `yaml:"do_not_translate,omitempty" json:"do_not_translate,omitempty"`
	// Forbidden lists, per language, terms that must not be used where the
	// language has no term to use instead (a TBX language section holding
	// only deprecated or forbidden terms). Apply does not rewrite them.
	Forbidden map[string][]string `yaml:"forbidden,omitempty" json:"forbidden,omitempty"`

	// Origin is where the concept was defined ("file:line"), for messages.
	Origin string `yaml:"-" json:"-"`
	pos    position
}

// position records where a concept and its parts stand in their file.
type position struct {
	file       string
	line       int
	terms      []langLine // the line of each language's terms
	exceptions []int      // line of each exception
}

type langLine struct {
	lang string
	line int
}

// setTerms records the line of lang's terms.
func (p *position) setTerms(lang string, line int) {
	for i := range p.terms {
		if p.terms[i].lang == lang {
			p.terms[i].line = line
			return
		}
	}
	p.terms = append(p.terms, langLine{lang, line})
}

// termLine returns the line of the concept's terms in lang (or the concept's).
func (c *Concept) termLine(lang string) int {
	for _, ll := range c.pos.terms {
		if ll.lang == lang && ll.line > 0 {
			return ll.line
		}
	}
	return c.pos.line
}

func (c *Concept) exceptionLine(i int) int {
	if i < len(c.pos.exceptions) && c.pos.exceptions[i] > 0 {
		return c.pos.exceptions[i]
	}
	return c.pos.line
}

// TermsFor returns the concept's terms for lang: an exact tag match first,
// then the tag's base language. ok is false when the concept has none.
func (c *Concept) TermsFor(lang language.Tag) (TermSet, bool) {
	base, _ := lang.Base()
	return c.termsFor(lang.String(), base.String())
}

// termsFor is TermsFor with the tag and its base language as strings.
func (c *Concept) termsFor(tag, base string) (TermSet, bool) {
	if ts, ok := c.Terms[tag]; ok {
		return ts, true
	}
	ts, ok := c.Terms[base]
	return ts, ok
}

// Glossary is a termbase: an ordered list of concepts.
//
// A Glossary builds one Matcher per language on first use and keeps it:
// change Concepts before the first call to Matcher, Apply or Protect, not
// after. Its methods are safe for concurrent use.
type Glossary struct {
	Concepts []*Concept

	mu       sync.Mutex
	matchers map[string]*Matcher
	fp       string                 // Fingerprint, once computed
	cfps     map[conceptPair]string // ConceptFingerprint, once computed
}

type conceptPair struct {
	c        *Concept
	src, tgt string
}

// file is the native YAML layout.
type file struct {
	Version  int        `yaml:"version"`
	Concepts []*Concept `yaml:"concepts"`
}

// ErrInvalid is wrapped by every error about a malformed glossary.
var ErrInvalid = errors.New("glossary: invalid glossary")

// LoadError is a problem at a place in a glossary file.
type LoadError struct {
	File string
	Line int
	Err  error
}

func (e *LoadError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *LoadError) Unwrap() error { return e.Err }

// Load reads a glossary file in the format its extension names: native
// YAML (.yaml, .yml and anything else), CSV or TSV in the concept layout or
// a DeepL layout that names its languages (.csv, .tsv), or TBX (.tbx, .xml).
func Load(path string) (*Glossary, error) {
	return LoadFile(path, ImportOptions{})
}

// Parse reads a native YAML glossary; name is used in errors.
func Parse(name string, data []byte) (*Glossary, error) {
	// Read in place: the fast reader copies what it keeps.
	version, concepts, ok := parseYAMLFast(unsafe.String(unsafe.SliceData(data), len(data)))
	if !ok {
		var err error
		version, concepts, err = parseYAMLNodes(name, data)
		if err != nil {
			return nil, err
		}
	}
	return parsed(name, version, concepts)
}

// parseYAMLNodes reads a native YAML glossary with yaml.v3: whatever the
// fast reader leaves, and every error.
func parseYAMLNodes(name string, data []byte) (int, []*Concept, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return 0, nil, yamlError(name, err)
	}
	// Decoded a second time, strictly: a node's Decode ignores KnownFields.
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return 0, nil, yamlError(name, err)
	}
	if f.Version != 1 {
		return f.Version, nil, nil // parsed says so
	}
	lines := conceptLines(&root)
	for i, c := range f.Concepts {
		var pos position
		if i < len(lines) {
			pos = lines[i]
		}
		if c == nil {
			return 0, nil, &LoadError{File: name, Line: pos.line, Err: fmt.Errorf("%w: concept %d is empty", ErrInvalid, i+1)}
		}
		c.pos = pos
	}
	return f.Version, f.Concepts, nil
}

// parsed makes the glossary of a YAML file's concepts, each with its
// position but for the file.
func parsed(name string, version int, concepts []*Concept) (*Glossary, error) {
	if version != 1 {
		return nil, &LoadError{File: name, Line: 1, Err: fmt.Errorf("%w: version %d is not supported (want 1)", ErrInvalid, version)}
	}
	for _, c := range concepts {
		c.pos.file = name
		c.Origin = name + ":" + strconv.Itoa(c.pos.line)
	}
	return validated(name, &Glossary{Concepts: concepts})
}

func yamlError(name string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		// "line 7: field x not found in type …"
		msg := te.Errors[0]
		var line int
		if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
			return &LoadError{File: name, Line: line, Err: fmt.Errorf("%w: %s", ErrInvalid, strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:]))}
		}
		return &LoadError{File: name, Err: fmt.Errorf("%w: %s", ErrInvalid, msg)}
	}
	msg := err.Error()
	var line int
	if _, e := fmt.Sscanf(msg, "yaml: line %d:", &line); e == nil {
		rest := msg[len("yaml: "):]
		return &LoadError{File: name, Line: line, Err: fmt.Errorf("%w: %s", ErrInvalid, strings.TrimSpace(rest[strings.IndexByte(rest, ':')+1:]))}
	}
	return &LoadError{File: name, Err: fmt.Errorf("%w: %s", ErrInvalid, strings.TrimPrefix(msg, "yaml: "))}
}

// conceptLines returns the position of each item of the top-level concepts
// list: its line, the line of each language's terms and of each exception.
func conceptLines(root *yaml.Node) []position {
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return nil
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != "concepts" {
			continue
		}
		var out []position
		for _, it := range m.Content[i+1].Content {
			p := position{line: it.Line}
			for j := 0; j+1 < len(it.Content); j += 2 {
				k, v := it.Content[j], it.Content[j+1]
				switch k.Value {
				case "terms":
					for l := 0; l+1 < len(v.Content); l += 2 {
						p.setTerms(v.Content[l].Value, v.Content[l].Line)
					}
				case "exceptions":
					for _, e := range v.Content {
						p.exceptions = append(p.exceptions, e.Line)
					}
				}
			}
			out = append(out, p)
		}
		return out
	}
	return nil
}

//go:embed builtin/*.yaml
var builtinFS embed.FS

// Builtin returns the glossary embedded in the binary: the Ukrainian place
// names newsrooms standardised since 2022, as a house-style default.
func Builtin() *Glossary {
	entries, err := builtinFS.ReadDir("builtin")
	if err != nil {
		panic(err) // embedded at build time
	}
	var layers []*Glossary
	for _, e := range entries {
		data, err := builtinFS.ReadFile("builtin/" + e.Name())
		if err != nil {
			panic(err)
		}
		g, err := Parse("builtin/"+e.Name(), data)
		if err != nil {
			panic(fmt.Sprintf("glossary: built-in glossary is broken: %v", err))
		}
		layers = append(layers, g)
	}
	return Merge(layers...)
}

// Merge layers glossaries: a later concept with the same id replaces an
// earlier one in place; new ids are appended in order.
func Merge(layers ...*Glossary) *Glossary {
	out := &Glossary{}
	index := map[string]int{}
	for _, g := range layers {
		if g == nil {
			continue
		}
		for _, c := range g.Concepts {
			if i, ok := index[c.ID]; ok {
				out.Concepts[i] = c
				continue
			}
			index[c.ID] = len(out.Concepts)
			out.Concepts = append(out.Concepts, c)
		}
	}
	return out
}

// Fingerprint identifies the glossary's content: two glossaries with the same
// concepts have the same fingerprint, and any change to a term, an exception
// or an option changes it. An empty or nil glossary has fingerprint "none".
//
// It is computed once (the same rule as Matcher: change Concepts before the
// first call, not after).
func (g *Glossary) Fingerprint() string {
	if g == nil || len(g.Concepts) == 0 {
		return "none"
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.fp != "" {
		return g.fp
	}
	g.fp = fingerprint(g.Concepts)
	return g.fp
}

// fingerprint hashes the JSON array of the concepts sorted by id (maps
// marshal with sorted keys), one concept at a time: the same bytes as one
// json.Marshal of the array, without holding them all.
func fingerprint(concepts []*Concept) string {
	cs := slices.Clone(concepts)
	slices.SortStableFunc(cs, func(a, b *Concept) int { return strings.Compare(a.ID, b.ID) })
	h := sha256.New()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	h.Write([]byte{'['})
	for i, c := range cs {
		if i > 0 {
			h.Write([]byte{','})
		}
		buf.Reset()
		if err := enc.Encode(c); err != nil {
			panic(err)
		}
		h.Write(bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}))
	}
	h.Write([]byte{']'})
	return "sha256:" + hex.EncodeToString(h.Sum(nil)[:8])
}

// ConceptFingerprint identifies what c does to a text translated from src
// to tgt (or, src equal to tgt, to a house-style edition): its id, its
// terms in both languages, its exceptions and options. Any change to
// those changes it; a change to another language's terms does not. It is
// computed once per concept and pair.
func (g *Glossary) ConceptFingerprint(c *Concept, src, tgt language.Tag) string {
	key := conceptPair{c, src.String(), tgt.String()}
	if g != nil {
		g.mu.Lock()
		fp, ok := g.cfps[key]
		g.mu.Unlock()
		if ok {
			return fp
		}
	}
	type side struct {
		Lang string   `json:"lang"`
		Set  *TermSet `json:"set,omitempty"`
	}
	sideOf := func(t language.Tag) side {
		ts, ok := c.TermsFor(t)
		if !ok {
			return side{Lang: t.String()}
		}
		return side{Lang: t.String(), Set: &ts}
	}
	data, err := json.Marshal(struct {
		ID             string   `json:"id"`
		Src            side     `json:"src"`
		Tgt            side     `json:"tgt"`
		Exceptions     []string `json:"exceptions"`
		CaseSensitive  bool     `json:"cs"`
		DoNotTranslate bool     `json:"dnt"`
	}{c.ID, sideOf(src), sideOf(tgt), c.Exceptions, c.CaseSensitive, c.DoNotTranslate})
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(data)
	fp := hex.EncodeToString(sum[:4])
	if g != nil {
		g.mu.Lock()
		if g.cfps == nil {
			g.cfps = map[conceptPair]string{}
		}
		g.cfps[key] = fp
		g.mu.Unlock()
	}
	return fp
}
