package review

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/memory"
	"github.com/locpipe/locpipe/pipeline/xliff"
)

// An edition, for review, is a manifest record with its source document
// parsed and split exactly as translate split it, so that XLIFF segment ids
// are the manifest's segment ids and the memory keys are the pipeline's.

// Seg is one sentence of an edition's source, as edition.Split gives it.
type Seg = edition.Segment

// Edition is a manifest edition opened for export or import.
type Edition struct {
	Record   *manifest.Edition
	Doc      *format.Document
	Segs     []Seg
	From, To language.Tag
	// Segmentation is the rules Segs were split with, those translate
	// was given.
	Segmentation edition.Segmentation
	byID         map[string]int
}

// ErrStale is wrapped when a source or glossary changed since the edition
// was written: translate must run before the edition can be reviewed.
var ErrStale = errors.New("review: edition out of date")

// OpenEdition parses src, the source of ed, splits it under seg (the
// segmentation translate was given) and checks it is the text the edition
// was made from, in the same segments.
func OpenEdition(ed *manifest.Edition, src []byte, formats *format.Registry, seg edition.Segmentation) (*Edition, error) {
	if got := manifest.Hash(src); got != ed.SourceSHA256 {
		return nil, fmt.Errorf("%s: %w: the source changed since its %s edition was written (run translate first)", ed.Source, ErrStale, ed.Locale)
	}
	if formats == nil {
		formats = format.Default()
	}
	p, _, err := formats.Lookup(ed.Source, ed.Format)
	if err != nil {
		return nil, err
	}
	doc, err := p.Parse(ed.Source, src)
	if err != nil {
		return nil, err
	}
	from, err := language.Parse(ed.SourceLocale)
	if err != nil {
		return nil, fmt.Errorf("%s: manifest source locale %q: %w", ed.Source, ed.SourceLocale, err)
	}
	to, err := language.Parse(ed.Locale)
	if err != nil {
		return nil, fmt.Errorf("%s: manifest locale %q: %w", ed.Source, ed.Locale, err)
	}
	e := &Edition{Record: ed, Doc: doc, From: from, To: to, Segmentation: seg, byID: map[string]int{}}
	e.Segs = seg.Split(doc, from)
	for i, s := range e.Segs {
		e.byID[s.ID] = i
	}
	if len(e.Segs) != len(ed.Segments) {
		return nil, fmt.Errorf("%s: %w: %d segments now, %d in the manifest (the segmentation rules changed: give translate and this command the same --srx, or run translate)", ed.Source, ErrStale, len(e.Segs), len(ed.Segments))
	}
	for i, s := range e.Segs {
		r := ed.Segments[i]
		if r.ID != s.ID || r.SourceHash != manifest.HashString(s.Text) {
			return nil, fmt.Errorf("%s: %w: segment %s does not match the manifest's %s (the segmentation rules changed: give translate and this command the same --srx, or run translate)", ed.Source, ErrStale, s.ID, r.ID)
		}
	}
	return e, nil
}

// Engine is the memory key's engine for this edition: name@settings.
func (e *Edition) Engine() string {
	return edition.Engine(e.Record.Backend, e.Record.Settings)
}

// Key returns the memory key translate used for segment i, and the
// protection of its glossary terms (nil without a glossary).
func (e *Edition) Key(i int, g *glossary.Glossary) (memory.Key, *glossary.Protected) {
	return edition.Keys{From: e.From, To: e.To, Engine: e.Engine(), Glossary: g}.Key(e.Segs[i])
}

// Lookuper finds translations in a memory.
type Lookuper interface {
	Lookup(ctx context.Context, k memory.Key) (memory.Entry, bool, error)
}

// SameLanguage reports whether the edition is a house-style edition (the
// glossary applied to the source language): it has nothing to review.
func (e *Edition) SameLanguage() bool {
	return edition.SameLanguage(e.From, e.To)
}

