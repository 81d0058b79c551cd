package glossary

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// The fast reader of the native YAML layout: one pass over the file, no
// node tree, for the subset WriteYAML and hand-written glossaries use
// (block concepts, one flow-style line per language's terms, flow or block
// exception lists, plain and quoted one-line scalars). Anything outside that
// subset (anchors, tags, block scalars, multi-line scalars, block-style term
// sets, a scalar YAML would read as something other than a string, a
// duplicate or unknown key, a syntax error) makes it give up, and Parse reads
// the file with yaml.v3: what this reader accepts, it reads exactly as
// yaml.v3 does (FuzzParseYAMLFast), and every error message is yaml.v3's.

type fastYAML struct {
	rest string                // the text after cur
	more func() (string, bool) // the next piece of the file (false: none)
	bad  bool                  // a piece held what the reader does not read
	no   int                   // the number of the last line read
	cur  fastLine              // the current line
	has  bool                  // cur holds a line (else the file is over)
	keep strKeeper             // kept strings copied out, languages and form tags shared
	ll   []langLine            // scratch: a concept's term lines
}

// fastLine is one line that is neither blank nor a comment.
type fastLine struct {
	no     int    // 1-based
	indent int    // leading spaces
	text   string // after the indent, comment and trailing spaces kept
}

// parseYAMLFast returns the concepts, each with its position, or ok false when
// the file is outside the subset it reads.
func parseYAMLFast(s string) (version int, concepts []*Concept, ok bool) {
	done := false
	return parseYAMLPieces(func() (string, bool) {
		if done {
			return "", false
		}
		done = true
		return s, true
	})
}

// parseYAMLReader is parseYAMLFast on a file read piece by piece (each
// piece whole lines, of size bytes or more): memory holds the glossary and a
// piece of the file. Pieces alternate between two buffers: the reader
// holds at most a line of the piece before the one it reads.
func parseYAMLReader(r io.Reader, size int) (version int, concepts []*Concept, ok bool) {
	var bufs [2][]byte
	var carry []byte // in the other buffer
	eof, first, k := false, true, 0
	return parseYAMLPieces(func() (string, bool) {
		k ^= 1
		buf := bufs[k][:0]
		if cap(buf) < max(size, 2*len(carry)) {
			buf = make([]byte, 0, max(size, 2*len(carry)))
		}
		buf = append(buf, carry...)
		carry = nil
		for !eof {
			if len(buf) == cap(buf) && bytes.LastIndexByte(buf, '\n') >= 0 {
				break
			}
			var err error
			if buf, eof, err = readMore(r, buf); err != nil {
				return "", false
			}
		}
		bufs[k] = buf
		if !eof {
			cut := bytes.LastIndexByte(buf, '\n') + 1
			buf, carry = buf[:cut], buf[cut:]
		}
		if first {
			first = false
			buf = stripBOM(buf)
		}
		if len(buf) == 0 {
			return "", false
		}
		return unsafe.String(unsafe.SliceData(buf), len(buf)), true
	})
}

// parseYAMLPieces reads the pieces more returns (false: no more; each
// piece whole lines) as one file.
func parseYAMLPieces(more func() (string, bool)) (version int, concepts []*Concept, ok bool) {
	p := &fastYAML{more: more}
	p.next()
	gotVersion, gotConcepts := false, false
	for p.has {
		l := p.cur
		if l.indent != 0 {
			return 0, nil, false
		}
		key, rest, ok := cutKey(l.text)
		if !ok {
			return 0, nil, false
		}
		p.next()
		switch key {
		case "version":
			if gotVersion {
				return 0, nil, false
			}
			gotVersion = true
			v, ok := fastInt(stripComment(rest))
			if !ok {
				return 0, nil, false
			}
			version = v
		case "concepts":
			if gotConcepts || stripComment(rest) != "" {
				return 0, nil, false
			}
			gotConcepts = true
			concepts, ok = p.concepts()
			if !ok {
				return 0, nil, false
			}
		default:
			return 0, nil, false
		}
	}
	if !gotVersion || !gotConcepts || p.bad {
		return 0, nil, false
	}
	return version, concepts, true
}

