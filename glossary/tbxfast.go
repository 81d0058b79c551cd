package glossary

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// The fast TBX reader: one pass over a UTF-8 document with no allocation
// per token, each concept entry built as a small tree, turned into a
// Concept (tbxConcept, the same code as the encoding/xml reader) and
// dropped, so that memory holds the glossary and one entry. It reads the
// XML a TBX file is (elements, attributes, character data, the five
// predefined entities and character references, comments, CDATA, an XML
// declaration naming UTF-8, processing instructions); anything else (a
// DOCTYPE, another charset, a carriage return, namespaces bound in unusual
// ways) or any error makes it give up, and ParseTBX reads the file with
// encoding/xml, whose messages the errors are (FuzzParseTBXFast compares
// the two).

type tbxScan struct {
	s     string
	i     int
	line  int
	keep  strKeeper
	nodes [][]tnode // the nodes of the entry being read, reused entry by entry
	used  int
}

// node returns a cleared node, reusing one of an earlier entry's (and the
// capacity of its lists).
func (x *tbxScan) node() *tnode {
	const chunk = 256
	if x.used == len(x.nodes)*chunk {
		x.nodes = append(x.nodes, make([]tnode, chunk))
	}
	n := &x.nodes[x.used/chunk][x.used%chunk]
	x.used++
	*n = tnode{attrs: n.attrs[:0], kids: n.kids[:0], buf: n.buf[:0]}
	return n
}

// parseTBXFast returns the glossary, or ok false when the file is outside
// what it reads or holds an error.
func parseTBXFast(name string, data []byte) (*Glossary, bool) {
	done := false
	return parseTBXPieces(name, func() (string, bool) {
		if done {
			return "", false
		}
		done = true
		return unsafe.String(unsafe.SliceData(data), len(data)), true // read in place; what is kept is copied
	})
}

// parseTBXReader is parseTBXFast on a file read piece by piece (of size
// bytes or more): memory holds
// the glossary, a piece of the file and one entry. Pieces end after an
// entry's end tag (</conceptEntry> or </termEntry>); one inside a comment
// or CDATA cuts a piece there too, and the reader gives up.
func parseTBXReader(name string, r io.Reader, size int) (*Glossary, bool) {
	buf := make([]byte, 0, size)
	cut, eof, first := 0, false, true
	return parseTBXPieces(name, func() (string, bool) {
		// Keep what follows the last piece, then read until a piece ends.
		n := copy(buf[:cap(buf)], buf[cut:])
		buf, cut = buf[:n], 0
		for !eof {
			if cut = lastEntryEnd(buf); cut > 0 {
				break
			}
			var err error
			if buf, eof, err = readMore(r, buf); err != nil {
				return "", false // read again, for encoding/xml and its error
			}
		}
		if cut == 0 {
			cut = len(buf)
		}
		if cut == 0 {
			return "", false
		}
		piece := buf[:cut]
		if first {
			first = false
			piece = stripBOM(piece)
		}
		return unsafe.String(unsafe.SliceData(piece), len(piece)), true
	})
}

// readMore reads once into the room left in buf, which it doubles when
// there is none (buf has room or bytes), and reports the end of the file.
func readMore(r io.Reader, buf []byte) ([]byte, bool, error) {
	if len(buf) == cap(buf) {
		buf = slices.Grow(buf, len(buf))
	}
	m, err := r.Read(buf[len(buf):cap(buf)])
	buf = buf[:len(buf)+m]
	if err == io.EOF {
		return buf, true, nil
	}
	return buf, false, err
}

// lastEntryEnd returns the offset after the last entry end tag in b, or 0.
func lastEntryEnd(b []byte) int {
	for i := len(b); ; {
		i = bytes.LastIndexByte(b[:i], '<')
		if i < 0 {
			return 0
		}
		for _, tag := range []string{"</conceptEntry>", "</termEntry>"} {
			if bytes.HasPrefix(b[i:], []byte(tag)) {
				return i + len(tag)
			}
		}
	}
}

