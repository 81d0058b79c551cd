package glossary

import (
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/locpipe/locpipe/internal/marker"
)

// Matching works on a folded copy of the text: NFC-normalised, case-folded
// (golang.org/x/text/cases Fold, with the Turkic dotted and dotless i for tr
// and az), every run of white space one space, and the apostrophes ’ and ʼ
// written '. Folding can change byte lengths (ẞ → ss, a run of spaces → one
// space), so the folded text keeps a sparse map back to the original offsets:
// a checkpoint wherever the lengths part. Text that is already NFC and folds
// rune for rune to the same length (nearly all news text) needs no map.
//
// The fold is hand-written around x/text's tables because a Caser works on
// whole strings and loses offsets; this loop keeps them.

// foldTableLimit bounds the precomputed table: everything below covers
// Latin, Greek, Cyrillic, Armenian, Georgian and the punctuation block.
// Runes above it fold with unicode.ToLower (consistently for terms and
// text, which is all matching needs).
const foldTableLimit = 0x3000

// foldTable is immutable once built.
type foldTable struct {
	single [foldTableLimit]rune // folded rune, or -1 when multi holds the fold
	multi  map[rune]string
	// ascii is the folded ASCII byte (' ' for white space); 0 sends the
	// byte to the slow path. turkicASCII leaves I to the slow path (→ ı).
	ascii, turkicASCII [128]byte
	// notNFC marks the runes for which a text must be checked for NFC.
	notNFC [foldTableLimit / 64]uint64
}

// defaultFold is computed once, on first use, and never changed.
var defaultFold = sync.OnceValue(buildFoldTable)

func buildFoldTable() *foldTable {
	t := &foldTable{multi: map[rune]string{}}
	c := cases.Fold()
	for r := rune(0); r < foldTableLimit; r++ {
		if r >= 0xD800 && r < 0xE000 {
			t.single[r] = r
			continue
		}
		s := c.String(string(r))
		if fr, size := utf8.DecodeRuneInString(s); size == len(s) {
			t.single[r] = fr
		} else {
			t.single[r] = -1
			t.multi[r] = s
		}
	}
	for _, r := range []rune{'\u2019', '\u02BC'} { // ’ ʼ
		t.single[r] = '\''
	}
	for b := 0; b < 128; b++ {
		switch {
		case isSpaceRune(rune(b)):
			t.ascii[b] = ' '
		case b != 0:
			t.ascii[b] = byte(t.single[b])
		}
	}
	t.turkicASCII = t.ascii
	t.turkicASCII['I'] = 0 // → ı, on the slow path
	for r := rune(0x80); r < foldTableLimit; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue
		}
		s := string(r)
		if !norm.NFC.PropertiesString(s).BoundaryBefore() || !norm.NFC.IsNormalString(s) {
			t.notNFC[r/64] |= 1 << (r % 64)
		}
	}
	return t
}

// mayBreakNFC reports whether a text holding r might not be NFC: r combines
// with what precedes it, or is not NFC itself. Runes above the table are
// assumed to.
func (t *foldTable) mayBreakNFC(r rune) bool {
	return r >= foldTableLimit || t.notNFC[r/64]&(1<<(r%64)) != 0
}

func isSpaceRune(r rune) bool { return unicode.IsSpace(r) }

// isCodeRune reports whether r marks an inline code (pipeline/format's
// CodeRune range). The fold reads one as white space, so that an exception
// such as "Chicken <b>Kiev</b>" still matches; Find never lets a term match
// span one, so that no replacement swallows markup.
func isCodeRune(r rune) bool { return marker.IsCode(r) }

// folder folds text for one language.
type folder struct {
	t      *foldTable
	ascii  *[128]byte
	turkic bool            // I → ı, İ → i
	extra  func(rune) rune // language-specific equivalences, applied after folding
}

