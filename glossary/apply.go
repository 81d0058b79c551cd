package glossary

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Change is one replacement Apply made.
type Change struct {
	Match
	Old, New string
}

// Apply rewrites text to the preferred terms of its own language lang (the
// house style): every admitted or deprecated term becomes the concept's
// preferred term, in the case of the match. Bytes outside the changes are
// left as they are.
func (g *Glossary) Apply(text string, lang language.Tag) (string, []Change) {
	ms := g.Matcher(lang).Find(text)
	var b strings.Builder
	var changes []Change
	last := 0
	for _, m := range ms {
		ts, _ := m.Concept.TermsFor(lang)
		if m.Status == Preferred {
			continue
		}
		old := text[m.Start:m.End]
		repl := carryCase(old, ts.Preferred)
		if repl == old {
			continue
		}
		b.WriteString(text[last:m.Start])
		b.WriteString(repl)
		last = m.End
		changes = append(changes, Change{Match: m, Old: old, New: repl})
	}
	if changes == nil {
		return text, nil
	}
	b.WriteString(text[last:])
	return b.String(), changes
}

// PlaceholderBase is the first rune of the private-use range (plane 15) that
// Protect uses for term placeholders: term i is PlaceholderBase+i.
const (
	PlaceholderBase = 0xF0000
	MaxPlaceholders = 0xFFFD
)

// IsPlaceholder reports whether r is a term placeholder, and its index.
func IsPlaceholder(r rune) (int, bool) {
	if r >= PlaceholderBase && r < PlaceholderBase+MaxPlaceholders {
		return int(r - PlaceholderBase), true
	}
	return 0, false
}

// ProtectedTerm is one term Protect replaced by a placeholder.
type ProtectedTerm struct {
	Placeholder rune
	Concept     *Concept
	Source      string // the text that was matched
	Target      string // what Restore writes: the target's preferred term, in the match's case
}

// Protected is a text whose glossary terms are placeholders.
type Protected struct {
	Text  string
	Terms []ProtectedTerm
}

// Protect replaces every term of the source language in text by a
// placeholder rune, remembering the target language's preferred term for
// Restore. A concept with no term in the target language is written with the
// source language's preferred term.
func (g *Glossary) Protect(text string, src, tgt language.Tag) *Protected {
	ms := g.Matcher(src).Find(text)
	p := &Protected{Text: text}
	if len(ms) == 0 {
		return p
	}
	var b strings.Builder
	last := 0
	for i, m := range ms {
		if i >= MaxPlaceholders {
			break
		}
		target, ok := m.Concept.TermsFor(tgt)
		if !ok {
			target, _ = m.Concept.TermsFor(src)
		}
		ph := rune(PlaceholderBase + len(p.Terms))
		old := text[m.Start:m.End]
		p.Terms = append(p.Terms, ProtectedTerm{Placeholder: ph, Concept: m.Concept, Source: old, Target: carryCase(old, target.Preferred)})
		b.WriteString(text[last:m.Start])
		b.WriteRune(ph)
		last = m.End
	}
	b.WriteString(text[last:])
	p.Text = b.String()
	return p
}

// Restore replaces the placeholders in a translation of p.Text by their
// target terms. A placeholder the engine dropped is appended at the end of
// the translation, and one it duplicated is written each time; both are
// reported as warnings so that nothing is lost silently.
func (p *Protected) Restore(translated string) (string, []string) {
	if len(p.Terms) == 0 {
		return translated, nil
	}
	seen := make([]int, len(p.Terms))
	var b strings.Builder
	for _, r := range translated {
		if i, ok := IsPlaceholder(r); ok && i < len(p.Terms) {
			seen[i]++
			b.WriteString(p.Terms[i].Target)
			continue
		}
		if _, ok := IsPlaceholder(r); ok {
			continue // a placeholder we never issued: drop it
		}
		b.WriteRune(r)
	}
	var warnings []string
	for i, n := range seen {
		t := p.Terms[i]
		switch {
		case n == 0:
			s := b.String()
			if last, _ := utf8.DecodeLastRuneInString(s); s != "" && last != ' ' {
				b.WriteByte(' ')
			}
			b.WriteString(t.Target)
			warnings = append(warnings, fmt.Sprintf("glossary term %q (%s) lost by the engine; appended", t.Target, t.Concept.ID))
		case n > 1:
			warnings = append(warnings, fmt.Sprintf("glossary term %q (%s) duplicated by the engine (%d times)", t.Target, t.Concept.ID, n))
		}
	}
	return b.String(), warnings
}
