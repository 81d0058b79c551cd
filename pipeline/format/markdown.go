package format

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
)

// DefaultFrontMatterFields returns the front-matter fields translated when
// MarkdownOptions.Fields is nil.
func DefaultFrontMatterFields() []string { return []string{"title", "summary", "description"} }

// neverTranslated are front-matter fields that name or place a page, or
// are data: translating them would break links, sorting or the build.
var neverTranslated = map[string]bool{
	"slug": true, "url": true, "permalink": true, "aliases": true, "alias": true, "date": true,
	"lastmod": true, "publishdate": true, "expirydate": true, "pubdate": true, "updated": true,
	"draft": true, "layout": true, "type": true, "weight": true, "id": true, "lang": true,
	"language": true, "translationkey": true, "canonical": true, "image": true, "cover": true,
}

// MarkdownOptions configure the Markdown parser.
type MarkdownOptions struct {
	// Fields names the top-level front-matter fields whose values are
	// translated; nil means DefaultFrontMatterFields. Only plain or quoted
	// one-line strings are translated: never dates, numbers, booleans, lists
	// or values that look like URLs, and never fields such as slug, url,
	// aliases, date or draft, whatever the list says.
	Fields []string
}

// Markdown parses CommonMark articles (with GFM tables and strikethrough)
// and their YAML (---) or TOML (+++) front matter. Headings, paragraphs,
// list items, table cells and link and image text are units; emphasis,
// links, code spans, inline HTML and hard line breaks are inline codes;
// code blocks, HTML blocks, URLs and everything else stay in the skeleton.
type Markdown struct {
	fields map[string]bool
	parser parser.Parser
	blocks parser.Parser // block structure only: where a body may be cut
	chunk  int           // body bytes goldmark parses at once (mdChunk)
}

// mdChunk is how much of a Markdown body goldmark parses at once: its
// syntax tree is some 25 times the text, so a body is parsed a run of
// top-level blocks at a time (see mdCuts).
const mdChunk = 256 << 10

// NewMarkdown returns a Markdown parser. It is safe for concurrent use.
func NewMarkdown(opts MarkdownOptions) *Markdown {
	fields := opts.Fields
	if fields == nil {
		fields = DefaultFrontMatterFields()
	}
	m := &Markdown{fields: map[string]bool{}}
	for _, f := range fields {
		if !neverTranslated[strings.ToLower(f)] {
			m.fields[f] = true
		}
	}
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	m.parser = md.Parser()
	m.blocks = parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))
	m.chunk = mdChunk
	return m
}

// Parse implements Parser.
func (m *Markdown) Parse(name string, src []byte) (*Document, error) {
	if err := CheckUTF8(name, src); err != nil {
		return nil, err
	}
	s := string(src)
	b := newBuilder(name, "md", s)
	fm := splitFrontMatter(s)
	enc := &mdEncoder{front: fm.kind, titles: map[string]byte{}, blocks: map[string]blockStyle{}}
	b.doc.Encoder = enc
	if fm.kind != "" {
		if err := m.frontMatter(b, fm); err != nil {
			return nil, err
		}
	}
	body := src[fm.end:]
	cuts, refs := m.cuts(body)
	for i := 0; i+1 < len(cuts); i++ {
		// Every chunk knows the link reference definitions of the whole
		// body, as one parse of it would.
		ctx := parser.NewContext()
		for _, r := range refs {
			ctx.AddReference(r)
		}
		root := m.parser.Parse(text.NewReader(body[cuts[i]:cuts[i+1]]), parser.WithContext(ctx))
		m.walk(root, &mdWalker{b: b, src: s, off: fm.end + cuts[i], enc: enc})
	}
	doc := b.finish()
	if b.err != nil {
		return nil, b.err
	}
	return doc, nil
}