// fastCharsOK reports whether s holds only what the fast reader handles:
// valid UTF-8, no control character but the line feed, no tab, no carriage
// return, no other line break YAML knows and nothing YAML finds unprintable.
func fastCharsOK(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' || c == 0x7F {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1,
			r >= 0x80 && r <= 0x9F, r == 0x2028, r == 0x2029, r == 0xFEFF, r >= 0xFFFE && r <= 0xFFFF,
			r >= 0xD800 && r <= 0xDFFF:
			return false
		}
		i += n
	}
	return true
}

// next reads the next line that is neither blank nor a comment into cur.
func (p *fastYAML) next() {
	for {
		if p.rest == "" {
			if p.more == nil {
				break
			}
			s, ok := p.more()
			if !ok {
				p.more = nil
				break
			}
			if !fastCharsOK(s) {
				p.bad, p.more = true, nil
				break
			}
			p.rest = s
		}
		p.no++
		line := p.rest
		if j := strings.IndexByte(p.rest, '\n'); j >= 0 {
			line, p.rest = p.rest[:j], p.rest[j+1:]
		} else {
			p.rest = ""
		}
		ind := 0
		for ind < len(line) && line[ind] == ' ' {
			ind++
		}
		text := strings.TrimRight(line[ind:], " ")
		if text == "" || text[0] == '#' {
			continue
		}
		p.cur, p.has = fastLine{no: p.no, indent: ind, text: text}, true
		return
	}
	p.has = false
}

// strArena copies the strings a glossary keeps into big shared chunks: no
// string keeps the file alive, and none costs an allocation of its own.
// A chunk is never written again where a string was handed out.
type strArena struct{ buf []byte }

func (a *strArena) copy(s string) string {
	if s == "" {
		return ""
	}
	if len(s) > cap(a.buf)-len(a.buf) {
		a.buf = make([]byte, 0, max(64<<10, len(s)))
	}
	a.buf = append(a.buf, s...)
	b := a.buf[len(a.buf)-len(s):]
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// cutKey splits "key: rest" or "key:" (a plain key of letters, digits, _ and -).
func cutKey(t string) (key, rest string, ok bool) {
	i := 0
	for i < len(t) && (t[i] >= 'a' && t[i] <= 'z' || t[i] >= 'A' && t[i] <= 'Z' || t[i] >= '0' && t[i] <= '9' || t[i] == '_' || t[i] == '-') {
		i++
	}
	if i == 0 || i >= len(t) || t[i] != ':' || !plainOK(t[:i]) {
		return "", "", false
	}
	if i+1 < len(t) && t[i+1] != ' ' {
		return "", "", false
	}
	return t[:i], strings.TrimLeft(t[i+1:], " "), true
}

// endOK reports whether what follows a value on its line is nothing or a
// comment after a space.
func endOK(rest string) bool {
	if rest == "" {
		return true
	}
	t := strings.TrimLeft(rest, " ")
	return rest[0] == ' ' && t[0] == '#'
}

// stripComment removes a trailing comment from what follows a value.
func stripComment(t string) string {
	if t == "" || t[0] == '#' {
		return ""
	}
	return t
}

func fastInt(t string) (int, bool) {
	if t == "" || len(t) > 6 || t[0] == '0' && len(t) > 1 {
		return 0, false
	}
	v := 0
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return 0, false
		}
		v = v*10 + int(t[i]-'0')
	}
	return v, true
}

// concepts reads the block sequence of concepts.
func (p *fastYAML) concepts() ([]*Concept, bool) {
	if !p.has || p.cur.indent == 0 && !strings.HasPrefix(p.cur.text, "- ") {
		return nil, false // empty or not a sequence: yaml.v3 decides
	}
	seq := p.cur.indent
	cs := make([]*Concept, 0, strings.Count(p.rest, "\n"+strings.Repeat(" ", seq)+"- ")+1)
	for p.has {
		l := p.cur
		if l.indent < seq || l.indent == 0 && !strings.HasPrefix(l.text, "- ") {
			break
		}
		if l.indent != seq || !strings.HasPrefix(l.text, "- ") {
			return nil, false
		}
		c, ok := p.concept(l, seq)
		if !ok {
			return nil, false
		}
		cs = append(cs, c)
	}
	return cs, true
}

