package format

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/text/language"
)

// Where the machine-translation notice goes, by format. These names are
// part of what users style and parse: keep them stable.
const (
	// NoticeClass is the class of the HTML notice element.
	NoticeClass = "locpipe-notice"
	// NoticeField is the Markdown front-matter field that holds the notice.
	NoticeField = "translation_notice"
)

// PlaceNotice adds a notice (its text, written in lang) to a rendered
// edition of the format formatName:
//
//   - txt: a last paragraph, after a blank line (the first line of a text
//     article is its title, so the notice goes at the end);
//   - md: a translation_notice field in the front matter, YAML (---) or TOML
//     (+++), quoted; without front matter, a last paragraph in emphasis;
//   - html: <p class="locpipe-notice" lang="…">…</p> as the first child of
//     the first <article>, else right after <body>, else at the top of the
//     fragment.
//
// An edition that already carries the notice is returned unchanged; the
// rest of the edition is kept byte for byte. Another format is an
// ErrUnknownFormat error.
func PlaceNotice(formatName string, edition []byte, text string, lang language.Tag) ([]byte, error) {
	switch formatName {
	case "txt":
		return appendParagraph(edition, text), nil
	case "md":
		return noticeMarkdown(edition, text), nil
	case "html":
		return noticeHTML(edition, text, lang)
	}
	return nil, fmt.Errorf("%w %q: no notice placement", ErrUnknownFormat, formatName)
}

