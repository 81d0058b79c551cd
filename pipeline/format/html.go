package format

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// HTML parses HTML articles with the golang.org/x/net/html tokenizer. The
// text of each block element is a unit, inline elements inside it (a, em,
// strong, span, br, …) are inline codes, and the translatable attributes
// (alt, title, placeholder, aria-label, and the content of
// <meta name="description"> and its Open Graph and Twitter cousins) are
// units of their own. script, style, pre, code, template (and the like) and
// every element marked translate="no" are left as they are. The value of
// <html lang> is the document's language and becomes the target language in
// editions.
type HTML struct{}

// inlineTags are elements that stay inside a unit as inline codes.
var inlineTags = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "br": true, "cite": true,
	"data": true, "del": true, "dfn": true, "em": true, "font": true, "i": true, "img": true,
	"ins": true, "label": true, "mark": true, "q": true, "s": true, "small": true, "span": true,
	"strike": true, "strong": true, "sub": true, "sup": true, "time": true, "u": true, "wbr": true,
	"code": true, "kbd": true, "samp": true, "var": true, "tt": true,
}

// opaqueTags are left untranslated; inside a run of text the whole element
// is one inline code.
var opaqueTags = map[string]bool{
	"script": true, "style": true, "pre": true, "code": true, "template": true, "textarea": true,
	"kbd": true, "samp": true, "var": true, "tt": true, "noscript": true, "iframe": true,
	"noembed": true, "noframes": true, "xmp": true, "plaintext": true, "svg": true, "math": true,
	"object": true, "select": true,
}

// voidTags have no end tag.
var voidTags = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// translatableAttrs are attributes whose values are text for readers.
var translatableAttrs = map[string]bool{"alt": true, "title": true, "placeholder": true, "aria-label": true}

// metaNames are <meta name|property> values whose content is translated.
var metaNames = map[string]bool{
	"description": true, "og:title": true, "og:description": true,
	"twitter:title": true, "twitter:description": true,
}

var blockKinds = map[string]string{
	"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
	"title": "title", "p": "paragraph", "li": "list-item", "td": "table-cell", "th": "table-cell",
	"figcaption": "caption", "caption": "caption", "blockquote": "quote", "dt": "term", "dd": "definition",
}

type runItemKind uint8

const (
	riText runItemKind = iota
	riOpen
	riClose
	riSingle
)

type runItem struct {
	kind       runItemKind
	start, end int
	tag        string
	attrs      []attrSpan // of a tag, for attribute units when the run stays literal
}

type htmlParser struct {
	b       *builder
	enc     *htmlEncoder
	run     []runItem
	kind    string // unit kind for the current block
	skipTag string // element being skipped ("" when none)
	skipN   int    // nesting depth of skipTag
	opaque  int    // start of the opaque element being collected in a run, or -1
}

// Parse implements Parser.
func (HTML) Parse(name string, src []byte) (*Document, error) {
	if err := CheckUTF8(name, src); err != nil {
		return nil, err
	}
	s := string(src)
	p := &htmlParser{
		b:      newBuilder(name, "html", s),
		enc:    &htmlEncoder{entities: map[rune]string{}, unquoted: map[string]bool{}},
		kind:   "text",
		opaque: -1,
	}
	p.b.doc.Encoder = p.enc
	z := html.NewTokenizer(bytes.NewReader(src))
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if err := z.Err(); !errors.Is(err, io.EOF) {
				return nil, &ParseError{File: name, Line: p.b.lineAt(off), Err: fmt.Errorf("HTML: %w", err)}
			}
			break
		}
		raw := z.Raw()
		start, end := off, off+len(raw)
		if end > len(s) || s[start:end] != string(raw) {
			return nil, &ParseError{File: name, Line: p.b.lineAt(off), Err: errors.New("HTML tokenizer lost its place")}
		}
		off = end
		p.token(z, tt, start, end)
	}
	p.flush() // an unclosed opaque element leaves its run literal
	doc := p.b.finish()
	if p.b.err != nil {
		return nil, p.b.err
	}
	return doc, nil
}

