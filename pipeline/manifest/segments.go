package manifest

import (
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
)

// SegmentList holds the segment records of an edition as a run makes them,
// in about 24 bytes a segment instead of a Segment's 120 and its strings: a
// segment's id is derived from its unit's (stored once) and its index, its
// source hash is kept as 8 bytes and its status as a number. A record that
// does not have that shape (an id of another form, a hash that is not 16
// hex digits, words the engine did not know, warnings) is kept whole.
// Store.PutList writes the list as Edition.Segments, the same JSON.
type SegmentList struct {
	units  []string // unit ids, each once for its consecutive segments
	recs   []segRec
	whole  map[int]Segment // records kept as they are, by index
	failed bool
}

// segRec is a compact segment record: its id is units[unit] + "." + n.
type segRec struct {
	unit   uint32
	n      uint32
	line   uint32
	hash   [8]byte
	status uint8 // index in statuses
}

// statuses are the statuses a compact record holds; any other is kept
// whole.
var statuses = [...]string{StatusTranslated, StatusMemory, StatusGlossary, StatusFailed, StatusPending}

// Len returns the number of segments.
func (l *SegmentList) Len() int { return len(l.recs) }

// Failed reports whether some segment's status is StatusFailed.
func (l *SegmentList) Failed() bool { return l.failed }

// Add appends s.
func (l *SegmentList) Add(s Segment) {
	if s.Status == StatusFailed {
		l.failed = true
	}
	i := len(l.recs)
	r, ok := l.compact(s)
	if !ok {
		if l.whole == nil {
			l.whole = map[int]Segment{}
		}
		l.whole[i] = s
	}
	l.recs = append(l.recs, r)
}

// compact returns the compact form of s, or false when s has none.
func (l *SegmentList) compact(s Segment) (segRec, bool) {
	var r segRec
	if len(s.Unknown) > 0 || len(s.Warnings) > 0 || s.Line < 0 || int64(s.Line) > int64(^uint32(0)) {
		return r, false
	}
	r.line = uint32(s.Line)
	st := -1
	for i, v := range statuses {
		if v == s.Status {
			st = i
		}
	}
	if st < 0 {
		return r, false
	}
	r.status = uint8(st)
	rest, ok := strings.CutPrefix(s.ID, s.Unit+".")
	if !ok {
		return r, false
	}
	n, err := strconv.ParseUint(rest, 10, 32)
	if err != nil || strconv.FormatUint(n, 10) != rest {
		return r, false
	}
	r.n = uint32(n)
	if len(s.SourceHash) != 2*len(r.hash) {
		return r, false
	}
	if _, err := hex.Decode(r.hash[:], []byte(s.SourceHash)); err != nil || hex.EncodeToString(r.hash[:]) != s.SourceHash {
		return r, false
	}
	if len(l.units) == 0 || l.units[len(l.units)-1] != s.Unit {
		if len(l.units) > int(^uint32(0)>>1) {
			return r, false
		}
		l.units = append(l.units, s.Unit)
	}
	r.unit = uint32(len(l.units) - 1)
	return r, true
}

// At returns segment i.
func (l *SegmentList) At(i int) Segment {
	if s, ok := l.whole[i]; ok {
		return s
	}
	r := l.recs[i]
	unit := l.units[r.unit]
	return Segment{
		ID:         unit + "." + strconv.FormatUint(uint64(r.n), 10),
		Unit:       unit,
		Line:       int(r.line),
		SourceHash: hex.EncodeToString(r.hash[:]),
		Status:     statuses[r.status],
	}
}

// Segments returns every segment, as Edition.Segments holds them.
func (l *SegmentList) Segments() []Segment {
	out := make([]Segment, l.Len())
	for i := range out {
		out[i] = l.At(i)
	}
	return out
}

// AppendJSON appends the list's JSON to b: what encoding/json writes for
// the []Segment it holds (an empty list is []).
func (l *SegmentList) AppendJSON(b []byte) ([]byte, error) {
	b = append(b, '[')
	for i := range l.recs {
		if i > 0 {
			b = append(b, ',')
		}
		if s, ok := l.whole[i]; ok {
			data, err := json.Marshal(s)
			if err != nil {
				return b, err
			}
			b = append(b, data...)
			continue
		}
		r := l.recs[i]
		unit := l.units[r.unit]
		b = append(b, `{"id":`...)
		b = appendJSONString(b, unit, r.n, true)
		b = append(b, `,"unit":`...)
		b = appendJSONString(b, unit, 0, false)
		b = append(b, `,"line":`...)
		b = strconv.AppendUint(b, uint64(r.line), 10)
		b = append(b, `,"source_hash":"`...)
		b = hex.AppendEncode(b, r.hash[:])
		b = append(b, `","status":"`...)
		b = append(b, statuses[r.status]...)
		b = append(b, `"}`...)
	}
	return append(b, ']'), nil
}

// sizeJSON is about the length of the list's JSON (exact for compact
// records of plain ids).
func (l *SegmentList) sizeJSON() int {
	const fixed = len(`{"id":"","unit":"","line":,"source_hash":"","status":""},`) + 16
	n := 1
	for i := range l.recs {
		if _, ok := l.whole[i]; ok {
			n += 256
			continue
		}
		r := &l.recs[i]
		n += fixed + 2*len(l.units[r.unit]) + 1 + digits(r.n) + digits(r.line) + len(statuses[r.status])
	}
	if len(l.recs) == 0 {
		n++
	}
	return n
}

func digits(v uint32) int {
	n := 1
	for ; v >= 10; v /= 10 {
		n++
	}
	return n
}

// appendJSONString appends the JSON string of unit, followed by "." and n
// when withN, as encoding/json writes it.
func appendJSONString(b []byte, unit string, n uint32, withN bool) []byte {
	for i := 0; i < len(unit); i++ {
		if c := unit[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			s := unit
			if withN {
				s += "." + strconv.FormatUint(uint64(n), 10)
			}
			data, _ := json.Marshal(s) // a string always marshals
			return append(b, data...)
		}
	}
	b = append(b, '"')
	b = append(b, unit...)
	if withN {
		b = append(b, '.')
		b = strconv.AppendUint(b, uint64(n), 10)
	}
	return append(b, '"')
}