// parseTBXPieces reads the pieces next returns (false: no more) as one
// document. A piece ends between two tokens, outside any entry.
func parseTBXPieces(name string, next func() (string, bool)) (*Glossary, bool) {
	x := &tbxScan{line: 1}
	g := &Glossary{}
	bad := func(n *tnode, format string, args ...any) error {
		return fmt.Errorf(format, args...) // never shown: the slow path reports it
	}
	type open struct {
		qname string
		node  *tnode // inside an entry
	}
	var stack []open
	var entry *tnode // the entry being read
	var cur *tnode   // the innermost element of it
	sawRoot, v3 := false, false
	// finish turns the entry just read into a concept.
	finish := func() bool {
		c, err := tbxConcept(entry, len(g.Concepts), v3, bad, &x.keep)
		if err != nil {
			return false
		}
		tbxPosition(c, name, entry, &x.keep)
		g.Concepts = append(g.Concepts, c)
		entry, cur = nil, nil
		x.used = 0 // the entry's nodes are free again
		return true
	}
	for piece := 0; ; piece++ {
		s, ok := next()
		if !ok {
			break
		}
		if !tbxCharsOK(s) {
			return nil, false
		}
		x.s, x.i = s, 0
		if piece == 0 && strings.HasPrefix(s, "<?xml") && !x.decl() {
			return nil, false
		}
		for x.i < len(x.s) {
			// Character data up to the next markup.
			j := strings.IndexByte(x.s[x.i:], '<')
			if j < 0 {
				j = len(x.s) - x.i
			}
			if j > 0 {
				text := x.s[x.i : x.i+j]
				x.advance(j)
				if cur != nil {
					if strings.IndexByte(text, '&') >= 0 {
						var ok bool
						if text, ok = unescapeXML(text); !ok {
							return nil, false
						}
					}
					cur.addText(text)
				} else if strings.IndexByte(text, '&') >= 0 || len(stack) == 0 && strings.TrimLeft(text, " \t\n") != "" {
					if _, ok := unescapeXML(text); !ok || len(stack) == 0 {
						return nil, false
					}
				}
				continue
			}
			rest := x.s[x.i:]
			switch {
			case strings.HasPrefix(rest, "<!--"):
				end := strings.Index(rest[4:], "--")
				if end < 0 || !strings.HasPrefix(rest[4+end:], "-->") {
					return nil, false
				}
				x.advance(4 + end + 3)
			case strings.HasPrefix(rest, "<![CDATA["):
				end := strings.Index(rest, "]]>")
				if end < 0 || len(stack) == 0 {
					return nil, false
				}
				if cur != nil {
					cur.addText(rest[9:end])
				}
				x.advance(end + 3)
			case strings.HasPrefix(rest, "</"):
				qname, ok := x.endTag()
				if !ok || len(stack) == 0 || stack[len(stack)-1].qname != qname {
					return nil, false
				}
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if top.node == nil {
					continue
				}
				if top.node == entry {
					if !finish() {
						return nil, false
					}
					continue
				}
				cur = cur.parent
			case strings.HasPrefix(rest, "<?"):
				// A processing instruction (<?xml-model …?>): skipped, as
				// encoding/xml's ProcInst is; the declaration only at the start.
				end := strings.Index(rest, "?>")
				target := rest[2:]
				if k := strings.IndexAny(target, " \t\n?"); k >= 0 {
					target = target[:k]
				}
				if end < 0 || target == "" || strings.EqualFold(target, "xml") {
					return nil, false
				}
				x.advance(end + 2)
			case len(rest) > 1 && rest[1] == '!':
				return nil, false // DOCTYPE
			default:
				qname, n, selfClosing, ok := x.startTag()
				if !ok {
					return nil, false
				}
				n.line = x.line
				switch {
				case entry != nil:
					n.parent = cur
					cur.kids = append(cur.kids, n)
					cur = n
				case !sawRoot:
					sawRoot = true
					if n.local != "tbx" && n.local != "martif" {
						return nil, false
					}
					v3 = n.local == "tbx"
					n = nil
				case len(stack) == 0:
					return nil, false // a second root
				case n.local == "conceptEntry" || n.local == "termEntry":
					if v3 != (n.local == "conceptEntry") {
						return nil, false
					}
					entry, cur = n, n
				case n.local == "langSec", n.local == "langSet", n.local == "termSec", n.local == "tig", n.local == "ntig":
					return nil, false
				default:
					n = nil
				}
				if selfClosing {
					if n != nil && n == entry {
						if !finish() { // an empty entry
							return nil, false
						}
					} else if n != nil {
						cur = cur.parent
					}
					continue
				}
				if n == nil {
					qname = strings.Clone(qname) // open across pieces
				}
				stack = append(stack, open{qname, n})
			}
		}
	}
	if !sawRoot || len(stack) != 0 {
		return nil, false
	}
	out, err := validated(name, g)
	if err != nil {
		return nil, false
	}
	return out, true
}