func (p *htmlParser) token(z *html.Tokenizer, tt html.TokenType, start, end int) {
	if p.skipTag != "" {
		if tt == html.StartTagToken || tt == html.EndTagToken {
			name, _ := z.TagName()
			if string(name) == p.skipTag {
				if tt == html.StartTagToken {
					p.skipN++
				} else {
					p.skipN--
				}
			}
		}
		if p.skipN == 0 {
			p.skipTag = ""
			if p.opaque >= 0 {
				p.run = append(p.run, runItem{kind: riSingle, start: p.opaque, end: end})
				p.opaque = -1
			}
		}
		return
	}
	switch tt {
	case html.TextToken:
		p.run = append(p.run, runItem{kind: riText, start: start, end: end})
	case html.CommentToken:
		if len(p.run) == 0 {
			return
		}
		p.run = append(p.run, runItem{kind: riSingle, start: start, end: end})
	case html.DoctypeToken:
		p.flush()
	case html.StartTagToken, html.SelfClosingTagToken:
		tok := z.Token()
		name := tok.Data
		raw := p.b.src[start:end]
		attrs := scanAttrs(raw, tok.Attr)
		noTranslate := false
		for _, a := range tok.Attr {
			if a.Namespace == "" && strings.EqualFold(a.Key, "translate") && strings.EqualFold(strings.TrimSpace(a.Val), "no") {
				noTranslate = true
			}
		}
		leaf := tt == html.SelfClosingTagToken || voidTags[name]
		if noTranslate || opaqueTags[name] {
			if inlineTags[name] {
				if leaf {
					p.run = append(p.run, runItem{kind: riSingle, start: start, end: end})
					return
				}
				p.opaque = start
			} else {
				p.flush()
			}
			if !leaf {
				p.skipTag, p.skipN = name, 1
			}
			return
		}
		if inlineTags[name] {
			if leaf {
				p.run = append(p.run, runItem{kind: riSingle, start: start, end: end, tag: name, attrs: attrs})
				return
			}
			p.run = append(p.run, runItem{kind: riOpen, start: start, end: end, tag: name, attrs: attrs})
			return
		}
		p.flush()
		if k, ok := blockKinds[name]; ok {
			p.kind = k
		} else {
			p.kind = "text"
		}
		if name == "html" {
			p.htmlLang(start, end, tok.Attr, attrs)
		}
		p.attrUnits(name, start, attrs)
	case html.EndTagToken:
		name, _ := z.TagName()
		if inlineTags[string(name)] {
			p.run = append(p.run, runItem{kind: riClose, start: start, end: end, tag: string(name)})
			return
		}
		p.flush()
		p.kind = "text"
	}
}

// htmlLang marks the value of <html lang> as the language declaration, or
// the place where an edition adds one when the tag has none.
func (p *htmlParser) htmlLang(tagStart, tagEnd int, tokAttrs []html.Attribute, attrs []attrSpan) {
	hasLang := false
	for _, a := range tokAttrs {
		hasLang = hasLang || a.Key == "lang"
	}
	if !hasLang {
		// After the tag name: "<html" is 5 bytes whatever its case.
		if tagEnd-tagStart > 5 && (isHTMLSpace(rune(p.b.src[tagStart+5])) || p.b.src[tagStart+5] == '>' || p.b.src[tagStart+5] == '/') {
			p.b.insertLang(tagStart+5, [2]string{` lang="`, `"`})
		}
		return
	}
	for _, a := range attrs {
		if (a.name != "lang" && a.name != "xml:lang") || a.vs < 0 {
			continue
		}
		v := p.b.src[tagStart+a.vs : tagStart+a.ve]
		if v == "" || html.UnescapeString(v) != v {
			continue
		}
		if p.b.lang(tagStart+a.vs, tagStart+a.ve) && (a.name == "lang" || p.b.doc.Lang == "") {
			p.b.doc.Lang = v
		}
	}
}

