package format

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// builder assembles a Document from byte ranges of its source: everything
// between units stays literal, so parse-then-render is the identity by
// construction whatever a parser decides to translate.
type builder struct {
	doc   *Document
	src   string
	prev  int   // end of the last range handed out
	lines []int // offsets of every '\n' in src
	err   error // the first unit that could not be built
}

func newBuilder(name, format, src string) *builder {
	b := &builder{doc: &Document{Name: name, Format: format}, src: src}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			b.lines = append(b.lines, i)
		}
	}
	return b
}

// lineAt returns the 1-based line of byte offset off.
func (b *builder) lineAt(off int) int {
	return sort.SearchInts(b.lines, off) + 1
}

// literal moves the skeleton up to off.
func (b *builder) literal(off int) {
	if off <= b.prev {
		return
	}
	b.doc.Skeleton = append(b.doc.Skeleton, Piece{Text: b.src[b.prev:off], Unit: -1})
	b.prev = off
}

// unit adds u over src[start:end]. It reports false (and adds nothing) when
// the range overlaps what is already placed.
func (b *builder) unit(start, end int, u Unit) bool {
	if start < b.prev || end < start || end > len(b.src) {
		return false
	}
	b.literal(start)
	u.ID = "u" + strconv.Itoa(len(b.doc.Units)+1)
	u.Raw = b.src[start:end]
	u.Line = b.lineAt(start)
	u.anchors = compactAnchors(u.anchors, u.Text, u.Raw)
	b.doc.Units = append(b.doc.Units, u)
	b.doc.Skeleton = append(b.doc.Skeleton, Piece{Unit: len(b.doc.Units) - 1})
	b.prev = end
	return true
}

// nested adds u over src[start:end], inside code of the unit at index
// holder (which starts at holderStart), where the code's data holds it at
// [dataStart, dataStart+end-start). It reports false when the range is
// not inside the holder.
func (b *builder) nested(holder, holderStart, code, dataStart, start, end int, u Unit) bool {
	h := &b.doc.Units[holder]
	if start < holderStart || end > holderStart+len(h.Raw) || end < start ||
		code >= len(h.Codes) || dataStart < 0 || dataStart+end-start > len(h.Codes[code].Data) {
		return false
	}
	u.ID = "u" + strconv.Itoa(len(b.doc.Units)+1)
	u.Raw = b.src[start:end]
	u.Line = b.lineAt(start)
	u.anchors = compactAnchors(u.anchors, u.Text, u.Raw)
	u.In = h.ID
	b.doc.Units = append(b.doc.Units, u)
	h = &b.doc.Units[holder] // the slice may have moved
	h.nests = append(h.nests, nest{unit: len(b.doc.Units) - 1, code: code,
		raw: [2]int{start - holderStart, end - holderStart}, data: [2]int{dataStart, dataStart + end - start}})
	return true
}

// lang marks src[start:end] as a language declaration value.
func (b *builder) lang(start, end int) bool {
	if start < b.prev || end < start || end > len(b.src) {
		return false
	}
	b.literal(start)
	b.doc.Skeleton = append(b.doc.Skeleton, Piece{Text: b.src[start:end], Unit: -1, Lang: true})
	b.prev = end
	return true
}

// insertLang adds, at off, a language declaration the source lacks.
func (b *builder) insertLang(off int, wrap [2]string) bool {
	if off < b.prev || off > len(b.src) {
		return false
	}
	b.literal(off)
	b.doc.Skeleton = append(b.doc.Skeleton, Piece{Unit: -1, Lang: true, Wrap: wrap})
	return true
}

// tooMany records that the unit starting at off has more inline codes than
// the marker alphabet holds: the file is refused rather than written with
// codes lost.
func (b *builder) tooMany(off int) {
	if b.err == nil {
		b.err = &ParseError{File: b.doc.Name, Line: b.lineAt(off),
			Err: fmt.Errorf("%w: a unit with more than %d inline codes (tags, line breaks, links)", ErrTooManyCodes, MaxCodes)}
	}
}

func (b *builder) finish() *Document {
	b.literal(len(b.src))
	return b.doc
}

