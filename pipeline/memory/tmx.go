package memory

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/internal/charset"
	"github.com/locpipe/locpipe/internal/marker"
)

// TMX 1.4b, the exchange format of translation memories. No maintained Go
// library reads or writes it, so this file does, on encoding/xml.
//
// locpipe writes its own keys as properties (x-locpipe-origin, -engine,
// -terms, -prev, -next) and its placeholders so that other tools read the
// text and an export imports back to the same memory: a glossary term as
// <hi type="x-locpipe-term" x="N">term</hi> (its text, which TMX's <hi>
// holds), inline markup as <bpt>/<ept>, <ph> or <it> typed x-locpipe-code
// with the original markup as content (x the code's number; a <bpt>'s i is
// its end code's number). Where the export does not know a term's text or a
// code's markup (ExportOptions.Inline), the element is empty. Other tools'
// files carry their text and their own inline codes (bpt, ept, ph, it, ut),
// which become codes numbered in the order of the source (paired by i, the
// translation's matched by x, i or order); their sentences are keyed as the
// pipeline would key them (glossary terms protected) and count as human
// translations by default.

// TMX property types locpipe writes and reads.
const (
	PropOrigin = "x-locpipe-origin"
	PropEngine = "x-locpipe-engine"
	PropTerms  = "x-locpipe-terms" // a JSON array: the source text of each term placeholder
	// PropGlossary marked a unit locpipe exported before the memory kept
	// terms (schema 1); it is read, not written.
	PropGlossary = "x-locpipe-glossary"
	PropPrev     = "x-locpipe-prev"
	PropNext     = "x-locpipe-next"
)

const (
	phCode = "x-locpipe-code"
	phTerm = "x-locpipe-term"

	tmxTime = "20060102T150405Z"
)

// TMX is a parsed TMX document.
type TMX struct {
	SrcLang      string // header srclang: a tag or "*all*"
	CreationTool string
	TUs          []TU
}

// TU is a translation unit: one sentence in several languages.
type TU struct {
	Line    int // where the <tu> starts
	SrcLang string
	Props   map[string]string
	Changed time.Time
	TUVs    []TUV
}

// TUV is a TU's text in one language.
type TUV struct {
	Line    int
	Lang    string // canonical BCP 47
	Text    string // with locpipe placeholders as runes (other tools' codes: see Foreign)
	Foreign bool   // holds inline codes of another tool (bpt, ept, it, ph, ut)
	// codes are the other tools' codes in Text, as runes foreignBase+i.
	codes []foreignCode
}

// foreignCode is an inline code of another tool: its element and what
// matches it across languages.
type foreignCode struct {
	key  string // "x=1", "ept:i=1", "ph:#2"…
	pair string // bpt/ept: the i that pairs them
	open bool   // bpt, it pos=begin
}

// foreignBase marks another tool's code in TUV.Text until Records numbers
// it (a plane-16 private-use rune: glossary placeholders use plane 15).
const foreignBase = 0x100000

// SyntaxError is a TMX file that cannot be read.
type SyntaxError struct {
	File string
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// ReadTMX parses a TMX 1.4 document (1.1–1.4b are read alike) in any
// encoding (BOM, UTF-16, the XML declaration's).
func ReadTMX(name string, data []byte) (*TMX, error) {
	d, err := charset.NewDecoder(data)
	if err != nil {
		return nil, &SyntaxError{File: name, Line: 1, Msg: err.Error()}
	}
	p := &tmxParser{d: d, name: name}
	return p.parse()
}

type tmxParser struct {
	d    *xml.Decoder
	name string
}

func (p *tmxParser) line() int { l, _ := p.d.InputPos(); return l }

func (p *tmxParser) errf(line int, format string, args ...any) error {
	return &SyntaxError{File: p.name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

func (p *tmxParser) token() (xml.Token, error) {
	tok, err := p.d.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, p.errf(p.line(), "unexpected end of file")
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, p.errf(se.Line, "%s", se.Msg)
		}
		return nil, p.errf(p.line(), "%v", err)
	}
	return tok, nil
}

func attr(se xml.StartElement, name string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == name && (a.Name.Space == "" || (name == "lang" && a.Name.Space == "http://www.w3.org/XML/1998/namespace")) {
			return a.Value, true
		}
	}
	return "", false
}