// cuts returns where body may be cut into chunks of about m.chunk bytes
// that goldmark parses to the blocks one parse of the whole body makes
// (from 0 to len(body)), and the body's link reference definitions. A
// cut is at the end of the line of a top-level block's last text when
// only blank lines lie between it and the next block's first line: a
// fence, a marker line or a definition there (what has no text of its
// own in the block structure) keeps the blocks together.
func (m *Markdown) cuts(body []byte) ([]int, []parser.Reference) {
	cuts := []int{0}
	if len(body) <= m.chunk {
		return append(cuts, len(body)), nil
	}
	ctx := parser.NewContext()
	root := m.blocks.Parse(text.NewReader(body), parser.WithContext(ctx))
	prevEnd := -1 // end of the line of the last text of the block before
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		lo, hi, ok := blockRange(n)
		if !ok {
			prevEnd = -1 // a block of no text: no cut after the one before
			continue
		}
		start := lo
		for start > 0 && body[start-1] != '\n' {
			start--
		}
		if prevEnd >= 0 && prevEnd < start && start-cuts[len(cuts)-1] >= m.chunk && blankLines(body[prevEnd:start]) {
			cuts = append(cuts, prevEnd)
		}
		prevEnd = hi
		if prevEnd > 0 && body[prevEnd-1] != '\n' {
			if i := bytes.IndexByte(body[prevEnd:], '\n'); i >= 0 {
				prevEnd += i + 1
			} else {
				prevEnd = len(body)
			}
		}
	}
	return append(cuts, len(body)), ctx.References()
}

// blockRange returns the smallest start and the largest stop of the text
// segments of n and the blocks in it.
func blockRange(n ast.Node) (lo, hi int, ok bool) {
	add := func(seg text.Segment) {
		if seg.Start < 0 || seg.Stop < seg.Start {
			return
		}
		if !ok || seg.Start < lo {
			lo = seg.Start
		}
		if !ok || seg.Stop > hi {
			hi = seg.Stop
		}
		ok = true
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if c.Type() == ast.TypeBlock {
			lines := c.Lines()
			for i := range lines.Len() {
				add(lines.At(i))
			}
		}
		switch c := c.(type) {
		case *ast.Text:
			add(c.Segment)
		case *ast.FencedCodeBlock:
			if c.Info != nil {
				add(c.Info.Segment)
			}
		case *ast.HTMLBlock:
			if c.HasClosure() {
				add(c.ClosureLine)
			}
		}
		return ast.WalkContinue, nil
	})
	return lo, hi, ok
}

