package format

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Edit replaces Unit.Text[Start:End] with New: a change that leaves the
// rest of the unit as it is, such as a name the glossary rewrote.
type Edit struct {
	Start, End int
	New        string
}

// textEscaper is an Encoder that can write a run of plain text for the
// middle of a unit (mid-line, between codes) without the rest of the unit:
// what in-place edits are written with. ok is false when the run cannot be
// written in place (a quote inside a quoted front-matter value, say).
type textEscaper interface {
	escapeText(u *Unit, s string) (string, bool)
}

// Patch returns the unit's source bytes with each edit written over the
// bytes it covers, and nothing else changed: soft line breaks, indentation,
// escapes, entity spelling and markup outside the edits stay as they were.
// Each edit is first narrowed to the runes that differ ("Kiev Oblast" →
// "Kyiv Oblast" touches "ie" only), and where both sides still hold the
// same number of white-space runs it is applied word by word, so a line
// break inside a multi-word name stays. Edits must be sorted and must not
// overlap. ok is false when an edit covers an inline code or a place the
// unit cannot map exactly to its source; the caller then encodes the whole
// unit.
func (u *Unit) Patch(edits []Edit, enc Encoder) (string, bool) {
	return u.patch(edits, enc, nil)
}

// rawRepl replaces u.Raw[start:end].
type rawRepl struct {
	start, end int
	s          string
}

// patch is Patch with more replacements of raw bytes (the units this one
// holds), sorted and not overlapping.
func (u *Unit) patch(edits []Edit, enc Encoder, extra []rawRepl) (string, bool) {
	esc, _ := enc.(textEscaper)
	m := newRawMap(u)
	var repls []rawRepl
	prevEnd := 0
	for _, e := range edits {
		if e.Start < prevEnd || e.End < e.Start || e.End > len(u.Text) {
			return "", false
		}
		prevEnd = e.End
		for _, p := range narrow(u.Text[e.Start:e.End], e.New) {
			s, end := e.Start+p.Start, e.Start+p.End
			if strings.ContainsFunc(u.Text[s:end], isCodeRuneFunc) || strings.ContainsFunc(p.New, isCodeRuneFunc) {
				return "", false
			}
			rs, ok1 := m.at(s)
			re, ok2 := m.at(end)
			if !ok1 || !ok2 || re < rs {
				return "", false
			}
			repl := p.New
			if esc != nil {
				var ok bool
				if repl, ok = esc.escapeText(u, repl); !ok {
					return "", false
				}
			}
			repls = append(repls, rawRepl{rs, re, repl})
		}
	}
	if len(extra) > 0 {
		repls = append(repls, extra...)
		sort.SliceStable(repls, func(i, j int) bool { return repls[i].start < repls[j].start })
	}
	var b strings.Builder
	b.Grow(len(u.Raw) + 16)
	last := 0
	for _, r := range repls {
		if r.start < last {
			return "", false
		}
		b.WriteString(u.Raw[last:r.start])
		b.WriteString(r.s)
		last = r.end
	}
	b.WriteString(u.Raw[last:])
	return b.String(), true
}

// narrow cuts the change of old to new down to the runes that differ, as
// edits relative to old: the common prefix and suffix are dropped, and when
// the rest of both holds the same number of white-space runs, each word is
// its own edit (unchanged words dropped).
func narrow(old, new string) []Edit {
	p := 0
	for p < len(old) && p < len(new) {
		r1, n1 := utf8.DecodeRuneInString(old[p:])
		r2, n2 := utf8.DecodeRuneInString(new[p:])
		if r1 != r2 || n1 != n2 {
			break
		}
		p += n1
	}
	s := 0
	for s < len(old)-p && s < len(new)-p {
		r1, n1 := utf8.DecodeLastRuneInString(old[:len(old)-s])
		r2, n2 := utf8.DecodeLastRuneInString(new[:len(new)-s])
		if r1 != r2 || n1 != n2 {
			break
		}
		s += n1
	}
	o, n := old[p:len(old)-s], new[p:len(new)-s]
	if o == n {
		return nil
	}
	ow, nw := splitWords(o), splitWords(n)
	if len(ow) > 1 && len(ow) == len(nw) {
		var out []Edit
		for i := range ow {
			if i%2 == 1 { // white space: the source's is kept
				continue
			}
			if o[ow[i][0]:ow[i][1]] != n[nw[i][0]:nw[i][1]] {
				out = append(out, Edit{Start: p + ow[i][0], End: p + ow[i][1], New: n[nw[i][0]:nw[i][1]]})
			}
		}
		return out
	}
	return []Edit{{Start: p, End: p + len(o), New: n}}
}

// splitWords cuts s into alternating word and white-space runs (a word
// first, possibly empty), as [start, end) pairs.
func splitWords(s string) [][2]int {
	var out [][2]int
	start, space := 0, false
	for i, r := range s {
		if sp := unicode.IsSpace(r); sp != space {
			out = append(out, [2]int{start, i})
			start, space = i, sp
		}
	}
	return append(out, [2]int{start, len(s)})
}

