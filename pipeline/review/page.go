package review

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/check"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/memory"
	"github.com/locpipe/locpipe/pipeline/segment"
)

// Segment statuses on the review page: the manifest's, with a memory
// translation a person wrote told apart as human.
const (
	StatusHuman = "human"
)

// PageOptions configure BuildPage.
type PageOptions struct {
	Out      string             // the output directory translate wrote
	Manifest *manifest.Manifest // its manifest; nil: LoadManifest(Out)
	Glossary *glossary.Glossary // the glossary in force, for the highlights
	Formats  *format.Registry   // nil: format.Default()
	// Segmentation is the rules translate split with; zero: built-in.
	Segmentation edition.Segmentation
	// Memory tells human translations from machine ones; nil: statuses
	// come from the manifest alone.
	Memory Lookuper
	// Findings are the check of the editions (check.Run over the same
	// sources and Out), shown on the segments they concern.
	Findings []check.Finding
	// Locales restricts the page to these editions; nil: every locale but
	// the source's own (house-style editions have nothing to review).
	Locales []language.Tag
	// Sources restricts the page to the editions of sources under these
	// paths; nil: every edition of the manifest.
	Sources []string
}

// Page is the review of a run: every source segment beside its edition
// segment in each locale.
type Page struct {
	Out      string
	Locales  []string
	Rules    []string // the rules with findings, for the filter
	Files    []*PageFile
	Problems []string // editions that could not be shown, and why
}

// PageFile is one source document and its editions.
type PageFile struct {
	Path   string // the source's path relative to its root (the manifest's)
	Source string // the source file
	From   string // the source language
	Rows   []*Row
	// Findings are those about an edition as a whole or about text no
	// segment holds, by locale.
	Findings map[string][]check.Finding
	Outputs  map[string]string // edition path under Out, by locale
}

// Row is one source sentence and its translations.
type Row struct {
	ID     string  // the manifest segment id ("u3.2")
	Kind   string  // its unit's kind: paragraph, title, heading, attr:alt…
	Line   int     // the line of its unit in the source
	Source []Piece // the sentence, glossary terms marked
	Text   string  // the sentence as plain text
	Cells  []*Cell // one per page locale, in Page.Locales order
}

// Cell is a segment of one edition.
type Cell struct {
	Locale   string
	Missing  bool    // no edition of this file in this locale
	Text     string  // the edition's sentence, inline codes as ⟨n⟩
	Pieces   []Piece // the same, glossary terms marked
	Status   string  // translated, memory, human, failed, glossary
	Findings []check.Finding
	// Revision identifies Text (and whether a person wrote it): an approval
	// made against another revision is refused (someone changed the segment
	// meanwhile).
	Revision string
	Line     int  // the line of its unit in the edition
	Editable bool // the edition can take a reviewed translation here
	// Extra is set on the last sentence of a unit when the edition's unit
	// has more sentences than the source's (they are shown here).
	Extra bool
}

// Piece is a run of displayed text: plain, a glossary term (Concept set),
// or an inline code (Code set, Text its markup).
type Piece struct {
	Text    string
	Concept string // the glossary concept of a term
	Title   string // what to tell on hover
	Code    bool
	// Deprecated marks a term that is not the preferred one of its language.
	Deprecated bool
}

// editionView is one edition opened for the page.
type editionView struct {
	rec   *manifest.Edition
	ed    *Edition
	doc   *format.Document // the edition file, parsed
	sents map[string]edSentence
}

type edSentence struct {
	text  string // in the edition unit's text (code runes)
	line  int
	extra bool
}

