package pipeline

import (
	"errors"
	"io"
	"strings"

	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/segment"
)

// segmentWindow is how many segments an edition translates at a time: a
// file's memory is its skeleton, its output and one window of segments,
// however long the file or a unit of it (a 200 MB line, say).
const segmentWindow = 2048

// windows cuts the sentences of a file's parts (one part for a document
// parsed whole) into windows of consecutive segments of one part, a unit
// possibly spread over several windows. A part is split into sentences
// when it is read; the next one is read ahead only for the context of the
// last sentence before it.
type windows struct {
	parts  partReader
	sg     *segment.Segmenter
	count  func(int) // told the segments of each part as it is read
	queue  []*part   // parts read: queue[0] is the current one
	eof    bool
	ui, si int    // the next segment of queue[0]: unit and index in it
	shown  bool   // queue[0] was returned
	prev   string // the last sentence of the parts before queue[0]

	lines    *format.LineCounter // lines of unit lineUnit, counted forward
	lineUnit int
}

// part is one document of a file, split into sentences.
type part struct {
	doc   *format.Document
	spans [][]segment.Span // sentence spans of each unit
	total int              // segments in the part
}

// newWindows reads parts with sg, the run's segmentation
// (Options.Segmentation) of the source language.
func newWindows(parts partReader, sg *segment.Segmenter, count func(int)) *windows {
	return &windows{parts: parts, sg: sg, count: count}
}

// read reads and splits the next part; false at the end.
func (w *windows) read() (bool, error) {
	if w.eof {
		return false, nil
	}
	d, err := w.parts.Next()
	if errors.Is(err, io.EOF) {
		w.eof = true
		return false, nil
	}
	if err != nil {
		return false, err
	}
	p := &part{doc: d, spans: make([][]segment.Span, len(d.Units))}
	for ui := range d.Units {
		p.spans[ui] = w.sg.Split(d.Units[ui].Text)
		p.total += len(p.spans[ui])
	}
	w.count(p.total)
	w.queue = append(w.queue, p)
	return true, nil
}

// text returns the source text of segment si of unit ui of p.
func (p *part) text(ui, si int) string {
	sp := p.spans[ui][si]
	return p.doc.Units[ui].Text[sp.Start:sp.End]
}

// lastBefore returns the text of the last sentence of p in a unit before
// ui, if any.
func (p *part) lastBefore(ui int) (string, bool) {
	for ui--; ui >= 0; ui-- {
		if n := len(p.spans[ui]); n > 0 {
			return p.text(ui, n-1), true
		}
	}
	return "", false
}

// firstFrom returns the text of the first sentence of p at or after
// segment si of unit ui, if any.
func (p *part) firstFrom(ui, si int) (string, bool) {
	for ; ui < len(p.doc.Units); ui, si = ui+1, 0 {
		if si < len(p.spans[ui]) {
			return p.text(ui, si), true
		}
	}
	return "", false
}

// next returns the next window: the document of its part and its
// segments, with the sentences before and after it as the context of its
// first and last. A part without sentences is returned once with no
// segments (its skeleton is still to be written); the document is nil at
// the end.
func (w *windows) next() (*format.Document, []seg, error) {
	for {
		if len(w.queue) == 0 {
			ok, err := w.read()
			if err != nil || !ok {
				return nil, nil, err
			}
		}
		p := w.queue[0]
		for w.ui < len(p.doc.Units) && w.si >= len(p.spans[w.ui]) {
			w.ui, w.si = w.ui+1, 0
		}
		if w.ui < len(p.doc.Units) {
			w.shown = true
			segs, err := w.window(p)
			return p.doc, segs, err
		}
		if !w.shown {
			w.shown = true
			return p.doc, nil, nil
		}
		if last, ok := p.lastBefore(len(p.doc.Units)); ok {
			w.prev = last
		}
		w.queue[0] = nil
		w.queue = w.queue[1:]
		w.ui, w.si, w.shown, w.lines = 0, 0, false, nil
	}
}

// window returns the next window of p, which has a segment left.
func (w *windows) window(p *part) ([]seg, error) {
	segs := make([]seg, 0, min(segmentWindow, p.total))
	for len(segs) < segmentWindow && w.ui < len(p.doc.Units) {
		if w.si >= len(p.spans[w.ui]) {
			w.ui, w.si = w.ui+1, 0
			continue
		}
		u := &p.doc.Units[w.ui]
		if w.lines == nil || w.lineUnit != w.ui {
			w.lines, w.lineUnit = u.Lines(), w.ui // counted on across windows
		}
		sp := p.spans[w.ui][w.si]
		text := u.Text[sp.Start:sp.End]
		id := edition.SegmentID(u.ID, w.si)
		segs = append(segs, seg{
			src:   edition.Segment{ID: id, Unit: w.ui, Index: w.si, Start: sp.Start, End: sp.End, Text: text},
			unit:  w.ui,
			last:  w.si == len(p.spans[w.ui])-1,
			span:  sp,
			text:  text,
			out:   text,
			pairs: codePairs(u, text),
			rec: manifest.Segment{
				ID:         id,
				Unit:       u.ID,
				Line:       w.lines.LineAt(sp.Start),
				SourceHash: manifest.HashString(text),
			},
		})
		w.si++
	}
	// Each sentence's neighbours in the file (edition.Split's rule),
	// across the window's and the part's edges too.
	for i := range segs {
		if i > 0 {
			segs[i].src.Prev = segs[i-1].text
		}
		if i+1 < len(segs) {
			segs[i].src.Next = segs[i+1].text
		}
	}
	first := &segs[0].src
	if first.Index > 0 {
		first.Prev = p.text(first.Unit, first.Index-1)
	} else if t, ok := p.lastBefore(first.Unit); ok {
		first.Prev = t
	} else {
		first.Prev = w.prev
	}
	next, err := w.after(p)
	segs[len(segs)-1].src.Next = next
	return segs, err
}

