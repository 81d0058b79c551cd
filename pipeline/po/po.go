package po

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// File is a gettext PO file: its header and its entries, in order.
type File struct {
	// HeaderComments are the comment lines above the header entry, without
	// their "# ".
	HeaderComments []string
	// Header holds the header entry's fields in order ("Language", "fr").
	Header [][2]string
	// HasHeader says whether the file had a header entry (msgid "").
	HasHeader bool
	Entries   []*Entry
}

// Get returns the value of a header field (case-insensitive name).
func (f *File) Get(name string) string {
	for _, kv := range f.Header {
		if strings.EqualFold(kv[0], name) {
			return kv[1]
		}
	}
	return ""
}

// Set sets a header field, replacing its value or adding it at the end.
func (f *File) Set(name, value string) {
	f.HasHeader = true
	for i, kv := range f.Header {
		if strings.EqualFold(kv[0], name) {
			f.Header[i][1] = value
			return
		}
	}
	f.Header = append(f.Header, [2]string{name, value})
}

// Entry is one message.
type Entry struct {
	Line       int      // where the entry starts (its first comment or keyword)
	Translator []string // "# " comments
	Extracted  []string // "#." comments
	References []string // "#:" references, one per token
	Flags      []string // "#," flags: fuzzy, c-format…
	Context    string   // msgctxt
	HasContext bool
	ID         string   // msgid
	IDPlural   string   // msgid_plural
	Str        []string // msgstr, or msgstr[0], msgstr[1]…
	Obsolete   bool     // "#~" entry
}

// Fuzzy reports whether the entry is flagged fuzzy.
func (e *Entry) Fuzzy() bool {
	for _, f := range e.Flags {
		if f == "fuzzy" {
			return true
		}
	}
	return false
}

// Target is msgstr (msgstr[0] for a plural entry).
func (e *Entry) Target() string {
	if len(e.Str) == 0 {
		return ""
	}
	return e.Str[0]
}

// Error is a problem in a PO file, at a line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// ErrSyntax is wrapped by every *Error Parse returns.
var ErrSyntax = errors.New("po: syntax error")

func (e *Error) Unwrap() error { return ErrSyntax }

// Parse reads a PO file. The charset is the header's (Content-Type); UTF-8
// when it names none; UTF-16 by its byte-order mark. Obsolete entries (#~) are kept, marked Obsolete. A
// message given twice (the same msgctxt and msgid) is an error, as msgfmt
// has it.
func Parse(name string, data []byte) (*File, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		dec, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, &Error{File: name, Line: 1, Msg: fmt.Sprintf("not UTF-16: %v", err)}
		}
		data = dec
	}
	f, err := parse(name, data)
	if err != nil {
		return nil, err
	}
	cs := charset(f.Get("Content-Type"))
	switch strings.ToLower(cs) {
	case "", "utf-8", "utf8", "charset", "us-ascii", "ascii":
		if !utf8.Valid(data) {
			return nil, &Error{File: name, Line: invalidLine(data), Msg: "not UTF-8 (and the header names no other charset)"}
		}
		return f, nil
	}
	enc, err := htmlindex.Get(cs)
	if err != nil {
		return nil, &Error{File: name, Line: 1, Msg: fmt.Sprintf("unknown charset %q in the header's Content-Type", cs)}
	}
	dec, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, &Error{File: name, Line: 1, Msg: fmt.Sprintf("not %s: %v", cs, err)}
	}
	return parse(name, dec)
}

func invalidLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}

