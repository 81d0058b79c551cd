package format

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// CodeKind says how an inline code relates to the text around it.
type CodeKind uint8

const (
	// Standalone is a code with no partner, such as <br> or an image.
	Standalone CodeKind = iota
	// Open starts a paired code, such as <a href="…"> or an opening **.
	Open
	// Close ends a paired code.
	Close
)

func (k CodeKind) String() string {
	switch k {
	case Open:
		return "open"
	case Close:
		return "close"
	default:
		return "standalone"
	}
}

// CodeBase is the first rune of the private-use range that marks inline
// codes inside Unit.Text: code i is written as the rune CodeBase+i.
// Up to MaxCodes codes fit in one unit.
const (
	CodeBase = 0xE000
	MaxCodes = 0x1000
)

// CodeRune returns the marker rune of code id.
func CodeRune(id int) rune { return rune(CodeBase + id) }

// IsCodeRune reports whether r marks an inline code and, if so, which.
func IsCodeRune(r rune) (id int, ok bool) {
	if r >= CodeBase && r < CodeBase+MaxCodes {
		return int(r - CodeBase), true
	}
	return 0, false
}

// Code is an inline code: markup inside a unit that the translation must carry.
type Code struct {
	ID   int      // index in Unit.Codes; written in Unit.Text as CodeRune(ID)
	Kind CodeKind // standalone, open or close
	Pair int      // for Open and Close, the ID of the partner code; -1 otherwise
	Data string   // the original markup bytes, written back as they were
}

// Unit is one translatable piece of a document: a paragraph, a title, a
// heading, an attribute value, a front-matter field.
type Unit struct {
	ID    string // stable within the document: "u1", "u2", …
	Kind  string // "title", "paragraph", "heading", "attr:alt", "meta:title", …
	Text  string // the text to translate; inline codes appear as CodeRune markers
	Codes []Code // the unit's inline codes, Codes[i].ID == i
	Line  int    // 1-based line of the source where the unit starts
	// Raw is the unit's bytes exactly as they stand in the source. Rendering a
	// unit whose text is unchanged writes Raw, so untouched units come back
	// byte for byte whatever escaping the format uses.
	Raw string

	anchors []anchor // where pieces of Text start in Raw; see RawOffset
}

// anchor ties a byte offset of Unit.Text to one of Unit.Raw.
type anchor struct{ text, raw int }

// RawOffset maps a byte offset in u.Text (a sentence boundary, say) to the
// byte offset in u.Raw where the same place is, so that callers can report
// source positions. It is exact at the boundaries of text runs, codes and
// line breaks, and within runs written as they read; inside a run that
// differs (decoded entities, escapes) it is the nearest place not past the
// run's end.
func (u *Unit) RawOffset(off int) int {
	a := u.anchors
	if len(a) == 0 {
		return max(0, min(off, len(u.Raw)))
	}
	i := sort.Search(len(a), func(i int) bool { return a[i].text > off }) - 1
	if i < 0 {
		return a[0].raw
	}
	d := off - a[i].text
	next := len(u.Raw)
	if i+1 < len(a) {
		next = a[i+1].raw
	}
	return max(a[i].raw, min(a[i].raw+d, next))
}

// LineAt returns the 1-based source line of byte offset off in u.Text.
func (u *Unit) LineAt(off int) int {
	return u.Line + strings.Count(u.Raw[:u.RawOffset(off)], "\n")
}

// Piece is one element of a document skeleton.
type Piece struct {
	Text string // literal bytes (when Unit < 0), or the declared language value when Lang is set
	Unit int    // index into Document.Units, or -1 for a literal piece
	Lang bool   // the piece is a language declaration value (e.g. <html lang="…">)
	// Wrap, for a Lang piece whose declaration the source lacks (Text is
	// empty), is written around the language when one is given, e.g.
	// {` lang="`, `"`} inside an <html> tag that had no lang attribute.
	Wrap [2]string
}

// Encoder turns a translated unit text (with code markers) back into the
// bytes of its format: markup escaped, code markers replaced by Code.Data.
type Encoder interface {
	Encode(u *Unit, text string) (string, error)
}

// Document is a parsed article: a skeleton of literal pieces and references
// to translatable units. Rendering it with no translations gives the source
// back byte for byte.
type Document struct {
	Name     string  // the file name it was parsed from, for errors
	Format   string  // "txt", "md", "html"
	Lang     string  // the language the document declares ("" when none)
	Units    []Unit  // translatable units in document order
	Skeleton []Piece // literal pieces and unit references, in order
	Encoder  Encoder // how translated text is written back; nil means plain text
}

// RenderOptions change how a document is written back.
type RenderOptions struct {
	// Lang, when set, replaces the value of language declarations.
	Lang string
}

