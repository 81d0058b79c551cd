package edition

import (
	"sort"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/format"
)

// GlossaryUse returns the glossary concepts an edition of doc in to uses,
// with their fingerprints (glossary.ConceptFingerprint), as translate
// records them in the manifest (manifest.Edition.Concepts).
func GlossaryUse(g *glossary.Glossary, doc *format.Document, from, to language.Tag) map[string]string {
	if g == nil {
		return nil
	}
	var out map[string]string
	m := g.Matcher(from)
	for _, s := range Split(doc, from) {
		for _, mt := range m.Find(s.Text) {
			if out == nil {
				out = map[string]string{}
			}
			if _, ok := out[mt.Concept.ID]; !ok {
				out[mt.Concept.ID] = g.ConceptFingerprint(mt.Concept, from, to)
			}
		}
	}
	return out
}

// ConceptChanges says which glossary changes between two GlossaryUse maps
// touch an edition, sorted: "concept X changed", "concept Y now applies",
// "concept Z no longer applies". None: re-rendering the edition changes
// no byte.
func ConceptChanges(old, now map[string]string) []string {
	var out []string
	for id, fp := range now {
		switch ofp, ok := old[id]; {
		case !ok:
			out = append(out, "glossary concept "+id+" now applies")
		case ofp != fp:
			out = append(out, "glossary concept "+id+" changed")
		}
	}
	for id := range old {
		if _, ok := now[id]; !ok {
			out = append(out, "glossary concept "+id+" no longer applies")
		}
	}
	sort.Strings(out)
	return out
}
