package langid

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/internal/marker"
	"github.com/locpipe/locpipe/internal/whatlang"
)

// Detector tells whether a text is still in the source language of a
// translation. It asks whatlang (a port of whatlanggo) with a whitelist of
// the source and target languages only: without one, it confuses close
// languages (it
// called Ukrainian and Russian "Bulgarian"); with one, the question is only
// "source or target?".
type Detector struct {
	src, tgt whatlang.Lang
	opts     whatlang.Options
}

// New returns nil when whatlang does not know either language or they are
// the same: callers then rely on comparison with the source alone.
func New(src, tgt language.Tag) *Detector {
	s, t := lang(src), lang(tgt)
	if s < 0 || t < 0 || s == t {
		return nil
	}
	return &Detector{src: s, tgt: t, opts: whatlang.Options{Whitelist: map[whatlang.Lang]bool{s: true, t: true}}}
}

// Confidences whatlang must give before a text is said to be in the
// source language. With two close languages (Russian and Ukrainian) short
// sentences come back at about 0.5 either way, so a short text identical to
// its source — a phrase both languages share — needs a sure verdict
// (MinIdentical); a long text that differs from the source only a majority
// one (MinDiffering: short English headlines against French come back at
// 0.4 to 0.7), a shorter one more (Confidence).
const (
	MinDiffering = 0.5
	MinIdentical = 0.8
)

// MaxIDBytes bounds the text IsSource hands whatlang, whose cost grows
// with the text (about 25 µs for 512 bytes of English with the two-language
// whitelist, 40 µs a KB: BenchmarkDetect in internal/whatlang, where
// whatlanggo takes 0.4 and 1 ms): a longer segment is judged by its first
// words, MaxIDBytes bytes of them (Prefix), some 80 words, far more than
// the verdict needs (MinLangIDSureWords).
const MaxIDBytes = 512

// IsSource reports whether text reads as the source language with at least
// confidence conf, judging at most its first MaxIDBytes bytes of words.
func (d *Detector) IsSource(text string, conf float64) bool {
	info := whatlang.DetectWithOptions(Prefix(text, MaxIDBytes), d.opts)
	return info.Lang == d.src && info.Confidence >= conf
}

// Prefix returns s when it is at most n bytes long, else its first words,
// separated by one space, as many as fit in n bytes (at least one, cut at a
// rune boundary when it alone is longer). White space does not count: a
// segment whose pseudo-localized spans were blanked is judged by the words
// after them.
func Prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	var b strings.Builder
	for w := range strings.FieldsSeq(s) {
		if b.Len() > 0 && b.Len()+1+len(w) > n {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if len(w) > n {
			cut := n
			for cut > 0 && !utf8.RuneStart(w[cut]) {
				cut--
			}
			w = w[:cut]
		}
		b.WriteString(w)
	}
	return b.String()
}

// macro maps ISO 639-3 macrolanguage codes (what x/text returns) to the
// individual languages whatlang profiles.
var macro = map[string]string{"zho": "cmn", "ara": "arb", "fas": "pes", "nor": "nob", "aze": "azj", "msa": "ind", "lah": "skr"}

func lang(t language.Tag) whatlang.Lang {
	base, _ := t.Base()
	code := base.ISO3()
	if m, ok := macro[code]; ok {
		code = m
	}
	return whatlang.CodeToLang(code)
}

// notWordRune separates words: what is neither a letter, a mark, an
// apostrophe nor a hyphen.
func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '\'' && r != '’' && r != '-'
}

// ContentWords counts the words that carry language: at least two
// letters, not capitalized (names, acronyms) unless the script has no case,
// the first word of a sentence excepted.
func ContentWords(s string) int {
	var buf [wordBuf]string
	return len(appendContentWords(buf[:0], s))
}

// ContentWordList returns the words ContentWords counts, as written.
func ContentWordList(s string) []string { return appendContentWords(nil, s) }

// wordBuf is the room callers give appendContentWords on their stack: a
// sentence's content words seldom outnumber it.
const wordBuf = 32

// appendContentWords appends the words ContentWords counts in s to dst, as
// substrings of s.
func appendContentWords(dst []string, s string) []string {
	i := -1 // the index of w among the words of s
	for w := range strings.FieldsFuncSeq(s, notWordRune) {
		i++
		w = strings.Trim(w, "'’-")
		letters := 0
		var first rune = -1
		for _, r := range w {
			if unicode.IsLetter(r) {
				if first < 0 {
					first = r
				}
				letters++
			}
		}
		if letters < 2 || first < 0 {
			continue
		}
		switch {
		case unicode.IsLower(first):
			dst = append(dst, w)
		case !unicode.IsUpper(first) && !unicode.IsTitle(first):
			dst = append(dst, w) // a script without case
		case i == 0 && !isAllUpper(w):
			dst = append(dst, w) // a capitalized first word is an ordinary word
		}
	}
	return dst
}

func isAllUpper(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// Untranslated says why out, an engine's translation of src, is not a
// translation, or "" when it is one: it is empty where src has words, or
// j.Segment says it is still in the source language (identical to src, or
// but for names and numbers, in another script, with letters only the
// source language has, or identified as it). Placeholder runes (inline
// codes, protected terms and tokens) and white space do not count.
func Untranslated(j *Judge, src, out string) string {
	src, out = clean(src), clean(out)
	var srcBuf, outBuf [wordBuf]string
	srcWords := appendContentWords(srcBuf[:0], src)
	if len(srcWords) == 0 {
		return ""
	}
	if out == "" {
		return "the engine returned an empty translation"
	}
	outWords := appendContentWords(outBuf[:0], out)
	identical := fieldsEqual(out, src) || sameWords(outWords, srcWords)
	switch j.segment(out, outWords, identical).Reason {
	case Identical:
		return "the engine returned the source text unchanged"
	case WrongScript:
		return "the engine's output is not in the target language's script"
	case SourceLetters, Identified:
		return "the engine's output is still in the source language"
	}
	return ""
}

// fieldsEqual reports whether a and b hold the same words separated by
// white space: strings.Join(strings.Fields(a), " ") == … of b, without
// building either.
func fieldsEqual(a, b string) bool {
	for {
		a, b = strings.TrimLeftFunc(a, unicode.IsSpace), strings.TrimLeftFunc(b, unicode.IsSpace)
		if a == "" || b == "" {
			return a == b
		}
		i, j := strings.IndexFunc(a, unicode.IsSpace), strings.IndexFunc(b, unicode.IsSpace)
		if i < 0 {
			i = len(a)
		}
		if j < 0 {
			j = len(b)
		}
		if a[:i] != b[:j] {
			return false
		}
		a, b = a[i:], b[j:]
	}
}

// sameWords reports whether two lists of content words have the same
// NearKey, which is not empty.
func sameWords(a, b []string) bool {
	if len(a) == 0 || len(a) != len(b) {
		return false
	}
	for i := range a {
		//lint:ignore SA6005 NearKey lowers; EqualFold would also match ς with σ
		if a[i] != b[i] && strings.ToLower(a[i]) != strings.ToLower(b[i]) {
			return false
		}
	}
	return true
}

// clean drops private-use runes (inline codes, placeholders) and trims.
func clean(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if marker.IsPrivateUse(r) {
			return ' '
		}
		return r
	}, s))
}
