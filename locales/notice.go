package locales

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/text/language"
)

// Where the notice goes, by format. These names are part of what users
// style and parse: keep them stable.
const (
	// NoticeClass is the class of the HTML notice element.
	NoticeClass = "locpipe-notice"
	// NoticeField is the Markdown front-matter field that holds the notice.
	NoticeField = "translation_notice"
)

// ReviewStatus is how far people have checked an edition.
type ReviewStatus int

// Review statuses, as XLIFF states them: a machine translation nobody has
// checked, one an editor reviewed, one approved for publication.
const (
	ReviewUnknown ReviewStatus = iota // say nothing
	ReviewUnreviewed
	ReviewReviewed
	ReviewFinal
)

// NoticeInfo adds optional lines to a notice.
type NoticeInfo struct {
	Review  ReviewStatus
	Updated time.Time // the zero time for none; written as an ISO 8601 date
}

// NoticeText returns the machine-translation notice for an edition in to of
// an article in from, and the locale it is written in (English when to has
// no messages).
func (b *Bundle) NoticeText(from, to language.Tag) (string, language.Tag) {
	return b.NoticeTextWith(from, to, NoticeInfo{})
}

// NoticeTextWith is NoticeText followed by the review status and the date of
// the last update, when info gives them: one paragraph of sentences.
func (b *Bundle) NoticeTextWith(from, to language.Tag, info NoticeInfo) (string, language.Tag) {
	l := b.LocalizerFor(to)
	parts := []string{l.T(MsgNoticeMachineTranslated, map[string]any{"Source": LanguageName(from, l.Tag())})}
	switch info.Review {
	case ReviewUnreviewed:
		parts = append(parts, l.T(MsgReviewUnreviewed, nil))
	case ReviewReviewed:
		parts = append(parts, l.T(MsgReviewReviewed, nil))
	case ReviewFinal:
		parts = append(parts, l.T(MsgReviewFinal, nil))
	}
	if !info.Updated.IsZero() {
		parts = append(parts, l.T(MsgNoticeUpdated, map[string]any{"Date": info.Updated.Format(time.DateOnly)}))
	}
	return strings.Join(parts, " "), l.Tag()
}

// Notice adds the machine-translation notice, in the edition's language, to
// a rendered edition of the format "txt", "md" or "html"; its signature is
// pipeline.Options.Notice's. It uses the embedded messages.
func Notice(formatName string, from, to language.Tag, edition []byte) ([]byte, error) {
	return DefaultBundle().Notice(formatName, from, to, edition)
}

// Notice adds the machine-translation notice to edition:
//
//   - txt: a last paragraph, after a blank line (the first line of a text
//     article is its title, so the notice goes at the end);
//   - md: a translation_notice field in the front matter, YAML (---) or TOML
//     (+++), quoted; without front matter, a last paragraph in emphasis;
//   - html: <p class="locpipe-notice" lang="…">…</p> as the first child of
//     the first <article>, else right after <body>, else at the top of the
//     fragment.
//
// An edition that already carries a notice is returned unchanged.
func (b *Bundle) Notice(formatName string, from, to language.Tag, edition []byte) ([]byte, error) {
	return b.NoticeWith(formatName, from, to, edition, NoticeInfo{})
}

// NoticeWith is Notice with the optional lines of info.
func (b *Bundle) NoticeWith(formatName string, from, to language.Tag, edition []byte, info NoticeInfo) ([]byte, error) {
	text, tag := b.NoticeTextWith(from, to, info)
	switch formatName {
	case "txt":
		return appendParagraph(edition, text), nil
	case "md":
		return noticeMarkdown(edition, text), nil
	case "html":
		return noticeHTML(edition, text, tag)
	}
	return nil, fmt.Errorf("%w: %q", ErrUnknownFormat, formatName)
}

