package placeholder

import (
	"fmt"
	"html"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	nethtml "golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"github.com/locpipe/locpipe/pipeline/backend"
)

// ToInline encodes a segment for an engine that translates HTML with its own
// grammar, sentence by sentence (Apertium's -f html through Transfuse, APy
// with format=html), so that the sentence is translated as the engine
// translates it without a glossary:
//
//   - a protected term travels as its source text inside an inline element,
//     <span id="t0">Kiev</span>: the engine reads a proper noun where the
//     sentence has one and inflects, reorders and elides around it ("los
//     suburbios del norte de Kiev" for "Kiev's northern suburbs");
//   - a pair of inline codes that are both in the segment (bold, a link) is
//     one <span id="c0">…</span> around the text it encloses;
//   - any other inline code (a URL, an image, half of a pair) is a filler
//     word the engine does not know (Zqca, Zqcb…) and keeps as a noun.
//
// Empty elements are never sent: Transfuse breaks the block at an empty
// element it does not know (the next word gets a capital, agreement is
// lost), and APy's deformatter capitalises after <br>. The measurement
// behind this choice is TestFidelity in pipeline/backend/apertium.
func ToInline(s backend.Segment, o InlineOptions) string {
	fill := newFillers(s.Text)
	sent := pairedCodes(s)
	bare := bareTerms(s, o)
	var b strings.Builder
	b.Grow(len(s.Text) + 32)
	start := 0
	for i, r := range s.Text {
		if !Is(r) {
			continue
		}
		b.WriteString(html.EscapeString(s.Text[start:i]))
		start = i + utf8.RuneLen(r)
		k, _, _ := Parse(r)
		switch {
		case bare[r]:
			b.WriteString(html.EscapeString(s.Terms[r]))
		case k == Term && s.Terms[r] != "":
			fmt.Fprintf(&b, `<span id="%s">%s</span>`, Name(r), html.EscapeString(s.Terms[r]))
		case sent[r] && s.Pairs[r] != 0:
			fmt.Fprintf(&b, `<span id="%s">`, Name(r))
		case sent[r]:
			b.WriteString("</span>")
		default:
			b.WriteString(fill.word(r))
		}
	}
	b.WriteString(html.EscapeString(s.Text[start:]))
	return b.String()
}

// InlineOptions tune ToInline and FromInline to an engine.
type InlineOptions struct {
	// BareTerms sends protected terms as plain text, with no element, when
	// that is unambiguous (the term's text occurs nowhere else in the
	// segment): for engines whose deformatter moves inline elements to
	// other words or adds spaces and periods around them (APy's html
	// format). FromInline then finds each name by its text, in order.
	BareTerms bool
}

// bareTerms returns the terms of s sent as plain text under o.
func bareTerms(s backend.Segment, o InlineOptions) map[rune]bool {
	if !o.BareTerms || len(s.Terms) == 0 {
		return nil
	}
	// The sentence as the source has it: every term's text in place.
	var b strings.Builder
	for _, r := range s.Text {
		if t, ok := s.Terms[r]; ok {
			b.WriteString(t)
		} else {
			b.WriteRune(r)
		}
	}
	full := b.String()
	count := map[string]int{}
	for _, r := range Marks(s.Text) {
		if t := s.Terms[r]; t != "" {
			count[foldString(t)]++
		}
	}
	bare := map[rune]bool{}
	for _, r := range Marks(s.Text) {
		t := s.Terms[r]
		if t == "" {
			continue
		}
		if n := countFold(full, t); n == count[foldString(t)] {
			bare[r] = true
		}
	}
	return bare
}

func foldString(s string) string { return strings.Map(foldRune, s) }

// countFold counts the word-bounded occurrences of needle in text, folded.
func countFold(text, needle string) int {
	n, from := 0, 0
	var edits []edit
	for {
		st, en, ok := findFold(text, needle, from, len(text), edits, wordOnly)
		if !ok {
			return n
		}
		n++
		edits = append(edits, edit{start: st, end: en})
		from = en
	}
}

