package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/fsutil"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/placeholder"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/langid"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/memory"
	"github.com/locpipe/locpipe/pipeline/segment"
)

// seg is one sentence on its way through the pipeline.
type seg struct {
	src    edition.Segment
	unit   int  // index into doc.Units
	last   bool // the unit's last sentence
	span   segment.Span
	text   string // source text
	rec    manifest.Segment
	key    memory.Key
	protec interface {
		Restore(string) (string, []string)
	}
	out string // translation
	// edits, in a house-style edition, are the glossary's changes to the
	// unit's text (unit offsets).
	edits []format.Edit
	// terms and pairs are handed to the engine with the protected text
	// (backend.Segment.Terms, Pairs).
	terms map[rune]string
	pairs map[rune]rune
	// etext is the text the engine gets: key.Source with the non-prose
	// tokens (URLs, addresses, handles…) as inline codes verb restores.
	etext string
	verb  *placeholder.Verbatim
}

// edition writes one localized file.
func (r *run) edition(ctx context.Context, in input, src *source, from, to language.Tag) error {
	opts := r.opts
	locale := to.String()
	rel, err := edition.Path(opts.Layout, in.rel, locale)
	if err != nil {
		return &FileError{File: in.path, Err: err, Msg: err.Error()}
	}
	outPath := filepath.Join(opts.Out, rel)
	gfp := r.gfp
	sum, fname := src.sum, src.fname

	prev, hadPrev := r.store.Prev(in.rel, locale)
	var why []string // what made the edition be redone, for Explain
	switch {
	case !hadPrev:
		why = []string{"new edition"}
	case opts.Force:
		why = []string{"forced (--force)"}
	case prev.Failed:
		why = []string{"segments failed last time"}
	default:
		why = prev.Changes(sum, filepath.ToSlash(rel), opts.Backend, opts.Settings, opts.Presentation, gfp)
		if len(why) == 0 {
			if data, err := os.ReadFile(outPath); err == nil && prev.OutputIs(manifest.Hash(data)) {
				r.c.unchanged.Add(1)
				r.c.segments.Add(int64(prev.Segments))
				r.explain(in.rel, locale, filepath.ToSlash(rel), "unchanged", nil)
				return nil
			}
			why = []string{"the edition file is missing or was edited"}
		}
	}

	parts, err := src.open()
	if err != nil {
		return readError(in, err)
	}
	defer parts.Close()
	win := newWindows(parts, r.opts.Segmentation.Segmenter(from), func(n int) { r.c.segments.Add(int64(n)) })
	same := edition.SameLanguage(from, to)
	var recs manifest.SegmentList  // compact: an edition may have millions of segments
	var concepts map[string]string // the glossary concepts the edition uses
	// Each window is written as soon as its units are complete: to the
	// edition's temporary file (hashed on the way), or to memory when a
	// notice is still to be placed or nothing is written (a dry run).
	var buf bytes.Buffer
	var sink io.Writer = &buf
	var file *fsutil.File
	var bw *bufio.Writer
	hash := sha256.New()
	stream := !opts.DryRun && (opts.Notice == nil || same)
	if stream {
		if file, err = fsutil.Create(outPath, 0o644); err != nil {
			return &FileError{File: in.path, Err: err, Msg: err.Error()}
		}
		defer file.Abort() // unless committed: a failed edition leaves the previous one
		bw = bufio.NewWriterSize(io.MultiWriter(file, hash), 64<<10)
		sink = bw
	} else {
		buf.Grow(src.size + src.size/4)
	}
	w := newWindowWriter(sink, locale, func(t string) string {
		if opts.Typography != nil && !same {
			return opts.Typography(to, t)
		}
		return t
	})
	for {
		doc, segs, err := win.next()
		if err != nil {
			return &FileError{File: in.path, Input: true, Err: err, Msg: err.Error()}
		}
		if doc == nil {
			break
		}
		if err := w.part(doc); err != nil {
			return &FileError{File: in.path, Err: err, Msg: err.Error()}
		}
		if len(segs) == 0 {
			continue // a part without sentences: its skeleton is written
		}
		if same {
			// The house style changes the names in place, nothing else.
			r.applyGlossary(segs, from)
		} else if err := r.translate(ctx, segs, from, to); err != nil {
			return err
		}
		if err := w.add(segs, same); err != nil {
			return &FileError{File: in.path, Err: err, Msg: err.Error()}
		}
		for i := range segs {
			recs.Add(segs[i].rec)
		}
		concepts = r.concepts(concepts, segs, from, to)
	}
	if err := w.finish(); err != nil {
		return &FileError{File: in.path, Err: err, Msg: err.Error()}
	}
	warnings := w.warnings
	var outSum string
	var out []byte
	if stream {
		if err := bw.Flush(); err != nil {
			return &FileError{File: in.path, Err: err, Msg: err.Error()}
		}
		outSum = hex.EncodeToString(hash.Sum(nil))
	} else {
		out = buf.Bytes()
		if opts.Notice != nil && !same {
			if out, err = opts.Notice(fname, from, to, out); err != nil {
				return &FileError{File: in.path, Err: err, Msg: fmt.Sprintf("%s: notice: %v", in.path, err)}
			}
		}
		outSum = manifest.Hash(out)
	}
	ed := manifest.Edition{
		Source:       in.path,
		Path:         in.rel,
		SourceSHA256: sum,
		Format:       fname,
		SourceLocale: from.String(),
		Locale:       locale,
		Output:       filepath.ToSlash(rel),
		OutputSHA256: outSum,
		Backend:      opts.Backend,
		Settings:     opts.Settings,
		Presentation: opts.Presentation,
		Glossary:     gfp,
		Written:      time.Now().UTC().Truncate(time.Second),
		Warnings:     warnings,
	}
	if recs.Failed() && !opts.AllowPartial {
		// Never publish source text as a translation: the previous
		// edition, if any, stays; the record says this run failed.
		ed.Unpublished = true
		ed.OutputSHA256 = ""
		if data, err := os.ReadFile(outPath); err == nil {
			ed.OutputSHA256 = manifest.Hash(data)
		}
		if !opts.DryRun {
			if err := r.store.PutList(ed, &recs); err != nil {
				return err
			}
		}
		r.c.unpublished.Add(1)
		r.explain(in.rel, locale, ed.Output, "not published: segments failed", why)
		return nil
	}
	ed.Concepts = concepts
	if r.opts.Explain && hadPrev && prev.GlossaryChanged(gfp) {
		why = r.glossaryChanges(why, in.rel, locale, ed.Concepts)
	}
	action := "written"
	if !opts.DryRun {
		if err := ctx.Err(); err != nil {
			return err
		}
		var wrote bool
		if stream {
			wrote, err = commitIfChanged(file, outPath, outSum)
		} else {
			wrote, err = writeIfChanged(outPath, out)
		}
		if err != nil {
			return &FileError{File: in.path, Err: err, Msg: err.Error()}
		}
		if !wrote {
			action = "rendered, same bytes"
		}
		if err := r.store.PutList(ed, &recs); err != nil {
			return err
		}
	} else {
		action = "would be written"
	}
	r.explain(in.rel, locale, ed.Output, action, why)
	r.c.editions.Add(1)
	return nil
}