// newline returns the line ending edition uses.
func newline(edition []byte) string {
	if i := bytes.IndexByte(edition, '\n'); i > 0 && edition[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// appendParagraph adds text as a last paragraph, after exactly one blank
// line; the edition itself is kept as it is.
func appendParagraph(edition []byte, text string) []byte {
	nl := newline(edition)
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

// noticeMarkdown puts the notice in the front matter, or in a last paragraph.
func noticeMarkdown(edition []byte, text string) []byte {
	fm, ok := findFrontMatter(edition)
	if !ok {
		para := "*" + escapeMarkdown(text) + "*"
		return appendParagraph(edition, para)
	}
	nl := newline(edition)
	var line string
	if fm.toml {
		line = NoticeField + " = " + quoteScalar(text) + nl
	} else {
		line = NoticeField + ": " + quoteScalar(text) + nl
	}
	// An existing top-level field is replaced (an edition of an edition).
	if start, end, ok := fm.field(edition, NoticeField); ok {
		return splice(edition, start, end, line)
	}
	// TOML: right after the opening line, before any [table] header would
	// capture the key. YAML: before the closing line.
	at := fm.contentEnd
	if fm.toml {
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

// frontMatter locates a Markdown front-matter block, by the rule of
// pipeline/format: a "---" (YAML) or "+++" (TOML) first line (after an
// optional byte-order mark) and a closing "---"/"..." or "+++" line.
type frontMatter struct {
	toml       bool
	content    int // start of the first line after the opening line
	contentEnd int // start of the closing line
}

func findFrontMatter(b []byte) (frontMatter, bool) {
	pos := 0
	if bytes.HasPrefix(b, []byte("\uFEFF")) {
		pos = 3
	}
	first := lineEnd(b, pos)
	open := strings.TrimRight(string(b[pos:first]), " \t\r\n")
	var closers []string
	fm := frontMatter{}
	switch open {
	case "---":
		closers = []string{"---", "..."}
	case "+++":
		closers, fm.toml = []string{"+++"}, true
	default:
		return fm, false
	}
	if first == len(b) || b[first-1] != '\n' {
		return fm, false
	}
	fm.content = first
	for at := first; at < len(b); {
		next := lineEnd(b, at)
		line := strings.TrimRight(string(b[at:next]), " \t\r\n")
		for _, c := range closers {
			if line == c {
				fm.contentEnd = at
				return fm, true
			}
		}
		at = next
	}
	return fm, false
}

// field finds a top-level line "name:" (YAML) or "name =" (TOML, before the
// first table) in the front matter and returns its byte range, line end
// included.
func (fm frontMatter) field(b []byte, name string) (int, int, bool) {
	for at := fm.content; at < fm.contentEnd; {
		next := lineEnd(b, at)
		line := string(b[at:next])
		if fm.toml && strings.HasPrefix(line, "[") {
			return 0, 0, false
		}
		if rest, ok := strings.CutPrefix(line, name); ok {
			rest = strings.TrimLeft(rest, " \t")
			if (!fm.toml && strings.HasPrefix(rest, ":")) || (fm.toml && strings.HasPrefix(rest, "=")) {
				return at, next, true
			}
		}
		at = next
	}
	return 0, 0, false
}

func lineEnd(b []byte, at int) int {
	if i := bytes.IndexByte(b[at:], '\n'); i >= 0 {
		return at + i + 1
	}
	return len(b)
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

// escapeMarkdown backslash-escapes the ASCII punctuation that could start
// Markdown syntax inside a paragraph.
func escapeMarkdown(s string) string {
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
	z := html.NewTokenizer(bytes.NewReader(edition))
	offset, bodyEnd, headEnd, htmlEnd := 0, -1, -1, -1
	at := -1
scan:
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
			at = offset
			break scan
		case tt == html.StartTagToken && string(name) == "body" && bodyEnd < 0:
			bodyEnd = offset
		case tt == html.EndTagToken && string(name) == "head" && headEnd < 0:
			headEnd = offset
		case tt == html.StartTagToken && string(name) == "html" && htmlEnd < 0:
			htmlEnd = offset
		}
	}
	if at < 0 {
		for _, p := range []int{bodyEnd, headEnd, htmlEnd} {
			if p >= 0 {
				at = p
				break
			}
		}
	}
	if at > len(edition) {
		return nil, fmt.Errorf("locales: html notice: tokenizer offset %d past the end (%d)", at, len(edition))
	}
	nl := newline(edition)
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

// isRTL reports whether lang is written right to left.
func isRTL(lang language.Tag) bool {
	s, _ := lang.Script()
	switch s.String() {
	case "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr":
		return true
	}
	return false
}