func newFolder(lang language.Tag) folder {
	t := defaultFold()
	base, _ := lang.Base()
	switch base.String() {
	case "tr", "az", "crh", "tt", "ba":
		return folder{t: t, ascii: &t.turkicASCII, turkic: true}
	case "el":
		// Greek capitals are written without accents (ΟΔΗΣΣΟΣ for
		// Οδησσός): accented vowels match their plain forms.
		return folder{t: t, ascii: &t.ascii, extra: greekPlain}
	case "ru", "be":
		// Russian usually prints ё as е.
		return folder{t: t, ascii: &t.ascii, extra: func(r rune) rune {
			if r == 'ё' {
				return 'е'
			}
			return r
		}}
	}
	return folder{t: t, ascii: &t.ascii}
}

// checkpoint maps a folded offset to an original one. Offsets after an
// opaque checkpoint (up to the next checkpoint) lie inside a unit whose fold
// changed length, and have no original offset.
type checkpoint struct {
	f, o   int
	opaque bool
}

// greekPlain maps a folded accented Greek vowel to its plain form.
func greekPlain(r rune) rune {
	switch r {
	case 'ά':
		return 'α'
	case 'έ':
		return 'ε'
	case 'ή':
		return 'η'
	case 'ί', 'ΐ', 'ϊ':
		return 'ι'
	case 'ό':
		return 'ο'
	case 'ύ', 'ΰ', 'ϋ':
		return 'υ'
	case 'ώ':
		return 'ω'
	}
	return r
}

// foldedText is text folded for matching.
type foldedText struct {
	b   []byte
	cps []checkpoint
	// Scratch space of Matcher.find, pooled with the folded text.
	terms, excepts []hit
	found          []Match
}

// orig maps a folded offset back to the original text; ok is false inside a
// unit whose fold changed its length.
func (ft *foldedText) orig(f int) (int, bool) {
	if len(ft.cps) == 0 {
		return f, true
	}
	i := sort.Search(len(ft.cps), func(i int) bool { return ft.cps[i].f > f }) - 1
	if i < 0 {
		return f, true
	}
	cp := ft.cps[i]
	if cp.opaque && f != cp.f {
		return 0, false
	}
	return cp.o + (f - cp.f), true
}

// fold writes the folded form of s into ft (reusing its buffers).
func (fo folder) fold(ft *foldedText, s string) {
	if cap(ft.b) < len(s) {
		ft.b = make([]byte, 0, len(s)+len(s)/16)
	}
	ft.b = ft.b[:0]
	ft.cps = ft.cps[:0]
	st := foldState{ft: ft, fo: fo}
	// Fast path: fold, noting any rune that might break NFC; only then is
	// the text checked (a full NFC check costs more than the fold).
	st.feed(s, 0)
	if !st.suspect || norm.NFC.QuickSpanString(s) == len(s) {
		return
	}
	ft.b = ft.b[:0]
	ft.cps = ft.cps[:0]
	st = foldState{ft: ft, fo: fo}
	// Slow path: text that is not NFC, normalised segment by segment so that
	// offsets survive.
	var it norm.Iter
	it.InitString(norm.NFC, s)
	for !it.Done() {
		start := it.Pos()
		seg := it.Next()
		end := it.Pos()
		if string(seg) == s[start:end] {
			st.feed(s[start:end], start)
			continue
		}
		// The segment changed: fold it as one opaque unit (offsets inside
		// it have no counterpart in the original).
		ft.cps = append(ft.cps, checkpoint{f: len(ft.b), o: start, opaque: true})
		n := len(ft.cps)
		st.feed(string(seg), start)
		ft.cps = append(ft.cps[:n], checkpoint{f: len(ft.b), o: end})
	}
}

type foldState struct {
	ft      *foldedText
	fo      folder
	space   bool // the last thing written was a space
	suspect bool // a rune that might break NFC was seen
}

