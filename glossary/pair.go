package glossary

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// ErrTermMissing is wrapped when a human translation lacks a glossary term
// its source protects: storing it would make the pipeline put the term back
// somewhere the reviewer did not write it.
var ErrTermMissing = errors.New("glossary: glossary term missing from the translation")

// ProtectPair turns a human translation pair into the form the pipeline
// keys and stores in the translation memory: the source with its glossary
// terms as placeholders (as Protect writes them) and the target with the same placeholders
// where the reviewer wrote exactly the term Restore writes, or a deprecated
// term of the concept (Restore then writes the glossary's term there, so a
// reviewed sentence and the glossary never disagree). Where the reviewer
// wrote another valid term or inflected form of the concept ("Києва", the
// genitive, where Restore writes "Київ"), the text is kept as written: the
// reviewer chose the form the grammar needs. Every protected term must be
// in the target in some form, or the pair is refused with ErrTermMissing.
// A nil glossary changes nothing.
func (g *Glossary) ProtectPair(source, target string, from, to language.Tag) (psrc, ptgt string, err error) {
	if g == nil {
		return source, target, nil
	}
	p := g.Protect(source, from, to)
	if len(p.Terms) == 0 {
		return p.Text, target, nil
	}
	type span struct {
		start, end int
		ph         rune // 0: the reviewer's form, kept as written
	}
	var spans []span
	used := func(s, e int) bool {
		for _, sp := range spans {
			if s < sp.end && e > sp.start {
				return true
			}
		}
		return false
	}
	matches := g.Matcher(to).Find(target)
	for _, t := range p.Terms {
		found := false
		for _, m := range matches {
			if m.Concept.ID == t.Concept.ID && !used(m.Start, m.End) {
				ph := t.Placeholder
				if target[m.Start:m.End] != t.Target && m.Status != Deprecated {
					ph = 0
				}
				spans = append(spans, span{m.Start, m.End, ph})
				found = true
				break
			}
		}
		if found {
			continue
		}
		// A do-not-translate term or a concept with no target-language
		// term: the target holds Restore's text as it is.
		for off := 0; off < len(target); {
			i := strings.Index(target[off:], t.Target)
			if i < 0 || t.Target == "" {
				break
			}
			s, e := off+i, off+i+len(t.Target)
			if !used(s, e) {
				spans = append(spans, span{s, e, t.Placeholder})
				found = true
				break
			}
			off = e
		}
		if !found {
			return "", "", fmt.Errorf("%w: %q (concept %s) for %q", ErrTermMissing, t.Target, t.Concept.ID, t.Source)
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(target[last:sp.start])
		if sp.ph == 0 {
			b.WriteString(target[sp.start:sp.end])
		} else {
			b.WriteRune(sp.ph)
		}
		last = sp.end
	}
	b.WriteString(target[last:])
	return p.Text, b.String(), nil
}

// Fill writes the glossary terms into a human translation stored by
// ProtectPair: each placeholder becomes the term Restore would write, and
// nothing else changes. Unlike Restore it repairs nothing, so the forms a
// reviewer chose ("Києва") stand; ProtectPair has already checked that
// every term is there. A nil p returns text.
func (p *Protected) Fill(text string) string {
	if p == nil || !strings.ContainsFunc(text, func(r rune) bool { _, ok := IsPlaceholder(r); return ok }) {
		return text
	}
	var b strings.Builder
	for _, r := range text {
		if i, ok := IsPlaceholder(r); ok {
			if i < len(p.Terms) {
				b.WriteString(p.Terms[i].Target)
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// SourceTerms returns the source text of each term placeholder of p, in
// placeholder order: what the engine is handed with p.Text, and the Terms
// of its memory key. A nil p or one without terms gives nil.
func (p *Protected) SourceTerms() []string {
	if p == nil || len(p.Terms) == 0 {
		return nil
	}
	out := make([]string, len(p.Terms))
	for i, t := range p.Terms {
		out[i] = t.Source
	}
	return out
}

// SourceTerms returns the source text of each term Protect replaces in
// source (Protected.SourceTerms).
func (g *Glossary) SourceTerms(source string, from, to language.Tag) []string {
	return g.Protect(source, from, to).SourceTerms()
}