// blankLines reports whether b holds only blank lines (spaces and tabs).
func blankLines(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// walk turns the leaf blocks of root, a chunk's syntax tree, into units.
func (m *Markdown) walk(root ast.Node, w *mdWalker) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			w.leaf(n, "heading")
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph:
			w.leaf(n, "paragraph")
			return ast.WalkSkipChildren, nil
		case *ast.TextBlock:
			w.leaf(n, "list-item")
			return ast.WalkSkipChildren, nil
		case *east.TableCell:
			w.leaf(n, "table-cell")
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// mdWalker turns goldmark leaf blocks into units.
type mdWalker struct {
	b   *builder
	src string // the whole file
	off int    // offset of the Markdown body (after front matter) in src
	enc *mdEncoder
}

type mdEventKind uint8

const (
	evText mdEventKind = iota
	evOpen
	evClose
	evSingle
)

// mdEvent is one inline item of a leaf block, in document order. Text,
// Open and Single events know where they start; a Close knows its length
// only when fixed (emphasis), otherwise it is measured in the source.
type mdEvent struct {
	kind       mdEventKind
	start, end int    // text and single: exact range; open: start and start+fixed
	fixed      int    // close: length, or -1 for a link tail
	open       int    // close: index of its open event
	title      []byte // close of a link or image: its title, as goldmark read it
}

func (w *mdWalker) leaf(n ast.Node, kind string) {
	lines := n.Lines()
	if lines == nil || lines.Len() == 0 {
		return
	}
	start := lines.At(0).Start + w.off
	end := lines.At(lines.Len()-1).Stop + w.off
	if start < 0 || end > len(w.src) || start > end {
		return
	}
	for start < end && (w.src[start] == ' ' || w.src[start] == '\t') {
		start++
	}
	for end > start && isSpaceByte(w.src[end-1]) {
		end--
	}
	var evs []mdEvent
	if !w.events(n, &evs) {
		return
	}
	// A shortcut or collapsed reference link ([label], [label][]) is named
	// by its text: translating the text would break the link, so such a link
	// is one standalone code.
	frozen := map[int]int{}
	t, last, ok := w.resolve(evs, start, end, frozen)
	if ok && len(frozen) > 0 {
		t, last, ok = w.resolve(evs, start, end, frozen)
	}
	if ok && t.full {
		w.b.tooMany(start)
		return
	}
	if !ok || !t.translatable() {
		return
	}
	if last > end {
		end = last
	}
	if !w.b.unit(start, end, Unit{Kind: kind, Text: t.text.String(), Codes: t.codes, anchors: t.relative(start), wrap: t.wrap}) {
		return
	}
	// Link and image titles are units of their own, held in their codes.
	holder := len(w.b.doc.Units) - 1
	for _, h := range t.held {
		ht := &unitText{}
		ht.addDecoded(w.src[h.start:h.end], h.start, markdownEscapeAt)
		if len(ht.codes) > 0 || !translatableValue(ht.text.String()) {
			continue
		}
		u := Unit{Kind: h.kind, Text: ht.text.String(), anchors: ht.relative(h.start)}
		if w.b.nested(holder, start, h.code, h.data, h.start, h.end, u) {
			w.enc.titles[w.b.doc.Units[len(w.b.doc.Units)-1].ID] = w.src[h.start-1]
		}
	}
}

// linkTitleRange finds the title in the closing part of a link or image
// ("](dest "title")"): the range of its text inside the quotes, when it
// reads as goldmark read the title.
func linkTitleRange(data string, title []byte) (int, int, bool) {
	if len(data) < 4 || data[len(data)-1] != ')' {
		return 0, 0, false
	}
	j := len(data) - 2
	for j > 0 && isSpaceByte(data[j]) {
		j--
	}
	closeQ := data[j]
	openQ := closeQ
	switch closeQ {
	case '"', '\'':
	case ')':
		openQ = '('
	default:
		return 0, 0, false
	}
	for k := j - 1; k > 1; k-- {
		if data[k] != openQ || data[k-1] == '\\' || !isSpaceByte(data[k-1]) {
			continue
		}
		raw := data[k+1 : j]
		t := &unitText{}
		t.addDecoded(raw, 0, markdownEscapeAt)
		if raw == string(title) || t.text.String() == string(title) {
			return k + 1, j, true
		}
		return 0, 0, false
	}
	return 0, 0, false
}

// events lists the inline items under n; false when n holds something
// this parser does not place exactly (the block then stays untranslated).
func (w *mdWalker) events(n ast.Node, evs *[]mdEvent) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			*evs = append(*evs, mdEvent{kind: evText, start: c.Segment.Start + w.off, end: c.Segment.Stop + w.off})
		case *ast.Emphasis:
			if !w.pair(c, c.Level, c.Level, evs) {
				return false
			}
		case *east.Strikethrough:
			p := c.Pos() + w.off
			k := 0
			for p >= w.off && p+k < len(w.src) && w.src[p+k] == '~' {
				k++
			}
			if k == 0 || !w.pair(c, k, k, evs) {
				return false
			}
		case *ast.Link:
			if !w.pair(c, 1, -1, evs) {
				return false
			}
			(*evs)[len(*evs)-1].title = c.Title
		case *ast.Image:
			if !w.pair(c, 2, -1, evs) {
				return false
			}
			(*evs)[len(*evs)-1].title = c.Title
		case *ast.CodeSpan:
			p := c.Pos() + w.off
			e := codeSpanEnd(w.src, p)
			if p < w.off || e < 0 {
				return false
			}
			*evs = append(*evs, mdEvent{kind: evSingle, start: p, end: e})
		case *ast.AutoLink:
			p := c.Pos() + w.off
			if p < w.off || p >= len(w.src) || w.src[p] != '<' {
				return false
			}
			e := strings.IndexByte(w.src[p:], '>')
			if e < 0 {
				return false
			}
			*evs = append(*evs, mdEvent{kind: evSingle, start: p, end: p + e + 1})
		case *ast.RawHTML:
			if c.Segments == nil || c.Segments.Len() == 0 {
				return false
			}
			*evs = append(*evs, mdEvent{kind: evSingle,
				start: c.Segments.At(0).Start + w.off, end: c.Segments.At(c.Segments.Len()-1).Stop + w.off})
		default:
			return false
		}
	}
	return true
}