// lineEnding returns the line ending edition uses.
func lineEnding(edition []byte) string {
	if i := bytes.IndexByte(edition, '\n'); i > 0 && edition[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// appendParagraph adds text as a last paragraph, after exactly one blank
// line; the edition itself is kept as it is.
func appendParagraph(edition []byte, text string) []byte {
	nl := lineEnding(edition)
	body := bytes.TrimRight(edition, " \t\r\n")
	if bytes.HasSuffix(body, []byte(text)) {
		return edition
	}
	out := make([]byte, 0, len(edition)+len(text)+2*len(nl))
	out = append(out, edition...)
	if len(body) > 0 {
		if !bytes.HasSuffix(out, []byte("\n")) {
			out = append(out, nl...)
		}
		if !endsWithBlankLine(out) {
			out = append(out, nl...)
		}
	}
	out = append(out, text...)
	return append(out, nl...)
}

// endsWithBlankLine reports whether b, which ends with a newline, ends with a
// line holding nothing but white space.
func endsWithBlankLine(b []byte) bool {
	t := bytes.TrimRight(b[:len(b)-1], "\r")
	i := bytes.LastIndexByte(t, '\n')
	return i >= 0 && len(bytes.TrimSpace(t[i+1:])) == 0
}

// noticeMarkdown puts the notice in the front matter (found by the rule the
// Markdown parser follows, splitFrontMatter), or in a last paragraph.
func noticeMarkdown(edition []byte, text string) []byte {
	fm := splitFrontMatter(string(edition))
	if fm.kind == "" {
		para := "*" + escapeNotice(text) + "*"
		return appendParagraph(edition, para)
	}
	toml := fm.kind == "toml"
	nl := lineEnding(edition)
	var line string
	if toml {
		line = NoticeField + " = " + quoteScalar(text) + nl
	} else {
		line = NoticeField + ": " + quoteScalar(text) + nl
	}
	// An existing top-level field is replaced (an edition of an edition).
	if start, end, ok := frontMatterField(edition, fm, NoticeField); ok {
		return splice(edition, start, end, line)
	}
	// TOML: right after the opening line, before any [table] header would
	// capture the key. YAML: before the closing line.
	at := fm.contentEnd
	if toml {
		at = fm.content
	}
	if at > 0 && edition[at-1] != '\n' {
		line = nl + line
	}
	return splice(edition, at, at, line)
}

func splice(b []byte, start, end int, s string) []byte {
	out := make([]byte, 0, len(b)-(end-start)+len(s))
	out = append(out, b[:start]...)
	out = append(out, s...)
	return append(out, b[end:]...)
}

// frontMatterField finds a top-level line "name:" (YAML) or "name =" (TOML,
// before the first table) in the front matter and returns its byte range,
// line end included.
func frontMatterField(b []byte, fm frontMatter, name string) (int, int, bool) {
	s := string(b)
	for at := fm.content; at < fm.contentEnd; {
		next := lineEnd(s, at)
		line := s[at:next]
		if fm.kind == "toml" && strings.HasPrefix(line, "[") {
			return 0, 0, false
		}
		if rest, ok := strings.CutPrefix(line, name); ok {
			rest = strings.TrimLeft(rest, " \t")
			if (fm.kind == "yaml" && strings.HasPrefix(rest, ":")) || (fm.kind == "toml" && strings.HasPrefix(rest, "=")) {
				return at, next, true
			}
		}
		at = next
	}
	return 0, 0, false
}

// quoteScalar writes s as a double-quoted YAML or TOML (basic) string: the
// escapes both share (\\ \" \uXXXX), control characters and line
// separators escaped, everything else as it is.
func quoteScalar(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\' || r == '"':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || r == 0x2028 || r == 0x2029 || r == 0xFEFF:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// escapeNotice backslash-escapes the ASCII punctuation that could start
// Markdown syntax inside the notice paragraph.
func escapeNotice(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>&!#|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// noticeHTML inserts the notice element. The tokenizer (not a search for
// "<body") finds the tags, so comments, scripts and attribute values cannot
// fool it; the rest of the document is kept byte for byte.
func noticeHTML(edition []byte, text string, tag language.Tag) ([]byte, error) {
	if bytes.Contains(edition, []byte(`class="`+NoticeClass+`"`)) {
		return edition, nil
	}
	at, err := noticeOffset(edition)
	if err != nil {
		return nil, err
	}
	nl := lineEnding(edition)
	dir := ""
	if isRTL(tag) {
		dir = ` dir="rtl"`
	}
	elem := fmt.Sprintf(`<p class="%s" lang="%s"%s>%s</p>`, NoticeClass, html.EscapeString(tag.String()), dir, html.EscapeString(text))
	if at < 0 {
		// A fragment with no document element: the notice opens it.
		return splice(edition, 0, 0, elem+nl), nil
	}
	return splice(edition, at, at, nl+elem), nil
}

// noticeOffset is where the HTML notice goes: after <article>, else after
// <body>, </head> or <html>; -1 for a fragment with none of them.
func noticeOffset(edition []byte) (int, error) {
	z := html.NewTokenizer(bytes.NewReader(edition))
	offset, bodyEnd, headEnd, htmlEnd := 0, -1, -1, -1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		offset += len(z.Raw())
		if tt != html.StartTagToken && tt != html.EndTagToken {
			continue
		}
		name, _ := z.TagName()
		switch {
		case tt == html.StartTagToken && string(name) == "article":
			return checkOffset(offset, edition)
		case tt == html.StartTagToken && string(name) == "body" && bodyEnd < 0:
			bodyEnd = offset
		case tt == html.EndTagToken && string(name) == "head" && headEnd < 0:
			headEnd = offset
		case tt == html.StartTagToken && string(name) == "html" && htmlEnd < 0:
			htmlEnd = offset
		}
	}
	for _, p := range []int{bodyEnd, headEnd, htmlEnd} {
		if p >= 0 {
			return checkOffset(p, edition)
		}
	}
	return -1, nil
}

func checkOffset(at int, edition []byte) (int, error) {
	if at > len(edition) {
		return 0, fmt.Errorf("format: html notice: tokenizer offset %d past the end (%d)", at, len(edition))
	}
	return at, nil
}

// isRTL reports whether lang is written right to left.
func isRTL(lang language.Tag) bool {
	s, _ := lang.Script()
	switch s.String() {
	case "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr":
		return true
	}
	return false
}