// Render writes the document with each unit's text replaced by
// translations[unit.ID]; units without a translation, or whose translation
// equals their source text, are written as they stood in the source.
func (d *Document) Render(w io.Writer, translations map[string]string, opts RenderOptions) error {
	// The language is written as it is into markup and front matter: only
	// the characters of a BCP 47 tag may pass.
	for _, r := range opts.Lang {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return fmt.Errorf("format: %s: language %q is not a BCP 47 tag", d.Name, opts.Lang)
		}
	}
	var b strings.Builder
	for _, p := range d.Skeleton {
		switch {
		case p.Lang:
			if opts.Lang != "" {
				b.WriteString(p.Wrap[0])
				b.WriteString(opts.Lang)
				b.WriteString(p.Wrap[1])
			} else {
				b.WriteString(p.Text)
			}
		case p.Unit < 0:
			b.WriteString(p.Text)
		default:
			if p.Unit >= len(d.Units) {
				return fmt.Errorf("format: %s: skeleton refers to unit %d of %d", d.Name, p.Unit, len(d.Units))
			}
			u := &d.Units[p.Unit]
			t, ok := translations[u.ID]
			if !ok || t == u.Text {
				b.WriteString(u.Raw)
				continue
			}
			enc := d.Encoder
			if enc == nil {
				enc = PlainEncoder{}
			}
			s, err := enc.Encode(u, t)
			if err != nil {
				return fmt.Errorf("format: %s: unit %s (line %d): %w", d.Name, u.ID, u.Line, err)
			}
			b.WriteString(s)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// PlainEncoder writes text as it is, with code markers replaced by their
// data (after RepairCodes, so each code is written exactly once).
type PlainEncoder struct{}

// Encode implements Encoder.
func (PlainEncoder) Encode(u *Unit, text string) (string, error) {
	text, _ = u.RepairCodes(text)
	return ReplaceCodes(u, text, func(s string) string { return s }), nil
}

// ReplaceCodes writes text with every code marker replaced by the code's
// original data and every run of plain text passed through escape.
func ReplaceCodes(u *Unit, text string, escape func(string) string) string {
	var b strings.Builder
	start := 0
	for i, r := range text {
		id, ok := IsCodeRune(r)
		if !ok {
			continue
		}
		b.WriteString(escape(text[start:i]))
		if id < len(u.Codes) {
			b.WriteString(u.Codes[id].Data)
		}
		start = i + utf8.RuneLen(r)
	}
	b.WriteString(escape(text[start:]))
	return b.String()
}

// ErrInvalidUTF8 is wrapped by parse errors for input that is not UTF-8.
var ErrInvalidUTF8 = errors.New("not valid UTF-8")

// ErrUnknownFormat is returned by Lookup for a name no parser handles.
var ErrUnknownFormat = errors.New("format: unknown format")

// ParseError is a parse failure at a place in a file.
type ParseError struct {
	File string
	Line int // 1-based; 0 when unknown
	Err  error
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// CheckUTF8 returns a *ParseError naming the first line with invalid UTF-8.
func CheckUTF8(name string, src []byte) error {
	if utf8.Valid(src) {
		return nil
	}
	line := 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return &ParseError{File: name, Line: line, Err: fmt.Errorf("%w (byte 0x%02x at offset %d)", ErrInvalidUTF8, src[i], i)}
		}
		if r == '\n' {
			line++
		}
		i += size
	}
	return &ParseError{File: name, Err: ErrInvalidUTF8}
}

// Parser reads one format into a Document.
type Parser interface {
	// Parse reads src, the contents of the file called name.
	Parse(name string, src []byte) (*Document, error)
}

// Registry maps format names and file extensions to parsers. It is built
// explicitly (see Default), never through init-time registration.
type Registry struct {
	byName map[string]Parser
	byExt  map[string]string
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{byName: map[string]Parser{}, byExt: map[string]string{}}
}

// Register adds a parser under name for the given extensions (with dot).
// It panics on a duplicate name or extension: that is a programming error.
func (r *Registry) Register(name string, p Parser, exts ...string) {
	if _, dup := r.byName[name]; dup {
		panic("format: duplicate format " + name)
	}
	r.byName[name] = p
	for _, e := range exts {
		e = strings.ToLower(e)
		if _, dup := r.byExt[e]; dup {
			panic("format: duplicate extension " + e)
		}
		r.byExt[e] = name
	}
}

// Names lists the registered format names, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.byName))
	for n := range r.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Lookup returns the parser for a format name, or for the file's extension
// when name is "" or "auto". The second result is the format's name.
func (r *Registry) Lookup(path, name string) (Parser, string, error) {
	if name == "" || name == "auto" {
		ext := strings.ToLower(filepath.Ext(path))
		n, ok := r.byExt[ext]
		if !ok {
			return nil, "", fmt.Errorf("%s: %w for extension %q", path, ErrUnknownFormat, ext)
		}
		name = n
	}
	p, ok := r.byName[name]
	if !ok {
		return nil, "", fmt.Errorf("%w %q (known: %s)", ErrUnknownFormat, name, strings.Join(r.Names(), ", "))
	}
	return p, name, nil
}

// Options configure the formats of a registry built by NewDefault.
type Options struct {
	Markdown MarkdownOptions
}

// Default returns a registry with every format locpipe ships, with default
// options.
func Default() *Registry { return NewDefault(Options{}) }

// NewDefault returns a registry with every format locpipe ships: "txt"
// (.txt, .text), "md" (.md, .markdown) and "html" (.html, .htm).
func NewDefault(opts Options) *Registry {
	r := NewRegistry()
	r.Register("txt", Text{}, ".txt", ".text")
	r.Register("md", NewMarkdown(opts.Markdown), ".md", ".markdown")
	r.Register("html", HTML{}, ".html", ".htm")
	return r
}