// pairedCodes returns the codes of s sent as one element: pairs of
// s.Pairs whose opener comes before its closer, properly nested, with a
// letter or digit between them (an empty element would break the block).
func pairedCodes(s backend.Segment) map[rune]bool {
	if len(s.Pairs) == 0 {
		return nil
	}
	closers := map[rune]rune{}
	for o, c := range s.Pairs {
		closers[c] = o
	}
	type open struct {
		r   rune
		pos int
	}
	var stack []open
	sent := map[rune]bool{}
	for i, r := range s.Text {
		if s.Pairs[r] != 0 {
			stack = append(stack, open{r, i})
			continue
		}
		o, isCloser := closers[r]
		if !isCloser || len(stack) == 0 || stack[len(stack)-1].r != o {
			continue
		}
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		inner := s.Text[top.pos+utf8.RuneLen(top.r) : i]
		if strings.IndexFunc(inner, func(r rune) bool {
			k, _, ph := Parse(r)
			return ph && k == Term && s.Terms[r] != "" || !ph && (unicode.IsLetter(r) || unicode.IsDigit(r))
		}) >= 0 {
			sent[o], sent[r] = true, true
		}
	}
	// A pair inside a pair that was not sent is still fine on its own; a
	// pair around one that was not sent is too: only nesting matters, and
	// the stack kept it.
	return sent
}

// fillers names the filler words of one segment: a prefix its text does not
// hold, a kind letter (c code, t term) and the index in base 26.
type fillers struct{ prefix string }

func newFillers(text string) fillers {
	low := strings.ToLower(text)
	for _, p := range []string{"zq", "xq", "qz", "jq", "qx", "zx"} {
		if !strings.Contains(low, p) {
			return fillers{strings.ToUpper(p[:1]) + p[1:]}
		}
	}
	return fillers{"Zqj"}
}

func (f fillers) word(r rune) string {
	k, i, _ := Parse(r)
	kind, width := "c", 3 // MaxCodes < 26³
	if k == Term {
		kind, width = "t", 4 // glossary.MaxPlaceholders < 26⁴
	}
	digits := make([]byte, width)
	for j := width - 1; j >= 0; j-- {
		digits[j] = byte('a' + i%26)
		i /= 26
	}
	return f.prefix + kind + string(digits)
}

// inlineSpan is a term element found in an engine's reply.
type inlineSpan struct {
	r          rune
	start, end int // byte offsets of its content in the decoded text
}

// FromInline decodes an engine's reply to ToInline(s): elements and filler
// words become placeholder runes again, entities are unescaped, any other
// tag is dropped, and the name the engine wrote for each protected term
// (inside its element, or where the engine moved it) becomes the term's
// placeholder. The warnings name what had to be guessed. Call Repair and
// KeepSpace afterwards, as for FromMarkup.
func FromInline(s backend.Segment, reply string, o InlineOptions) (string, []string) {
	text, spans := decodeInline(s, reply)
	ft := foldRange(text, 0, len(text))
	bare := bareTerms(s, o)
	var warnings []string
	var edits []edit
	fill := newFillers(s.Text)
	sent := pairedCodes(s)
	for _, r := range Marks(s.Text) {
		k, _, _ := Parse(r)
		if sent[r] || k == Term && s.Terms[r] != "" {
			continue
		}
		w := fill.word(r)
		if st, en, ok := ft.find(w, 0, len(text), edits, anywhere); ok {
			edits = append(edits, edit{eatMark(text, st), en, string(r)})
		}
	}
	lastEnd := 0
	for _, r := range Marks(s.Text) {
		k, _, _ := Parse(r)
		src := s.Terms[r]
		if k != Term || src == "" || claimed(edits, r) {
			continue
		}
		var sp *inlineSpan
		for i := range spans {
			if spans[i].r == r {
				sp = &spans[i]
				break
			}
		}
		if sp != nil {
			if st, en, ok := ft.find(src, sp.start, sp.end, edits, anywhere); ok {
				edits = append(edits, edit{eatMark(text, st), en, string(r)})
				continue
			}
		}
		// Sent bare, or the element moved to another word: the name is
		// elsewhere, outside other terms; names mostly keep their order.
		if bare[r] {
			if st, en, ok := ft.find(src, lastEnd, len(text), edits, anywhere); ok {
				edits = append(edits, edit{eatMark(text, st), en, string(r)})
				lastEnd = en
				continue
			}
		}
		if st, en, ok := findOutside(ft, len(text), src, spans, r, edits); ok {
			lastEnd = en
			edits = append(edits, edit{eatMark(text, st), en, string(r)})
			continue
		}
		if sp != nil && strings.TrimSpace(text[sp.start:sp.end]) != "" {
			content := text[sp.start:sp.end]
			lead := len(content) - len(strings.TrimLeft(content, " "))
			trail := len(content) - len(strings.TrimRight(content, " "))
			edits = append(edits, edit{sp.start + lead, sp.end - trail, string(r)})
			warnings = append(warnings, fmt.Sprintf("protected term %q: the engine wrote %q in its place; replaced", src, strings.TrimSpace(content)))
		}
		// Otherwise the name is gone: Repair re-inserts the placeholder and
		// says so.
	}
	return applyEdits(text, edits), warnings
}

