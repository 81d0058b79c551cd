package edition

import (
	"strconv"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/segment"
)

// Segment is one sentence of a document's unit.
type Segment struct {
	// ID is the segment's id in the manifest, XLIFF and reports: the unit
	// id and the sentence's 1-based place in it ("u3.2").
	ID    string
	Unit  int // index in Document.Units
	Index int // 0-based place in the unit
	// Start and End are the sentence's byte span in the unit text.
	Start, End int
	Text       string // the unit text [Start:End]
	// Prev and Next are the sentences before and after this one in the
	// document, across units ("" at either end): the memory key's context.
	Prev, Next string
}

// SegmentID is the id of the index-th (0-based) sentence of the unit with
// id unitID.
func SegmentID(unitID string, index int) string {
	return unitID + "." + strconv.Itoa(index+1)
}

// Split splits every unit of doc into sentences with the built-in
// segmentation rules of lang, the document's source language, in document
// order, each with its neighbours. The texts are the unit texts' own
// bytes, not copies. Commands split with the Segmentation of their
// configuration (Segmentation.Split), which may hold a user's SRX rules.
func Split(doc *format.Document, lang language.Tag) []Segment {
	return SplitWith(doc, segment.New(lang))
}

// SplitWith is Split with the given segmenter, for example one with a
// user's SRX rules (segment.Segmenter.WithSRX).
func SplitWith(doc *format.Document, sg *segment.Segmenter) []Segment {
	var segs []Segment
	for ui := range doc.Units {
		u := &doc.Units[ui]
		for i, sp := range sg.Split(u.Text) {
			segs = append(segs, Segment{
				ID:    SegmentID(u.ID, i),
				Unit:  ui,
				Index: i,
				Start: sp.Start,
				End:   sp.End,
				Text:  u.Text[sp.Start:sp.End],
			})
		}
	}
	for i := range segs {
		if i > 0 {
			segs[i].Prev = segs[i-1].Text
		}
		if i+1 < len(segs) {
			segs[i].Next = segs[i+1].Text
		}
	}
	return segs
}