// concept keys, as bits.
const (
	fkID = 1 << iota
	fkNote
	fkTerms
	fkExceptions
	fkCaseSensitive
	fkDNT
)

func (p *fastYAML) concept(first fastLine, seq int) (*Concept, bool) {
	c := &Concept{}
	pos := &c.pos
	pos.line = first.no
	// The first key follows "- " on the item's line.
	text := strings.TrimLeft(first.text[2:], " ")
	keyIndent := first.indent + (len(first.text) - len(text))
	seen := 0
	line := fastLine{no: first.no, indent: keyIndent, text: text}
	p.next()
	for {
		key, rest, ok := cutKey(line.text)
		if !ok {
			return nil, false
		}
		bit := 0
		switch key {
		case "id":
			bit = fkID
			c.ID, ok = blockScalar(rest)
			c.ID = p.keep.str(c.ID)
		case "note":
			bit = fkNote
			c.Note, ok = blockScalar(rest)
			c.Note = p.keep.str(c.Note)
		case "case_sensitive":
			bit = fkCaseSensitive
			c.CaseSensitive, ok = fastBool(stripComment(rest))
		case "do_not_translate":
			bit = fkDNT
			c.DoNotTranslate, ok = fastBool(stripComment(rest))
		case "terms":
			bit = fkTerms
			if stripComment(rest) != "" {
				return nil, false
			}
			c.Terms, pos.terms, ok = p.terms(keyIndent)
		case "exceptions":
			bit = fkExceptions
			c.Exceptions, pos.exceptions, ok = p.exceptions(line, rest, keyIndent)
			p.copyAll(c.Exceptions)
		default:
			return nil, false
		}
		if !ok || seen&bit != 0 {
			return nil, false
		}
		seen |= bit
		if !p.has {
			break
		}
		next := p.cur
		if next.indent <= seq {
			break
		}
		if next.indent != keyIndent {
			return nil, false
		}
		line = next
		p.next()
	}
	if seen&fkTerms == 0 {
		pos.terms = nil
	}
	return c, true
}