// pair adds an open event of openLen bytes at n's position, n's children,
// and a close event (closeLen bytes, or -1 for a link tail).
func (w *mdWalker) pair(n ast.Node, openLen, closeLen int, evs *[]mdEvent) bool {
	p := n.Pos()
	if p < 0 {
		return false
	}
	p += w.off
	open := len(*evs)
	*evs = append(*evs, mdEvent{kind: evOpen, start: p, end: p + openLen})
	if !w.events(n, evs) {
		return false
	}
	*evs = append(*evs, mdEvent{kind: evClose, fixed: closeLen, open: open})
	return true
}

// resolve walks the events over src[start:end], building the unit text.
// It returns the offset where the last event ended.
// Reference links found by name are added to frozen (open event index to
// the link's end) for the caller to resolve again with them as single codes.
func (w *mdWalker) resolve(evs []mdEvent, start, end int, frozen map[int]int) (*unitText, int, bool) {
	t := &unitText{}
	cur := start
	ids := make([]int, len(evs)) // code id of open events
	closeOf := make([]int, len(evs))
	for i, e := range evs {
		if e.kind == evClose {
			closeOf[e.open] = i
		}
	}
	refresh := len(frozen) == 0
	for i := 0; i < len(evs); i++ {
		e := evs[i]
		if fe, ok := frozen[i]; ok && !refresh {
			if e.start < cur || fe < e.start || fe > len(w.src) || !w.gap(t, cur, e.start) {
				return nil, 0, false
			}
			t.at(e.start)
			t.code(Standalone, w.src[e.start:fe])
			cur = fe
			i = closeOf[i]
			continue
		}
		switch e.kind {
		case evText, evSingle, evOpen:
			if e.start < cur || e.end < e.start || e.end > len(w.src) {
				return nil, 0, false
			}
			if !w.gap(t, cur, e.start) {
				return nil, 0, false
			}
			t.at(e.start)
			switch e.kind {
			case evText:
				t.addDecoded(w.src[e.start:e.end], e.start, markdownEscapeAt)
			case evSingle:
				t.code(Standalone, w.src[e.start:e.end])
			default:
				ids[i] = t.code(Open, w.src[e.start:e.end])
			}
			cur = e.end
			t.at(cur)
		case evClose:
			n := e.fixed
			if n < 0 {
				n = linkTail(w.src, cur)
			}
			if n <= 0 || cur+n > len(w.src) {
				return nil, 0, false
			}
			if e.fixed > 0 { // an emphasis closer repeats its opener's character
				c := w.src[evs[e.open].start]
				for k := cur; k < cur+n; k++ {
					if w.src[k] != c {
						return nil, 0, false
					}
				}
			}
			data := w.src[cur : cur+n]
			if e.fixed < 0 && (data == "]" || data == "][]") {
				frozen[e.open] = cur + n
			}
			t.at(cur)
			id := t.code(Close, data)
			t.pair(ids[e.open], id)
			if len(e.title) > 0 {
				if ts, te, ok := linkTitleRange(data, e.title); ok {
					t.held = append(t.held, heldText{code: id, data: ts, start: cur + ts, end: cur + te, kind: "link-title"})
				}
			}
			cur += n
			t.at(cur)
		}
	}
	if cur < end && !w.gap(t, cur, end) {
		return nil, 0, false
	}
	if cur < end {
		cur = end
	}
	t.at(cur)
	return t, cur, true
}