// concepts adds to out the glossary concepts segs use, with their
// fingerprints for the pair (what edition.GlossaryUse computes, from the
// work already done), and returns it.
func (r *run) concepts(out map[string]string, segs []seg, from, to language.Tag) map[string]string {
	g := r.opts.Glossary
	if g == nil {
		return out
	}
	add := func(c *glossary.Concept) {
		if out == nil {
			out = map[string]string{}
		}
		if _, ok := out[c.ID]; !ok {
			out[c.ID] = g.ConceptFingerprint(c, from, to)
		}
	}
	for i := range segs {
		if p, ok := segs[i].protec.(*glossary.Protected); ok {
			for _, t := range p.Terms {
				add(t.Concept)
			}
			continue
		}
		if edition.SameLanguage(from, to) {
			for _, m := range g.Matcher(from).Find(segs[i].text) {
				add(m.Concept)
			}
		}
	}
	return out
}

// glossaryChanges replaces the reason "glossary changed" by the concepts
// whose change touches this edition (from its previous manifest record).
func (r *run) glossaryChanges(why []string, path, locale string, now map[string]string) []string {
	old, err := r.store.Record(path, locale)
	if err != nil {
		return why
	}
	var out []string
	for _, w := range why {
		if w != manifest.ChangeGlossary {
			out = append(out, w)
			continue
		}
		cs := edition.ConceptChanges(old.Concepts, now)
		if len(cs) == 0 {
			cs = []string{"glossary changed, not in the concepts this edition uses"}
		}
		out = append(out, cs...)
	}
	return out
}

