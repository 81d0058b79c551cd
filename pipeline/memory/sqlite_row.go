package memory

import (
	"bytes"
	"cmp"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
)

// A row of schema 3 (table tm3) holds every stored translation of one
// sentence from one source language: its key is the 16-byte hash of the
// normalized protected source and the source language, its value v is
//
//	uvarint  number of entries
//	byte     0: the body follows as is; 1: DEFLATE-compressed (BestSpeed)
//	body     uvarint len, source text (the first spelling stored)
//	         uvarint base time (Unix seconds)
//	         per entry, sorted by target language, human first, engine,
//	         neighbours and terms:
//	           byte     flags: 1 human, 2 terms unknown (schema 1), 4 terms
//	           str      target language
//	           uvarint  engine id (engines table), machine entries only
//	           str      the terms handed over (JoinTerms), with flag 4
//	           str, str the normalized previous and next sentences, human only
//	           str      the translation
//	           uvarint  when it was stored, seconds after the base
//
// where str is a uvarint length and the bytes. The body is compressed when
// it is at least compressMin bytes long and compressing saves space.
const compressMin = 96

// Entry flags.
const (
	flagHuman   = 1
	flagUnknown = 2
	flagTerms   = 4
)

// entry is one translation in a row.
type entry struct {
	targetLang string
	human      bool
	unknown    bool   // machine entry migrated from schema 1: serves any terms
	engine     int64  // engines.id; 0 for a human entry
	terms      string // JoinTerms of the terms handed over (machine)
	prev, next string // normalized neighbours (human)
	target     string
	changed    int64 // Unix seconds
}

// same reports whether e and o are the same entry (one replaces the other).
func (e *entry) same(o *entry) bool {
	if e.targetLang != o.targetLang || e.human != o.human {
		return false
	}
	if e.human {
		return e.prev == o.prev && e.next == o.next
	}
	return e.engine == o.engine && e.terms == o.terms && e.unknown == o.unknown
}

func compareEntries(a, b entry) int {
	if c := cmp.Compare(a.targetLang, b.targetLang); c != 0 {
		return c
	}
	if a.human != b.human {
		if a.human {
			return -1
		}
		return 1
	}
	return cmp.Or(cmp.Compare(a.engine, b.engine), cmp.Compare(a.prev, b.prev), cmp.Compare(a.next, b.next),
		cmp.Compare(a.terms, b.terms))
}

// merge adds e to es, replacing the same entry unless that one is newer.
func merge(es []entry, e entry) []entry {
	for i := range es {
		if es[i].same(&e) {
			if e.changed >= es[i].changed {
				es[i] = e
			}
			return es
		}
	}
	return append(es, e)
}

// encoder writes row values; it is not safe for concurrent use.
type encoder struct {
	body, out bytes.Buffer
	fw        *flate.Writer
}

func putStr(b *bytes.Buffer, s string) {
	b.Write(binary.AppendUvarint(b.AvailableBuffer(), uint64(len(s))))
	b.WriteString(s)
}

func putUvarint(b *bytes.Buffer, v uint64) {
	b.Write(binary.AppendUvarint(b.AvailableBuffer(), v))
}

// encode returns the value of a row (valid until the next call); it sorts
// es.
func (c *encoder) encode(source string, es []entry) ([]byte, error) {
	slices.SortFunc(es, compareEntries)
	base := int64(0)
	for i, e := range es {
		if i == 0 || e.changed < base {
			base = e.changed
		}
	}
	base = max(base, 0)
	c.body.Reset()
	putStr(&c.body, source)
	putUvarint(&c.body, uint64(base))
	for _, e := range es {
		var f byte
		if e.human {
			f |= flagHuman
		}
		if e.unknown {
			f |= flagUnknown
		}
		if e.terms != "" {
			f |= flagTerms
		}
		c.body.WriteByte(f)
		putStr(&c.body, e.targetLang)
		if !e.human {
			putUvarint(&c.body, uint64(e.engine))
		}
		if e.terms != "" {
			putStr(&c.body, e.terms)
		}
		if e.human {
			putStr(&c.body, e.prev)
			putStr(&c.body, e.next)
		}
		putStr(&c.body, e.target)
		putUvarint(&c.body, uint64(max(e.changed-base, 0)))
	}
	c.out.Reset()
	putUvarint(&c.out, uint64(len(es)))
	head := c.out.Len()
	if c.body.Len() >= compressMin {
		c.out.WriteByte(1)
		if c.fw == nil {
			fw, err := flate.NewWriter(&c.out, flate.BestSpeed)
			if err != nil {
				return nil, err
			}
			c.fw = fw
		} else {
			c.fw.Reset(&c.out)
		}
		if _, err := c.fw.Write(c.body.Bytes()); err != nil {
			return nil, err
		}
		if err := c.fw.Close(); err != nil {
			return nil, err
		}
		if c.out.Len()-head-1 < c.body.Len() {
			return c.out.Bytes(), nil
		}
		c.out.Truncate(head)
	}
	c.out.WriteByte(0)
	c.out.Write(c.body.Bytes())
	return c.out.Bytes(), nil
}