func (p *tmxParser) parse() (*TMX, error) {
	t := &TMX{}
	// Find <tmx>.
	for {
		tok, err := p.d.Token()
		if errors.Is(err, io.EOF) {
			return nil, p.errf(p.line(), "no <tmx> element: not a TMX file")
		}
		if err != nil {
			return nil, p.wrapSyntax(err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local != "tmx" {
				return nil, p.errf(p.line(), "root element <%s>, want <tmx>: not a TMX file", se.Name.Local)
			}
			if v, _ := attr(se, "version"); v != "" && !strings.HasPrefix(v, "1.") {
				return nil, p.errf(p.line(), "TMX version %q: this reader knows 1.x", v)
			}
			break
		}
	}
	sawHeader := false
	for {
		tok, err := p.token()
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "header":
				sawHeader = true
				t.SrcLang, _ = attr(tok, "srclang")
				t.CreationTool, _ = attr(tok, "creationtool")
				if t.SrcLang == "" {
					return nil, p.errf(p.line(), "<header> has no srclang")
				}
				if t.SrcLang != "*all*" {
					tag, err := canonLang(t.SrcLang)
					if err != nil {
						return nil, p.errf(p.line(), "<header> srclang: %v", err)
					}
					t.SrcLang = tag
				}
				if err := p.d.Skip(); err != nil {
					return nil, p.wrapSyntax(err)
				}
			case "body":
				if !sawHeader {
					return nil, p.errf(p.line(), "<body> before <header>")
				}
				if err := p.body(t); err != nil {
					return nil, err
				}
			default:
				return nil, p.errf(p.line(), "unexpected <%s> in <tmx>", tok.Name.Local)
			}
		case xml.EndElement:
			if !sawHeader {
				return nil, p.errf(p.line(), "no <header>")
			}
			return t, nil
		}
	}
}

func (p *tmxParser) wrapSyntax(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return p.errf(se.Line, "%s", se.Msg)
	}
	return p.errf(p.line(), "%v", err)
}

func canonLang(s string) (string, error) {
	tag, err := language.Parse(s)
	if err != nil {
		return "", fmt.Errorf("language %q: %v", s, err)
	}
	return tag.String(), nil
}

func (p *tmxParser) body(t *TMX) error {
	for {
		tok, err := p.token()
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local != "tu" {
				return p.errf(p.line(), "unexpected <%s> in <body>", tok.Name.Local)
			}
			tu, err := p.tu(tok, t.SrcLang)
			if err != nil {
				return err
			}
			t.TUs = append(t.TUs, tu)
		case xml.EndElement:
			return nil
		}
	}
}

func (p *tmxParser) tu(se xml.StartElement, srcLang string) (TU, error) {
	tu := TU{Line: p.line(), SrcLang: srcLang, Props: map[string]string{}}
	if v, ok := attr(se, "srclang"); ok && v != "*all*" {
		tag, err := canonLang(v)
		if err != nil {
			return tu, p.errf(tu.Line, "<tu> srclang: %v", err)
		}
		tu.SrcLang = tag
	}
	for _, a := range []string{"changedate", "creationdate"} {
		if v, ok := attr(se, a); ok && tu.Changed.IsZero() {
			if ts, err := time.Parse(tmxTime, v); err == nil {
				tu.Changed = ts
			}
		}
	}
	for {
		tok, err := p.token()
		if err != nil {
			return tu, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "prop":
				typ, _ := attr(tok, "type")
				var v struct {
					Text string `xml:",chardata"`
				}
				if err := p.d.DecodeElement(&v, &tok); err != nil {
					return tu, p.wrapSyntax(err)
				}
				tu.Props[typ] = v.Text
			case "tuv":
				tuv, err := p.tuv(tok)
				if err != nil {
					return tu, err
				}
				tu.TUVs = append(tu.TUVs, tuv)
			default: // note and others
				if err := p.d.Skip(); err != nil {
					return tu, p.wrapSyntax(err)
				}
			}
		case xml.EndElement:
			return tu, nil
		}
	}
}