// explain records why an edition was redone or left (Options.Explain).
func (r *run) explain(path, locale, output, action string, why []string) {
	if !r.opts.Explain {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.explained = append(r.explained, Explanation{Path: path, Locale: locale, Output: output, Action: action, Why: why})
}

// codePairs maps each opening inline code of text to its closing code,
// for the pairs of u whose both codes are in text.
func codePairs(u *format.Unit, text string) map[rune]rune {
	var pairs map[rune]rune
	for _, r := range text {
		id, ok := format.IsCodeRune(r)
		if !ok || id >= len(u.Codes) || u.Codes[id].Kind != format.Open {
			continue
		}
		c := u.Codes[id]
		if c.Pair < 0 || !strings.ContainsRune(text, format.CodeRune(c.Pair)) {
			continue
		}
		if pairs == nil {
			pairs = map[rune]rune{}
		}
		pairs[r] = format.CodeRune(c.Pair)
	}
	return pairs
}

// applyGlossary makes the house-style edition: the glossary's preferred
// terms of the document's own language, nothing else changed.
func (r *run) applyGlossary(segs []seg, lang language.Tag) {
	for i := range segs {
		s := &segs[i]
		s.rec.Status = manifest.StatusGlossary
		if r.opts.Glossary == nil {
			continue
		}
		var changes []glossary.Change
		s.out, changes = r.opts.Glossary.Apply(s.text, lang)
		for _, c := range changes {
			s.edits = append(s.edits, format.Edit{Start: s.span.Start + c.Start, End: s.span.Start + c.End, New: c.New})
		}
	}
}

// group is every segment of a file with the same (normalized, protected)
// source text and terms: it is looked up and translated once.
type group struct {
	members []int   // indexes into segs; members[0] is the first
	flight  *flight // this file's claim while it translates the sentence
}

// translate fills in the translation of every segment: from this run's
// memory, then the persistent memory, then the engine in batches. A
// sentence another file of this run is already sending to the engine is
// not sent again: this file waits for that translation once its own
// batches are done.
func (r *run) translate(ctx context.Context, segs []seg, from, to language.Tag) error {
	opts := r.opts
	keys := edition.Keys{From: from, To: to, Engine: edition.Engine(opts.Backend, opts.Settings), Glossary: opts.Glossary}
	var groups []*group
	byKey := map[string]*group{}
	for i := range segs {
		s := &segs[i]
		var p *glossary.Protected
		s.key, p = keys.Key(s.src)
		if p != nil {
			s.protec = p
			for _, t := range p.Terms {
				if s.terms == nil {
					s.terms = map[rune]string{}
				}
				s.terms[t.Placeholder] = t.Source
			}
		}
		s.etext, s.verb = placeholder.ProtectVerbatim(s.key.Source, glossary.NonProse(s.key.Source))
		k := memory.ExactKey(s.key)
		g, ok := byKey[k]
		if !ok {
			g = &group{}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.members = append(g.members, i)
	}

	var pending, later []*group
	defer func() { // claims end however translate ends
		for _, g := range groups {
			if g.flight != nil {
				r.tm.release(g.flight, nil)
			}
		}
	}()
	for _, g := range groups {
		first := &segs[g.members[0]]
		e, ok, f, owner := r.tm.lookupOrClaim(first.key)
		switch {
		case ok:
			r.fromMemory(segs, g, e)
			continue
		case !owner:
			later = append(later, g)
			continue
		}
		g.flight = f
		if e, ok, err := r.lookup(ctx, first.key); err != nil {
			return err
		} else if ok {
			r.tm.release(f, &e)
			r.fromMemory(segs, g, e)
			continue
		}
		pending = append(pending, g)
	}
	if err := r.sendBatches(ctx, segs, pending, from, to); err != nil {
		return err
	}
	// Release what failed before waiting on other files, which may be
	// waiting on this one.
	for _, g := range pending {
		r.tm.release(g.flight, nil)
	}
	// What other files were translating: wait for it; what they could not
	// translate, send now.
	var retry []*group
	for _, g := range later {
		e, ok, err := r.tm.wait(ctx, segs[g.members[0]].key)
		if err != nil {
			return err
		}
		if ok {
			r.fromMemory(segs, g, e)
			continue
		}
		retry = append(retry, g)
	}
	return r.sendBatches(ctx, segs, retry, from, to)
}

// fromMemory fills in a group from a translation found in a memory.
func (r *run) fromMemory(segs []seg, g *group, e memory.Entry) {
	for _, i := range g.members {
		s := &segs[i]
		if p, isP := s.protec.(*glossary.Protected); isP && e.Origin == memory.OriginHuman {
			// A reviewer's translation keeps the word forms the reviewer
			// chose (в Києві): its terms were checked when it was learned.
			s.out, s.rec.Status = p.Fill(e.Target), manifest.StatusMemory
		} else {
			r.finish(s, e.Target, nil, nil, manifest.StatusMemory)
		}
	}
	r.c.hits.Add(int64(len(g.members)))
}

// batchEnd is where the batch of groups that starts at start ends: after
// the run's batch size in segments, or, for an engine that takes batches
// by bytes (backend.Capabilities.BatchBytes), after that many bytes.
func (r *run) batchEnd(segs []seg, groups []*group, start int) int {
	limit := r.caps.BatchBytes
	if limit <= 0 {
		return min(start+r.opts.BatchSize, len(groups))
	}
	end, n := start, 0
	for end < len(groups) {
		n += len(segs[groups[end].members[0]].etext)
		if end > start && n > limit {
			break
		}
		end++
	}
	return end
}

// sendBatches sends one segment of each group to the engine, in batches,
// and fills in every member.
func (r *run) sendBatches(ctx context.Context, segs []seg, groups []*group, from, to language.Tag) error {
	opts := r.opts
	judge := langid.NewJudge(from, to)
	for start, end := 0, 0; start < len(groups); start = end {
		end = r.batchEnd(segs, groups, start)
		batch := groups[start:end]
		req := backend.Request{Source: from, Target: to}
		for _, g := range batch {
			s := &segs[g.members[0]]
			req.Segments = append(req.Segments, backend.Segment{ID: s.rec.ID, Text: s.etext, Terms: s.terms, Pairs: s.pairs})
		}
		r.c.backend.Add(int64(len(batch)))
		r.sent(to, req.Segments)
		if opts.DryRun {
			// A dry run contacts no engine: the cost is counted, the source
			// kept, and other files of the run count the sentence as a
			// memory hit, as they would in a real run.
			for _, g := range batch {
				for _, i := range g.members {
					s := &segs[i]
					s.out, s.rec.Status = s.text, manifest.StatusPending
				}
				r.c.hits.Add(int64(len(g.members) - 1))
				r.releaseClaim(ctx, segs[g.members[0]].key)
				if g.flight != nil {
					r.tm.release(g.flight, &memory.Entry{Target: segs[g.members[0]].key.Source, Origin: memory.OriginMachine})
				}
			}
			continue
		}
		res, err := opts.Translator.Translate(ctx, req)
		if err == nil && len(res) != len(batch) {
			err = fmt.Errorf("engine %s returned %d translations for %d segments", opts.Backend, len(res), len(batch))
		}
		if err != nil {
			if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
				return err
			}
			for _, g := range batch {
				for _, i := range g.members {
					r.failSeg(&segs[i], err)
				}
				r.releaseClaim(ctx, segs[g.members[0]].key)
			}
			continue
		}
		for bi, g := range batch {
			t := res[bi]
			if t.Err == nil {
				first := &segs[g.members[0]]
				if why := r.untranslated(judge, first.etext, t.Text); why != "" {
					t.Err = fmt.Errorf("engine %s: %s", opts.Backend, why)
				}
			}
			if t.Err == nil {
				var w []string
				t.Text, w = segs[g.members[0]].verb.Restore(t.Text)
				t.Warnings = append(t.Warnings, w...)
			}
			for n, i := range g.members {
				s := &segs[i]
				if t.Err != nil {
					r.failSeg(s, t.Err)
					continue
				}
				status := manifest.StatusTranslated
				if n > 0 {
					status = manifest.StatusMemory
					r.c.hits.Add(1)
				}
				r.finish(s, t.Text, t.Unknown, t.Warnings, status)
			}
			if t.Err != nil {
				r.releaseClaim(ctx, segs[g.members[0]].key)
				continue
			}
			e := memory.Entry{Target: t.Text, Origin: memory.OriginMachine}
			if err := r.remember(ctx, segs[g.members[0]].key, e); err != nil {
				return err
			}
			if g.flight != nil {
				r.tm.release(g.flight, &e)
			}
		}
	}
	return nil
}

// untranslated says why an engine's output is no translation of src (empty,
// the source unchanged, still in the source language), or "": such a
// segment failed, however the engine reported it. Engines that echo the
// source on purpose (identity, pseudo) are not judged.
func (r *run) untranslated(judge *langid.Judge, src, out string) string {
	if r.caps.Echo {
		return ""
	}
	return langid.Untranslated(judge, src, out)
}

// claimReleaser is a memory shared between runs that claims a sentence on a
// miss, so that concurrent runs do not translate it twice; a run that fails
// to translate it gives the claim back at once instead of letting it expire.
type claimReleaser interface {
	Release(ctx context.Context, k memory.Key) error
}

func (r *run) releaseClaim(ctx context.Context, k memory.Key) {
	if cr, ok := r.opts.Memory.(claimReleaser); ok {
		if err := cr.Release(ctx, k); err != nil {
			r.opts.Logger.Warn("translation memory: releasing a claim", "error", err)
		}
	}
}

// lookup consults the persistent memory.
func (r *run) lookup(ctx context.Context, k memory.Key) (memory.Entry, bool, error) {
	if r.opts.Memory == nil {
		return memory.Entry{}, false, nil
	}
	e, ok, err := r.opts.Memory.Lookup(ctx, k)
	if err != nil {
		return e, false, fmt.Errorf("translation memory: %w", err)
	}
	return e, ok, nil
}

func (r *run) remember(ctx context.Context, k memory.Key, e memory.Entry) error {
	if r.opts.Memory == nil || r.opts.DryRun {
		return nil // a dry run leaves the memory as it was
	}
	if err := r.opts.Memory.Store(ctx, k, e); err != nil {
		return fmt.Errorf("translation memory: %w", err)
	}
	return nil
}

// finish restores the protected terms in a translation and records it.
func (r *run) finish(s *seg, text string, unknown, warnings []string, status string) {
	if s.protec != nil {
		var w []string
		text, w = s.protec.Restore(text)
		warnings = append(warnings, w...)
	}
	s.out = text
	s.rec.Status = status
	s.rec.Unknown = unknown
	s.rec.Warnings = warnings
}

// failSeg keeps the source text of a segment the engine could not translate.
func (r *run) failSeg(s *seg, err error) {
	s.out = s.text
	s.rec.Status = manifest.StatusFailed
	s.rec.Warnings = append(s.rec.Warnings, err.Error())
	r.c.failed.Add(1)
	r.mu.Lock()
	if r.firstFailure == "" {
		r.firstFailure = err.Error()
		if !strings.Contains(r.firstFailure, s.rec.ID) {
			r.firstFailure = "segment " + s.rec.ID + ": " + r.firstFailure
		}
	}
	r.mu.Unlock()
}