// attrUnits adds the translatable attribute values of a literal tag.
func (p *htmlParser) attrUnits(tag string, tagStart int, attrs []attrSpan) {
	meta := ""
	if tag == "meta" {
		for _, a := range attrs {
			// <meta http-equiv="content-language" content="en"> declares the language.
			if a.name == "http-equiv" && a.vs >= 0 && strings.EqualFold(p.b.src[tagStart+a.vs:tagStart+a.ve], "content-language") {
				for _, c := range attrs {
					if c.name == "content" && c.vs > 0 && !strings.ContainsAny(p.b.src[tagStart+c.vs:tagStart+c.ve], "&, ") {
						p.b.lang(tagStart+c.vs, tagStart+c.ve)
					}
				}
				return
			}
		}
		for _, a := range attrs {
			if (a.name == "name" || a.name == "property") && a.vs >= 0 {
				if n := strings.ToLower(html.UnescapeString(p.b.src[tagStart+a.vs : tagStart+a.ve])); metaNames[n] {
					meta = n
				}
			}
		}
	}
	for _, a := range attrs {
		kind := ""
		switch {
		case a.vs < 0:
		case translatableAttrs[a.name]:
			kind = "attr:" + a.name
		case meta != "" && a.name == "content":
			kind = "meta:" + meta
		}
		if kind == "" {
			continue
		}
		raw := p.b.src[tagStart+a.vs : tagStart+a.ve]
		text := p.decode(raw)
		if !translatableValue(text) {
			continue
		}
		u := Unit{Kind: kind, Text: text, anchors: attrAnchors(text, raw)}
		if p.b.unit(tagStart+a.vs, tagStart+a.ve, u) && a.quote == 0 {
			p.enc.unquoted[p.b.doc.Units[len(p.b.doc.Units)-1].ID] = true
		}
	}
}

// flush turns the pending run of inline content into a unit, or leaves it
// literal when it has nothing to translate.
func (p *htmlParser) flush() {
	run := p.run
	p.run = nil
	if p.opaque >= 0 {
		return
	}
	// Trim white space at both ends: it stays in the skeleton. So do images
	// with alt text there, so that their attributes are units of their own;
	// an image inside the text stays an inline code (alt untranslated)
	// rather than cut a sentence in two.
	edge := func(it runItem) bool {
		return it.kind == riText && isBlankHTML(p.b.src[it.start:it.end]) ||
			it.kind == riSingle && hasTranslatableAttr(it.attrs)
	}
	first, last := 0, len(run)-1
	for first <= last && edge(run[first]) {
		first++
	}
	for last >= first && edge(run[last]) {
		last--
	}
	lead, trail := run[:first], run[last+1:]
	defer func() {
		for _, it := range trail {
			p.attrUnits(it.tag, it.start, it.attrs)
		}
	}()
	for _, it := range lead {
		p.attrUnits(it.tag, it.start, it.attrs)
	}
	if first > last {
		return
	}
	run = run[first : last+1]
	start, end := run[0].start, run[len(run)-1].end
	if run[0].kind == riText {
		r := p.b.src[run[0].start:run[0].end]
		start += len(r) - len(strings.TrimLeftFunc(r, isHTMLSpace))
		run[0].start = start
	}
	if l := &run[len(run)-1]; l.kind == riText {
		r := p.b.src[l.start:l.end]
		end -= len(r) - len(strings.TrimRightFunc(r, isHTMLSpace))
		l.end = end
	}
	// Pair open and close tags of the same element, innermost first.
	partner := make([]int, len(run))
	var stack []int
	for i := range run {
		partner[i] = -1
		switch run[i].kind {
		case riOpen:
			stack = append(stack, i)
		case riClose:
			if n := len(stack); n > 0 && run[stack[n-1]].tag == run[i].tag {
				partner[i], partner[stack[n-1]] = stack[n-1], i
				stack = stack[:n-1]
			}
		}
	}
	t := &unitText{}
	ids := make([]int, len(run))
	for i, it := range run {
		raw := p.b.src[it.start:it.end]
		if it.kind == riText {
			// Anchor every run of source white space so that offsets map exactly.
			p.decode(raw) // to learn how the source spells characters
			for _, part := range splitSpace(raw) {
				seg := raw[part[0]:part[1]]
				if isBlankHTML(seg) {
					t.at(it.start + part[0])
					t.add(collapseSpace(seg))
					if nl := strings.LastIndexAny(seg, "\n\r"); nl >= 0 && t.wrap == "" {
						t.wrap = "\n" + seg[nl+1:] // the line break and the next line's indentation
					}
					continue
				}
				t.addDecoded(seg, it.start+part[0], htmlEntityAt)
			}
			t.at(it.end)
			continue
		}
		t.at(it.start)
		ids[i] = t.code(Standalone, raw)
		t.at(it.end)
		if it.kind == riClose && partner[i] >= 0 {
			t.pair(ids[partner[i]], ids[i])
		}
	}
	if t.full {
		p.b.tooMany(start)
		return
	}
	if !t.translatable() {
		for _, it := range run { // literal tags keep translatable attributes
			if it.kind == riOpen || it.kind == riSingle {
				p.attrUnits(it.tag, it.start, it.attrs)
			}
		}
		return
	}
	if !p.b.unit(start, end, Unit{Kind: p.kind, Text: t.text.String(), Codes: t.codes, anchors: t.relative(start), wrap: t.wrap}) {
		return
	}
	// The title, alt and the like of inline elements inside the sentence
	// are units of their own, held in their tags' codes.
	holder := len(p.b.doc.Units) - 1
	for i, it := range run {
		if it.kind != riOpen && it.kind != riSingle {
			continue
		}
		for _, a := range it.attrs {
			if !translatableAttrs[a.name] || a.vs < 0 {
				continue
			}
			raw := p.b.src[it.start+a.vs : it.start+a.ve]
			text := p.decode(raw)
			if !translatableValue(text) {
				continue
			}
			u := Unit{Kind: "attr:" + a.name, Text: text, anchors: attrAnchors(text, raw)}
			if p.b.nested(holder, start, ids[i], a.vs, it.start+a.vs, it.start+a.ve, u) && a.quote == 0 {
				p.enc.unquoted[p.b.doc.Units[len(p.b.doc.Units)-1].ID] = true
			}
		}
	}
}