func (p *tmxParser) tuv(se xml.StartElement) (TUV, error) {
	tv := TUV{Line: p.line()}
	lang, ok := attr(se, "lang")
	if !ok {
		return tv, p.errf(tv.Line, "<tuv> has no xml:lang")
	}
	tag, err := canonLang(lang)
	if err != nil {
		return tv, p.errf(tv.Line, "<tuv> xml:lang: %v", err)
	}
	tv.Lang = tag
	seen := false
	for {
		tok, err := p.token()
		if err != nil {
			return tv, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local != "seg" {
				if err := p.d.Skip(); err != nil {
					return tv, p.wrapSyntax(err)
				}
				continue
			}
			if seen {
				return tv, p.errf(p.line(), "<tuv> has two <seg>")
			}
			seen = true
			var b strings.Builder
			st := &segState{tv: &tv, locpipeEnds: map[string]int{}, ordinals: map[string]int{}}
			if err := p.seg(&b, st); err != nil {
				return tv, err
			}
			tv.Text = b.String()
		case xml.EndElement:
			if !seen {
				return tv, p.errf(tv.Line, "<tuv xml:lang=%q> has no <seg>", lang)
			}
			return tv, nil
		}
	}
}

// segState is what reading one <seg> needs to remember.
type segState struct {
	tv *TUV
	// locpipeEnds maps the i of a locpipe <bpt> to its end code's number.
	locpipeEnds map[string]int
	ordinals    map[string]int // per element name, for codes without x or i
}

// seg reads mixed content up to the end of the current element.
func (p *tmxParser) seg(b *strings.Builder, st *segState) error {
	for {
		tok, err := p.token()
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.CharData:
			b.Write(tok)
		case xml.StartElement:
			name := tok.Name.Local
			typ, _ := attr(tok, "type")
			x, hasX := attr(tok, "x")
			i, hasI := attr(tok, "i")
			switch {
			case name == "hi" && typ == phTerm, name == "ph" && typ == phTerm:
				n, err := strconv.Atoi(x)
				if err != nil || n < 0 || n >= marker.MaxTerms {
					return p.errf(p.line(), "<%s type=%q> has a bad x=%q", name, typ, x)
				}
				b.WriteRune(marker.Term(n))
				if err := p.d.Skip(); err != nil {
					return p.wrapSyntax(err)
				}
				continue
			case name == "hi" || name == "sub":
				if err := p.seg(b, st); err != nil {
					return err
				}
				continue
			case typ == phCode && (name == "ph" || name == "bpt" || name == "it" || name == "ut"):
				n, err := strconv.Atoi(x)
				if err != nil || n < 0 || n >= marker.MaxCodes {
					return p.errf(p.line(), "<%s type=%q> has a bad x=%q", name, typ, x)
				}
				if name == "bpt" {
					end, err := strconv.Atoi(i)
					if err != nil || end < 0 || end >= marker.MaxCodes {
						return p.errf(p.line(), "<bpt type=%q> has a bad i=%q", typ, i)
					}
					st.locpipeEnds[i] = end
				}
				b.WriteRune(marker.Code(n))
				if err := p.d.Skip(); err != nil {
					return p.wrapSyntax(err)
				}
				continue
			case name == "ept" && hasI && isLocpipeEnd(st, i):
				b.WriteRune(marker.Code(st.locpipeEnds[i]))
				if err := p.d.Skip(); err != nil {
					return p.wrapSyntax(err)
				}
				continue
			}
			switch name {
			case "bpt", "ept", "ph", "it", "ut":
				// Another tool's inline code: its native markup is not text.
				st.tv.Foreign = true
				fc := foreignCode{open: name == "bpt"}
				if name == "it" {
					pos, _ := attr(tok, "pos")
					fc.open = pos == "begin"
					name += ":" + pos
				}
				switch {
				case hasX: // x matches codes across languages, whatever their element
					fc.key = "x=" + x
				case hasI && (name == "bpt" || name == "ept"):
					fc.key = name + ":i=" + i
				default:
					st.ordinals[name]++
					fc.key = name + ":#" + strconv.Itoa(st.ordinals[name])
				}
				if name == "bpt" || name == "ept" {
					fc.pair = i
				}
				if len(st.tv.codes) >= marker.MaxCodes {
					return p.errf(p.line(), "more than %d inline codes in one <seg>", marker.MaxCodes)
				}
				b.WriteRune(rune(foreignBase + len(st.tv.codes)))
				st.tv.codes = append(st.tv.codes, fc)
			}
			if err := p.d.Skip(); err != nil {
				return p.wrapSyntax(err)
			}
		case xml.EndElement:
			return nil
		}
	}
}

