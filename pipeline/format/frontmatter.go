package format

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2/unstable"
	yaml "go.yaml.in/yaml/v3"
)

// frontMatter locates a front-matter block at the start of a Markdown file.
type frontMatter struct {
	kind         string // "yaml", "toml" or "" when there is none
	content, end int    // content start (after the opening line); end of the block
	contentEnd   int    // start of the closing line
}

// splitFrontMatter finds a "---" (YAML) or "+++" (TOML) block opening the
// file (after an optional byte-order mark). Without one, end is where the
// body starts: after the byte-order mark, if any. goldmark would read "---" as a
// thematic break, so the block is split off before the body is parsed.
func splitFrontMatter(s string) frontMatter {
	pos := 0
	if strings.HasPrefix(s, bom) {
		pos = len(bom)
	}
	first := lineEnd(s, pos)
	open := strings.TrimRight(s[pos:first], " \t\r\n")
	var kind string
	var closers []string
	switch open {
	case "---":
		kind, closers = "yaml", []string{"---", "..."}
	case "+++":
		kind, closers = "toml", []string{"+++"}
	default:
		return frontMatter{end: pos}
	}
	if first == len(s) || s[first-1] != '\n' {
		return frontMatter{end: pos}
	}
	for at := first; at < len(s); {
		next := lineEnd(s, at)
		line := strings.TrimRight(s[at:next], " \t\r\n")
		for _, c := range closers {
			if line == c {
				return frontMatter{kind: kind, content: first, contentEnd: at, end: next}
			}
		}
		at = next
	}
	return frontMatter{end: pos}
}

// frontMatter adds the front matter's translatable fields and language
// declaration to b.
func (m *Markdown) frontMatter(b *builder, fm frontMatter) error {
	content := b.src[fm.content:fm.contentEnd]
	if fm.kind == "toml" {
		return m.tomlFields(b, fm, content)
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(content), &root); err != nil {
		return &ParseError{File: b.doc.Name, Line: b.lineAt(fm.content), Err: fmt.Errorf("YAML front matter: %w", err)}
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	mp := root.Content[0].Content
	for i := 0; i+1 < len(mp); i += 2 {
		k, v := mp[i], mp[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode || v.Tag != "!!str" || v.Anchor != "" {
			continue
		}
		isLang := k.Value == "lang"
		if !isLang && (!m.fields[k.Value] || !translatableValue(v.Value)) {
			continue
		}
		if !isLang && (v.Style == yaml.LiteralStyle || v.Style == yaml.FoldedStyle) {
			m.blockScalar(b, fm, content, k.Value, v)
			continue
		}
		start, end, ok := yamlScalarRange(content, v)
		if !ok {
			continue
		}
		start += fm.content
		end += fm.content
		if isLang {
			inner := b.src[start:end]
			if v.Style != yaml.TaggedStyle && v.Style != 0 {
				inner = inner[1 : len(inner)-1]
				start, end = start+1, end-1
			}
			if inner == v.Value && b.lang(start, end) {
				b.doc.Lang = v.Value
			}
			continue
		}
		b.unit(start, end, Unit{Kind: "meta:" + k.Value, Text: v.Value, anchors: quotedAnchors(v.Value, b.src[start:end])})
	}
	return nil
}

// blockScalar adds a literal (|) or folded (>) block scalar as a unit: its
// content lines, from the first one's text to the end of the last, each
// line anchored. A folded scalar is taken only when its lines are
// plain (no blank or more-indented lines, which fold differently).
func (m *Markdown) blockScalar(b *builder, fm frontMatter, content, key string, v *yaml.Node) {
	p := lineColOffset(content, v.Line, v.Column)
	if p < 0 {
		return
	}
	first := lineEnd(content, p)
	head := strings.TrimRight(content[p:first], " \t\r\n")
	if i := strings.Index(head, " #"); i >= 0 {
		head = strings.TrimRight(head[:i], " \t")
	}
	if head != "|" && head != ">" && head != "|-" && head != ">-" {
		return // indentation indicators and keep-chomping stay as they are
	}
	want := strings.TrimRight(v.Value, "\n")
	var lines [][2]int // content ranges in content
	indent := -1
	for at := first; at < len(content); {
		e := lineEnd(content, at)
		line := strings.TrimRight(content[at:e], "\r\n")
		n := len(line) - len(strings.TrimLeft(line, " "))
		if strings.TrimSpace(line) == "" {
			return // blank lines inside the block: left as they are
		}
		if indent < 0 {
			indent = n
		}
		if n < indent || indent == 0 {
			break
		}
		lines = append(lines, [2]int{at + indent, at + len(line)})
		at = e
	}
	if len(lines) == 0 {
		return
	}
	sep := "\n"
	if head[0] == '>' {
		sep = " "
	}
	t := &unitText{}
	for i, ln := range lines {
		if i > 0 {
			t.at(lines[i-1][1] + fm.content)
			t.text.WriteString(sep)
		}
		if sep == " " && content[ln[0]] == ' ' {
			return // a more-indented line of a folded scalar keeps its break
		}
		t.at(ln[0] + fm.content)
		t.text.WriteString(content[ln[0]:ln[1]])
	}
	t.at(lines[len(lines)-1][1] + fm.content)
	if t.text.String() != want || !translatableValue(want) {
		return
	}
	start := lines[0][0] + fm.content // the first line's indentation stays in the skeleton
	end := lines[len(lines)-1][1] + fm.content
	if b.unit(start, end, Unit{Kind: "meta:" + key, Text: want, anchors: t.relative(start)}) {
		if enc, ok := b.doc.Encoder.(*mdEncoder); ok {
			enc.blocks[b.doc.Units[len(b.doc.Units)-1].ID] = blockStyle{indent: strings.Repeat(" ", indent), literal: sep == "\n"}
		}
	}
}

// yamlScalarRange returns the byte range in content of a one-line plain,
// single- or double-quoted scalar (quotes included), checked by decoding it
// again.
func yamlScalarRange(content string, v *yaml.Node) (int, int, bool) {
	p := lineColOffset(content, v.Line, v.Column)
	if p < 0 || p >= len(content) {
		return 0, 0, false
	}
	end := -1
	switch v.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		q := content[p]
		if (q != '"' && q != '\'') || (q == '"') != (v.Style == yaml.DoubleQuotedStyle) {
			return 0, 0, false
		}
		for j := p + 1; j < len(content); j++ {
			c := content[j]
			if c == '\n' {
				return 0, 0, false
			}
			if q == '"' && c == '\\' {
				j++
				continue
			}
			if c == q {
				if q == '\'' && j+1 < len(content) && content[j+1] == '\'' {
					j++
					continue
				}
				end = j + 1
				break
			}
		}
	case 0:
		e := lineEnd(content, p)
		line := content[p:e]
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		end = p + len(strings.TrimRight(line, " \t\r\n"))
		if content[p:end] != v.Value {
			return 0, 0, false
		}
		return p, end, true
	default:
		return 0, 0, false
	}
	if end < 0 {
		return 0, 0, false
	}
	var got string
	if err := yaml.Unmarshal([]byte(content[p:end]), &got); err != nil || got != v.Value {
		return 0, 0, false
	}
	return p, end, true
}

// lineColOffset converts a 1-based line and rune column to a byte offset.
func lineColOffset(s string, line, col int) int {
	p := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(s[p:], '\n')
		if i < 0 {
			return -1
		}
		p += i + 1
	}
	for c := 1; c < col; c++ {
		if p >= len(s) || s[p] == '\n' {
			return -1
		}
		_, n := utf8.DecodeRuneInString(s[p:])
		p += n
	}
	return p
}

