package locales

import (
	"fmt"
	"io/fs"
	"strings"

	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// Matcher picks, for a wanted language, the best of the languages locpipe has
// data for. It is deliberately stricter than language.Matcher, which maps
// Belarusian to Russian or Norwegian Nynorsk to Bokmål with High confidence:
// a different language is only used when a fallback says so explicitly.
//
// The order of preference is
//  1. the wanted tag itself, then its CLDR parents (pt-BR → pt,
//     ca-ES-valencia → ca-ES → ca, en-GB → en-001 → en);
//  2. the explicit fallbacks of the tag or of one of its parents, in order,
//     each with its own parents;
//  3. language.Matcher with at least High confidence, but only towards a tag
//     of the same base language (sr-Cyrl-ME → sr, zh-TW → zh-Hant).
type Matcher struct {
	tags      []language.Tag
	index     map[language.Tag]int
	fallbacks map[language.Tag][]language.Tag
	m         language.Matcher
}

// NewMatcher returns a Matcher over available. fallbacks maps a language to
// the languages to try, in order, when none of its own is available.
func NewMatcher(available []language.Tag, fallbacks map[language.Tag][]language.Tag) *Matcher {
	m := &Matcher{
		tags:      available,
		index:     make(map[language.Tag]int, len(available)),
		fallbacks: fallbacks,
		m:         language.NewMatcher(available),
	}
	for i, t := range available {
		if _, dup := m.index[t]; !dup {
			m.index[t] = i
		}
	}
	return m
}

// Tags returns the available tags, in the order given to NewMatcher.
func (m *Matcher) Tags() []language.Tag { return m.tags }

// Match returns the index in the available tags of the best match for want,
// or -1 and false when nothing may stand in for it.
func (m *Matcher) Match(want language.Tag) (int, bool) {
	if len(m.tags) == 0 {
		return -1, false
	}
	if i, ok := m.chain(want); ok {
		return i, true
	}
	for t := want; ; t = t.Parent() {
		for _, fb := range m.fallbacks[t] {
			if i, ok := m.chain(fb); ok {
				return i, true
			}
		}
		if t == language.Und {
			break
		}
	}
	// language.Matcher knows equivalences (scripts implied by regions,
	// macro-languages). Its returned tag carries -u-rg- extensions: use the
	// index, never the tag.
	_, i, conf := m.m.Match(want)
	if conf >= language.High {
		wb, _ := want.Base()
		gb, _ := m.tags[i].Base()
		if wb == gb {
			return i, true
		}
	}
	return -1, false
}

// chain looks up t and its parents.
func (m *Matcher) chain(t language.Tag) (int, bool) {
	for {
		if i, ok := m.index[t]; ok {
			return i, true
		}
		if t == language.Und {
			return -1, false
		}
		t = t.Parent()
	}
}

// loadFallbacks reads fallbacks.yaml: a map from a language tag to the list
// of tags to try instead. A missing file means no fallbacks.
func loadFallbacks(fsys fs.FS) (map[language.Tag][]language.Tag, error) {
	const name = "fallbacks.yaml"
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		if errorsIsNotExist(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("locales: %w", err)
	}
	var raw map[string][]string
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("locales: %s: %w", name, err)
	}
	out := make(map[language.Tag][]language.Tag, len(raw))
	for k, vs := range raw {
		t, err := language.Parse(k)
		if err != nil {
			return nil, fmt.Errorf("locales: %s: key %q: %w", name, k, err)
		}
		for _, v := range vs {
			ft, err := language.Parse(strings.TrimSpace(v))
			if err != nil {
				return nil, fmt.Errorf("locales: %s: %s: fallback %q: %w", name, k, v, err)
			}
			out[t] = append(out[t], ft)
		}
	}
	return out, nil
}