func isLocpipeEnd(st *segState, i string) bool { _, ok := st.locpipeEnds[i]; return ok }

// numberCodes replaces the other tools' codes of a TU's source and one of
// its translations by locpipe code runes: the source's in order (0, 1, …),
// the translation's by the source code they match (the same x; for a
// bpt/ept without x the same i; else the same element in the same order).
// ok is false, with the reason, when the translation has a code the source
// does not.
func numberCodes(src, tgt *TUV) (s, t string, reason string) {
	num := map[string]int{}
	var b strings.Builder
	for _, r := range src.Text {
		if r >= foreignBase && int(r-foreignBase) < len(src.codes) {
			fc := src.codes[r-foreignBase]
			n := len(num)
			num[fc.key] = n
			b.WriteRune(marker.Code(n))
			continue
		}
		b.WriteRune(r)
	}
	s = b.String()
	if tgt == nil {
		return s, "", ""
	}
	b.Reset()
	for _, r := range tgt.Text {
		if r >= foreignBase && int(r-foreignBase) < len(tgt.codes) {
			fc := tgt.codes[r-foreignBase]
			n, ok := num[fc.key]
			if !ok {
				return s, "", fmt.Sprintf("%s: inline code %s that the source does not have", tgt.Lang, fc.key)
			}
			b.WriteRune(marker.Code(n))
			continue
		}
		b.WriteRune(r)
	}
	return s, b.String(), ""
}

// ImportOptions say how TMX units become memory records.
type ImportOptions struct {
	// Origin of units without an x-locpipe-origin property: OriginHuman
	// (the default: other tools' memories hold translators' work) or
	// OriginMachine.
	Origin string
	// Glossary protects the source terms of units that come from another
	// tool, as the pipeline does before it looks a sentence up; nil: none.
	Glossary Protector
}

// Protector is what TMX import needs of a glossary (*glossary.Glossary is
// one): a human translation pair in the form the pipeline keys, and the
// source terms a machine entry's key holds.
type Protector interface {
	ProtectPair(source, target string, from, to language.Tag) (psrc, ptgt string, err error)
	SourceTerms(source string, from, to language.Tag) []string
}

// Skipped is a TMX unit (or one of its languages) that was not imported.
type Skipped struct {
	Line   int
	Reason string
}

func (s Skipped) String() string { return fmt.Sprintf("%d: %s", s.Line, s.Reason) }

