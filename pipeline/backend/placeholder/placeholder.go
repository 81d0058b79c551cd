package placeholder

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/marker"
	"github.com/locpipe/locpipe/pipeline/format"
)

// Kind tells an inline code from a protected term.
type Kind uint8

const (
	// Code is an inline code rune (format.CodeRune).
	Code Kind = iota + 1
	// Term is a glossary term placeholder rune (glossary.IsPlaceholder).
	Term
)

// Parse reports whether r is a placeholder rune, its kind and its index.
func Parse(r rune) (Kind, int, bool) {
	if i, ok := format.IsCodeRune(r); ok {
		return Code, i, true
	}
	if i, ok := glossary.IsPlaceholder(r); ok {
		return Term, i, true
	}
	return 0, 0, false
}

// Is reports whether r is a placeholder rune.
func Is(r rune) bool { _, _, ok := Parse(r); return ok }

// Rune returns the placeholder rune of kind k and index i.
func Rune(k Kind, i int) rune {
	if k == Term {
		return marker.Term(i)
	}
	return format.CodeRune(i)
}

// Name is the short name of a placeholder rune used in markup ids and
// tokens: "c3" for inline code 3, "t0" for term 0.
func Name(r rune) string {
	k, i, ok := Parse(r)
	if !ok {
		return ""
	}
	if k == Term {
		return "t" + strconv.Itoa(i)
	}
	return "c" + strconv.Itoa(i)
}

// FromName is the inverse of Name.
func FromName(name string) (rune, bool) {
	if len(name) < 2 {
		return 0, false
	}
	i, err := strconv.Atoi(name[1:])
	if err != nil || i < 0 {
		return 0, false
	}
	switch name[0] {
	case 'c', 'C':
		if i >= format.MaxCodes {
			return 0, false
		}
		return Rune(Code, i), true
	case 't', 'T':
		if i >= glossary.MaxPlaceholders {
			return 0, false
		}
		return Rune(Term, i), true
	}
	return 0, false
}

func describe(r rune) string {
	k, i, _ := Parse(r)
	if k == Term {
		return fmt.Sprintf("protected term %d", i)
	}
	return fmt.Sprintf("inline code %d", i)
}

// Has reports whether text holds any placeholder rune.
func Has(text string) bool {
	return strings.IndexFunc(text, Is) >= 0
}

// Marks returns the placeholder runes of text in order.
func Marks(text string) []rune {
	var out []rune
	for _, r := range text {
		if Is(r) {
			out = append(out, r)
		}
	}
	return out
}

// Tag is the element name placeholders are written as in markup.
const Tag = "x"

// ToMarkup escapes text as HTML/XML character data and writes every
// placeholder as an empty element <x id="c3"/>.
func ToMarkup(text string) string {
	var b strings.Builder
	b.Grow(len(text) + 16)
	start := 0
	for i, r := range text {
		if !Is(r) {
			continue
		}
		b.WriteString(html.EscapeString(text[start:i]))
		b.WriteString(`<x id="`)
		b.WriteString(Name(r))
		b.WriteString(`"/>`)
		start = i + utf8.RuneLen(r)
	}
	b.WriteString(html.EscapeString(text[start:]))
	return b.String()
}

// FromMarkup decodes an engine's markup reply: <x id="…"/> and
// <x id="…"></x> become placeholder runes again, entities are unescaped, and
// any other tag the engine added is dropped.
func FromMarkup(s string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			if r, ok := markRune(z, name, more); ok {
				b.WriteRune(r)
			}
		}
	}
}

// markRune reads a placeholder element's id.
func markRune(z *html.Tokenizer, name []byte, more bool) (rune, bool) {
	if string(name) != Tag {
		return 0, false
	}
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		if string(k) == "id" {
			return FromName(string(v))
		}
	}
	return 0, false
}

// Frame joins segment texts (already encoded with ToMarkup) into one markup
// document, one <p id="sN"> block a line, for engines that take a whole
// document per call.
func Frame(texts []string) string {
	var b strings.Builder
	for i, t := range texts {
		fmt.Fprintf(&b, "<p id=\"s%d\">%s</p>\n", i, t)
	}
	return b.String()
}

// Unframe splits a reply to Frame into the decoded texts of n segments
// (placeholders back as runes). found[i] is false for a block the reply
// lacks.
func Unframe(s string, n int) (texts []string, found []bool) {
	texts = make([]string, n)
	found = make([]bool, n)
	z := html.NewTokenizer(strings.NewReader(s))
	cur := -1
	var b strings.Builder
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if cur >= 0 {
				texts[cur], found[cur] = b.String(), true
			}
			return texts, found
		case html.TextToken:
			if cur >= 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			if string(name) == "p" {
				id := -1
				for more {
					var k, v []byte
					k, v, more = z.TagAttr()
					if string(k) == "id" && len(v) > 1 && v[0] == 's' {
						if i, err := strconv.Atoi(string(v[1:])); err == nil && i >= 0 && i < n {
							id = i
						}
					}
				}
				if cur >= 0 {
					texts[cur], found[cur] = b.String(), true
				}
				b.Reset()
				cur = id
				continue
			}
			if cur >= 0 {
				if r, ok := markRune(z, name, more); ok {
					b.WriteRune(r)
				}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "p" && cur >= 0 {
				texts[cur], found[cur] = b.String(), true
				b.Reset()
				cur = -1
			}
		}
	}
}

