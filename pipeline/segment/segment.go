package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Span is one sentence: the bytes text[Start:End] of the text that was split.
// Spans never start or end with white space; the white space between two
// spans belongs to neither.
type Span struct {
	Start, End int
}

// Segmenter splits text of one language into sentences.
type Segmenter struct {
	lang language.Tag
}

// New returns a segmenter for lang. Unknown languages get the
// language-independent rules.
func New(lang language.Tag) *Segmenter {
	return &Segmenter{lang: lang}
}

// Split returns the sentences of text in order. Every non-space byte of text
// lies in exactly one span.
func (s *Segmenter) Split(text string) []Span {
	var spans []Span
	start := -1 // start of the current sentence, -1 when between sentences
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if start < 0 {
			if !unicode.IsSpace(r) {
				start = i
			}
			i += size
			continue
		}
		i += size
		if !isTerminal(r) {
			continue
		}
		// Take closing punctuation that follows the stop.
		j := i
		for j < len(text) {
			r2, sz := utf8.DecodeRuneInString(text[j:])
			if isTerminal(r2) || isCloser(r2) {
				j += sz
				continue
			}
			break
		}
		// A sentence ends when white space follows and the next word does
		// not start in lower case.
		k := j
		for k < len(text) {
			r2, sz := utf8.DecodeRuneInString(text[k:])
			if !unicode.IsSpace(r2) {
				break
			}
			k += sz
		}
		if k == j && j < len(text) {
			i = j
			continue
		}
		if k < len(text) {
			next, _ := utf8.DecodeRuneInString(text[k:])
			if unicode.IsLower(next) || unicode.IsDigit(next) {
				i = j
				continue
			}
		}
		spans = append(spans, Span{start, j})
		start = -1
		i = j
	}
	if start >= 0 {
		end := len(strings.TrimRightFunc(text, unicode.IsSpace))
		if end > start {
			spans = append(spans, Span{start, end})
		}
	}
	return spans
}

func isTerminal(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '।', '؟', ';':
		return r != ';'
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '»', '”', '’', '」', '』':
		return true
	}
	return false
}