// decodeInline turns the reply's elements back into placeholder runes and
// returns the plain text with the term elements' positions.
func decodeInline(s backend.Segment, reply string) (string, []inlineSpan) {
	type open struct {
		term   int  // index into spans, or -1
		closer rune // the closing code to write at the end tag, or 0
	}
	if !strings.ContainsAny(reply, "<&\r\x00") {
		// No element, entity or character the tokenizer rewrites: the
		// text is the reply (most replies of segments without codes).
		return reply, nil
	}
	var b strings.Builder
	var spans []inlineSpan
	var stack []open
	z := nethtml.NewTokenizer(strings.NewReader(reply))
	for {
		tt := z.Next()
		switch tt {
		case nethtml.ErrorToken:
			for _, o := range stack {
				if o.term >= 0 {
					spans[o.term].end = b.Len()
				}
			}
			return b.String(), spans
		case nethtml.TextToken:
			b.Write(z.Text())
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			name, more := z.TagName()
			r, ok := idRune(z, more)
			switch {
			case string(name) == "span" && tt == nethtml.StartTagToken:
				o := open{term: -1}
				if k, _, _ := Parse(r); ok && k == Term {
					o.term = len(spans)
					spans = append(spans, inlineSpan{r: r, start: b.Len(), end: -1})
				} else if ok {
					b.WriteRune(r)
					o.closer = s.Pairs[r]
				}
				stack = append(stack, o)
			case ok && (string(name) == "span" || string(name) == Tag || string(name) == "br"):
				if k, _, _ := Parse(r); k == Code {
					b.WriteRune(r)
				}
			}
		case nethtml.EndTagToken:
			if name, _ := z.TagName(); string(name) != "span" || len(stack) == 0 {
				continue
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if o.term >= 0 {
				spans[o.term].end = b.Len()
			}
			if o.closer != 0 {
				b.WriteRune(o.closer)
			}
		}
	}
}

func idRune(z *nethtml.Tokenizer, more bool) (rune, bool) {
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		if string(k) == "id" {
			return FromName(string(v))
		}
	}
	return 0, false
}

type edit struct {
	start, end int
	repl       string
}

func claimed(edits []edit, r rune) bool {
	for _, e := range edits {
		if e.repl == string(r) {
			return true
		}
	}
	return false
}

func overlaps(edits []edit, start, end int) bool {
	for _, e := range edits {
		if start < e.end && e.start < end {
			return true
		}
	}
	return false
}

func applyEdits(text string, edits []edit) string {
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b strings.Builder
	last := 0
	for _, e := range edits {
		if e.start < last {
			continue
		}
		b.WriteString(text[last:e.start])
		b.WriteString(e.repl)
		last = e.end
	}
	b.WriteString(text[last:])
	return b.String()
}

// eatMark widens a match to the engine's unknown-word or generation mark
// before it (*Odessa, #Kyiv), which belongs to the name.
func eatMark(text string, start int) int {
	if start > 0 && (text[start-1] == '*' || text[start-1] == '#') {
		if start == 1 || !isWordRune(lastRune(text[:start-1])) {
			return start - 1
		}
	}
	return start
}

func lastRune(s string) rune { r, _ := utf8.DecodeLastRuneInString(s); return r }

// findOutside finds needle in text outside every term element but r's own
// (which was searched already), not overlapping an edit.
func findOutside(ft folded, n int, needle string, spans []inlineSpan, r rune, edits []edit) (int, int, bool) {
	blocked := append([]edit(nil), edits...)
	for _, sp := range spans {
		if sp.r != r && sp.end > sp.start {
			blocked = append(blocked, edit{start: sp.start, end: sp.end})
		}
	}
	return ft.find(needle, 0, n, blocked, gluedLeft)
}

// Where findFold accepts a match.
type boundary uint8

const (
	wordOnly  boundary = iota // on word boundaries
	gluedLeft                 // on word boundaries, else glued to the word before (Apertium writes "basatsaKíev")
	anywhere                  // then glued on either side (fillers, which the engine may glue together; "Kíevha" for "Kiev's")
)