// ToTokens writes every placeholder of text as a visible token ⟦c3⟧ or
// ⟦t0⟧, for engines that take plain text only.
func ToTokens(text string) string {
	var b strings.Builder
	for _, r := range text {
		if Is(r) {
			b.WriteString("⟦")
			b.WriteString(Name(r))
			b.WriteString("⟧")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var tokenRE = regexp.MustCompile(`⟦\s*([ctCT]\d{1,5})\s*⟧`)

// FromTokens turns the tokens of ToTokens back into placeholder runes. A
// token naming no valid placeholder is left as written.
func FromTokens(s string) string {
	if !strings.Contains(s, "⟦") {
		return s
	}
	return tokenRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := tokenRE.FindStringSubmatch(m)
		if r, ok := FromName(sub[1]); ok {
			return string(r)
		}
		return m
	})
}

// Check reports how the placeholders of out differ from those of src:
// the runes src has that out lacks (lost), and those out has more often
// than src (extra).
func Check(src, out string) (lost, extra []rune) {
	want := map[rune]int{}
	for _, r := range Marks(src) {
		want[r]++
	}
	got := map[rune]int{}
	for _, r := range Marks(out) {
		got[r]++
	}
	for _, r := range Marks(src) {
		if got[r] < want[r] {
			lost = append(lost, r)
			got[r]++ // report each missing occurrence once
		}
	}
	seen := map[rune]int{}
	for _, r := range Marks(out) {
		seen[r]++
		if seen[r] > want[r] {
			extra = append(extra, r)
		}
	}
	return lost, extra
}

// Repair makes out hold the placeholders of src, each as often as in src:
// a duplicated or invented placeholder is removed, a lost one is
// re-inserted after the placeholder that precedes it in src (or, when there
// is none in out, at the word boundary at the same relative position). It
// returns the repaired text and one warning per repair.
func Repair(src, out string) (string, []string) {
	lost, extra := Check(src, out)
	if len(lost) == 0 && len(extra) == 0 {
		return out, nil
	}
	var warnings []string
	want := map[rune]int{}
	for _, r := range Marks(src) {
		want[r]++
	}
	// Drop extras: keep the first want[r] occurrences.
	rs := make([]rune, 0, utf8.RuneCountInString(out))
	kept := map[rune]int{}
	for _, r := range out {
		if Is(r) {
			if kept[r] >= want[r] {
				if want[r] == 0 {
					warnings = append(warnings, fmt.Sprintf("%s invented by the engine; removed", describe(r)))
				} else {
					warnings = append(warnings, fmt.Sprintf("%s duplicated by the engine; extra copy removed", describe(r)))
				}
				continue
			}
			kept[r]++
		}
		rs = append(rs, r)
	}
	rs = collapseSpaces(rs)
	// Re-insert the lost ones, in source order.
	srcRunes := []rune(src)
	for _, r := range lost {
		si := indexRune(srcRunes, r, 0)
		spaceBefore := si > 0 && unicode.IsSpace(srcRunes[si-1])
		spaceAfter := si+1 < len(srcRunes) && unicode.IsSpace(srcRunes[si+1])
		pos := -1
		// After the nearest preceding placeholder that out has.
		for j := si - 1; j >= 0 && pos < 0; j-- {
			if Is(srcRunes[j]) {
				if k := indexRune(rs, srcRunes[j], 0); k >= 0 {
					pos = k + 1
				}
			}
		}
		if pos < 0 {
			// Same relative position, moved to the end of the word it falls in.
			pos = len(rs) * si / max(len(srcRunes), 1)
			if si == 0 {
				pos = 0
			}
			for pos > 0 && pos < len(rs) && isWordRune(rs[pos]) {
				pos++
			}
		}
		k, _, _ := Parse(r)
		ins := []rune{r}
		if pos > 0 && (spaceBefore && !unicode.IsSpace(rs[pos-1]) || k == Term && isWordRune(rs[pos-1])) {
			ins = append([]rune{' '}, ins...)
		}
		if pos < len(rs) && (spaceAfter && !unicode.IsSpace(rs[pos]) || k == Term && isWordRune(rs[pos])) {
			ins = append(ins, ' ')
		}
		rs = append(rs[:pos], append(ins, rs[pos:]...)...)
		warnings = append(warnings, fmt.Sprintf("%s lost by the engine; re-inserted", describe(r)))
	}
	return string(rs), warnings
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func indexRune(rs []rune, r rune, from int) int {
	for i := from; i < len(rs); i++ {
		if rs[i] == r {
			return i
		}
	}
	return -1
}

// collapseSpaces removes a doubled space left where a mark was removed.
func collapseSpaces(rs []rune) []rune {
	out := rs[:0]
	for i, r := range rs {
		if r == ' ' && i > 0 && len(out) > 0 && out[len(out)-1] == ' ' {
			continue
		}
		out = append(out, r)
	}
	return out
}

// DecodeMarkup decodes an engine's markup reply to src (ToMarkup of src)
// and repairs its placeholders; the warnings name each repair.
func DecodeMarkup(src, reply string) (string, []string) {
	text, warnings := Repair(src, FromMarkup(reply))
	return KeepSpace(src, text), warnings
}

// KeepSpace gives a translation the leading and trailing white space of its
// source, which engines trim or change.
func KeepSpace(src, out string) string {
	lead := src[:len(src)-len(strings.TrimLeft(src, " \t\n"))]
	trail := src[len(strings.TrimRight(src, " \t\n")):]
	return lead + strings.Trim(out, " \t\n") + trail
}