func (x *tbxScan) advance(n int) {
	x.line += strings.Count(x.s[x.i:x.i+n], "\n")
	x.i += n
}

// decl reads an XML declaration naming version 1.0 and, if any, UTF-8.
func (x *tbxScan) decl() bool {
	end := strings.Index(x.s, "?>")
	if end < 0 {
		return false
	}
	d := x.s[len("<?xml"):end]
	if d != "" && d[0] != ' ' && d[0] != '\n' && d[0] != '\t' {
		return false
	}
	for _, f := range strings.Fields(d) {
		k, v, ok := strings.Cut(f, "=")
		if !ok || len(v) < 2 || v[0] != v[len(v)-1] || v[0] != '"' && v[0] != '\'' {
			return false
		}
		v = v[1 : len(v)-1]
		switch k {
		case "version":
			if v != "1.0" {
				return false
			}
		case "encoding":
			if l := strings.ToLower(v); l != "utf-8" && l != "utf8" {
				return false
			}
		case "standalone":
		default:
			return false
		}
	}
	x.advance(end + 2)
	return true
}

// name reads an XML name of ASCII letters, digits and ._:- (one colon at
// most, inside).
func (x *tbxScan) name() (string, bool) {
	s := x.s[x.i:]
	k := 0
	colons := 0
	for k < len(s) {
		c := s[k]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case c >= '0' && c <= '9', c == '.', c == '-':
			if k == 0 {
				return "", false
			}
		case c == ':':
			colons++
			if k == 0 || colons > 1 {
				return "", false
			}
		default:
			if c >= utf8.RuneSelf {
				return "", false
			}
			n := s[:k]
			if k == 0 || n[len(n)-1] == ':' {
				return "", false
			}
			x.i += k
			return n, true
		}
		k++
	}
	return "", false
}

func (x *tbxScan) space() {
	for x.i < len(x.s) {
		switch x.s[x.i] {
		case ' ', '\t':
		case '\n':
			x.line++
		default:
			return
		}
		x.i++
	}
}

func (x *tbxScan) endTag() (string, bool) {
	x.i += 2
	n, ok := x.name()
	if !ok {
		return "", false
	}
	x.space()
	if x.i >= len(x.s) || x.s[x.i] != '>' {
		return "", false
	}
	x.i++
	return n, true
}