// gap handles source bytes between inline items: a soft line break (with
// the next line's container prefix) reads as one space, a hard line break
// and anything else that is not white space become standalone codes.
func (w *mdWalker) gap(t *unitText, from, to int) bool {
	if from > to {
		return false
	}
	if from == to {
		return true
	}
	t.at(from)
	defer t.at(to)
	g := w.src[from:to]
	nl := strings.IndexByte(g, '\n')
	switch {
	case strings.TrimSpace(g) != "" && nl < 0:
		t.code(Standalone, g)
	case nl < 0:
		t.add(g)
	case strings.TrimLeft(g[:nl], " \t\r") == "" && !strings.HasPrefix(g, "  "):
		t.add(" ")
		if t.wrap == "" {
			t.wrap = g[nl:] // the line break and the next line's container prefix
		}
	default: // hard break, or a container prefix such as "> " with a marker
		t.code(Standalone, g)
	}
	return true
}

// codeSpanEnd returns the end of the code span starting at src[p] with a
// run of backticks: the end of the next run of exactly as many backticks
// (the CommonMark rule). It returns -1 when there is none.
func codeSpanEnd(src string, p int) int {
	if p < 0 || p >= len(src) || src[p] != '`' {
		return -1
	}
	n := 0
	for p+n < len(src) && src[p+n] == '`' {
		n++
	}
	i := p + n
	for i < len(src) {
		j := strings.IndexByte(src[i:], '`')
		if j < 0 {
			return -1
		}
		i += j
		k := 0
		for i+k < len(src) && src[i+k] == '`' {
			k++
		}
		if k == n {
			return i + k
		}
		i += k
	}
	return -1
}

// linkTail measures the closing part of a link or image at src[i:]: "]"
// followed by an inline destination "(…)", a reference "[…]", or nothing.
// goldmark records where a link starts but not where it ends, hence this
// small scanner; the result is only used to split bytes between codes, and
// rendering an unchanged unit writes its source bytes whatever it says.
func linkTail(src string, i int) int {
	if i >= len(src) || src[i] != ']' {
		return -1
	}
	j := i + 1
	if j < len(src) && src[j] == '(' {
		depth := 0
		var quote byte
		angle := false
		for j++; j < len(src); j++ {
			c := src[j]
			switch {
			case c == '\\':
				j++
			case quote != 0:
				if c == quote || (quote == '(' && c == ')') {
					quote = 0
				}
			case angle:
				if c == '>' {
					angle = false
				}
			case c == '<' && isSpaceByte(src[j-1]) || c == '<' && src[j-1] == '(':
				angle = true
			case (c == '"' || c == '\'') && isSpaceByte(src[j-1]):
				quote = c
			case c == '(' && isSpaceByte(src[j-1]):
				quote = '('
			case c == '(':
				depth++
			case c == ')':
				if depth == 0 {
					return j + 1 - i
				}
				depth--
			}
		}
		return -1
	}
	if j < len(src) && src[j] == '[' {
		for k := j + 1; k < len(src); k++ {
			switch src[k] {
			case '\\':
				k++
			case ']':
				return k + 1 - i
			case '[':
				return 1
			}
		}
	}
	return 1
}

