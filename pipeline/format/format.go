package format

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/locpipe/locpipe/internal/marker"
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

// MaxCodes is the number of inline codes one unit can hold (see
// internal/marker): a parser that meets more gives a *ParseError.
const MaxCodes = marker.MaxCodes

// CodeRune returns the marker rune of code id (internal/marker.Code).
func CodeRune(id int) rune { return marker.Code(id) }

// IsCodeRune reports whether r marks an inline code and, if so, which.
func IsCodeRune(r rune) (id int, ok bool) { return marker.CodeID(r) }

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

	// In is the ID of the unit whose markup holds this one (the title of a
	// link or the alt text of an image inside a sentence, a link title in
	// Markdown), "" for a unit of the skeleton. Such a unit is translated
	// on its own and written back inside its place in the other unit's
	// codes; it comes right after that unit in Document.Units.
	In string

	anchors []anchor // where pieces of Text start in Raw; see RawOffset
	nests   []nest   // units held in this unit's codes, in source order
	wrap    string   // the source's soft line break and continuation ("\n", "\n  ", "\n> "), if any
}

// Layout returns the white space to write between two translated
// sentences where the source text has u.Text[start:end] between them: a
// line break ("\n") when the source broke the line there and the format
// writes soft line breaks (Markdown, HTML), otherwise the text as it is.
// Encoders write that line break as the source's, with its indentation or
// container prefix, so that a translated paragraph keeps the source's line
// breaks wherever a sentence maps to a sentence.
func (u *Unit) Layout(start, end int) string {
	gap := u.Text[start:end]
	if u.wrap == "" || strings.TrimSpace(gap) != "" || gap == "" {
		return gap
	}
	rs, re := u.RawOffset(start), u.RawOffset(end)
	if rs < re && strings.ContainsAny(u.Raw[rs:re], "\n\r") {
		return "\n"
	}
	return gap
}

