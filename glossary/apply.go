package glossary

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/internal/marker"
)

// Change is one replacement Apply made.
type Change struct {
	Match
	Old, New string
}

// Apply rewrites text to the preferred terms of its own language lang (the
// house style): every admitted or deprecated term becomes the concept's
// preferred term (an inflected form becomes the preferred form with the same
// tag), in the case of the match. Bytes outside the changes are left as they
// are.
func (g *Glossary) Apply(text string, lang language.Tag) (string, []Change) {
	ms := g.Matcher(lang).Find(text)
	var b strings.Builder
	var changes []Change
	last := 0
	for _, m := range ms {
		if m.Status == Preferred || m.Concept.DoNotTranslate {
			continue
		}
		ts, _ := m.Concept.TermsFor(lang)
		old := text[m.Start:m.End]
		repl := carryCase(old, ts.target(m.Form), lang)
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

// target returns the term to write for a match with grammatical tag form:
// the preferred term's form with that tag, or the preferred term.
func (ts TermSet) target(form string) string {
	if form != "" {
		if f, ok := ts.Forms.Get(form); ok && strings.TrimSpace(f) != "" {
			return f
		}
	}
	return ts.Preferred
}

// carryCase writes repl in the case pattern of matched, with lang's case
// rules (Turkish dotted İ, Greek final sigma): all upper (KIEV → KYIV), all
// lower (kiev → kyiv), capitalised (a glossary term written in lower case
// takes the capital of the match), or otherwise as the glossary writes it.
func carryCase(matched, repl string, lang language.Tag) string {
	upper, lower := 0, 0
	for _, r := range matched {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	switch {
	case upper > 1 && lower == 0:
		return cases.Upper(lang).String(repl)
	case lower > 0 && upper == 0:
		return cases.Lower(lang).String(repl)
	case upper > 0:
		first, _ := utf8.DecodeRuneInString(matched)
		rf, n := utf8.DecodeRuneInString(repl)
		if unicode.IsUpper(first) && unicode.IsLower(rf) {
			return cases.Upper(lang).String(repl[:n]) + repl[n:]
		}
	}
	return repl
}

// PlaceholderBase is the first rune of the private-use range (plane 15) that
// Protect uses for term placeholders: term i is PlaceholderBase+i
// (internal/marker.Term).
const (
	PlaceholderBase = marker.TermBase
	MaxPlaceholders = marker.MaxTerms
)

// IsPlaceholder reports whether r is a term placeholder, and its index.
func IsPlaceholder(r rune) (int, bool) { return marker.TermID(r) }

// ProtectedTerm is one term Protect replaced by a placeholder.
type ProtectedTerm struct {
	Placeholder rune
	Concept     *Concept
	Source      string // the text that was matched
	Target      string // what Restore writes: the target's preferred term (or form), in the match's case
}

// Protected is a text whose glossary terms are placeholders.
type Protected struct {
	Text  string
	Terms []ProtectedTerm

	src, tgt language.Tag
}

// Protect replaces every term of the source language in text by a
// placeholder rune, remembering the target language's preferred term (or,
// for an inflected form, the target's form with the same tag) for Restore.
// A do-not-translate concept keeps the source text; a concept with no term
// in the target language is written with the source language's preferred
// term. A term inside an exception that applies in tgt (Matcher.FindFor)
// is left to the engine.
func (g *Glossary) Protect(text string, src, tgt language.Tag) *Protected {
	ms := g.Matcher(src).FindFor(text, tgt)
	p := &Protected{Text: text, src: src, tgt: tgt}
	if len(ms) == 0 {
		return p
	}
	var b strings.Builder
	last := 0
	for i, m := range ms {
		if i >= MaxPlaceholders {
			break
		}
		old := text[m.Start:m.End]
		var repl string
		if m.Concept.DoNotTranslate {
			repl = old
		} else {
			target, ok := m.Concept.TermsFor(tgt)
			lang := tgt
			if !ok {
				target, _ = m.Concept.TermsFor(src)
				lang = src
			}
			repl = carryCase(old, target.target(m.Form), lang)
		}
		ph := marker.Term(len(p.Terms))
		p.Terms = append(p.Terms, ProtectedTerm{Placeholder: ph, Concept: m.Concept, Source: old, Target: repl})
		b.WriteString(text[last:m.Start])
		b.WriteRune(ph)
		last = m.End
	}
	b.WriteString(text[last:])
	p.Text = b.String()
	return p
}

// Restore replaces the placeholders in a translation of p.Text by their
// target terms. It repairs what an engine did to them, with one warning per
// repair, and never drops a term silently:
//   - a placeholder the engine dropped is put back where the engine wrote
//     one of the concept's terms instead (in the source or the target
//     language: it translated around the placeholder), or else appended at
//     the end of the translation;
//   - a placeholder the engine duplicated is written once, at its first place;
//   - a placeholder that Protect never issued is removed.
func (p *Protected) Restore(translated string) (string, []string) {
	if len(p.Terms) == 0 && !strings.ContainsFunc(translated, isPlaceholderRune) {
		return translated, nil
	}
	seen := make([]int, len(p.Terms))
	var warnings []string
	var b strings.Builder
	for _, r := range translated {
		i, ok := IsPlaceholder(r)
		if !ok {
			b.WriteRune(r)
			continue
		}
		if i >= len(p.Terms) {
			warnings = append(warnings, fmt.Sprintf("unknown glossary placeholder U+%X removed", r))
			continue
		}
		seen[i]++
		if seen[i] > 1 {
			warnings = append(warnings, fmt.Sprintf("glossary term %q (%s) duplicated by the engine: extra copy removed", p.Terms[i].Target, p.Terms[i].Concept.ID))
			continue
		}
		b.WriteString(p.Terms[i].Target)
	}
	out := b.String()
	for i, n := range seen {
		if n > 0 {
			continue
		}
		t := p.Terms[i]
		if m, lang, ok := findConceptTerm(out, t, p.src, p.tgt); ok {
			written := out[m.Start:m.End]
			if lang == p.tgt && m.Status == Preferred {
				// The engine translated the term itself, rightly (perhaps
				// inflected): keep what it wrote.
				warnings = append(warnings, fmt.Sprintf("glossary term %q (%s) lost by the engine, which wrote %q: kept", t.Target, t.Concept.ID, written))
				continue
			}
			repl := t.Target
			if ts, ok := t.Concept.TermsFor(p.tgt); ok && m.Form != "" && !t.Concept.DoNotTranslate {
				repl = carryCase(written, ts.target(m.Form), p.tgt)
			}
			out = out[:m.Start] + repl + out[m.End:]
			warnings = append(warnings, fmt.Sprintf("glossary term %q (%s) lost by the engine: %q in the translation replaced by %q", t.Target, t.Concept.ID, written, repl))
			continue
		}
		if last, _ := utf8.DecodeLastRuneInString(out); out != "" && !unicode.IsSpace(last) {
			out += " "
		}
		out += t.Target
		warnings = append(warnings, fmt.Sprintf("glossary term %q (%s) lost by the engine: appended", t.Target, t.Concept.ID))
	}
	return out, warnings
}

func isPlaceholderRune(r rune) bool { _, ok := IsPlaceholder(r); return ok }

// findConceptTerm finds, in a translation, a term of t's concept the engine
// wrote in place of the placeholder: any term or form of the concept in the
// target or the source language, or the source text itself. A term exactly
// as Restore writes it is skipped: it comes from another placeholder.
func findConceptTerm(text string, t ProtectedTerm, src, tgt language.Tag) (Match, language.Tag, bool) {
	for _, lang := range []language.Tag{tgt, src} {
		ts, ok := t.Concept.TermsFor(lang)
		if !ok {
			continue
		}
		ts.CaseSensitive = false
		c := &Concept{ID: t.Concept.ID, Terms: map[string]TermSet{lang.String(): ts}}
		for _, m := range newMatcher([]*Concept{c}, lang).Find(text) {
			if text[m.Start:m.End] == t.Target {
				continue
			}
			m.Concept = t.Concept
			return m, lang, true
		}
	}
	if i := strings.Index(text, t.Source); i >= 0 && t.Source != t.Target {
		return Match{Start: i, End: i + len(t.Source), Concept: t.Concept, Status: Deprecated}, src, true
	}
	return Match{}, language.Und, false
}