// compactAnchors drops the anchors of a unit (text and raw) that tell
// nothing: one between two stretches that both read as they are written
// (same bytes in text and raw), whose offsets the anchor before maps as
// well. RawOffset and the exact map of Unit.Patch give the same offsets
// without it. A sentence of plain words anchored at every run of white
// space keeps only its anchors around codes, entities and line breaks.
func compactAnchors(a []anchor, text, raw string) []anchor {
	if len(a) < 3 {
		return a
	}
	exact := func(from, to anchor) bool {
		return from.text <= to.text && from.raw <= to.raw && to.text <= len(text) && to.raw <= len(raw) &&
			to.text-from.text == to.raw-from.raw && text[from.text:to.text] == raw[from.raw:to.raw]
	}
	keep := make([]bool, len(a))
	n := 0
	for i := range a {
		keep[i] = true
		if i > 0 {
			next := anchor{text: len(text), raw: len(raw)}
			if i+1 < len(a) {
				next = a[i+1]
			}
			prev := a[i-1]
			keep[i] = !(prev.text < a[i].text && a[i].text < next.text && exact(prev, a[i]) && exact(a[i], next))
		}
		if keep[i] {
			n++
		}
	}
	if n == len(a) {
		return a
	}
	out := make([]anchor, 0, n)
	for i := range a {
		if keep[i] {
			out = append(out, a[i])
		}
	}
	return out
}

// unitText accumulates a unit's text and codes.
type unitText struct {
	text    strings.Builder
	codes   []Code
	anchors []anchor // raw offsets are absolute in the source until relative
	full    bool     // more than MaxCodes codes were added
	held    []heldText
	wrap    string // the first soft line break, with its continuation
}

// heldText is a text inside a code (a link title) to become a unit of its
// own once the unit holding the code is placed.
type heldText struct {
	code       int    // the code's id
	data       int    // where the text starts in the code's data
	start, end int    // its range in the source
	kind       string // the unit kind
}

// at records that the text written so far ends where the source is at raw.
func (t *unitText) at(raw int) {
	n := len(t.anchors)
	if n > 0 && t.anchors[n-1].text == t.text.Len() {
		t.anchors[n-1].raw = raw // a later place for the same text offset wins
		return
	}
	t.anchors = append(t.anchors, anchor{text: t.text.Len(), raw: raw})
}

// relative returns the anchors with raw offsets counted from start.
func (t *unitText) relative(start int) []anchor {
	out := make([]anchor, len(t.anchors))
	for i, a := range t.anchors {
		out[i] = anchor{text: a.text, raw: a.raw - start}
	}
	return out
}

// add appends plain text. A private-use rune that would read as a code
// marker becomes a standalone code holding the rune itself.
func (t *unitText) add(s string) {
	for _, r := range s {
		if _, ok := IsCodeRune(r); ok {
			t.code(Standalone, string(r))
			continue
		}
		t.text.WriteRune(r)
	}
}

// code appends a code and returns its id.
func (t *unitText) code(kind CodeKind, data string) int {
	id := len(t.codes)
	if id >= MaxCodes {
		t.full = true // the unit is refused (ErrTooManyCodes)
		return 0
	}
	t.codes = append(t.codes, Code{ID: id, Kind: kind, Pair: -1, Data: data})
	t.text.WriteRune(CodeRune(id))
	return id
}

// pair links an open and a close code.
func (t *unitText) pair(open, close int) {
	if t.full {
		return
	}
	t.codes[open].Kind, t.codes[open].Pair = Open, close
	t.codes[close].Kind, t.codes[close].Pair = Close, open
}

// translatable reports whether the text has a letter outside the codes.
func (t *unitText) translatable() bool {
	for _, r := range t.text.String() {
		if _, ok := IsCodeRune(r); !ok && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// stripCodes removes code markers from s.
func stripCodes(s string) string {
	return strings.Map(func(r rune) rune {
		if _, ok := IsCodeRune(r); ok {
			return -1
		}
		return r
	}, s)
}

// addDecoded appends raw (which starts at rawStart in the source), decoding
// the escapes that decodeAt recognises at the start of a string (it returns
// their length and value, or 0). Each escape is anchored, so offsets inside
// the text map exactly to the source.
func (t *unitText) addDecoded(raw string, rawStart int, decodeAt func(s string) (int, string)) {
	plain := 0
	for i := 0; i < len(raw); {
		n, dec := decodeAt(raw[i:])
		if n <= 0 {
			i++
			continue
		}
		t.at(rawStart + plain)
		t.add(raw[plain:i])
		t.at(rawStart + i)
		t.add(dec)
		i += n
		plain = i
		t.at(rawStart + i)
	}
	t.at(rawStart + plain)
	t.add(raw[plain:])
}