// Export builds the XLIFF file of the edition: one unit per document unit
// that has segments, one segment per sentence with the translation the
// memory holds (state translated for a machine one, reviewed for a human
// one, initial and no target when there is none), the white space between
// sentences as ignorables, inline codes as ph/pc/sc/ec with their markup
// in originalData, and one note per glossary term a sentence carries.
func (e *Edition) Export(ctx context.Context, g *glossary.Glossary, mem Lookuper) (*xliff.File, error) {
	if fp := g.Fingerprint(); fp != e.Record.Glossary {
		return nil, fmt.Errorf("%s (%s): %w: the glossary changed since the edition was written (run translate first)", e.Record.Source, e.Record.Locale, ErrStale)
	}
	f := &xliff.File{ID: "f1", Original: e.Record.Path}
	f.Notes = []xliff.Note{{ID: "locpipe", Category: "locpipe", Text: fmt.Sprintf("Edition %s of %s (%s → %s), engine %s. Segment ids are locpipe's: do not change them.",
		e.Record.Output, e.Record.Path, e.Record.SourceLocale, e.Record.Locale, e.Record.Backend)}}
	for i := 0; i < len(e.Segs); {
		ui := e.Segs[i].Unit
		u := &e.Doc.Units[ui]
		xu := &xliff.Unit{ID: u.ID, Name: u.Kind}
		var srcTexts, trgTexts []string
		var parts []*xliff.Part
		last := 0
		nnote := 0
		for ; i < len(e.Segs) && e.Segs[i].Unit == ui; i++ {
			s := e.Segs[i]
			if s.Start > last {
				parts = append(parts, &xliff.Part{Ignorable: true})
				srcTexts = append(srcTexts, u.Text[last:s.Start])
				trgTexts = append(trgTexts, "")
			}
			last = s.End
			k, p := e.Key(i, g)
			part := &xliff.Part{ID: s.ID, State: xliff.StateInitial}
			target := ""
			rec := e.Record.Segments[i]
			if mem != nil && rec.Status != manifest.StatusFailed {
				ent, ok, err := mem.Lookup(ctx, k)
				if err != nil {
					return nil, err
				}
				if ok {
					target = restore(p, ent)
					part.HasTarget = true
					part.State = xliff.StateTranslated
					if ent.Origin == memory.OriginHuman {
						part.State = xliff.StateReviewed
					}
				}
			}
			if p != nil {
				for _, t := range p.Terms {
					nnote++
					xu.Notes = append(xu.Notes, xliff.Note{ID: "g" + strconv.Itoa(nnote), Category: "glossary", AppliesTo: "target", Segment: s.ID,
						Text: fmt.Sprintf("%s: %q must be translated as %q (glossary concept %s)", s.ID, t.Source, t.Target, t.Concept.ID)})
				}
			}
			parts = append(parts, part)
			srcTexts = append(srcTexts, s.Text)
			trgTexts = append(trgTexts, target)
		}
		if last < len(u.Text) {
			parts = append(parts, &xliff.Part{Ignorable: true})
			srcTexts = append(srcTexts, u.Text[last:])
			trgTexts = append(trgTexts, "")
		}
		src := xliff.ContentsFromTexts(srcTexts, u.Codes)
		trg := xliff.ContentsFromTexts(trgTexts, u.Codes)
		used := map[int]bool{}
		for j, p := range parts {
			p.Source = src[j]
			if p.HasTarget {
				p.Target = trg[j]
			}
			markUsed(p.Source, used)
			markUsed(p.Target, used)
		}
		for c := range u.Codes {
			if used[c] {
				xu.Data = append(xu.Data, xliff.Data{ID: xliff.DataID(c), Text: u.Codes[c].Data})
			}
		}
		xu.Parts = parts
		f.Units = append(f.Units, xu)
	}
	return f, nil
}

func markUsed(c xliff.Content, used map[int]bool) {
	for _, in := range c {
		for _, ref := range []string{in.DataRef, in.DataRefEnd} {
			if n, err := strconv.Atoi(strings.TrimPrefix(ref, "d")); err == nil && ref != "" {
				used[n] = true
			}
		}
		markUsed(in.Kids, used)
	}
}

// Problem is something in a reviewed file that was not applied.
type Problem struct {
	File    string // the reviewed file
	Line    int
	Segment string
	Msg     string
}

