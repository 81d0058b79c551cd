package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/sentences"

	"github.com/locpipe/locpipe/internal/marker"
)

// Character classes used by the rules. They are Unicode facts, not
// language data, so they live in code; what differs per language lives in
// the rule files under locales/data/segment.

// termKind says how a terminal character ends a sentence.
type termKind uint8

const (
	termNone     termKind = iota
	termPeriod            // '.': ambiguous, decided by abbreviation rules
	termStrong            // '!', '?', danda, Arabic question mark…: ends unless continued in lower case
	termEllipsis          // '…'
	termNoSpace           // CJK, Ethiopic, Myanmar stops: end even without following space
)

// terminalKind returns the kind of r as a sentence terminal in every
// language. Language files may add terminals (Greek ';', Armenian ':').
func terminalKind(r rune) termKind {
	switch r {
	case '.':
		return termPeriod
	case '!', '?', '‼', '⁇', '⁈', '⁉', '؟', '։', '।', '॥', '۔', '\u037e':
		return termStrong
	case '…':
		return termEllipsis
	case '。', '｡', '！', '？', '．', '።', '፧', '፨', '။':
		return termNoSpace
	}
	if r >= 0x0589 && isOtherStop(r) {
		return termStrong // the stops of other scripts (UAX #29 STerm, ATerm)
	}
	return termNone
}

// otherStops marks the runes UAX #29 ends a sentence with (STerm and
// ATerm), as the iterator in github.com/clipperhouse/uax29 reads them:
// each punctuation rune is tried between a word and a capitalised one. BMP
// runes are a bitset; the few above it are listed.
var otherStops = func() (s struct {
	bmp   [0x10000 / 64]uint64
	above []rune
}) {
	try := func(r rune) {
		text := "a" + string(r) + " B"
		it := sentences.FromString(text)
		n := 0
		for it.Next() {
			n++
		}
		if n < 2 {
			return
		}
		if r < 0x10000 {
			s.bmp[r/64] |= 1 << (r % 64)
		} else {
			s.above = append(s.above, r)
		}
	}
	for _, tbl := range []*unicode.RangeTable{unicode.P, unicode.Sentence_Terminal, unicode.Terminal_Punctuation} {
		for _, rg := range tbl.R16 {
			for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
				try(r)
			}
		}
		for _, rg := range tbl.R32 {
			for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
				try(r)
			}
		}
	}
	return s
}()

func isOtherStop(r rune) bool {
	if r < 0x10000 {
		return otherStops.bmp[r/64]&(1<<(r%64)) != 0
	}
	for _, a := range otherStops.above {
		if a == r {
			return true
		}
	}
	return false
}

// isLineBreak reports the characters after which UAX #29 always breaks
// (Sep, CR, LF).
func isLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029
}

// isCode reports the private-use marker runes of inline codes and glossary
// placeholders (internal/marker): they are neither space nor terminal and
// never decide a break by themselves.
func isCode(r rune) bool { return marker.IsMarker(r) }

// isFormat reports invisible format characters (bidi embeddings, zero-width
// joiners) that real text carries around punctuation.
func isFormat(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x2069, r == 0xFEFF, r == 0x00AD:
		return true
	}
	return false
}

// isTransparent reports runes that rules look through.
func isTransparent(r rune) bool { return r >= 0xAD && (isCode(r) || isFormat(r)) }

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || (r >= '\t' && r <= '\r')
	}
	return unicode.IsSpace(r)
}

// isCloser reports punctuation that closes a quotation or a bracket and
// stays with the sentence when it follows the stop.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '”', '’', '»', '›', '“', '‘', '«', '‹',
		'」', '』', '）', '》', '〉', '】', '〕', '］', '｝', '〗', '〙':
		return true
	}
	return false
}

// isOpener reports punctuation that may stand before the first letter of a
// sentence: opening quotes and brackets, Spanish ¿ and ¡, dialogue dashes.
func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '{', '“', '‘', '„', '‚', '«', '‹', '»', '›',
		'¿', '¡', '—', '–', '-', '「', '『', '（', '《', '〈', '【', '〔', '［', '*', '_', '`':
		return true
	}
	return false
}

// isBullet reports list bullets that start a new item, hence a segment.
func isBullet(r rune) bool {
	switch r {
	case '•', '‣', '⁃', '◦', '▪', '●', '■', '▸', '►':
		return true
	}
	return false
}

// isContinuation reports punctuation after which a stop does not end the
// sentence (UAX #29 SContinue): "Wann?” ,,Das…", "etc., and".
func isContinuation(r rune) bool {
	switch r {
	case ',', ';', ':', '،', '、', '，', '；', '：':
		return true
	}
	return false
}

// isDigitLike reports digits and signs that introduce a number.
func isDigitLike(r rune) bool {
	return unicode.IsDigit(r) || r == '№' || r == '#'
}

// quotePair maps an opening quotation mark or bracket to its closer.
func quotePair(r rune) rune {
	switch r {
	case '“':
		return '”'
	case '„':
		return '“'
	case '«':
		return '»'
	case '»':
		return '«'
	case '‹':
		return '›'
	case '(':
		return ')'
	case '[':
		return ']'
	case '{':
		return '}'
	case '「':
		return '」'
	case '『':
		return '』'
	case '（':
		return '）'
	case '《':
		return '》'
	case '〈':
		return '〉'
	case '【':
		return '】'
	case '〔':
		return '〕'
	case '［':
		return '］'
	case '"':
		return '"'
	}
	return 0
}

// wide reports characters that take two columns (CJK), for line lengths.
func wide(r rune) bool {
	return r >= 0x1100 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) || (r >= 0xFF00 && r <= 0xFF60) || (r >= 0x3000 && r <= 0x303F))
}

// byteTable marks the bytes the scanner must look at. lead marks ASCII
// bytes and the lead bytes of the interesting multi-byte runes; for a
// multi-byte lead, second marks (bit b&0x3F) the second bytes that occur
// in one of them, so that the scanner skips, for example, the kana that
// share their lead byte with 。 and 「.
type byteTable struct {
	lead   [256]bool
	second [256]uint64
}

func (t *byteTable) mark(r rune) {
	var b [4]byte
	n := utf8.EncodeRune(b[:], r)
	t.lead[b[0]] = true
	if n > 1 {
		t.second[b[0]] |= 1 << (b[1] & 0x3F)
	}
}

// scanTable marks ASCII punctuation that can end a sentence or open a
// quotation, line breaks, and every multi-byte terminal, quotation mark,
// line separator or bullet above, and the stops of every script.
var scanTable = func() (t byteTable) {
	for _, c := range ".!?\"()[]{}\n\r\u0085\u2028\u2029" {
		t.mark(c)
	}
	for r := rune(0x80); r < 0x10000; r++ {
		if isOtherStop(r) {
			t.mark(r)
		}
	}
	for _, r := range otherStops.above {
		t.mark(r)
	}
	for _, r := range "‼⁇⁈⁉؟։।॥۔…。｡！？．።፧፨။“”„«»‹›「」『』（）《》〈〉【】〔〕［］•‣⁃◦▪●■▸►\u037e" {
		t.mark(r)
	}
	return t
}()