func (st *foldState) appendFolded(r rune) {
	ft := st.ft
	t := st.fo.t
	if st.fo.turkic {
		switch r {
		case 'I':
			ft.b = utf8.AppendRune(ft.b, 'ı')
			return
		case 'İ':
			ft.b = append(ft.b, 'i')
			return
		}
	}
	if r < foldTableLimit {
		if fr := t.single[r]; fr >= 0 {
			if st.fo.extra != nil {
				fr = st.fo.extra(fr)
			}
			ft.b = utf8.AppendRune(ft.b, fr)
		} else {
			ft.b = append(ft.b, t.multi[r]...)
		}
		return
	}
	ft.b = utf8.AppendRune(ft.b, unicode.ToLower(r))
}

// feed folds s, which starts at offset base of the original text. The
// loop keeps its state in locals: it runs over every byte of every text.
func (st *foldState) feed(s string, base int) {
	ft := st.ft
	ascii := st.fo.ascii
	t, extra := st.fo.t, st.fo.extra
	space := st.space
	b := ft.b
	swar := ascii == &t.ascii // not Turkic, where I folds to ı
	for i := 0; i < len(s); {
		// ASCII fast path, eight bytes at a time: printable ASCII and single
		// spaces, A-Z lowered in the word, everything else by the byte.
		if swar {
			for i+8 <= len(s) {
				w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
					uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
				const lo, hi = 0x0101010101010101, 0x8080808080808080
				// sp flags every space byte (and may flag a byte above one:
				// that only sends the word to the byte loop).
				eq := w ^ (' ' * lo)
				sp := (eq - lo) &^ eq & hi
				if w&hi != 0 || // non-ASCII
					^(w+(0x80-0x20)*lo)&hi != 0 || // a control byte (below ' ')
					sp&(sp<<8) != 0 || (space && sp&0x80 != 0) { // two spaces in a row
					break
				}
				upper := (w + (0x80-'A')*lo) &^ (w + (0x80-'Z'-1)*lo) & hi
				w |= upper >> 2
				b = append(b, byte(w), byte(w>>8), byte(w>>16), byte(w>>24), byte(w>>32), byte(w>>40), byte(w>>48), byte(w>>56))
				space = w>>56 == ' '
				i += 8
			}
			if i >= len(s) {
				break
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if fc := ascii[c]; fc != 0 {
				if fc != ' ' {
					b = append(b, fc)
					space = false
					i++
					continue
				}
				if !space {
					b = append(b, ' ')
					space = true
					i++
					continue
				}
			}
		}
		// Two-byte runes (Latin with diacritics, Greek, Cyrillic, Hebrew,
		// Arabic) that fold to two-byte runes: decoded and encoded inline.
		if c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			r := rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
			if r != 0x85 && r != 0xA0 && t.notNFC[r/64]&(1<<(r%64)) == 0 { // NEL and NBSP are white space
				fr := t.single[r]
				if extra != nil && fr >= 0 {
					fr = extra(fr)
				}
				if fr >= 0x80 && fr < 0x800 {
					b = append(b, byte(0xC0|fr>>6), byte(0x80|fr&0x3F))
					space = false
					i += 2
					continue
				}
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if t.mayBreakNFC(r) {
			st.suspect = true
		}
		if isSpaceRune(r) || isCodeRune(r) {
			if space {
				// Collapsed into the space already written.
				ft.cps = append(ft.cps, checkpoint{f: len(b), o: base + i + size})
			} else {
				b = append(b, ' ')
				space = true
				if size != 1 {
					ft.cps = append(ft.cps, checkpoint{f: len(b), o: base + i + size})
				}
			}
			i += size
			continue
		}
		space = false
		f0 := len(b)
		ft.b = b
		st.appendFolded(r)
		b = ft.b
		if n := len(b) - f0; n != size {
			ft.cps = append(ft.cps,
				checkpoint{f: f0, o: base + i, opaque: true},
				checkpoint{f: len(b), o: base + i + size})
		}
		i += size
	}
	ft.b = b
	st.space = space
}

// foldString returns the folded form of a term, trimmed of spaces.
func (fo folder) foldString(s string) string {
	var ft foldedText
	fo.fold(&ft, s)
	b := ft.b
	for len(b) > 0 && b[0] == ' ' {
		b = b[1:]
	}
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return string(b)
}