func (m *Markdown) tomlFields(b *builder, fm frontMatter, content string) error {
	var p unstable.Parser
	p.Reset([]byte(content))
	for p.NextExpression() {
		e := p.Expression()
		if e.Kind == unstable.Table || e.Kind == unstable.ArrayTable {
			break // only top-level keys are fields
		}
		if e.Kind != unstable.KeyValue {
			continue
		}
		var parts []string
		for it := e.Key(); it.Next(); {
			parts = append(parts, string(it.Node().Data))
		}
		v := e.Value()
		if len(parts) != 1 || v == nil || v.Kind != unstable.String {
			continue
		}
		key, val := parts[0], string(v.Data)
		isLang := key == "lang"
		if !isLang && (!m.fields[key] || !translatableValue(val)) {
			continue
		}
		raw := string(p.Raw(v.Raw))
		if len(raw) < 2 || strings.HasPrefix(raw, `"""`) || strings.HasPrefix(raw, "'''") {
			continue
		}
		start := fm.content + int(v.Raw.Offset)
		end := start + len(raw)
		if isLang {
			if raw[1:len(raw)-1] == val && b.lang(start+1, end-1) {
				b.doc.Lang = val
			}
			continue
		}
		b.unit(start, end, Unit{Kind: "meta:" + key, Text: val, anchors: quotedAnchors(val, raw)})
	}
	if err := p.Error(); err != nil {
		return &ParseError{File: b.doc.Name, Line: b.lineAt(fm.content), Err: fmt.Errorf("TOML front matter: %w", err)}
	}
	return nil
}

// translatableValue refuses values that are not prose: empty, without a
// letter, or looking like a URL or path.
func translatableValue(s string) bool {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" || strings.Contains(t, "://") || strings.HasPrefix(t, "/") || strings.HasPrefix(t, "www.") ||
		strings.HasPrefix(t, "mailto:") || !strings.ContainsFunc(t, unicode.IsLetter) || strings.ContainsFunc(t, isCodeRuneFunc) {
		return false
	}
	return true
}

func isCodeRuneFunc(r rune) bool { _, ok := IsCodeRune(r); return ok }

// yamlQuote writes s as a YAML double-quoted scalar.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02X`, r)
		case r == 0x85:
			b.WriteString(`\N`)
		case r == 0x2028:
			b.WriteString(`\L`)
		case r == 0x2029:
			b.WriteString(`\P`)
		case r >= 0x80 && r < 0xA0, r == 0xFEFF, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// tomlQuote writes s as a TOML basic string.
func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// quotedAnchors maps a front-matter value to its source, quotes and all.
func quotedAnchors(text, raw string) []anchor {
	if len(raw) >= 2 && (raw[0] == '"' || raw[0] == '\'') {
		return []anchor{{0, 1}, {len(text), len(raw) - 1}}
	}
	return []anchor{{0, 0}, {len(text), len(raw)}}
}