// findFold finds needle in text[from:to] ignoring case and diacritics
// (Kíev is Kiev), not overlapping an edit, preferring a match on word
// boundaries.
func findFold(text, needle string, from, to int, edits []edit, bd boundary) (int, int, bool) {
	return foldRange(text, from, to).find(needle, from, to, edits, bd)
}

// foldedRune is a rune of a text, folded, and where it is.
type foldedRune struct {
	r          rune
	start, end int
}

// folded is a text folded once for many searches (FromInline's).
type folded []foldedRune

// foldRange folds text[from:to].
func foldRange(text string, from, to int) folded {
	f := make(folded, 0, to-from)
	for i, r := range text[from:to] {
		f = append(f, foldedRune{foldRune(r), from + i, from + i + utf8.RuneLen(r)})
	}
	return f
}

// find is findFold in the folded text, between byte offsets from and to
// (rune boundaries).
func (f folded) find(needle string, from, to int, edits []edit, bd boundary) (int, int, bool) {
	lo := sort.Search(len(f), func(i int) bool { return f[i].start >= from })
	hi := sort.Search(len(f), func(i int) bool { return f[i].end > to })
	if hi < lo {
		hi = lo
	}
	hay := f[lo:hi]
	var nd []rune
	for _, r := range needle {
		nd = append(nd, foldRune(r))
	}
	if len(nd) == 0 {
		return 0, 0, false
	}
	match := func(i int) bool {
		if i+len(nd) > len(hay) {
			return false
		}
		for j, r := range nd {
			h := hay[i+j].r
			if h != r && !(unicode.IsSpace(h) && unicode.IsSpace(r)) {
				return false
			}
		}
		return true
	}
	wordAt := func(i int) bool { return i >= 0 && i < len(hay) && isWordRune(hay[i].r) }
	for pass := boundary(0); pass <= bd; pass++ {
		for i := range hay {
			if !match(i) || pass < anywhere && wordAt(i+len(nd)) || pass == wordOnly && wordAt(i-1) {
				continue
			}
			st, en := hay[i].start, hay[i+len(nd)-1].end
			if overlaps(edits, st, en) {
				continue
			}
			return st, en, true
		}
	}
	return 0, 0, false
}

// foldRune is r in lower case without diacritics.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		return unicode.ToLower(r)
	}
	if r < foldTableEnd {
		return rune(foldTable[r-utf8.RuneSelf])
	}
	return foldNFD(r)
}

// foldTableEnd ends the runes whose folds foldTable holds: Latin-1,
// Latin Extended-A and B, and the Greek and Cyrillic blocks, where the
// letters of most editions are, so that folding them costs no
// decomposition.
const foldTableEnd = 0x0530

// foldTable holds foldNFD of the runes from utf8.RuneSelf to foldTableEnd.
var foldTable = func() (t [foldTableEnd - utf8.RuneSelf]uint16) {
	for r := rune(utf8.RuneSelf); r < foldTableEnd; r++ {
		t[r-utf8.RuneSelf] = uint16(foldNFD(r))
	}
	return t
}()

// foldNFD is foldRune by decomposition.
func foldNFD(r rune) rune {
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			return unicode.ToLower(d)
		}
	}
	return unicode.ToLower(r)
}

// Blocks splits a reply to Frame into the raw markup of each of n blocks,
// for decoders that need the elements (FromInline). found[i] is false for
// a block the reply lacks.
func Blocks(s string, n int) (blocks []string, found []bool) {
	blocks = make([]string, n)
	found = make([]bool, n)
	z := nethtml.NewTokenizer(strings.NewReader(s))
	cur := -1
	var b strings.Builder
	end := func() {
		if cur >= 0 {
			blocks[cur], found[cur] = b.String(), true
		}
		b.Reset()
		cur = -1
	}
	for {
		tt := z.Next()
		switch tt {
		case nethtml.ErrorToken:
			end()
			return blocks, found
		case nethtml.StartTagToken:
			if name, more := z.TagName(); string(name) == "p" {
				end()
				for more {
					var k, v []byte
					k, v, more = z.TagAttr()
					if string(k) == "id" && len(v) > 1 && v[0] == 's' {
						if i, err := strconv.Atoi(string(v[1:])); err == nil && i >= 0 && i < n {
							cur = i
						}
					}
				}
				continue
			}
		case nethtml.EndTagToken:
			if name, _ := z.TagName(); string(name) == "p" {
				end()
				continue
			}
		}
		if cur >= 0 {
			b.Write(z.Raw())
		}
	}
}
