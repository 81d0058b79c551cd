package format

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text parses plain-text articles: paragraphs are separated by blank lines
// (lines holding only white space), the first paragraph is the title, and
// everything that is not paragraph text (blank lines, indentation, trailing
// spaces, a byte-order mark) stays in the skeleton.
type Text struct{}

const bom = "\uFEFF"

// Parse implements Parser.
func (Text) Parse(name string, src []byte) (*Document, error) {
	if err := CheckUTF8(name, src); err != nil {
		return nil, err
	}
	st := textState{line: 1}
	return st.parse(name, string(src))
}

// textState is where a part of a plain-text file starts.
type textState struct {
	units int // units before it
	line  int // its first line, 1-based
	off   int // its byte offset
}

// parse reads src, the part of the file called name that starts at st, and
// moves st past it. A part ends at the end of a line and holds whole
// paragraphs.
func (st *textState) parse(name string, s string) (*Document, error) {
	if err := checkUTF8(name, s, st.line, st.off); err != nil {
		return nil, err
	}
	doc := &Document{Name: name, Format: "txt"}
	var lit strings.Builder
	pos := 0
	if st.off == 0 && strings.HasPrefix(s, bom) {
		lit.WriteString(bom)
		pos = len(bom)
	}
	line, counted := st.line, 0 // line number at offset counted
	lineAt := func(off int) int {
		line += strings.Count(s[counted:off], "\n")
		counted = off
		return line
	}
	flush := func() {
		if lit.Len() > 0 {
			doc.Skeleton = append(doc.Skeleton, Piece{Text: lit.String(), Unit: -1})
			lit.Reset()
		}
	}
	for pos < len(s) {
		end := lineEnd(s, pos)
		if isBlank(s[pos:end]) { // blank lines stay in the skeleton
			lit.WriteString(s[pos:end])
			pos = end
			continue
		}
		// A paragraph: consecutive non-blank lines.
		pEnd := end
		for pEnd < len(s) {
			next := lineEnd(s, pEnd)
			if isBlank(s[pEnd:next]) {
				break
			}
			pEnd = next
		}
		para := s[pos:pEnd]
		lead := len(para) - len(strings.TrimLeftFunc(para, unicode.IsSpace))
		body := strings.TrimRightFunc(para[lead:], unicode.IsSpace)
		lit.WriteString(para[:lead])
		flush()
		kind := "paragraph"
		if st.units+len(doc.Units) == 0 {
			kind = "title"
		}
		u := Unit{
			ID:   "u" + strconv.Itoa(st.units+len(doc.Units)+1),
			Kind: kind,
			Text: body,
			Raw:  body,
			Line: lineAt(pos + lead),
		}
		if strings.ContainsFunc(body, isCodeRuneFunc) {
			// Private-use characters of the source would read as code
			// markers: each becomes a standalone code holding itself,
			// anchored (a marker may be shorter than the character).
			t := &unitText{}
			t.at(0)
			for i, r := range body {
				if _, ok := IsCodeRune(r); ok {
					t.at(i)
					t.code(Standalone, string(r))
					t.at(i + utf8.RuneLen(r))
					continue
				}
				t.text.WriteRune(r)
			}
			t.at(len(body))
			if t.full {
				return nil, &ParseError{File: name, Line: u.Line,
					Err: fmt.Errorf("%w: a paragraph with more than %d private-use characters", ErrTooManyCodes, MaxCodes)}
			}
			u.Text, u.Codes, u.anchors = t.text.String(), t.codes, t.anchors
		}
		doc.Units = append(doc.Units, u)
		doc.Skeleton = append(doc.Skeleton, Piece{Unit: len(doc.Units) - 1})
		lit.WriteString(para[lead+len(body):])
		pos = pEnd
	}
	flush()
	st.units += len(doc.Units)
	st.line = lineAt(len(s))
	st.off += len(s)
	return doc, nil
}

// Parts returns a reader of the plain-text file called name, read from r a
// part of about size bytes at a time (whole paragraphs: a part ends before
// a blank line once it holds size bytes), so that a big file is never held
// whole. The parts' documents, rendered one after the other, are the
// document Parse makes of the whole file, with the same unit ids and lines.
func (Text) Parts(name string, r io.Reader, size int) *TextParts {
	return &TextParts{name: name, r: bufio.NewReaderSize(r, 64<<10), size: max(size, 1), st: textState{line: 1}}
}

// TextParts reads a plain-text file a part at a time; see Text.Parts.
type TextParts struct {
	name  string
	r     *bufio.Reader
	size  int
	st    textState
	carry string // the blank line read past the end of the last part
	eof   bool
	begun bool
}

// Next returns the next part's document, or io.EOF after the last one.
// An empty file is one empty part.
func (p *TextParts) Next() (*Document, error) {
	if p.eof && p.carry == "" && p.begun {
		return nil, io.EOF
	}
	var b strings.Builder // the part's bytes, copied once
	b.WriteString(p.carry)
	p.carry = ""
	for !p.eof {
		blank, err := p.line(&b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.name, err)
		}
		if blank == nil {
			continue
		}
		if b.Len() >= p.size {
			p.carry = string(blank) // the next part starts with it
			break
		}
		b.Write(blank)
	}
	if b.Len() == 0 && p.begun {
		return nil, io.EOF
	}
	p.begun = true
	return p.st.parse(p.name, b.String())
}

// line reads a line: written to b, or returned when it is blank (it may
// end the part).
func (p *TextParts) line(b *strings.Builder) (blank []byte, err error) {
	written := false
	for {
		frag, err := p.r.ReadSlice('\n')
		switch {
		case written:
			b.Write(frag)
		case isBlankBytes(frag):
			blank = append(blank, frag...)
		default:
			// (a character split between two fragments reads as not
			// blank: the part does not end there, the parse decides)
			b.Write(blank)
			b.Write(frag)
			blank, written = nil, true
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			p.eof = true
		case err != nil:
			return nil, err
		}
		return blank, nil
	}
}

// lineEnd returns the offset just past the newline that ends the line
// starting at pos, or len(s).
func lineEnd(s string, pos int) int {
	if i := strings.IndexByte(s[pos:], '\n'); i >= 0 {
		return pos + i + 1
	}
	return len(s)
}

func isBlank(line string) bool {
	for _, r := range line {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

func isBlankBytes(line []byte) bool {
	for len(line) > 0 {
		r, n := utf8.DecodeRune(line)
		if !unicode.IsSpace(r) {
			return false
		}
		line = line[n:]
	}
	return true
}
