package format

import (
	"fmt"
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
	s := string(src)
	doc := &Document{Name: name, Format: "txt"}
	var lit strings.Builder
	pos := 0
	if strings.HasPrefix(s, bom) {
		lit.WriteString(bom)
		pos = len(bom)
	}
	line, counted := 1, 0 // line number at offset counted
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
		if len(doc.Units) == 0 {
			kind = "title"
		}
		u := Unit{
			ID:   "u" + strconv.Itoa(len(doc.Units)+1),
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
	return doc, nil
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