// BuildPage builds the review page of the editions in opts.Manifest.
func BuildPage(ctx context.Context, opts PageOptions) (*Page, error) {
	m := opts.Manifest
	if m == nil {
		var err error
		if m, err = LoadManifest(opts.Out); err != nil {
			return nil, err
		}
	}
	if opts.Formats == nil {
		opts.Formats = format.Default()
	}
	want := map[string]bool{}
	for _, t := range opts.Locales {
		want[t.String()] = true
	}
	byPath := map[string][]*manifest.Edition{}
	var paths []string
	locales := map[string]bool{}
	for i := range m.Editions {
		ed := &m.Editions[i]
		if len(want) > 0 && !want[ed.Locale] || !underAny(ed.Source, opts.Sources) {
			continue
		}
		if from, err1 := language.Parse(ed.SourceLocale); err1 == nil {
			if to, err2 := language.Parse(ed.Locale); err2 == nil && sameBase(from, to) && len(want) == 0 {
				continue
			}
		}
		if _, ok := byPath[ed.Path]; !ok {
			paths = append(paths, ed.Path)
		}
		byPath[ed.Path] = append(byPath[ed.Path], ed)
		locales[ed.Locale] = true
	}
	page := &Page{Out: opts.Out}
	for l := range locales {
		page.Locales = append(page.Locales, l)
	}
	slices.Sort(page.Locales)
	slices.Sort(paths)
	rules := map[string]bool{}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pf, probs := buildFile(ctx, opts, page.Locales, byPath[p])
		page.Problems = append(page.Problems, probs...)
		if pf == nil {
			continue
		}
		for _, r := range pf.Rows {
			for _, c := range r.Cells {
				for _, f := range c.Findings {
					rules[f.Rule] = true
				}
			}
		}
		for _, fs := range pf.Findings {
			for _, f := range fs {
				rules[f.Rule] = true
			}
		}
		page.Files = append(page.Files, pf)
	}
	for r := range rules {
		page.Rules = append(page.Rules, r)
	}
	slices.Sort(page.Rules)
	return page, nil
}