// errBadRow is wrapped when a row cannot be read.
var errBadRow = errors.New("memory: malformed row")

// decoder reads row values; it is safe for concurrent use.
type decoder struct {
	inflaters sync.Pool // of *inflater
}

// inflater decompresses bodies: its reader and buffer are reused, as
// decode copies out every field it reads.
type inflater struct {
	fr  io.ReadCloser // a flate.Resetter
	buf bytes.Buffer
}

// rowCount returns the number of entries in the value v.
func rowCount(v []byte) (int, error) {
	n, k := binary.Uvarint(v)
	if k <= 0 {
		return 0, errBadRow
	}
	return int(n), nil
}

// decode reads the value v of a row: its source text and entries.
func (d *decoder) decode(v []byte) (string, []entry, error) {
	n, k := binary.Uvarint(v)
	if k <= 0 || k >= len(v) {
		return "", nil, errBadRow
	}
	body := v[k+1:]
	switch v[k] {
	case 0:
	case 1:
		f, err := d.inflate(body)
		if err != nil {
			return "", nil, fmt.Errorf("%w: %w", errBadRow, err)
		}
		defer d.inflaters.Put(f)
		body = f.buf.Bytes()
	default:
		return "", nil, fmt.Errorf("%w: codec %d", errBadRow, v[k])
	}
	if n > uint64(len(body)) { // an entry takes more than a byte
		return "", nil, errBadRow
	}
	r := rowReader{b: body}
	source := r.str()
	base := int64(r.uvarint())
	es := make([]entry, 0, n)
	for range n {
		var e entry
		f := r.byte()
		e.human, e.unknown = f&flagHuman != 0, f&flagUnknown != 0
		e.targetLang = r.str()
		if !e.human {
			e.engine = int64(r.uvarint())
		}
		if f&flagTerms != 0 {
			e.terms = r.str()
		}
		if e.human {
			e.prev, e.next = r.str(), r.str()
		}
		e.target = r.str()
		e.changed = base + int64(r.uvarint())
		es = append(es, e)
	}
	if r.bad || len(r.b) != 0 {
		return "", nil, errBadRow
	}
	return source, es, nil
}

// inflate decompresses b into the buffer of an inflater, which the caller
// puts back in the pool once done with the buffer.
func (d *decoder) inflate(b []byte) (*inflater, error) {
	src := bytes.NewReader(b)
	f, ok := d.inflaters.Get().(*inflater)
	if ok {
		if err := f.fr.(flate.Resetter).Reset(src, nil); err != nil {
			return nil, err
		}
		f.buf.Reset()
	} else {
		f = &inflater{fr: flate.NewReader(src)}
	}
	if _, err := f.buf.ReadFrom(f.fr); err != nil {
		return nil, err
	}
	return f, nil
}

// rowReader reads the fields of a body; bad is set past its end.
type rowReader struct {
	b   []byte
	bad bool
}

func (r *rowReader) uvarint() uint64 {
	v, k := binary.Uvarint(r.b)
	if k <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[k:]
	return v
}

func (r *rowReader) byte() byte {
	if len(r.b) == 0 {
		r.bad = true
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *rowReader) str() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.bad, r.b = true, nil
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}