// decode unescapes character references and remembers how each one that
// stands for a single character was written, so that a translation writes
// it the same way.
func (p *htmlParser) decode(raw string) string {
	if !strings.Contains(raw, "&") {
		return raw
	}
	for i := strings.IndexByte(raw, '&'); i >= 0 && i < len(raw); {
		if n := entityLen(raw[i:]); n > 0 {
			ent := raw[i : i+n]
			d := html.UnescapeString(ent)
			if r, size := utf8.DecodeRuneInString(d); d != ent && size == len(d) && r != '&' && r != '<' && r != '>' {
				if _, ok := p.enc.entities[r]; !ok {
					p.enc.entities[r] = ent
				}
			}
		}
		j := strings.IndexByte(raw[i+1:], '&')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return html.UnescapeString(raw)
}

func isHTMLSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' }

func isBlankHTML(s string) bool { return strings.TrimFunc(s, isHTMLSpace) == "" }

// collapseSpace turns each run of HTML white space holding a line break or
// tab (source formatting, not content) into one space.
func collapseSpace(s string) string {
	if !strings.ContainsAny(s, "\n\r\t\f") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if !isHTMLSpace(rune(s[i])) {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && isHTMLSpace(rune(s[j])) {
			j++
		}
		if strings.ContainsAny(s[i:j], "\n\r\t\f") {
			b.WriteByte(' ')
		} else {
			b.WriteString(s[i:j])
		}
		i = j
	}
	return b.String()
}

func hasTranslatableAttr(attrs []attrSpan) bool {
	for _, a := range attrs {
		if translatableAttrs[a.name] && a.vs >= 0 {
			return true
		}
	}
	return false
}

// attrSpan is an attribute of a tag with its value's place in the raw tag.
type attrSpan struct {
	name   string // lower case
	vs, ve int    // value range in the raw tag, quotes excluded; -1 without a value
	quote  byte   // '"', '\'' or 0
}

// scanAttrs locates the attribute values of a raw start tag. The tokenizer
// decodes attributes but does not say where they are, hence this scanner;
// its result is used only when it agrees with the tokenizer's attributes
// (same names in the same order), otherwise the tag's attributes are left
// untranslated.
func scanAttrs(raw string, want []html.Attribute) []attrSpan {
	i := 1
	for i < len(raw) && !isHTMLSpace(rune(raw[i])) && raw[i] != '/' && raw[i] != '>' {
		i++
	}
	var out []attrSpan
	for i < len(raw) {
		for i < len(raw) && (isHTMLSpace(rune(raw[i])) || raw[i] == '/') {
			i++
		}
		if i >= len(raw) || raw[i] == '>' {
			break
		}
		ns := i
		i++ // the first character may be '='
		for i < len(raw) && !isHTMLSpace(rune(raw[i])) && raw[i] != '/' && raw[i] != '>' && raw[i] != '=' {
			i++
		}
		a := attrSpan{name: strings.ToLower(raw[ns:i]), vs: -1, ve: -1}
		j := i
		for j < len(raw) && isHTMLSpace(rune(raw[j])) {
			j++
		}
		if j < len(raw) && raw[j] == '=' {
			j++
			for j < len(raw) && isHTMLSpace(rune(raw[j])) {
				j++
			}
			if j < len(raw) && (raw[j] == '"' || raw[j] == '\'') {
				q := raw[j]
				k := strings.IndexByte(raw[j+1:], q)
				if k < 0 {
					return nil
				}
				a.vs, a.ve, a.quote = j+1, j+1+k, q
				i = j + 1 + k + 1
			} else {
				k := j
				for k < len(raw) && !isHTMLSpace(rune(raw[k])) && raw[k] != '>' {
					k++
				}
				a.vs, a.ve = j, k
				i = k
			}
		}
		out = append(out, a)
	}
	if len(out) != len(want) {
		return nil
	}
	for k := range out {
		if out[k].name != want[k].Key || want[k].Namespace != "" {
			return nil
		}
		if out[k].vs >= 0 && html.UnescapeString(raw[out[k].vs:out[k].ve]) != want[k].Val {
			return nil
		}
	}
	return out
}

// htmlEncoder writes translated units back as HTML: text escaped so that it
// stays text, entities spelled as the source spelled them, codes as they were.
type htmlEncoder struct {
	entities map[rune]string // how the source wrote characters by reference
	unquoted map[string]bool // attribute units whose value had no quotes
}

// Encode implements Encoder.
func (e *htmlEncoder) Encode(u *Unit, text string) (string, error) {
	text, _ = u.RepairCodes(text)
	if strings.HasPrefix(u.Kind, "attr:") || strings.HasPrefix(u.Kind, "meta:") {
		s := e.escape(stripCodes(text), true)
		if e.unquoted[u.ID] {
			s = `"` + s + `"`
		}
		return s, nil
	}
	if u.wrap != "" && strings.Contains(text, "\n") {
		// A line break kept from the source (see Unit.Layout), with the
		// source's indentation.
		text = strings.ReplaceAll(text, "\n", u.wrap)
	}
	return ReplaceCodes(u, text, func(s string) string { return e.escape(s, false) }), nil
}

func (e *htmlEncoder) escape(s string, attr bool) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case attr && r == '"':
			b.WriteString("&#34;")
		case attr && r == '\'':
			b.WriteString("&#39;")
		default:
			if ent, ok := e.entities[r]; ok {
				b.WriteString(ent)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// splitSpace cuts s into alternating runs of HTML white space and the rest,
// as [start, end) pairs.
func splitSpace(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		j := i
		sp := isHTMLSpace(rune(s[i]))
		for j < len(s) && isHTMLSpace(rune(s[j])) == sp {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// htmlEntityAt decodes a character reference at the start of s, including
// the legacy ones browsers accept without a semicolon ("&copy 2022").
func htmlEntityAt(s string) (int, string) {
	if len(s) == 0 || s[0] != '&' {
		return 0, ""
	}
	if n := entityLen(s); n > 0 {
		if d := html.UnescapeString(s[:n]); d != s[:n] {
			return n, d
		}
	}
	n := 1
	for n < len(s) && n < 40 && (s[n] == '#' || s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z' || s[n] >= '0' && s[n] <= '9') {
		n++
	}
	ref := s[:n]
	d := html.UnescapeString(ref)
	if d == ref {
		return 0, ""
	}
	// The decoder replaced a prefix of ref and kept the rest as it was.
	k := 0
	for k < len(d) && k < len(ref) && d[len(d)-1-k] == ref[len(ref)-1-k] {
		k++
	}
	return n - k, d[:len(d)-k]
}

// escapeText implements textEscaper: a run of text or attribute value.
func (e *htmlEncoder) escapeText(u *Unit, s string) (string, bool) {
	if strings.HasPrefix(u.Kind, "attr:") || strings.HasPrefix(u.Kind, "meta:") {
		if e.unquoted[u.ID] && strings.ContainsAny(s, " \t\n\r\f\"'=<>`") {
			return "", false
		}
		return e.escape(s, true), true
	}
	return e.escape(s, false), true
}

// attrAnchors maps an attribute value to its source, each character
// reference anchored, when decoding reference by reference gives the value
// the tokenizer read; otherwise only its ends.
func attrAnchors(text, raw string) []anchor {
	ends := []anchor{{0, 0}, {len(text), len(raw)}}
	if !strings.Contains(raw, "&") {
		return ends
	}
	t := &unitText{}
	t.addDecoded(raw, 0, htmlEntityAt)
	if len(t.codes) > 0 || t.text.String() != text {
		return ends
	}
	return t.anchors
}