// startTag reads a start tag into a node (its local name, xml:lang and
// unprefixed attributes).
func (x *tbxScan) startTag() (qname string, n *tnode, selfClosing, ok bool) {
	x.i++
	qname, ok = x.name()
	if !ok {
		return "", nil, false, false
	}
	n = x.node()
	n.local = localName(qname)
	for {
		before := x.i
		x.space()
		if x.i >= len(x.s) {
			return "", nil, false, false
		}
		switch x.s[x.i] {
		case '>':
			x.i++
			return qname, n, false, true
		case '/':
			if !strings.HasPrefix(x.s[x.i:], "/>") {
				return "", nil, false, false
			}
			x.i += 2
			return qname, n, true, true
		}
		if x.i == before {
			return "", nil, false, false // no space before an attribute
		}
		an, ok := x.name()
		if !ok {
			return "", nil, false, false
		}
		x.space()
		if x.i >= len(x.s) || x.s[x.i] != '=' {
			return "", nil, false, false
		}
		x.i++
		x.space()
		if x.i >= len(x.s) || x.s[x.i] != '"' && x.s[x.i] != '\'' {
			return "", nil, false, false
		}
		q := x.s[x.i]
		end := strings.IndexByte(x.s[x.i+1:], q)
		if end < 0 {
			return "", nil, false, false
		}
		v := x.s[x.i+1 : x.i+1+end]
		x.i += end + 2
		if strings.ContainsAny(v, "<\n\t") {
			return "", nil, false, false
		}
		if strings.IndexByte(v, '&') >= 0 {
			if v, ok = unescapeXML(v); !ok {
				return "", nil, false, false
			}
		}
		prefix, local, hasPrefix := strings.Cut(an, ":")
		switch {
		case !hasPrefix:
			n.attrs = append(n.attrs, tbxAttr{an, v})
		case prefix == "xml" && local == "lang":
			n.lang = v
		case prefix == "xmlns":
			if v == "" || v == "http://www.w3.org/XML/1998/namespace" || local == "xml" {
				return "", nil, false, false // bindings encoding/xml reads its own way
			}
		}
	}
}

func localName(q string) string {
	if i := strings.IndexByte(q, ':'); i >= 0 {
		return q[i+1:]
	}
	return q
}

// unescapeXML replaces the predefined entities and character references.
func unescapeXML(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			return b.String(), true
		}
		b.WriteString(s[:i])
		s = s[i+1:]
		j := strings.IndexByte(s, ';')
		if j <= 0 {
			return "", false
		}
		ent := s[:j]
		s = s[j+1:]
		switch ent {
		case "lt":
			b.WriteByte('<')
		case "gt":
			b.WriteByte('>')
		case "amp":
			b.WriteByte('&')
		case "apos":
			b.WriteByte('\'')
		case "quot":
			b.WriteByte('"')
		default:
			if ent[0] != '#' || len(ent) < 2 || len(ent) > 8 {
				return "", false
			}
			digits, base := ent[1:], 10
			if digits[0] == 'x' {
				digits, base = digits[1:], 16
			}
			r := 0
			if digits == "" {
				return "", false
			}
			for k := 0; k < len(digits); k++ {
				c := digits[k]
				d := 0
				switch {
				case c >= '0' && c <= '9':
					d = int(c - '0')
				case base == 16 && c >= 'a' && c <= 'f':
					d = int(c-'a') + 10
				case base == 16 && c >= 'A' && c <= 'F':
					d = int(c-'A') + 10
				default:
					return "", false
				}
				r = r*base + d
			}
			if !xmlChar(rune(r)) || r == '\r' {
				return "", false
			}
			b.WriteRune(rune(r))
		}
	}
}

// xmlChar reports whether r is a character XML allows.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// tbxCharsOK reports whether s is valid UTF-8 of characters XML allows,
// with no carriage return.
func tbxCharsOK(s string) bool {
	for i := 0; i < len(s); {
		// Eight ASCII bytes at a time: no control byte but tab and line feed.
		for i+8 <= len(s) {
			w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			const lo, hi, low7 = 0x0101010101010101, 0x8080808080808080, 0x7F7F7F7F7F7F7F7F
			if w&hi != 0 {
				break
			}
			if ctl := ^(w + (0x80-0x20)*lo) & hi; ctl != 0 {
				// Control bytes: only tabs and line feeds.
				nl, tab := w^('\n'*lo), w^('\t'*lo)
				nl = ^((nl & low7) + low7 | nl) & hi
				tab = ^((tab & low7) + low7 | tab) & hi
				if ctl&^(nl|tab) != 0 {
					break
				}
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || !xmlChar(r) {
			return false
		}
		i += n
	}
	return true
}