func (p Problem) String() string {
	if p.Segment != "" {
		return fmt.Sprintf("%s:%d: segment %s: %s", p.File, p.Line, p.Segment, p.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
}

// Reviewed returns the memory records a reviewed XLIFF file teaches: one
// human entry per segment in state reviewed or final, keyed exactly as
// translate keys the sentence (glossary terms protected, neighbours as
// context). Segments whose id is unknown, whose unit moved, whose source
// text differs from the edition's, or whose target drops a glossary term or
// loses, adds or repeats an inline code of the source segment are reported
// and not applied: lost codes are never put back by guessing where.
// A target the reviewer changed but left in state initial or translated is
// reported too (when mem is given, to compare with), so that an edit is
// never lost silently. name is the XLIFF file's name, for the problems.
func (e *Edition) Reviewed(ctx context.Context, name string, f *xliff.File, g *glossary.Glossary, mem Lookuper) ([]memory.Record, []Problem) {
	var recs []memory.Record
	var probs []Problem
	bad := func(line int, seg, format string, args ...any) {
		probs = append(probs, Problem{File: name, Line: line, Segment: seg, Msg: fmt.Sprintf(format, args...)})
	}
	seen := map[string]bool{}
	for _, u := range f.Units {
		for _, p := range u.Parts {
			if p.Ignorable {
				continue
			}
			i, ok := e.byID[p.ID]
			if !ok {
				bad(p.Line, p.ID, "unknown segment id (not in the %s edition of %s): not applied", e.Record.Locale, e.Record.Path)
				continue
			}
			if seen[p.ID] {
				bad(p.Line, p.ID, "segment given twice: not applied")
				continue
			}
			seen[p.ID] = true
			s := e.Segs[i]
			du := &e.Doc.Units[s.Unit]
			if du.ID != u.ID {
				bad(p.Line, p.ID, "moved from unit %s to unit %s: not applied", du.ID, u.ID)
				continue
			}
			src, err := xliff.TextFromContent(p.Source, du.Codes)
			if err != nil || memory.Normalize(src) != memory.Normalize(s.Text) {
				bad(p.Line, p.ID, "source text changed (%q, the document has %q): not applied", abbrev(p.Source.PlainText()), abbrev(plain(s.Text)))
				continue
			}
			if p.State != xliff.StateReviewed && p.State != xliff.StateFinal {
				if p.HasTarget && mem != nil && e.changed(ctx, i, g, p.Target, du.Codes, mem) {
					bad(p.Line, p.ID, "target changed but the state is %q: mark it reviewed or final to apply it", stateOr(p.State))
				}
				continue
			}
			if !p.HasTarget {
				bad(p.Line, p.ID, "state %s but no target: not applied", p.State)
				continue
			}
			tgt, err := xliff.TextFromContent(p.Target, du.Codes)
			if err != nil {
				bad(p.Line, p.ID, "target: %v: not applied", err)
				continue
			}
			if msg := xliff.CodeMismatch(s.Text, tgt, du.Codes); msg != "" {
				bad(p.Line, p.ID, "%s: not applied (keep each inline code of the source once, in the order the language needs)", msg)
				continue
			}
			if strings.TrimSpace(tgt) == "" {
				bad(p.Line, p.ID, "empty target: not applied")
				continue
			}
			k, _ := e.Key(i, g)
			psrc, ptgt, err := g.ProtectPair(s.Text, tgt, e.From, e.To)
			if err != nil {
				bad(p.Line, p.ID, "%v: not applied", err)
				continue
			}
			k.Source = psrc
			recs = append(recs, memory.Record{Key: k, Entry: memory.Entry{Target: ptgt, Origin: memory.OriginHuman}})
		}
	}
	return recs, probs
}

func stateOr(s string) string {
	if s == "" {
		return xliff.StateInitial
	}
	return s
}

// changed reports whether target differs from the translation of segment i
// the memory holds (or there is none).
func (e *Edition) changed(ctx context.Context, i int, g *glossary.Glossary, target xliff.Content, codes []format.Code, mem Lookuper) bool {
	tgt, err := xliff.TextFromContent(target, codes)
	if err != nil {
		return true
	}
	k, p := e.Key(i, g)
	ent, ok, err := mem.Lookup(ctx, k)
	if err != nil || !ok {
		return strings.TrimSpace(tgt) != ""
	}
	return memory.Normalize(restore(p, ent)) != memory.Normalize(tgt)
}

// restore writes the glossary terms into a memory entry: a machine entry
// through Restore (with its repairs), a human entry through Fill, so
// that the forms its reviewer chose stand.
func restore(p *glossary.Protected, ent memory.Entry) string {
	if p == nil {
		return ent.Target
	}
	if ent.Origin == memory.OriginHuman {
		return p.Fill(ent.Target)
	}
	out, _ := p.Restore(ent.Target)
	return out
}

// plain drops code runes from a unit text.
func plain(s string) string {
	return strings.Map(func(r rune) rune {
		if _, ok := format.IsCodeRune(r); ok {
			return -1
		}
		return r
	}, s)
}

// abbrev shortens s to 30 runes for a message.
func abbrev(s string) string {
	r := []rune(s)
	if len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}