// markdownEscapeAt decodes a backslash escape or an entity reference at the
// start of s, as a renderer would, so the engine sees the characters.
// goldmark keeps them raw in text segments and only resolves them while
// rendering HTML, hence this small decoder.
func markdownEscapeAt(s string) (int, string) {
	switch {
	case len(s) >= 2 && s[0] == '\\' && isASCIIPunct(s[1]):
		return 2, s[1:2]
	case len(s) > 0 && s[0] == '&':
		if n := entityLen(s); n > 0 {
			if d := html.UnescapeString(s[:n]); d != s[:n] {
				return n, d
			}
		}
	}
	return 0, ""
}

// entityLen returns the length of an entity reference "&name;" or
// "&#…;" at the start of s, or 0.
func entityLen(s string) int {
	if len(s) < 3 || s[0] != '&' {
		return 0
	}
	for i := 1; i < len(s) && i < 40; i++ {
		c := s[i]
		switch {
		case c == ';':
			if i == 1 {
				return 0
			}
			return i + 1
		case c == '#' && i == 1, c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		default:
			return 0
		}
	}
	return 0
}

func isASCIIPunct(c byte) bool {
	return c < 0x80 && unicode.IsPunct(rune(c)) || strings.IndexByte("$+<=>^`|~", c) >= 0
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// mdEncoder writes translated units back as Markdown: text escaped so it
// stays text, codes as they were, front-matter values quoted.
type mdEncoder struct {
	front  string                // "yaml", "toml" or ""
	titles map[string]byte       // link-title units: the quote that opened them
	blocks map[string]blockStyle // front-matter block scalars
}

// blockStyle is how a front-matter block scalar is laid out.
type blockStyle struct {
	indent  string
	literal bool // |: lines are lines; >: lines fold into one paragraph
}

// Encode implements Encoder.
func (e *mdEncoder) Encode(u *Unit, text string) (string, error) {
	text, _ = u.RepairCodes(text)
	if bs, ok := e.blocks[u.ID]; ok {
		// A block scalar stays one: a literal one line for line, a folded
		// one as one line (it folds to the same value).
		text = strings.TrimSpace(stripCodes(text))
		if !bs.literal {
			text = strings.Join(strings.Fields(text), " ")
		}
		lines := strings.Split(text, "\n")
		for i, l := range lines {
			// The first line's indentation is in the skeleton.
			if l = strings.TrimRight(l, " \t\r"); l != "" && i > 0 {
				lines[i] = bs.indent + strings.TrimLeft(l, " \t")
			} else {
				lines[i] = strings.TrimLeft(l, " \t")
			}
		}
		return strings.Join(lines, "\n"), nil
	}
	if strings.HasPrefix(u.Kind, "meta:") {
		if e.front == "toml" {
			return tomlQuote(stripCodes(text)), nil
		}
		return yamlQuote(stripCodes(text)), nil
	}
	if q, ok := e.titles[u.ID]; ok {
		return escapeTitle(stripCodes(text), q), nil
	}
	text = strings.TrimFunc(shiftSpaceOut(u, text), unicode.IsSpace)
	table := u.Kind == "table-cell"
	// Text starts a line at the start of the unit and after a hard line
	// break, where list and heading markers would count.
	// A line break in the text (where the source broke the line between
	// two sentences, see Unit.Layout) is written as the source's soft line
	// break with its container prefix; without one, as a space.
	if strings.ContainsAny(text, "\n\r") {
		text = collapseBreaks(text)
	}
	var b strings.Builder
	lineStart := true
	start := 0
	for i, r := range text {
		id, ok := IsCodeRune(r)
		if !ok && r != '\n' {
			continue
		}
		b.WriteString(escapeMarkdown(text[start:i], lineStart, table))
		start = i + utf8.RuneLen(r)
		switch {
		case !ok && u.wrap != "" && u.Kind != "heading" && !table:
			b.WriteString(u.wrap)
			lineStart = true
		case !ok:
			b.WriteByte(' ')
			lineStart = false
		case id < len(u.Codes):
			b.WriteString(u.Codes[id].Data)
			lineStart = strings.Contains(u.Codes[id].Data, "\n")
		}
	}
	b.WriteString(escapeMarkdown(text[start:], lineStart, table))
	return b.String(), nil
}

// collapseBreaks writes each run of white space holding a line break as
// one "\n": a blank line would end the paragraph, and spaces at the start
// of a line could make code.
func collapseBreaks(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, m := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsSpace(r) {
				break
			}
			j += m
		}
		if strings.ContainsAny(s[i:j], "\n\r") {
			b.WriteByte('\n')
		} else {
			b.WriteString(s[i:j])
		}
		i = j
	}
	return b.String()
}