// Records turns the TMX's units into memory records: one per target
// language of each unit. Units it cannot use are listed with the reason;
// so are alternative translations (a second <tuv> of a language in a unit,
// or another unit with the same sentence and a different translation): the
// memory keeps one translation per sentence, the first.
func (t *TMX) Records(opts ImportOptions) ([]Record, []Skipped) {
	origin := opts.Origin
	if origin == "" {
		origin = OriginHuman
	}
	var recs []Record
	var skipped []Skipped
	seen := map[string]struct{ rec, line int }{}
	for _, tu := range t.TUs {
		if tu.SrcLang == "" || tu.SrcLang == "*all*" {
			skipped = append(skipped, Skipped{tu.Line, "no source language (srclang *all* needs one on the <tu>)"})
			continue
		}
		var src *TUV
		for i := range tu.TUVs {
			if tu.TUVs[i].Lang == tu.SrcLang {
				src = &tu.TUVs[i]
				break
			}
		}
		if src == nil {
			skipped = append(skipped, Skipped{tu.Line, fmt.Sprintf("no <tuv> in the source language %s", tu.SrcLang)})
			continue
		}
		srcText, _, _ := numberCodes(src, nil)
		if Normalize(srcText) == "" {
			skipped = append(skipped, Skipped{tu.Line, "empty source"})
			continue
		}
		o := origin
		if v := tu.Props[PropOrigin]; v != "" {
			o = v
		}
		if o != OriginHuman && o != OriginMachine {
			skipped = append(skipped, Skipped{tu.Line, fmt.Sprintf("%s %q is neither %q nor %q", PropOrigin, o, OriginHuman, OriginMachine)})
			continue
		}
		_, ours := tu.Props[PropOrigin]
		if _, old := tu.Props[PropGlossary]; old {
			ours = true
		}
		var terms []string
		if v := tu.Props[PropTerms]; v != "" {
			if err := json.Unmarshal([]byte(v), &terms); err != nil {
				skipped = append(skipped, Skipped{tu.Line, fmt.Sprintf("%s is not a JSON array of strings: %v", PropTerms, err)})
				continue
			}
		}
		firstOf := map[string]int{} // target language → line of its first translation
		for i := range tu.TUVs {
			tv := tu.TUVs[i]
			if tv.Lang == src.Lang {
				continue
			}
			if prev, dup := firstOf[tv.Lang]; dup {
				skipped = append(skipped, Skipped{tv.Line, fmt.Sprintf("%s: alternative translation dropped: the memory keeps one translation per sentence, the first (line %d)", tv.Lang, prev)})
				continue
			}
			firstOf[tv.Lang] = tv.Line
			_, tgtText, reason := numberCodes(src, &tv)
			if reason != "" {
				skipped = append(skipped, Skipped{tv.Line, reason})
				continue
			}
			tv.Text = tgtText
			if Normalize(tv.Text) == "" {
				skipped = append(skipped, Skipped{tv.Line, fmt.Sprintf("%s: empty translation", tv.Lang)})
				continue
			}
			r := Record{
				Key: Key{Source: srcText, SourceLang: src.Lang, TargetLang: tv.Lang,
					Engine: tu.Props[PropEngine], Terms: terms,
					Prev: tu.Props[PropPrev], Next: tu.Props[PropNext]},
				Entry:   Entry{Target: tv.Text, Origin: o},
				Changed: tu.Changed,
			}
			if !ours && opts.Glossary != nil {
				from, _ := language.Parse(src.Lang)
				to, _ := language.Parse(tv.Lang)
				s, tg, err := opts.Glossary.ProtectPair(srcText, tv.Text, from, to)
				if err != nil {
					skipped = append(skipped, Skipped{tv.Line, fmt.Sprintf("%s: %v", tv.Lang, err)})
					continue
				}
				r.Source, r.Target = s, tg
				if o == OriginMachine {
					r.Terms = opts.Glossary.SourceTerms(srcText, from, to)
				}
			}
			k := strings.Join([]string{Normalize(r.Source), JoinTerms(r.Terms), r.SourceLang, r.TargetLang, r.Engine, r.Prev, r.Next, r.Origin}, "\x00")
			if first, dup := seen[k]; dup {
				if Normalize(recs[first.rec].Target) != Normalize(r.Target) {
					skipped = append(skipped, Skipped{tv.Line, fmt.Sprintf("%s: another translation of a sentence already translated on line %d dropped: the memory keeps one translation per sentence, the first", tv.Lang, first.line)})
				}
				continue
			}
			seen[k] = struct{ rec, line int }{len(recs), tv.Line}
			recs = append(recs, r)
		}
	}
	return recs, skipped
}

// Lister lists a memory's records (SQLite.Each).
type Lister interface {
	Each(ctx context.Context, fn func(Record) error) error
}

// Inline is what an export needs to write a record's placeholders so that
// other tools read its text: the text of each glossary term by placeholder
// number, on each side, and the markup of each inline code by number.
type Inline struct {
	SourceTerms, TargetTerms []string
	Codes                    []InlineCode
}

// InlineCode is the markup an inline code stands for.
type InlineCode struct {
	Data string
	Pair int // the number of the code's other end; -1 for a standalone code
}

// ExportOptions say how WriteTMX writes records.
type ExportOptions struct {
	// Inline, when set, gives the term texts and code markup of a record
	// (ok false when it does not know them: its placeholders are then
	// written as empty elements, which locpipe reads back but other tools
	// show as nothing).
	Inline func(Record) (Inline, bool)
}