// nest places a unit held inside one of another unit's codes.
type nest struct {
	unit int    // index in Document.Units
	code int    // the code whose data holds it
	raw  [2]int // its range in the holder's Raw
	data [2]int // its range in the code's Data
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

// LineAt returns the 1-based source line of byte offset off in u.Text. It
// counts from the start of the unit: for the lines of many offsets use
// Lines, which counts once.
func (u *Unit) LineAt(off int) int {
	return u.Line + strings.Count(u.Raw[:u.RawOffset(off)], "\n")
}

// Lines returns a counter of the source lines of offsets of u.Text, in one
// forward pass over u.Raw when the offsets come in increasing order (the
// sentences of a unit, say).
func (u *Unit) Lines() *LineCounter { return &LineCounter{u: u, line: u.Line} }

// LineCounter gives the source lines of offsets of a unit's text; see
// Unit.Lines.
type LineCounter struct {
	u    *Unit
	raw  int // offset in u.Raw counted up to
	line int // line at raw
}

// LineAt returns the 1-based source line of offset off of the unit's text.
// An offset before the previous one is counted again from the start.
func (c *LineCounter) LineAt(off int) int {
	r := c.u.RawOffset(off)
	if r < c.raw {
		c.raw, c.line = 0, c.u.Line
	}
	c.line += strings.Count(c.u.Raw[c.raw:r], "\n")
	c.raw = r
	return c.line
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

// Offsets returns the byte offset in the source of every unit, in the
// order of Units (units held in other units' codes included).
func (d *Document) Offsets() []int {
	offs := make([]int, len(d.Units))
	pos := 0
	for _, p := range d.Skeleton {
		switch {
		case p.Unit >= 0 && !p.Lang && p.Unit < len(d.Units):
			offs[p.Unit] = pos
			pos += len(d.Units[p.Unit].Raw)
		default:
			pos += len(p.Text)
		}
	}
	for i := range d.Units {
		for _, n := range d.Units[i].nests {
			offs[n.unit] = offs[i] + n.raw[0]
		}
	}
	return offs
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
	return d.render(w, translations, nil, opts)
}

// render writes the document: a unit in patched as given (source bytes
// already edited in place), one in translations encoded, any other as its
// source bytes. Nothing is written when it fails.
func (d *Document) render(w io.Writer, translations, patched map[string]string, opts RenderOptions) error {
	var b strings.Builder
	r, err := d.NewRenderer(&b, opts)
	if err != nil {
		return err
	}
	if err := r.Through(len(d.Units), translations, patched); err != nil {
		return err
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// Renderer writes a document in document order as the translations of its
// units become known, so that a caller translating a window of units at a
// time need not keep every translation until the end.
type Renderer struct {
	d    *Document
	w    io.Writer
	opts RenderOptions
	next int // the first skeleton piece not yet written
}

// NewRenderer returns a renderer writing d to w.
func (d *Document) NewRenderer(w io.Writer, opts RenderOptions) (*Renderer, error) {
	// The language is written as it is into markup and front matter: only
	// the characters of a BCP 47 tag may pass.
	for _, r := range opts.Lang {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return nil, fmt.Errorf("format: %s: language %q is not a BCP 47 tag", d.Name, opts.Lang)
		}
	}
	return &Renderer{d: d, w: w, opts: opts}, nil
}

// Through writes the skeleton up to the first piece of a unit at index end
// or later (every piece when end is len(Units)), each unit of those pieces
// from patched (source bytes edited in place, see Unit.Patch), else
// translations (encoded), else its source bytes. On an error, what was
// written before it stays written.
func (r *Renderer) Through(end int, translations, patched map[string]string) error {
	d := r.d
	enc := d.Encoder
	if enc == nil {
		enc = PlainEncoder{}
	}
	for ; r.next < len(d.Skeleton); r.next++ {
		p := d.Skeleton[r.next]
		var s string
		switch {
		case p.Lang:
			s = p.Text
			if r.opts.Lang != "" {
				s = p.Wrap[0] + r.opts.Lang + p.Wrap[1]
			}
		case p.Unit < 0:
			s = p.Text
		case p.Unit >= len(d.Units):
			return fmt.Errorf("format: %s: skeleton refers to unit %d of %d", d.Name, p.Unit, len(d.Units))
		case p.Unit >= end:
			return nil
		default:
			var err error
			if s, err = r.unitBytes(&d.Units[p.Unit], enc, translations, patched); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(r.w, s); err != nil {
			return err
		}
	}
	return nil
}

// unitBytes returns what is written for u: its patched bytes, its encoded
// translation, or its source bytes, with the units it holds written in
// their places.
func (r *Renderer) unitBytes(u *Unit, enc Encoder, translations, patched map[string]string) (string, error) {
	if s, ok := patched[u.ID]; ok {
		return s, nil
	}
	t, translated := translations[u.ID]
	translated = translated && t != u.Text
	var subs []string
	changed := false
	for _, n := range u.nests {
		nu := &r.d.Units[n.unit]
		s, err := r.unitBytes(nu, enc, translations, patched)
		if err != nil {
			return "", err
		}
		subs = append(subs, s)
		changed = changed || s != nu.Raw
	}
	if !translated {
		if !changed {
			return u.Raw, nil
		}
		ranges := make([][2]int, len(u.nests))
		for i, n := range u.nests {
			ranges[i] = n.raw
		}
		return replaceRanges(u.Raw, ranges, subs), nil
	}
	eu := u
	if changed {
		// Encode from a copy whose codes hold the nested units' bytes.
		cu := *u
		cu.Codes = append([]Code(nil), u.Codes...)
		for i := 0; i < len(u.nests); {
			j := i
			var ranges [][2]int
			for ; j < len(u.nests) && u.nests[j].code == u.nests[i].code; j++ {
				ranges = append(ranges, u.nests[j].data)
			}
			c := &cu.Codes[u.nests[i].code]
			c.Data = replaceRanges(c.Data, ranges, subs[i:j])
			i = j
		}
		eu = &cu
	}
	s, err := enc.Encode(eu, t)
	if err != nil {
		return "", fmt.Errorf("format: %s: unit %s (line %d): %w", r.d.Name, u.ID, u.Line, err)
	}
	return s, nil
}

// replaceRanges returns s with each range (sorted, not overlapping)
// replaced by the matching string of subs.
func replaceRanges(s string, ranges [][2]int, subs []string) string {
	var b strings.Builder
	last := 0
	for i, rg := range ranges {
		b.WriteString(s[last:rg[0]])
		b.WriteString(subs[i])
		last = rg[1]
	}
	b.WriteString(s[last:])
	return b.String()
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
	if !hasCodeRune(text) {
		return escape(text) // no copy for a plain text that needs no escapes
	}
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
var ErrInvalidUTF8 = errors.New("format: not valid UTF-8")

// ErrTooManyCodes is wrapped by parse errors for a unit holding more inline
// codes than MaxCodes.
var ErrTooManyCodes = errors.New("format: too many inline codes")

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
	return checkUTF8(name, string(src), 1, 0)
}

// checkUTF8 is CheckUTF8 of s, a part of a file that starts on line line
// at byte offset off.
func checkUTF8(name, s string, line, off int) error {
	if utf8.ValidString(s) {
		return nil
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return &ParseError{File: name, Line: line, Err: fmt.Errorf("%w (byte 0x%02x at offset %d)", ErrInvalidUTF8, s[i], off+i)}
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
