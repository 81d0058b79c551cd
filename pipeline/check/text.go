package check

import (
	"regexp"
	"strings"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/format"
)

var (
	// urlRE finds URLs, bare web addresses and e-mail addresses: they are
	// never text to translate.
	urlRE = regexp.MustCompile(`(?i)\b(?:[a-z][a-z0-9+.-]*://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|io|ua|ru|uk|de|fr|es|eu)(?:/\S*)?)`)
	// tokenLeakRE finds placeholder tokens an engine left in the text.
	tokenLeakRE = regexp.MustCompile(`⟦\s*[ctCT]\d{1,5}\s*⟧|<x\s+id="[ct]\d{1,5}"\s*/?>(?:</x>)?`)
)

// normalize collapses white space and drops code markers, for comparing
// segments.
func normalize(s string) string {
	return strings.Join(strings.Fields(stripMarks(s)), " ")
}

// stripMarks replaces inline-code markers and glossary placeholders by
// spaces.
func stripMarks(s string) string {
	if !strings.ContainsFunc(s, isMark) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isMark(r) {
			return ' '
		}
		return r
	}, s)
}

func isMark(r rune) bool {
	if _, ok := format.IsCodeRune(r); ok {
		return true
	}
	_, ok := glossary.IsPlaceholder(r)
	return ok
}

// blank replaces the byte ranges [start, end) of s by spaces.
func blank(s string, spans [][2]int) string {
	if len(spans) == 0 {
		return s
	}
	b := []byte(s)
	for _, sp := range spans {
		for i := sp[0]; i < sp[1] && i < len(b); i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// tldRE is a cheap test run before urlRE: most text holds no address.
var tldRE = regexp.MustCompile(`(?i)\.(?:com|org|net|gov|edu|int|io|ua|ru|uk|de|fr|es|eu)\b`)

// stripURLs blanks URLs and e-mail addresses.
func stripURLs(s string) string {
	if !strings.Contains(s, "://") && !strings.Contains(s, "www.") && !strings.Contains(s, "WWW.") &&
		!strings.ContainsRune(s, '@') && !tldRE.MatchString(s) {
		return s
	}
	var spans [][2]int
	for _, m := range urlRE.FindAllStringIndex(s, -1) {
		spans = append(spans, [2]int{m[0], m[1]})
	}
	return blank(s, spans)
}

// unitLine returns the line of the file holding byte offset off of u.Text.
// Parsers may fold a unit's line breaks into spaces (Markdown soft breaks),
// so the place is found in u.Raw, the unit's bytes as they stand in the
// file: the k-th occurrence there of the word at off, where k counts the
// occurrences of that word in the text before off.
func unitLine(u *format.Unit, off int) int {
	if off > len(u.Text) {
		off = len(u.Text)
	}
	if strings.Count(u.Text, "\n") == strings.Count(u.Raw, "\n") || u.Raw == "" {
		return lineOf(u.Line, u.Text, off)
	}
	rest := strings.Fields(stripMarks(u.Text[off:]))
	if len(rest) == 0 {
		return lineOf(u.Line, u.Text, off)
	}
	word := rest[0]
	k := strings.Count(u.Text[:off], word)
	pos := -1
	for i, from := 0, 0; i <= k; i++ {
		j := strings.Index(u.Raw[from:], word)
		if j < 0 {
			return lineOf(u.Line, u.Text, off)
		}
		pos = from + j
		from = pos + len(word)
	}
	return lineOf(u.Line, u.Raw, pos)
}

// lineOf returns the line of byte offset off within a text that starts on
// line start.
func lineOf(start int, text string, off int) int {
	if off > len(text) {
		off = len(text)
	}
	if start < 1 {
		start = 1
	}
	return start + strings.Count(text[:off], "\n")
}