// after returns the first sentence after the segments of p taken so far:
// in p, or in the parts after it (read ahead as needed).
func (w *windows) after(p *part) (string, error) {
	if t, ok := p.firstFrom(w.ui, w.si); ok {
		return t, nil
	}
	for i := 1; ; i++ {
		if i == len(w.queue) {
			ok, err := w.read()
			if err != nil || !ok {
				return "", err
			}
		}
		if t, ok := w.queue[i].firstFrom(0, 0); ok {
			return t, nil
		}
	}
}

// windowWriter assembles the translated segments of each unit (a unit may
// span windows) and writes every unit as soon as it and the units held in
// its markup are complete, a part of the file after the other.
type windowWriter struct {
	out      io.Writer
	locale   string
	doc      *format.Document // the part being written
	rend     *format.Renderer
	post     func(string) string // applied to each unit's translation (typography)
	warnings []string

	written int                      // units before this one are written
	pending map[string]string        // complete translations not yet written
	edits   map[string][]format.Edit // house style: edits not yet written

	cur  int // unit being assembled, -1 when none
	b    strings.Builder
	last int // end of the last segment of cur written to b
}

func newWindowWriter(w io.Writer, locale string, post func(string) string) *windowWriter {
	return &windowWriter{out: w, locale: locale, post: post, pending: map[string]string{},
		edits: map[string][]format.Edit{}, cur: -1}
}

// part starts writing doc, the next part of the file, after the rest of
// the one before.
func (w *windowWriter) part(doc *format.Document) error {
	if doc == w.doc {
		return nil
	}
	if err := w.finish(); err != nil {
		return err
	}
	rend, err := doc.NewRenderer(w.out, format.RenderOptions{Lang: w.locale})
	if err != nil {
		return err
	}
	w.doc, w.rend, w.written, w.cur = doc, rend, 0, -1
	return nil
}

// add takes a window's segments, translated (or, for the house style,
// with their edits), and writes what is complete.
func (w *windowWriter) add(segs []seg, houseStyle bool) error {
	done := w.written
	for i := range segs {
		s := &segs[i]
		u := &w.doc.Units[s.unit]
		if houseStyle {
			if len(s.edits) > 0 {
				w.edits[u.ID] = append(w.edits[u.ID], s.edits...)
			}
		} else {
			if w.cur != s.unit {
				w.cur, w.last = s.unit, 0
				w.b.Reset()
				w.b.WriteString(u.Text[:s.span.Start])
			} else {
				w.b.WriteString(u.Layout(w.last, s.span.Start)) // keeps the source's line breaks
			}
			w.b.WriteString(s.out)
			w.last = s.span.End
			if s.last {
				w.b.WriteString(u.Text[w.last:])
				text := w.b.String()
				w.b.Reset()
				w.cur = -1
				if text != u.Text {
					fixed, warns := u.RepairCodes(text)
					text = fixed
					w.warnings = append(w.warnings, warns...)
				}
				w.pending[u.ID] = w.post(text)
			}
		}
		if s.last {
			done = s.unit + 1
		} else {
			done = s.unit
		}
	}
	return w.through(done)
}

// through writes the units before end, or before the unit holding end
// when end is held in another unit's markup (the holder waits for it).
func (w *windowWriter) through(end int) error {
	for end > 0 && end < len(w.doc.Units) && w.doc.Units[end].In != "" {
		end--
	}
	if end <= w.written && end < len(w.doc.Units) {
		return nil // (at the end, the skeleton after the last unit is still to write)
	}
	var err error
	if len(w.edits) > 0 || len(w.pending) == 0 {
		err = w.rend.ThroughEdits(end, w.edits)
	} else {
		err = w.rend.Through(end, w.pending, nil)
	}
	if err != nil {
		return err
	}
	for ui := w.written; ui < end; ui++ {
		id := w.doc.Units[ui].ID
		delete(w.pending, id)
		delete(w.edits, id)
	}
	w.written = end
	return nil
}

// finish writes the rest of the part being written.
func (w *windowWriter) finish() error {
	if w.doc == nil {
		return nil
	}
	return w.through(len(w.doc.Units))
}
