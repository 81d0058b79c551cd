package memory

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
)

// ErrTermMissing is wrapped when a human translation lacks a glossary term
// its source protects: storing it would make the pipeline put the term back
// somewhere the reviewer did not write it.
var ErrTermMissing = errors.New("glossary term missing from the translation")

// ProtectPair turns a human translation pair into the form the pipeline
// keys and stores: the source with its glossary terms as placeholders (as
// glossary.Protect writes them) and the target with the same placeholders
// where the reviewer wrote the concept's term. Restore then writes the
// glossary's target term in that place, so a reviewed sentence and the
// glossary never disagree. A nil glossary changes nothing.
func ProtectPair(g *glossary.Glossary, source, target string, from, to language.Tag) (psrc, ptgt string, err error) {
	if g == nil {
		return source, target, nil
	}
	p := g.Protect(source, from, to)
	if len(p.Terms) == 0 {
		return p.Text, target, nil
	}
	type span struct {
		start, end int
		ph         rune
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
				spans = append(spans, span{m.Start, m.End, t.Placeholder})
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
		b.WriteRune(sp.ph)
		last = sp.end
	}
	b.WriteString(target[last:])
	return p.Text, b.String(), nil
}
