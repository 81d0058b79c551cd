package manifest

import (
	"bufio"
	"errors"
	"io"
)

// errBadRecord is what indent reports for bytes that are not one JSON value.
var errBadRecord = errors.New("manifest: not one JSON value")

// indent copies the JSON value in r to w as json.Indent writes it with
// prefix and indent (white space outside strings dropped, each element on
// its own line, empty objects and lists kept as {} and []), one byte at a
// time, so that the record of an edition of 164,000 segments is never held
// in memory twice over. Commas and white space before the value (an offset
// taken between array elements) are skipped. The value was checked when it
// was indexed; indent checks only that it is one object or list whose
// brackets balance. A *bufio.Reader of 64 KB or more is read directly.
func indent(w *bufio.Writer, r io.Reader, prefix, indent string) (int64, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var n int64
	put := func(c byte) {
		w.WriteByte(c)
		n++
	}
	newline := func(depth int) {
		put('\n')
		w.WriteString(prefix)
		n += int64(len(prefix))
		for range depth {
			w.WriteString(indent)
			n += int64(len(indent))
		}
	}
	depth, started, done := 0, false, false
	inString, escaped, needIndent := false, false, false
	for {
		c, err := br.ReadByte()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return n, err
		}
		if inString {
			put(c)
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case ',':
			if !started {
				continue
			}
		}
		if done {
			return n, errBadRecord // something after the value
		}
		started = true
		if needIndent && c != ']' && c != '}' {
			needIndent = false
			depth++
			newline(depth)
		}
		switch c {
		case '"':
			inString = true
			put(c)
		case '{', '[':
			put(c)
			needIndent = true
		case ',':
			put(c)
			newline(depth)
		case ':':
			put(c)
			put(' ')
		case '}', ']':
			if needIndent {
				needIndent = false
			} else {
				if depth == 0 {
					return n, errBadRecord
				}
				depth--
				newline(depth)
			}
			put(c)
			done = depth == 0
		default:
			put(c)
		}
	}
	if !done {
		return n, errBadRecord
	}
	return n, nil
}