// rawMap maps offsets of a unit's text to its source exactly, or says it
// cannot.
type rawMap struct {
	u        *Unit
	same     bool         // Text == Raw and there are no anchors
	verified map[int]bool // anchor segments checked to read as written
}

func newRawMap(u *Unit) *rawMap {
	return &rawMap{u: u, same: len(u.anchors) == 0 && u.Text == u.Raw}
}

// at returns the offset in u.Raw of offset off of u.Text when it is known
// exactly: at an anchor, or inside a stretch written as it reads.
func (m *rawMap) at(off int) (int, bool) {
	u := m.u
	if m.same {
		return off, true
	}
	a := u.anchors
	if len(a) == 0 {
		return 0, false
	}
	i := sort.Search(len(a), func(i int) bool { return a[i].text > off }) - 1
	if i < 0 {
		return 0, false
	}
	if a[i].text == off {
		// Several anchors may share a text offset (a code of no text
		// between runs); the first is the end of what precedes.
		for i > 0 && a[i-1].text == off {
			i--
		}
		return a[i].raw, true
	}
	tEnd, rEnd := len(u.Text), len(u.Raw)
	if i+1 < len(a) {
		tEnd, rEnd = a[i+1].text, a[i+1].raw
	}
	ok, seen := m.verified[i]
	if !seen {
		ok = tEnd-a[i].text == rEnd-a[i].raw && a[i].raw <= rEnd && rEnd <= len(u.Raw) && u.Text[a[i].text:tEnd] == u.Raw[a[i].raw:rEnd]
		if m.verified == nil {
			m.verified = map[int]bool{}
		}
		m.verified[i] = ok
	}
	if !ok {
		return 0, false
	}
	return a[i].raw + off - a[i].text, true
}

// RenderEdits writes the document with each unit's edits (by unit ID)
// applied in place in its source bytes (see Unit.Patch); a unit whose edits
// cannot be placed exactly is encoded whole from its edited text. This is
// how house-style editions and glossary apply change only what they must.
func (d *Document) RenderEdits(w io.Writer, edits map[string][]Edit, opts RenderOptions) error {
	var b strings.Builder
	r, err := d.NewRenderer(&b, opts)
	if err != nil {
		return err
	}
	if err := r.ThroughEdits(len(d.Units), edits); err != nil {
		return err
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// ThroughEdits is Through for units changed by edits (see RenderEdits).
func (r *Renderer) ThroughEdits(end int, edits map[string][]Edit) error {
	d := r.d
	tr := map[string]string{}
	patched := map[string]string{}
	enc := d.Encoder
	if enc == nil {
		enc = PlainEncoder{}
	}
	// Units held in other units' codes first: their holders embed them.
	for _, nested := range []bool{true, false} {
		for id, es := range edits {
			ui := d.unitIndex(id)
			if ui < 0 || len(es) == 0 || (d.Units[ui].In != "") != nested {
				continue
			}
			u := &d.Units[ui]
			if ui >= end && (u.In == "" || d.unitIndex(u.In) >= end) {
				continue // not written by this call
			}
			var extra []rawRepl
			for _, n := range u.nests {
				if s, ok := patched[d.Units[n.unit].ID]; ok {
					extra = append(extra, rawRepl{n.raw[0], n.raw[1], s})
				}
			}
			if s, ok := u.patch(es, enc, extra); ok {
				patched[u.ID] = s
				continue
			}
			text, err := ApplyEdits(u.Text, es)
			if err != nil {
				return fmt.Errorf("format: %s: unit %s (line %d): %w", d.Name, u.ID, u.Line, err)
			}
			if nested {
				if patched[u.ID], err = enc.Encode(u, text); err != nil {
					return fmt.Errorf("format: %s: unit %s (line %d): %w", d.Name, u.ID, u.Line, err)
				}
				continue
			}
			tr[u.ID] = text
		}
	}
	return r.Through(end, tr, patched)
}

// unitIndex returns the index of the unit with the given ID ("u" and its
// 1-based index), or -1.
func (d *Document) unitIndex(id string) int {
	// Units are numbered in order from the first one's number: "u1", or
	// further on in a part of a file (Text.Parts).
	if n, err := strconv.Atoi(strings.TrimPrefix(id, "u")); err == nil && len(d.Units) > 0 {
		if first, err := strconv.Atoi(strings.TrimPrefix(d.Units[0].ID, "u")); err == nil {
			if i := n - first; i >= 0 && i < len(d.Units) && d.Units[i].ID == id {
				return i
			}
		}
	}
	for i := range d.Units {
		if d.Units[i].ID == id {
			return i
		}
	}
	return -1
}

// ApplyEdits returns text with the edits made. Edits must be sorted and
// must not overlap.
func ApplyEdits(text string, edits []Edit) (string, error) {
	var b strings.Builder
	last := 0
	for _, e := range edits {
		if e.Start < last || e.End < e.Start || e.End > len(text) {
			return "", fmt.Errorf("edit [%d,%d) out of order or out of range", e.Start, e.End)
		}
		b.WriteString(text[last:e.Start])
		b.WriteString(e.New)
		last = e.End
	}
	b.WriteString(text[last:])
	return b.String(), nil
}
