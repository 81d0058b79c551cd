package glossary

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// Validate checks the rules every concept obeys, whatever file it comes
// from: an id, at least one language (of terms or forbidden terms), each
// language a BCP 47 tag, with a preferred term for Terms, and no empty
// exception or forbidden term.
func (c *Concept) Validate() error {
	return c.validate(func(lang string) bool {
		_, err := language.Parse(lang)
		return err == nil
	})
}

// validate checks Validate's rules, with isTag telling a BCP 47 tag. The
// maps are taken in map order, without sorting their keys: of the
// languages a loop finds wrong, the first in order is the one it tells,
// as if it had gone in order.
func (c *Concept) validate(isTag func(string) bool) error {
	if c == nil || strings.TrimSpace(c.ID) == "" {
		return fmt.Errorf("a concept without an id")
	}
	if len(c.Terms) == 0 && len(c.Forbidden) == 0 {
		return fmt.Errorf("%q has no terms", c.ID)
	}
	var first string // the language of err
	var err error
	fail := func(lang string, e error) {
		if err == nil || lang < first {
			first, err = lang, e
		}
	}
	for lang, ts := range c.Forbidden {
		if !isTag(lang) {
			fail(lang, fmt.Errorf("%q: language %q is not a BCP 47 tag", c.ID, lang))
			continue
		}
		for _, t := range ts {
			if strings.TrimSpace(t) == "" {
				fail(lang, fmt.Errorf("%q: empty forbidden %s term", c.ID, lang))
				break
			}
		}
	}
	if err != nil {
		return err
	}
	for lang, ts := range c.Terms {
		if !isTag(lang) {
			fail(lang, fmt.Errorf("%q: language %q is not a BCP 47 tag", c.ID, lang))
		} else if strings.TrimSpace(ts.Preferred) == "" {
			fail(lang, fmt.Errorf("%q: %s has no preferred term", c.ID, lang))
		}
	}
	if err != nil {
		return err
	}
	for _, e := range c.Exceptions {
		if strings.TrimSpace(e) == "" {
			return fmt.Errorf("%q: empty exception", c.ID)
		}
	}
	for lang, ts := range c.Terms {
		for _, e := range ts.Exceptions {
			if strings.TrimSpace(e) == "" {
				fail(lang, fmt.Errorf("%q: %s: empty exception", c.ID, lang))
				break
			}
		}
	}
	return err
}

// validated is the one validation every loader (YAML, CSV, TSV, TBX) ends
// with: each concept valid (Concept.Validate) and its id unique in the
// file. Errors are *LoadError at the concept's line, wrapping ErrInvalid.
func validated(name string, g *Glossary) (*Glossary, error) {
	seen := make(map[string]int, len(g.Concepts))
	tags := map[string]bool{} // language keys parsed: whether each is a BCP 47 tag
	isTag := func(lang string) bool {
		if ok, seen := tags[lang]; seen {
			return ok
		}
		_, err := language.Parse(lang)
		tags[lang] = err == nil
		return err == nil
	}
	for _, c := range g.Concepts {
		line := 0
		if c != nil {
			line = c.pos.line
		}
		if err := c.validate(isTag); err != nil { // Validate, parsing each tag once
			return nil, &LoadError{File: name, Line: line, Err: fmt.Errorf("%w: %v", ErrInvalid, err)}
		}
		if prev, dup := seen[c.ID]; dup {
			return nil, &LoadError{File: name, Line: line, Err: fmt.Errorf("%w: duplicate id %q (first at line %d)", ErrInvalid, c.ID, prev)}
		}
		seen[c.ID] = line
	}
	return g, nil
}
