package pipeline

import (
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

// windows cuts the sentences of a document into windows of consecutive
// segments, a unit possibly spread over several.
type windows struct {
	doc    *format.Document
	spans  [][]segment.Span // sentence spans of each unit
	total  int              // segments in the document
	ui, si int              // the next segment: unit and index in it

	lines    *format.LineCounter // lines of unit lineUnit, counted forward
	lineUnit int
}

// newWindows splits doc with sg, the run's segmentation
// (Options.Segmentation) of the source language.
func newWindows(doc *format.Document, sg *segment.Segmenter) *windows {
	w := &windows{doc: doc, spans: make([][]segment.Span, len(doc.Units))}
	for ui := range doc.Units {
		w.spans[ui] = sg.Split(doc.Units[ui].Text)
		w.total += len(w.spans[ui])
	}
	return w
}

// text returns the source text of segment si of unit ui.
func (w *windows) text(ui, si int) string {
	sp := w.spans[ui][si]
	return w.doc.Units[ui].Text[sp.Start:sp.End]
}

// next returns the segments of the next window, with the sentences before
// and after it as the context of its first and last, or nil at the end.
func (w *windows) next() []seg {
	for w.ui < len(w.doc.Units) && w.si >= len(w.spans[w.ui]) {
		w.ui, w.si = w.ui+1, 0
	}
	if w.ui >= len(w.doc.Units) {
		return nil
	}
	segs := make([]seg, 0, min(segmentWindow, w.total))
	for len(segs) < segmentWindow && w.ui < len(w.doc.Units) {
		if w.si >= len(w.spans[w.ui]) {
			w.ui, w.si = w.ui+1, 0
			continue
		}
		u := &w.doc.Units[w.ui]
		if w.lines == nil || w.lineUnit != w.ui {
			w.lines, w.lineUnit = u.Lines(), w.ui // counted on across windows
		}
		sp := w.spans[w.ui][w.si]
		text := u.Text[sp.Start:sp.End]
		id := edition.SegmentID(u.ID, w.si)
		segs = append(segs, seg{
			src:   edition.Segment{ID: id, Unit: w.ui, Index: w.si, Start: sp.Start, End: sp.End, Text: text},
			unit:  w.ui,
			last:  w.si == len(w.spans[w.ui])-1,
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
	// Each sentence's neighbours in the document (edition.Split's rule),
	// across the window's edges too.
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
		first.Prev = w.text(first.Unit, first.Index-1)
	} else {
		for ui := first.Unit - 1; ui >= 0; ui-- {
			if n := len(w.spans[ui]); n > 0 {
				first.Prev = w.text(ui, n-1)
				break
			}
		}
	}
	last := &segs[len(segs)-1].src
	for ui, si := w.ui, w.si; ui < len(w.doc.Units); ui, si = ui+1, 0 {
		if si < len(w.spans[ui]) {
			last.Next = w.text(ui, si)
			break
		}
	}
	return segs
}

// windowWriter assembles the translated segments of each unit (a unit may
// span windows) and writes every unit as soon as it and the units held in
// its markup are complete.
type windowWriter struct {
	doc      *format.Document
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

func newWindowWriter(doc *format.Document, w io.Writer, locale string, post func(string) string) (*windowWriter, error) {
	rend, err := doc.NewRenderer(w, format.RenderOptions{Lang: locale})
	if err != nil {
		return nil, err
	}
	return &windowWriter{doc: doc, rend: rend, post: post, pending: map[string]string{},
		edits: map[string][]format.Edit{}, cur: -1}, nil
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
	if end <= w.written {
		return nil
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

// finish writes the rest of the document.
func (w *windowWriter) finish() error {
	return w.through(len(w.doc.Units))
}