// WriteTMX writes every record of m as TMX 1.4b, one <tu> per record. It
// returns the number of units written.
func WriteTMX(ctx context.Context, w io.Writer, m Lister, opts ExportOptions) (int, error) {
	bw := bufio.NewWriter(w)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="locpipe" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="*all*" o-tmf="locpipe"/>
  <body>
`)
	n := 0
	err := m.Each(ctx, func(r Record) error {
		n++
		changed := r.Changed
		if changed.IsZero() {
			changed = time.Now().UTC()
		}
		fmt.Fprintf(bw, "    <tu srclang=\"%s\" changedate=\"%s\">\n", esc(r.SourceLang), changed.UTC().Format(tmxTime))
		var terms string
		if len(r.Terms) > 0 {
			b, _ := json.Marshal(r.Terms)
			terms = string(b)
		}
		props := [][2]string{{PropOrigin, r.Origin}, {PropEngine, r.Engine}, {PropTerms, terms}, {PropPrev, r.Prev}, {PropNext, r.Next}}
		for _, pr := range props {
			if pr[1] == "" {
				continue
			}
			fmt.Fprintf(bw, "      <prop type=\"%s\">%s</prop>\n", pr[0], escText(pr[1]))
		}
		var in Inline
		if opts.Inline != nil {
			in, _ = opts.Inline(r)
		}
		fmt.Fprintf(bw, "      <tuv xml:lang=\"%s\"><seg>%s</seg></tuv>\n", esc(r.SourceLang), segText(r.Source, in.SourceTerms, in.Codes))
		fmt.Fprintf(bw, "      <tuv xml:lang=\"%s\"><seg>%s</seg></tuv>\n", esc(r.TargetLang), segText(r.Target, in.TargetTerms, in.Codes))
		bw.WriteString("    </tu>\n")
		return nil
	})
	if err != nil {
		return n, err
	}
	bw.WriteString("  </body>\n</tmx>\n")
	return n, bw.Flush()
}

// escaper escapes text and attribute values (always double-quoted);
// xml.EscapeText would also write every quote and newline as a character
// reference, which other tools show as such.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\r", "&#xD;")

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;")

func esc(s string) string { return escaper.Replace(s) }

func escText(s string) string { return textEscaper.Replace(s) }

// segText escapes s and writes its placeholders: a term as <hi> around
// its text, a code as <ph>, <bpt>/<ept> (both ends in s) or <it> with its
// markup; as empty <ph> elements where terms or codes do not say.
func segText(s string, terms []string, codes []InlineCode) string {
	var b, run strings.Builder
	flush := func() {
		b.WriteString(escText(run.String()))
		run.Reset()
	}
	present := map[int]bool{}
	for _, r := range s {
		if n, ok := marker.CodeID(r); ok {
			present[n] = true
		}
	}
	opened := map[int]bool{}
	for _, r := range s {
		cn, isCode := marker.CodeID(r)
		tn, isTerm := marker.TermID(r)
		switch {
		case isCode:
			flush()
			n := cn
			if n >= len(codes) {
				fmt.Fprintf(&b, `<ph type="%s" x="%d"/>`, phCode, n)
				continue
			}
			c := codes[n]
			switch {
			case c.Pair < 0:
				fmt.Fprintf(&b, `<ph type="%s" x="%d">%s</ph>`, phCode, n, escText(c.Data))
			case c.Pair > n && c.Pair > 0 && present[c.Pair] && after(s, n, c.Pair):
				opened[n] = true
				fmt.Fprintf(&b, `<bpt i="%d" x="%d" type="%s">%s</bpt>`, c.Pair, n, phCode, escText(c.Data))
			case c.Pair < n && opened[c.Pair]:
				fmt.Fprintf(&b, `<ept i="%d">%s</ept>`, n, escText(c.Data))
			default:
				pos := "begin"
				if c.Pair < n {
					pos = "end"
				}
				fmt.Fprintf(&b, `<it pos="%s" x="%d" type="%s">%s</it>`, pos, n, phCode, escText(c.Data))
			}
		case isTerm:
			flush()
			n := tn
			if n < len(terms) {
				fmt.Fprintf(&b, `<hi type="%s" x="%d">%s</hi>`, phTerm, n, escText(terms[n]))
			} else {
				fmt.Fprintf(&b, `<ph type="%s" x="%d"/>`, phTerm, n)
			}
		default:
			run.WriteRune(r)
		}
	}
	flush()
	return b.String()
}

// after reports whether code end comes after code start in s.
func after(s string, start, end int) bool {
	seen := false
	for _, r := range s {
		n, ok := marker.CodeID(r)
		if !ok {
			continue
		}
		switch n {
		case start:
			seen = true
		case end:
			if seen {
				return true
			}
		}
	}
	return false
}
