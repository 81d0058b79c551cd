package edition

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/internal/marker"
	"github.com/locpipe/locpipe/internal/whatlang"
	"github.com/locpipe/locpipe/locales"
	"github.com/locpipe/locpipe/pipeline/format"
)

// Language identification of a whole document, for documents that do not
// declare their language (and to warn when a declaration contradicts the
// text).
const (
	// minDetectLetters is the text a verdict needs: a title alone is
	// never identified.
	minDetectLetters = 60
	// maxDetectBytes bounds the text read: the first paragraphs say as
	// much as the whole article, and identification costs about 40 µs a
	// KB (BenchmarkDetect in internal/whatlang; whatlanggo, which whatlang
	// ports, about 1 ms).
	maxDetectBytes = DetectBytes
	// maxForeignLetters is the share (per thousand) of letters of ordinary
	// words that may lie outside the detected language's alphabet: more,
	// and the detector named a neighbour it knows for a language it does
	// not (whatlang, like whatlanggo, has no Catalan and calls it
	// Spanish).
	maxForeignLetters = 5
)

// DetectBytes is how much of a document's text Detect reads: its units up
// to where their text, inline codes read as spaces, reaches it, and never
// more than DetectText bytes (a unit may be cut there).
const DetectBytes = 1 << 10

// DetectText is the most text Detect reads. A caller that hands Detect
// only the first units of a document read a part at a time, cut at rune
// boundaries, needs DetectInput bytes of their text: an inline code read
// as a space may be a 4-byte character.
const (
	DetectText  = 4 * DetectBytes
	DetectInput = 4*DetectText + utf8.UTFMax
)

// Detect identifies the language of doc's text. ok is false when the text
// is too short, the identification unsure, or the text holds letters the
// identified language does not write.
func Detect(doc *format.Document) (language.Tag, bool) {
	if doc == nil {
		return language.Und, false
	}
	var b strings.Builder
units:
	for _, u := range doc.Units {
		if b.Len() >= maxDetectBytes {
			break
		}
		for _, r := range u.Text {
			if marker.IsPrivateUse(r) {
				r = ' ' // inline codes and placeholders
			}
			if b.Len()+utf8.RuneLen(r) > DetectText {
				break units // a long paragraph says no more than its start
			}
			b.WriteRune(r)
		}
		b.WriteString("\n")
	}
	text := b.String()
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < minDetectLetters {
		return language.Und, false
	}
	info := whatlang.Detect(text)
	if !info.IsReliable() {
		return language.Und, false
	}
	tag, err := language.Parse(info.Lang.Iso6391())
	if err != nil || info.Lang.Iso6391() == "" {
		if tag, err = language.Parse(info.Lang.Iso6393()); err != nil {
			return language.Und, false
		}
	}
	if a := locales.DefaultAlphabets().For(tag); a != nil && foreignLetters(text, a) {
		return language.Und, false
	}
	return tag, true
}

// foreignLetters reports whether more than maxForeignLetters per thousand
// letters of the text's ordinary (lower-case) words, in the script of the
// alphabet, are not letters of it.
func foreignLetters(text string, a *locales.Alphabet) bool {
	var script *unicode.RangeTable
	for _, tab := range []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Greek} {
		for _, r := range "abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщьюяαβγδεζηθικλμνξοπρστυφχψω" {
			if unicode.Is(tab, r) && a.Has(r) {
				script = tab
				break
			}
		}
		if script != nil {
			break
		}
	}
	if script == nil {
		return false
	}
	total, foreign := 0, 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		first := []rune(w)[0]
		if !unicode.IsLower(first) {
			continue // names keep their own spelling
		}
		for _, r := range w {
			if !unicode.Is(script, r) {
				continue
			}
			total++
			if !a.Has(r) {
				foreign++
			}
		}
	}
	return total > 0 && foreign*1000 > total*maxForeignLetters
}
