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
	if c == nil || strings.TrimSpace(c.ID) == "" {
		return fmt.Errorf("a concept without an id")
	}
	if len(c.Terms) == 0 && len(c.Forbidden) == 0 {
		return fmt.Errorf("%q has no terms", c.ID)
	}
	for _, lang := range sortedKeys(c.Forbidden) {
		if _, err := language.Parse(lang); err != nil {
			return fmt.Errorf("%q: language %q is not a BCP 47 tag", c.ID, lang)
		}
		for _, t := range c.Forbidden[lang] {
			if strings.TrimSpace(t) == "" {
				return fmt.Errorf("%q: empty forbidden %s term", c.ID, lang)
			}
		}
	}
	for _, lang := range sortedKeys(c.Terms) {
		if _, err := language.Parse(lang); err != nil {
			return fmt.Errorf("%q: language %q is not a BCP 47 tag", c.ID, lang)
		}
		if strings.TrimSpace(c.Terms[lang].Preferred) == "" {
			return fmt.Errorf("%q: %s has no preferred term", c.ID, lang)
		}
	}
	for _, e := range c.Exceptions {
		if strings.TrimSpace(e) == "" {
			return fmt.Errorf("%q: empty exception", c.ID)
		}
	}
	for _, lang := range sortedKeys(c.Terms) {
		for _, e := range c.Terms[lang].Exceptions {
			if strings.TrimSpace(e) == "" {
				return fmt.Errorf("%q: %s: empty exception", c.ID, lang)
			}
		}
	}
	return nil
}

// valid reports whether c passes Validate, quickly; tags caches the
// language keys already parsed. False means Validate tells why (or that c
// is valid after all).
func (c *Concept) valid(tags map[string]bool) bool {
	if c == nil || strings.TrimSpace(c.ID) == "" || len(c.Terms) == 0 && len(c.Forbidden) == 0 {
		return false
	}
	tag := func(lang string) bool {
		if ok, seen := tags[lang]; seen {
			return ok
		}
		_, err := language.Parse(lang)
		tags[lang] = err == nil
		return err == nil
	}
	for lang, ts := range c.Forbidden {
		if !tag(lang) {
			return false
		}
		for _, t := range ts {
			if strings.TrimSpace(t) == "" {
				return false
			}
		}
	}
	for lang, ts := range c.Terms {
		if !tag(lang) || strings.TrimSpace(ts.Preferred) == "" {
			return false
		}
		for _, e := range ts.Exceptions {
			if strings.TrimSpace(e) == "" {
				return false
			}
		}
	}
	for _, e := range c.Exceptions {
		if strings.TrimSpace(e) == "" {
			return false
		}
	}
	return true
}

// validated is the one validation every loader (YAML, CSV, TSV, TBX) ends
// with: each concept valid (Concept.Validate) and its id unique in the
// file. Errors are *LoadError at the concept's line, wrapping ErrInvalid.
func validated(name string, g *Glossary) (*Glossary, error) {
	seen := make(map[string]int, len(g.Concepts))
	tags := map[string]bool{} // language keys known to be BCP 47 tags
	for _, c := range g.Concepts {
		line := 0
		if c != nil {
			line = c.pos.line
		}
		if c.valid(tags) {
			// The common case, checked without sorting or parsing a tag twice.
		} else if err := c.Validate(); err != nil {
			return nil, &LoadError{File: name, Line: line, Err: fmt.Errorf("%w: %v", ErrInvalid, err)}
		}
		if prev, dup := seen[c.ID]; dup {
			return nil, &LoadError{File: name, Line: line, Err: fmt.Errorf("%w: duplicate id %q (first at line %d)", ErrInvalid, c.ID, prev)}
		}
		seen[c.ID] = line
	}
	return g, nil
}