func fastBool(t string) (bool, bool) {
	switch t {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

// terms reads the block mapping of languages under "terms:", each a flow
// mapping on its line.
func (p *fastYAML) terms(keyIndent int) (map[string]TermSet, []langLine, bool) {
	if !p.has || p.cur.indent <= keyIndent {
		return nil, nil, false // terms: null — yaml.v3 decides
	}
	ind := p.cur.indent
	terms := map[string]TermSet{}
	lines := p.ll[:0]
	defer func() { p.ll = lines[:0] }()
	for p.has {
		l := p.cur
		if l.indent < ind {
			break
		}
		if l.indent != ind {
			return nil, nil, false
		}
		lang, rest, ok := cutKey(l.text)
		if !ok || !strings.HasPrefix(rest, "{") {
			return nil, nil, false
		}
		if _, dup := terms[lang]; dup {
			return nil, nil, false
		}
		f := flow{s: rest, p: p}
		ts, ok := f.termSet()
		if !ok || !endOK(f.s) {
			return nil, nil, false
		}
		lang = p.keep.tag(lang)
		terms[lang] = ts
		lines = append(lines, langLine{lang, l.no})
		p.next()
	}
	return terms, slices.Clone(lines), true
}

// exceptions reads a flow sequence on the key's line or a block sequence
// below it.
func (p *fastYAML) exceptions(line fastLine, rest string, keyIndent int) ([]string, []int, bool) {
	if strings.HasPrefix(rest, "[") {
		f := flow{s: rest, p: p}
		list, ok := f.seq()
		if !ok || !endOK(f.s) {
			return nil, nil, false
		}
		if len(list) == 0 {
			return list, nil, true
		}
		lines := make([]int, len(list))
		for i := range lines {
			lines[i] = line.no
		}
		return list, lines, true
	}
	if stripComment(rest) != "" || !p.has {
		return nil, nil, false
	}
	ind := p.cur.indent
	if ind < keyIndent {
		return nil, nil, false
	}
	var list []string
	var lines []int
	for p.has {
		l := p.cur
		if l.indent < ind || l.indent == keyIndent && !strings.HasPrefix(l.text, "- ") {
			break
		}
		if l.indent != ind || !strings.HasPrefix(l.text, "- ") {
			return nil, nil, false
		}
		v, ok := blockScalar(strings.TrimLeft(l.text[2:], " "))
		if !ok {
			return nil, nil, false
		}
		list = append(list, v)
		lines = append(lines, l.no)
		p.next()
	}
	if len(list) == 0 {
		return nil, nil, false
	}
	return list, lines, true
}

func (p *fastYAML) copyAll(list []string) {
	for i, s := range list {
		list[i] = p.keep.str(s)
	}
}

// blockScalar reads a one-line scalar in block context (the rest of a line
// after "key: ").
func blockScalar(t string) (string, bool) {
	if t == "" {
		return "", false // null
	}
	switch t[0] {
	case '"', '\'':
		f := flow{s: t, p: nil}
		v, ok := f.quoted()
		if !ok || !endOK(f.s) {
			return "", false
		}
		return v, true
	}
	if end := strings.Index(t, " #"); end >= 0 {
		t = strings.TrimRight(t[:end], " ")
	}
	if !plainOK(t) || strings.Contains(t, ": ") || strings.HasSuffix(t, ":") {
		return "", false
	}
	return t, true
}

// plainOK reports whether t, a plain scalar, is one YAML reads as that
// string: it starts with no indicator, and resolves to no null, bool,
// number or merge key.
func plainOK(t string) bool {
	if t == "" {
		return false
	}
	switch t[0] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
		'+', '.', '~', '<', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ' ':
		return false
	}
	if t == "=" {
		return false
	}
	if len(t) <= 5 {
		switch strings.ToLower(t) {
		case "null", "true", "false", "yes", "no", "on", "off", "y", "n":
			return false
		}
	}
	return true
}

// flow reads flow collections and scalars from s, consuming it.
type flow struct {
	s string
	p *fastYAML // where kept strings are copied
}

// value reads a scalar and copies it out of the file.
func (f *flow) value() (string, bool) {
	v, ok := f.scalar()
	return f.p.keep.str(v), ok
}

// values reads a flow sequence and copies its scalars out of the file.
func (f *flow) values() ([]string, bool) {
	list, ok := f.seq()
	f.p.copyAll(list)
	return list, ok
}

func (f *flow) skip() { f.s = strings.TrimLeft(f.s, " ") }

// scalar reads a plain or quoted scalar in flow context.
func (f *flow) scalar() (string, bool) {
	f.skip()
	if f.s == "" {
		return "", false
	}
	if f.s[0] == '"' || f.s[0] == '\'' {
		return f.quoted()
	}
	i := 0
	for i < len(f.s) {
		c := f.s[i]
		if c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == ':' {
			break
		}
		if c == '#' && i > 0 && f.s[i-1] == ' ' {
			return "", false
		}
		i++
	}
	v := strings.TrimRight(f.s[:i], " ")
	f.s = f.s[i:]
	if !plainOK(v) {
		return "", false
	}
	return v, true
}

// word reads a plain scalar in flow context as it stands (true, false).
func (f *flow) word() string {
	f.skip()
	i := strings.IndexAny(f.s, ",]} ")
	if i < 0 {
		i = len(f.s)
	}
	w := f.s[:i]
	f.s = f.s[i:]
	return w
}

// quoted reads a single- or double-quoted scalar that ends on its line.
func (f *flow) quoted() (string, bool) {
	q := f.s[0]
	s := f.s[1:]
	if q == '\'' {
		var b []byte
		for {
			j := strings.IndexByte(s, '\'')
			if j < 0 {
				return "", false
			}
			if j+1 < len(s) && s[j+1] == '\'' {
				b = append(b, s[:j+1]...)
				s = s[j+2:]
				continue
			}
			var v string
			if b == nil {
				v = s[:j]
			} else {
				v = string(append(b, s[:j]...))
			}
			f.s = s[j+1:]
			return v, true
		}
	}
	j := strings.IndexAny(s, "\"\\")
	if j >= 0 && s[j] == '"' {
		f.s = s[j+1:]
		return s[:j], true
	}
	var b []byte
	for {
		j := strings.IndexAny(s, "\"\\")
		if j < 0 {
			return "", false
		}
		b = append(b, s[:j]...)
		if s[j] == '"' {
			f.s = s[j+1:]
			return string(b), true
		}
		if j+1 >= len(s) {
			return "", false
		}
		switch s[j+1] {
		case '\\', '"', '/':
			b = append(b, s[j+1])
		case 'n':
			b = append(b, '\n')
		case 't':
			b = append(b, '\t')
		default:
			return "", false
		}
		s = s[j+2:]
	}
}

// seq reads a flow sequence of scalars: [a, b].
func (f *flow) seq() ([]string, bool) {
	f.skip()
	if !strings.HasPrefix(f.s, "[") {
		return nil, false
	}
	f.s = f.s[1:]
	f.skip()
	out := []string{}
	if strings.HasPrefix(f.s, "]") {
		f.s = f.s[1:]
		return out, true
	}
	for {
		v, ok := f.scalar()
		if !ok {
			return nil, false
		}
		out = append(out, v)
		f.skip()
		if f.s == "" {
			return nil, false
		}
		switch f.s[0] {
		case ',':
			f.s = f.s[1:]
			f.skip()
			if strings.HasPrefix(f.s, "]") {
				return nil, false // [a, ] — leave it to yaml.v3
			}
		case ']':
			f.s = f.s[1:]
			return out, true
		default:
			return nil, false
		}
	}
}

// mapping reads a flow mapping, calling val for each key with f positioned
// at the value.
func (f *flow) mapping(val func(key string) bool) bool {
	f.skip()
	if !strings.HasPrefix(f.s, "{") {
		return false
	}
	f.s = f.s[1:]
	f.skip()
	if strings.HasPrefix(f.s, "}") {
		f.s = f.s[1:]
		return true
	}
	var seen [8]string
	keys := seen[:0]
	for {
		k, ok := f.scalar()
		if !ok || !strings.HasPrefix(f.s, ": ") {
			return false
		}
		for _, prev := range keys {
			if prev == k {
				return false
			}
		}
		keys = append(keys, k)
		f.s = f.s[2:]
		if !val(k) {
			return false
		}
		f.skip()
		if f.s == "" {
			return false
		}
		switch f.s[0] {
		case ',':
			f.s = f.s[1:]
			f.skip()
			if strings.HasPrefix(f.s, "}") {
				return false
			}
		case '}':
			f.s = f.s[1:]
			return true
		default:
			return false
		}
	}
}

// termSet reads one language's flow mapping of terms.
func (f *flow) termSet() (TermSet, bool) {
	var ts TermSet
	ok := f.mapping(func(key string) bool {
		var ok bool
		switch key {
		case "preferred":
			ts.Preferred, ok = f.value()
		case "admitted":
			ts.Admitted, ok = f.values()
		case "deprecated":
			ts.Deprecated, ok = f.values()
		case "exceptions":
			ts.Exceptions, ok = f.values()
		case "case_sensitive":
			ts.CaseSensitive, ok = fastBool(f.word())
		case "forms":
			ts.Forms = nil
			ok = f.mapping(func(tag string) bool {
				v, ok := f.value()
				ts.Forms.Set(f.p.keep.tag(tag), v)
				return ok
			})
		case "deprecated_forms":
			ts.DeprecatedForms = map[string][]string{}
			ok = f.mapping(func(tag string) bool {
				v, ok := f.values()
				ts.DeprecatedForms[f.p.keep.tag(tag)] = v
				return ok
			})
		}
		return ok
	})
	return ts, ok
}