func charset(contentType string) string {
	for _, p := range strings.Split(contentType, ";") {
		p = strings.TrimSpace(p)
		if k, v, ok := strings.Cut(p, "="); ok && strings.EqualFold(strings.TrimSpace(k), "charset") {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

type parser struct {
	name string
	line int
	f    *File
	cur  *Entry
	// last is the field continuation strings append to.
	last   *string
	lastKw string
	seen   map[string]int
}

func (p *parser) errf(format string, args ...any) error {
	return &Error{File: p.name, Line: p.line, Msg: fmt.Sprintf(format, args...)}
}

func parse(name string, data []byte) (*File, error) {
	p := &parser{name: name, f: &File{}, seen: map[string]int{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), len(data)+1)
	var pendingComments *Entry // comments before the keywords of an entry
	for sc.Scan() {
		p.line++
		line := strings.TrimRight(sc.Text(), "\r")
		trim := strings.TrimSpace(line)
		if trim == "" {
			if err := p.finish(); err != nil {
				return nil, err
			}
			continue
		}
		obsolete := false
		if strings.HasPrefix(trim, "#~") {
			obsolete = true
			trim = strings.TrimSpace(strings.TrimPrefix(trim, "#~"))
			if strings.HasPrefix(trim, "|") {
				continue // previous msgid of an obsolete entry
			}
		}
		if !obsolete && strings.HasPrefix(trim, "#") {
			// A comment after the keywords starts a new entry.
			if p.cur != nil {
				if err := p.finish(); err != nil {
					return nil, err
				}
			}
			if pendingComments == nil {
				pendingComments = &Entry{Line: p.line}
			}
			e := pendingComments
			switch {
			case strings.HasPrefix(trim, "#."):
				e.Extracted = append(e.Extracted, strings.TrimPrefix(strings.TrimPrefix(trim, "#."), " "))
			case strings.HasPrefix(trim, "#:"):
				e.References = append(e.References, strings.Fields(trim[2:])...)
			case strings.HasPrefix(trim, "#,"):
				for _, fl := range strings.Split(trim[2:], ",") {
					if fl = strings.TrimSpace(fl); fl != "" {
						e.Flags = append(e.Flags, fl)
					}
				}
			case strings.HasPrefix(trim, "#|"):
				// previous msgid: not kept
			default:
				e.Translator = append(e.Translator, strings.TrimPrefix(strings.TrimPrefix(trim, "#"), " "))
			}
			continue
		}
		if strings.HasPrefix(trim, `"`) {
			if p.last == nil {
				return nil, p.errf("a string with no keyword before it")
			}
			s, err := p.unquote(trim)
			if err != nil {
				return nil, err
			}
			*p.last += s
			continue
		}
		kw, rest, _ := strings.Cut(trim, " ")
		rest = strings.TrimSpace(rest)
		// msgctxt, or a msgid not after its msgctxt, starts a new entry.
		if p.cur != nil && p.lastKw != "" && (kw == "msgctxt" || (kw == "msgid" && p.lastKw != "msgctxt")) {
			if err := p.finish(); err != nil {
				return nil, err
			}
		}
		if p.cur == nil {
			if pendingComments != nil {
				p.cur = pendingComments
			} else {
				p.cur = &Entry{Line: p.line}
			}
			pendingComments = nil
			p.cur.Obsolete = obsolete
		}
		s := ""
		if rest != "" { // a keyword alone: its strings follow on the next lines
			var err error
			if s, err = p.unquote(rest); err != nil {
				return nil, err
			}
		}
		e := p.cur
		switch {
		case kw == "msgctxt":
			if p.lastKw != "" {
				return nil, p.errf("msgctxt must come first in an entry")
			}
			e.Context, e.HasContext = s, true
			p.last = &e.Context
		case kw == "msgid":
			if p.lastKw != "" && p.lastKw != "msgctxt" {
				return nil, p.errf("msgid after %s", p.lastKw)
			}
			e.ID = s
			p.last = &e.ID
		case kw == "msgid_plural":
			if p.lastKw != "msgid" {
				return nil, p.errf("msgid_plural must follow msgid")
			}
			e.IDPlural = s
			p.last = &e.IDPlural
		case kw == "msgstr":
			if p.lastKw != "msgid" {
				return nil, p.errf("msgstr must follow msgid")
			}
			if e.IDPlural != "" {
				return nil, p.errf("a plural entry needs msgstr[0], msgstr[1]…, not msgstr")
			}
			e.Str = []string{s}
			p.last = &e.Str[0]
		case strings.HasPrefix(kw, "msgstr[") && strings.HasSuffix(kw, "]"):
			n, err := strconv.Atoi(kw[len("msgstr[") : len(kw)-1])
			if err != nil || n != len(e.Str) {
				return nil, p.errf("%s: want msgstr[%d]", kw, len(e.Str))
			}
			if e.IDPlural == "" {
				return nil, p.errf("%s in an entry without msgid_plural", kw)
			}
			if p.lastKw != "msgid_plural" && !strings.HasPrefix(p.lastKw, "msgstr[") {
				return nil, p.errf("%s must follow msgid_plural", kw)
			}
			e.Str = append(e.Str, s)
			p.last = &e.Str[n]
		default:
			return nil, p.errf("unknown keyword %q", abbrev(kw))
		}
		p.lastKw = kw
	}
	if err := sc.Err(); err != nil {
		return nil, &Error{File: name, Line: p.line, Msg: err.Error()}
	}
	if err := p.finish(); err != nil {
		return nil, err
	}
	return p.f, nil
}

// finish ends the current entry.
func (p *parser) finish() error {
	e := p.cur
	if e == nil {
		return nil
	}
	p.cur, p.last, p.lastKw = nil, nil, ""
	if e.Str == nil {
		return &Error{File: p.name, Line: e.Line, Msg: "entry without msgstr"}
	}
	if e.ID == "" && !e.HasContext && !e.Obsolete {
		if p.f.HasHeader || len(p.f.Entries) > 0 {
			return &Error{File: p.name, Line: e.Line, Msg: `a second entry with an empty msgid (only the header has one)`}
		}
		p.f.HasHeader = true
		p.f.HeaderComments = e.Translator
		for _, l := range strings.Split(e.Target(), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok {
				p.f.Header = append(p.f.Header, [2]string{strings.TrimSpace(k), strings.TrimSpace(v)})
			}
		}
		return nil
	}
	if !e.Obsolete {
		key := e.Context + "\x04" + e.ID
		if prev, dup := p.seen[key]; dup {
			return &Error{File: p.name, Line: e.Line, Msg: fmt.Sprintf("message %q (msgctxt %q) already defined on line %d", abbrev(e.ID), e.Context, prev)}
		}
		p.seen[key] = e.Line
	}
	p.f.Entries = append(p.f.Entries, e)
	return nil
}

// unquote reads one C string literal, the whole of s.
func (p *parser) unquote(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", p.errf("want a quoted string, found %q", abbrev(s))
	}
	in := s[1 : len(s)-1]
	if !strings.ContainsAny(in, `\"`) {
		return in, nil
	}
	var b strings.Builder
	for i := 0; i < len(in); i++ {
		ch := in[i]
		if ch == '"' {
			return "", p.errf("unescaped quote inside a string")
		}
		if ch != '\\' {
			b.WriteByte(ch)
			continue
		}
		i++
		if i >= len(in) {
			return "", p.errf("string ends with a backslash")
		}
		switch c := in[i]; c {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '"', '\\', '\'', '?':
			b.WriteByte(c)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case 'x':
			j := i + 1
			for j < len(in) && j < i+3 && isHex(in[j]) {
				j++
			}
			if j == i+1 {
				return "", p.errf(`\x without hex digits`)
			}
			n, _ := strconv.ParseUint(in[i+1:j], 16, 8)
			b.WriteByte(byte(n))
			i = j - 1
		default:
			if c >= '0' && c <= '7' {
				j := i
				for j < len(in) && j < i+3 && in[j] >= '0' && in[j] <= '7' {
					j++
				}
				n, _ := strconv.ParseUint(in[i:j], 8, 16)
				if n > 0xFF {
					return "", p.errf(`octal escape \%s out of range`, in[i:j])
				}
				b.WriteByte(byte(n))
				i = j - 1
				continue
			}
			return "", p.errf(`unknown escape \%c`, c)
		}
	}
	return b.String(), nil
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func abbrev(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

// Encode writes f as a PO file in UTF-8: the header entry first, then the
// entries, strings split after each newline as msgcat does.
func Encode(w io.Writer, f *File) error {
	bw := bufio.NewWriter(w)
	if f.HasHeader {
		for _, c := range f.HeaderComments {
			writeComment(bw, "#", c)
		}
		bw.WriteString("msgid \"\"\n")
		var hb strings.Builder
		for _, kv := range f.Header {
			hb.WriteString(kv[0] + ": " + kv[1] + "\n")
		}
		writeString(bw, "", "msgstr", hb.String())
		bw.WriteString("\n")
	}
	for i, e := range f.Entries {
		if i > 0 {
			bw.WriteString("\n")
		}
		pre := ""
		if e.Obsolete {
			pre = "#~ "
		}
		for _, c := range e.Translator {
			writeComment(bw, "#", c)
		}
		for _, c := range e.Extracted {
			writeComment(bw, "#.", c)
		}
		if len(e.References) > 0 {
			bw.WriteString("#: " + strings.Join(e.References, " ") + "\n")
		}
		if len(e.Flags) > 0 {
			bw.WriteString("#, " + strings.Join(e.Flags, ", ") + "\n")
		}
		if e.HasContext {
			writeString(bw, pre, "msgctxt", e.Context)
		}
		writeString(bw, pre, "msgid", e.ID)
		if e.IDPlural != "" {
			writeString(bw, pre, "msgid_plural", e.IDPlural)
			for n, s := range e.Str {
				writeString(bw, pre, "msgstr["+strconv.Itoa(n)+"]", s)
			}
			continue
		}
		writeString(bw, pre, "msgstr", e.Target())
	}
	return bw.Flush()
}

func writeComment(w *bufio.Writer, mark, text string) {
	for _, l := range strings.Split(text, "\n") {
		if l == "" {
			w.WriteString(mark + "\n")
			continue
		}
		w.WriteString(mark + " " + l + "\n")
	}
}

func writeString(w *bufio.Writer, prefix, kw, s string) {
	lines := splitAfterNewlines(s)
	if len(lines) <= 1 {
		w.WriteString(prefix + kw + " " + quote(s) + "\n")
		return
	}
	w.WriteString(prefix + kw + " \"\"\n")
	for _, l := range lines {
		w.WriteString(prefix + quote(l) + "\n")
	}
}

func splitAfterNewlines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 || i == len(s)-1 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

var quoter = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`, "\r", `\r`, "\a", `\a`, "\b", `\b`, "\f", `\f`, "\v", `\v`)

func quote(s string) string {
	s = quoter.Replace(s)
	if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 }) {
		var b strings.Builder
		for _, r := range s {
			if r < 0x20 {
				fmt.Fprintf(&b, `\%03o`, r)
				continue
			}
			b.WriteRune(r)
		}
		s = b.String()
	}
	return `"` + s + `"`
}