// escapeMarkdown escapes s so that it reads as plain text in Markdown,
// and escapes only what would be read as markup where it stands: a
// backslash before punctuation, backticks and brackets, * _ ~ that could
// open or close emphasis (not an underscore inside a word, nor a star
// between spaces), < that could open a tag or an autolink, an entity
// reference, # that would make or close a heading, | in a table cell, and
// at the start of a line the markers of lists, headings and quotes. The
// runes just outside s are unknown (a code or the unit's edge) and count as
// neither space nor word. lineStart says s begins a line.
func escapeMarkdown(s string, lineStart, table bool) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	if lineStart {
		lead := len(s) - len(strings.TrimLeft(s, " \t"))
		b.WriteString(s[:lead])
		s = s[lead:]
		// "1." or "1)" would start an ordered list, "-", "+" a bullet list.
		i := 0
		for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
			b.WriteString(s[:i])
			b.WriteByte('\\')
			s = s[i:]
		} else if len(s) > 0 && strings.IndexByte("-+=#>", s[0]) >= 0 {
			b.WriteByte('\\')
			b.WriteByte(s[0])
			s = s[1:]
		}
	}
	const unknown = -1
	prev := rune(unknown)
	if lineStart {
		prev = ' '
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		next := rune(unknown)
		if i+n < len(s) {
			next, _ = utf8.DecodeRuneInString(s[i+n:])
		}
		isSpace := func(c rune) bool { return c != unknown && unicode.IsSpace(c) }
		isWord := func(c rune) bool { return c != unknown && (unicode.IsLetter(c) || unicode.IsDigit(c)) }
		esc := false
		switch r {
		case '\r':
			r, n = ' ', 1
		case '\\':
			esc = next == unknown || next < 0x80 && isASCIIPunct(byte(next))
		case '`', '[', ']':
			esc = true
		case '*', '~':
			esc = !(isSpace(prev) && isSpace(next))
		case '_':
			esc = !(isWord(prev) && isWord(next)) && !(isSpace(prev) && isSpace(next))
		case '<':
			esc = next == unknown || unicode.IsLetter(next) || next == '/' || next == '!' || next == '?'
		case '&':
			esc = entityLen(s[i:]) > 0
		case '#':
			// A closing sequence of a heading: #s after a space, then only
			// spaces or #s to the end.
			esc = isSpace(prev) && strings.TrimRight(s[i:], "# \t") == "" || prev == unknown
		case '|':
			esc = table
		}
		if esc {
			b.WriteByte('\\')
		}
		if r == ' ' && n == 1 && s[i] == '\r' {
			b.WriteByte(' ')
		} else {
			b.WriteString(s[i : i+n])
		}
		prev = r
		i += n
	}
	return b.String()
}