// SourceRoots are the paths translate was given for the editions of m
// (see Rerender), sorted: what check and review walk by default.
func SourceRoots(m *manifest.Manifest) []string {
	seen := map[string]bool{}
	var out []string
	for i := range m.Editions {
		if r := sourceRoot(&m.Editions[i]); !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

func sameBase(a, b language.Tag) bool {
	ab, _ := a.Base()
	bb, _ := b.Base()
	as, _ := a.Script()
	bs, _ := b.Script()
	return ab == bb && as == bs
}

// underAny reports whether path is one of roots or under one (no roots:
// true).
func underAny(path string, roots []string) bool {
	if len(roots) == 0 {
		return true
	}
	p := filepath.Clean(path)
	for _, r := range roots {
		r = filepath.Clean(r)
		if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

func buildFile(ctx context.Context, opts PageOptions, locales []string, eds []*manifest.Edition) (*PageFile, []string) {
	var probs []string
	first := eds[0]
	src, err := os.ReadFile(first.Source)
	if err != nil {
		return nil, []string{fmt.Sprintf("%s: %v (run review from the directory translate ran in)", first.Source, err)}
	}
	views := map[string]*editionView{}
	var base *Edition
	for _, rec := range eds {
		v, err := openView(ctx, opts, rec, src)
		if err != nil {
			probs = append(probs, err.Error())
			continue
		}
		views[rec.Locale] = v
		if base == nil {
			base = v.ed
		}
	}
	if base == nil {
		return nil, probs
	}
	pf := &PageFile{Path: first.Path, Source: first.Source, From: base.From.String(), Findings: map[string][]check.Finding{}, Outputs: map[string]string{}}
	var srcMatch *glossary.Matcher
	if opts.Glossary != nil {
		srcMatch = opts.Glossary.Matcher(base.From)
	}
	for i, s := range base.Segs {
		u := &base.Doc.Units[s.Unit]
		row := &Row{ID: s.ID, Kind: u.Kind, Line: u.Line, Text: displayText(s.Text), Source: pieces(s.Text, u.Codes, srcMatch, opts.Glossary, language.Und)}
		for _, l := range locales {
			v := views[l]
			if v == nil {
				row.Cells = append(row.Cells, &Cell{Locale: l, Missing: true})
				continue
			}
			row.Cells = append(row.Cells, v.cell(ctx, opts, i))
		}
		pf.Rows = append(pf.Rows, row)
	}
	for l, v := range views {
		pf.Outputs[l] = v.rec.Output
		attachFindings(pf, locales, l, v, opts.Findings, filepath.Join(opts.Out, v.rec.Output))
	}
	return pf, probs
}

// openView opens an edition: its record and source (as review opens it for
// export), and the edition file, split into sentences as the source is.
func openView(ctx context.Context, opts PageOptions, rec *manifest.Edition, src []byte) (*editionView, error) {
	e, err := OpenEdition(rec, src, opts.Formats, opts.Segmentation)
	if err != nil {
		return nil, err
	}
	v := &editionView{rec: rec, ed: e, sents: map[string]edSentence{}}
	path := filepath.Join(opts.Out, filepath.FromSlash(rec.Output))
	data, err := os.ReadFile(path)
	if err != nil {
		return v, nil // cells show the edition as missing
	}
	p, _, err := opts.Formats.Lookup(path, rec.Format)
	if err != nil {
		return v, nil
	}
	doc, err := p.Parse(path, data)
	if err != nil {
		return v, nil
	}
	// Source sentences per unit.
	perUnit := map[int][]int{}
	var units []int
	for i, s := range e.Segs {
		if _, ok := perUnit[s.Unit]; !ok {
			units = append(units, s.Unit)
		}
		perUnit[s.Unit] = append(perUnit[s.Unit], i)
	}
	// The edition's units, one per source unit: a notice the edition adds
	// (before, after or among them) left out.
	m := v.matchUnits(ctx, opts, e.Doc.Units, doc.Units, perUnit)
	mapped := make([]format.Unit, len(e.Doc.Units))
	for i, j := range m {
		if j >= 0 {
			mapped[i] = doc.Units[j]
		}
	}
	doc.Units = mapped
	v.doc = doc
	sg := e.Segmentation.Segmenter(e.To)
	for _, ui := range units {
		u := &doc.Units[ui]
		spans := v.locate(ctx, opts, u.Text, perUnit[ui])
		if spans == nil {
			spans = sg.Split(u.Text)
		}
		ss := perUnit[ui]
		for k, i := range ss {
			id := e.Segs[i].ID
			switch {
			case k < len(spans) && k == len(ss)-1 && (len(spans) > len(ss) || strings.TrimSpace(u.Text[spans[len(spans)-1].End:]) != ""):
				// The edition has more here: the rest goes with the last.
				end := len(u.Text)
				v.sents[id] = edSentence{text: strings.TrimRightFunc(u.Text[spans[k].Start:end], unicode.IsSpace), line: u.Line, extra: true}
			case k < len(spans):
				v.sents[id] = edSentence{text: u.Text[spans[k].Start:spans[k].End], line: u.Line}
			default:
				v.sents[id] = edSentence{line: u.Line}
			}
		}
	}
	return v, nil
}

// locate finds the sentences of an edition unit: the translations the
// memory holds for the source segments (what translate assembled the unit
// from), in order. nil when one is not there (no memory, an edition edited
// by hand, typography applied): the unit is then split by the segmenter.
func (v *editionView) locate(ctx context.Context, opts PageOptions, text string, segs []int) []segment.Span {
	if opts.Memory == nil {
		return nil
	}
	canon, offs := canonical(text)
	var out []segment.Span
	at := 0
	for _, i := range segs {
		if v.rec.Segments[i].Status == manifest.StatusFailed {
			return nil
		}
		k, p := v.ed.Key(i, opts.Glossary)
		ent, ok, err := opts.Memory.Lookup(ctx, k)
		if err != nil || !ok {
			return nil
		}
		t, _ := canonical(strings.TrimSpace(restore(p, ent)))
		j := strings.Index(canon[at:], t)
		if t == "" || j < 0 {
			return nil
		}
		out = append(out, segment.Span{Start: offs[at+j], End: offs[at+j+len(t)]})
		at += j + len(t)
	}
	return out
}

// canonical writes quotes, apostrophes, dashes and spaces of one kind (the
// typography pass changes them), and for each byte of the result the
// offset of the rune it came from in s (one more for the end).
func canonical(s string) (string, []int) {
	var b strings.Builder
	offs := make([]int, 0, len(s)+1)
	for i, r := range s {
		switch r {
		case '«', '»', '“', '”', '„', '‟', '″':
			r = '"'
		case '‘', '’', '‚', '‛', '′', 'ʼ':
			r = '\''
		case '–', '—', '‑', '‒':
			r = '-'
		case '\u00a0', '\u202f', '\u2009', '\u2007':
			r = ' '
		}
		n := utf8.RuneLen(r)
		for k := 0; k < n; k++ {
			offs = append(offs, i)
		}
		b.WriteRune(r)
	}
	offs = append(offs, len(s))
	return b.String(), offs
}

// maxSkip bounds the edition units matchUnits passes over to find a
// source unit's: a notice, or a few paragraphs an editor added.
const maxSkip = 8

// matchUnits pairs each source unit with its edition unit (-1: none), in
// order. locpipe's editions have the same units, save a machine-translation
// notice the edition may add before, after or among them: a source unit
// pairs with the next edition unit of its kind that holds its sentences'
// translations (from the memory), or, without those, the next one of its
// kind that leaves room for the units still to pair.
func (v *editionView) matchUnits(ctx context.Context, opts PageOptions, src, ed []format.Unit, perUnit map[int][]int) []int {
	m := make([]int, len(src))
	j := 0
	for i := range src {
		m[i] = -1
		spare := (len(ed) - j) - (len(src) - i) // edition units that can be passed over
		if j >= len(ed) || spare < 0 {
			continue
		}
		last := j + min(spare, maxSkip)
		found := -1
		if segs := perUnit[i]; len(segs) > 0 && opts.Memory != nil && spare > 0 {
			for c := j; c <= last; c++ {
				if ed[c].Kind == src[i].Kind && v.locate(ctx, opts, ed[c].Text, segs) != nil {
					found = c
					break
				}
			}
		}
		for c := j; found < 0 && c <= last; c++ {
			if ed[c].Kind == src[i].Kind {
				found = c
			}
		}
		if found >= 0 {
			m[i] = found
			j = found + 1
		}
	}
	return m
}

// cell is the edition's segment i, with its status.
func (v *editionView) cell(ctx context.Context, opts PageOptions, i int) *Cell {
	rec := v.rec.Segments[i]
	c := &Cell{Locale: v.rec.Locale, Status: rec.Status}
	s := v.ed.Segs[i]
	if es, ok := v.sents[s.ID]; ok {
		u := &v.doc.Units[s.Unit]
		c.Text = editText(es.text)
		c.Pieces = pieces(es.text, u.Codes, nil, opts.Glossary, v.ed.To)
		c.Line, c.Extra = es.line, es.extra
	} else {
		c.Missing = v.doc == nil
	}
	if opts.Memory != nil && rec.Status == manifest.StatusMemory {
		k, _ := v.ed.Key(i, opts.Glossary)
		if ent, ok, err := opts.Memory.Lookup(ctx, k); err == nil && ok && ent.Origin == memory.OriginHuman {
			c.Status = StatusHuman
		}
	}
	c.Editable = !v.ed.SameLanguage() && v.doc != nil && opts.Glossary.Fingerprint() == v.rec.Glossary
	c.Revision = revision(c.Text, c.Status)
	return c
}

// revision is the etag of a cell: its text, and whether a person wrote it
// (a machine translation read back from the memory is the same revision).
func revision(text, status string) string {
	h := sha256.Sum256([]byte(fmt.Sprint(status == StatusHuman) + "\x00" + text))
	return hex.EncodeToString(h[:8])
}

// Inline codes in editable text: ⟨n⟩ for code n of the unit.
const codeOpen, codeClose = '⟨', '⟩'

// editText writes a unit text's code runes as ⟨n⟩.
func editText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if id, ok := format.IsCodeRune(r); ok {
			fmt.Fprintf(&b, "%c%d%c", codeOpen, id, codeClose)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// displayText drops code runes.
func displayText(s string) string {
	return strings.Map(func(r rune) rune {
		if _, ok := format.IsCodeRune(r); ok {
			return -1
		}
		return r
	}, s)
}

// unitText reads editable text back: ⟨n⟩ becomes code n, which must be one
// of the unit's codes.
func unitText(s string, codes []format.Code) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == codeOpen {
			j := strings.IndexRune(s[i:], codeClose)
			var id int
			if j > 0 {
				if _, err := fmt.Sscanf(s[i+n:i+j], "%d", &id); err == nil && fmt.Sprint(id) == s[i+n:i+j] {
					if id < 0 || id >= len(codes) {
						return "", fmt.Errorf("review: %c%d%c is not one of the unit's %d inline codes", codeOpen, id, codeClose, len(codes))
					}
					b.WriteRune(format.CodeRune(id))
					i += j + utf8.RuneLen(codeClose)
					continue
				}
			}
		}
		if _, ok := format.IsCodeRune(r); ok {
			return "", fmt.Errorf("review: a code character (U+%04X) in the text", r)
		}
		b.WriteRune(r)
		i += n
	}
	return b.String(), nil
}

// pieces cuts s (a unit text span) into plain runs, glossary terms and
// inline codes. m is the matcher of the text's language; nil: lang's.
func pieces(s string, codes []format.Code, m *glossary.Matcher, g *glossary.Glossary, lang language.Tag) []Piece {
	if m == nil && g != nil && lang != language.Und {
		m = g.Matcher(lang)
	}
	var matches []glossary.Match
	if m != nil {
		matches = m.Find(s)
	}
	var out []Piece
	add := func(p Piece) {
		if n := len(out); n > 0 && !p.Code && p.Concept == "" && !out[n-1].Code && out[n-1].Concept == "" {
			out[n-1].Text += p.Text
			return
		}
		out = append(out, p)
	}
	plain := func(t string) {
		for t != "" {
			i := strings.IndexFunc(t, func(r rune) bool { _, ok := format.IsCodeRune(r); return ok })
			if i < 0 {
				add(Piece{Text: t})
				return
			}
			if i > 0 {
				add(Piece{Text: t[:i]})
			}
			r, n := utf8.DecodeRuneInString(t[i:])
			id, _ := format.IsCodeRune(r)
			data := ""
			if id < len(codes) {
				data = codes[id].Data
			}
			add(Piece{Text: fmt.Sprintf("%c%d%c", codeOpen, id, codeClose), Title: data, Code: true})
			t = t[i+n:]
		}
	}
	last := 0
	for _, mt := range matches {
		plain(s[last:mt.Start])
		ts, _ := mt.Concept.TermsFor(lang)
		title := mt.Concept.ID
		if ts.Preferred != "" {
			title += ": " + ts.Preferred
		}
		if mt.Status != glossary.Preferred {
			title += " (" + string(mt.Status) + ")"
		}
		add(Piece{Text: s[mt.Start:mt.End], Concept: mt.Concept.ID, Title: title, Deprecated: mt.Status == glossary.Deprecated})
		last = mt.End
	}
	plain(s[last:])
	return out
}

// attachFindings puts each finding about the edition of locale l on the
// row it concerns: by segment id, else by the edition line and the text it
// quotes, else by the text alone; the rest stay with the file.
func attachFindings(pf *PageFile, locales []string, l string, v *editionView, findings []check.Finding, output string) {
	col := slices.Index(locales, l)
	out := filepath.Clean(output)
	for _, f := range findings {
		if f.Locale != l || filepath.Clean(f.File) != out {
			continue
		}
		if cell := findCell(pf, col, f); cell != nil {
			cell.Findings = append(cell.Findings, f)
			continue
		}
		pf.Findings[l] = append(pf.Findings[l], f)
	}
}

func findCell(pf *PageFile, col int, f check.Finding) *Cell {
	if f.SegmentID != "" {
		for _, r := range pf.Rows {
			if r.ID == f.SegmentID {
				return r.Cells[col]
			}
		}
	}
	seg := normalizeSpace(displayText(f.Segment))
	contains := func(r *Row) bool {
		c := r.Cells[col]
		return seg != "" && (strings.Contains(normalizeSpace(editCodes.ReplaceAllString(c.Text, "")), seg) || strings.Contains(normalizeSpace(r.Text), seg))
	}
	var onLine *Cell
	for _, r := range pf.Rows {
		c := r.Cells[col]
		if f.Line > 0 && c.Line == f.Line {
			if contains(r) {
				return c
			}
			if onLine == nil {
				onLine = c
			}
		}
	}
	if onLine != nil {
		return onLine
	}
	if f.Line > 0 {
		// A finding placed on a line inside a unit that spans several.
		var before *Cell
		for _, r := range pf.Rows {
			c := r.Cells[col]
			if c.Line > 0 && c.Line <= f.Line && contains(r) {
				before = c
			}
		}
		if before != nil {
			return before
		}
	}
	for _, r := range pf.Rows {
		if contains(r) {
			return r.Cells[col]
		}
	}
	return nil
}

var editCodes = regexp.MustCompile("⟨[0-9]+⟩")

func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
