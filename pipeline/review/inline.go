package review

import (
	"context"
	"os"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/memory"
)

// Inlines returns what a TMX export needs to write the placeholders of the
// memory's records as text other tools read (memory.ExportOptions.Inline):
// for every sentence of the editions in m that were written with glossary
// g and whose source is still the one translated, the text of its glossary
// terms on each side and the markup of its inline codes, found by the
// sentence's memory key. A record no edition has (another corpus, an old
// sentence) is not known: its placeholders stay empty elements. known is
// the number of sentences found. seg is the segmentation translate split
// the sources with.
func Inlines(ctx context.Context, m *manifest.Manifest, g *glossary.Glossary, formats *format.Registry, seg edition.Segmentation) (func(memory.Record) (memory.Inline, bool), int, error) {
	byKey := map[string]memory.Inline{}
	fp := g.Fingerprint()
	for i := range m.Editions {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		ed := &m.Editions[i]
		if ed.Glossary != fp {
			continue
		}
		src, err := os.ReadFile(ed.Source)
		if err != nil {
			continue // moved or gone: its sentences are not known
		}
		e, err := OpenEdition(ed, src, formats, seg)
		if err != nil {
			continue
		}
		for si, s := range e.Segs {
			k, p := e.Key(si, g)
			var in memory.Inline
			if p != nil {
				for _, t := range p.Terms {
					in.SourceTerms = append(in.SourceTerms, t.Source)
					in.TargetTerms = append(in.TargetTerms, t.Target)
				}
			}
			for _, c := range e.Doc.Units[s.Unit].Codes {
				pair := c.Pair
				if c.Kind == format.Standalone {
					pair = -1
				}
				in.Codes = append(in.Codes, memory.InlineCode{Data: c.Data, Pair: pair})
			}
			byKey[inlineKey(k.Source, k.SourceLang, k.TargetLang)] = in
		}
	}
	return func(r memory.Record) (memory.Inline, bool) {
		in, ok := byKey[inlineKey(r.Source, r.SourceLang, r.TargetLang)]
		return in, ok
	}, len(byKey), nil
}

func inlineKey(source, from, to string) string {
	return memory.Normalize(source) + "\x00" + from + "\x00" + to
}