// shiftSpaceOut moves white space that follows an opening code or precedes
// a closing code to the outside of the pair: "** x **" is not emphasis in
// Markdown, "** x** " would lose it too, " **x** " keeps it.
func shiftSpaceOut(u *Unit, text string) string {
	isKind := func(c rune, k CodeKind) bool {
		id, ok := IsCodeRune(c)
		return ok && id < len(u.Codes) && u.Codes[id].Kind == k
	}
	need := false
	prev := rune(-1)
	for _, c := range text {
		if isKind(prev, Open) && unicode.IsSpace(c) || unicode.IsSpace(prev) && isKind(c, Close) {
			need = true
			break
		}
		prev = c
	}
	if !need {
		return text
	}
	return shiftSpaces(text, func(c rune) int {
		switch {
		case isKind(c, Open):
			return 1
		case isKind(c, Close):
			return -1
		}
		return 0
	})
}

// shiftSpaces moves each white space rune of text left past the opening
// codes before it or right past the closing codes after it, in one pass:
// what swapping neighbours ("open, space" and "space, close") until
// nothing changes ends with, without its quadratic time on a long run of
// codes and spaces. side tells opening codes (1) and closing ones (-1)
// from the rest (0). Swaps never cross two codes or two spaces, so the
// codes and other runes keep their order and the spaces theirs; a space
// goes left past the opening codes just before it (the scan that swaps
// left to right meets an opening code before the closing code after its
// spaces), else right past the closing codes just after it.
func shiftSpaces(text string, side func(rune) int) string {
	r := []rune(text)
	// The runes that are not spaces, and before which of them each space
	// is (len(toks) when after the last).
	var toks []rune
	var gaps []int
	for _, c := range r {
		if unicode.IsSpace(c) {
			gaps = append(gaps, len(toks))
		} else {
			toks = append(toks, c)
		}
	}
	// leftStop[g]: the first gap of the run of opening codes ending before
	// gap g; rightStop[g]: the last gap of the run of closing codes from it.
	leftStop := make([]int, len(toks)+1)
	for g := range leftStop {
		leftStop[g] = g
		if g > 0 && side(toks[g-1]) == 1 {
			leftStop[g] = leftStop[g-1]
		}
	}
	rightStop := make([]int, len(toks)+1)
	for g := len(toks); g >= 0; g-- {
		rightStop[g] = g
		if g < len(toks) && side(toks[g]) == -1 {
			rightStop[g] = rightStop[g+1]
		}
	}
	out := make([]rune, 0, len(r))
	next := 0 // the next token to write
	si := 0
	for _, c := range r {
		if !unicode.IsSpace(c) {
			continue
		}
		g := gaps[si]
		si++
		switch {
		case g > 0 && side(toks[g-1]) == 1:
			g = leftStop[g]
		case g < len(toks) && side(toks[g]) == -1:
			g = rightStop[g]
		}
		out = append(out, toks[next:g]...)
		next = max(next, g)
		out = append(out, c)
	}
	out = append(out, toks[next:]...)
	return string(out)
}

// escapeText implements textEscaper: a run of text in the middle of a line.
func (e *mdEncoder) escapeText(u *Unit, s string) (string, bool) {
	if _, ok := e.blocks[u.ID]; ok {
		return s, !strings.ContainsAny(s, "\n\r")
	}
	if strings.HasPrefix(u.Kind, "meta:") {
		// Inside a front-matter scalar, plain or quoted: only what needs no
		// quoting in any style is written in place.
		return s, !strings.ContainsFunc(s, func(r rune) bool {
			return r < 0x20 || r == 0x7f || strings.ContainsRune("\"'\\:#", r)
		})
	}
	if strings.ContainsAny(s, "\n\r") {
		return "", false
	}
	return escapeMarkdown(s, false, u.Kind == "table-cell"), true
}

// escapeTitle writes a link title for the quotes it stands in (" ' or
// parentheses): backslashes and those quotes escaped, nothing else.
func escapeTitle(s string, open byte) string {
	special := `\` + string(open)
	if open == '(' {
		special += ")"
	}
	var b strings.Builder
	for _, r := range s {
		if r == '\n' || r == '\r' {
			r = ' '
		}
		if r < 0x80 && strings.ContainsRune(special, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
