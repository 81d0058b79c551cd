package memory

import (
	"bufio"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/xliff/charset"
)

// TMX 1.4b, the exchange format of translation memories. No maintained Go
// library reads or writes it, so this file does, on encoding/xml.
//
// locpipe writes its own keys as properties (x-locpipe-origin, -engine,
// -glossary, -prev, -next) and its placeholders as empty <ph> elements
// typed x-locpipe-code (inline markup) and x-locpipe-term (glossary terms),
// so that an export imports back to the same memory. Other tools' files
// carry plain text: their sentences are keyed as the pipeline would key them
// (glossary terms protected) and count as human translations by default.

// TMX property types locpipe writes and reads.
const (
	PropOrigin   = "x-locpipe-origin"
	PropEngine   = "x-locpipe-engine"
	PropGlossary = "x-locpipe-glossary"
	PropPrev     = "x-locpipe-prev"
	PropNext     = "x-locpipe-next"
)

const (
	phCode = "x-locpipe-code"
	phTerm = "x-locpipe-term"

	tmxTime = "20060102T150405Z"

	codeBase = 0xE000 // format.CodeBase: inline code markers in unit text
	codeMax  = 0x1000
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
	Text    string // with locpipe placeholders as runes
	Foreign bool   // holds inline codes of another tool (bpt, ept, it, ph, ut)
}

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
			if err := p.seg(&b, &tv.Foreign); err != nil {
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

// seg reads mixed content up to the end of the current element.
func (p *tmxParser) seg(b *strings.Builder, foreign *bool) error {
	for {
		tok, err := p.token()
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.CharData:
			b.Write(tok)
		case xml.StartElement:
			switch tok.Name.Local {
			case "hi":
				if err := p.seg(b, foreign); err != nil {
					return err
				}
				continue
			case "ph":
				typ, _ := attr(tok, "type")
				if typ == phCode || typ == phTerm {
					x, _ := attr(tok, "x")
					n, err := strconv.Atoi(x)
					base, max := codeBase, codeMax
					if typ == phTerm {
						base, max = glossary.PlaceholderBase, glossary.MaxPlaceholders
					}
					if err != nil || n < 0 || n >= max {
						return p.errf(p.line(), "<ph type=%q> has a bad x=%q", typ, x)
					}
					b.WriteRune(rune(base + n))
					if err := p.d.Skip(); err != nil {
						return p.wrapSyntax(err)
					}
					continue
				}
			}
			// Another tool's inline code: its native markup is not text.
			*foreign = true
			if err := p.d.Skip(); err != nil {
				return p.wrapSyntax(err)
			}
		case xml.EndElement:
			return nil
		}
	}
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
// fingerprint that keys machine entries.
type Protector interface {
	ProtectPair(source, target string, from, to language.Tag) (psrc, ptgt string, err error)
	Fingerprint() string
}

// Skipped is a TMX unit (or one of its languages) that was not imported.
type Skipped struct {
	Line   int
	Reason string
}

func (s Skipped) String() string { return fmt.Sprintf("%d: %s", s.Line, s.Reason) }

// Records turns the TMX's units into memory records: one per target
// language of each unit. Units it cannot use are listed with the reason.
func (t *TMX) Records(opts ImportOptions) ([]Record, []Skipped) {
	origin := opts.Origin
	if origin == "" {
		origin = OriginHuman
	}
	var recs []Record
	var skipped []Skipped
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
		if src.Foreign {
			skipped = append(skipped, Skipped{tu.Line, "inline markup of another tool in the source: it cannot match locpipe's segments"})
			continue
		}
		if Normalize(src.Text) == "" {
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
		_, ours := tu.Props[PropGlossary]
		for _, tv := range tu.TUVs {
			if tv.Lang == src.Lang {
				continue
			}
			if tv.Foreign {
				skipped = append(skipped, Skipped{tv.Line, fmt.Sprintf("%s: inline markup of another tool", tv.Lang)})
				continue
			}
			if Normalize(tv.Text) == "" {
				skipped = append(skipped, Skipped{tv.Line, fmt.Sprintf("%s: empty translation", tv.Lang)})
				continue
			}
			r := Record{
				Key: Key{Source: src.Text, SourceLang: src.Lang, TargetLang: tv.Lang,
					Engine: tu.Props[PropEngine], Glossary: tu.Props[PropGlossary],
					Prev: tu.Props[PropPrev], Next: tu.Props[PropNext]},
				Entry:   Entry{Target: tv.Text, Origin: o},
				Changed: tu.Changed,
			}
			if !ours && opts.Glossary != nil {
				from, _ := language.Parse(src.Lang)
				to, _ := language.Parse(tv.Lang)
				s, tg, err := opts.Glossary.ProtectPair(src.Text, tv.Text, from, to)
				if err != nil {
					skipped = append(skipped, Skipped{tv.Line, fmt.Sprintf("%s: %v", tv.Lang, err)})
					continue
				}
				r.Source, r.Target = s, tg
				if o == OriginMachine {
					r.Glossary = opts.Glossary.Fingerprint()
				}
			}
			recs = append(recs, r)
		}
	}
	return recs, skipped
}

// Lister lists a memory's records (SQLite.Each).
type Lister interface {
	Each(ctx context.Context, fn func(Record) error) error
}

// WriteTMX writes every record of m as TMX 1.4b, one <tu> per record. It
// returns the number of units written.
func WriteTMX(ctx context.Context, w io.Writer, m Lister) (int, error) {
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
		props := [][2]string{{PropOrigin, r.Origin}, {PropEngine, r.Engine}, {PropGlossary, r.Glossary}, {PropPrev, r.Prev}, {PropNext, r.Next}}
		for _, pr := range props {
			if pr[1] == "" && pr[0] != PropGlossary {
				continue
			}
			fmt.Fprintf(bw, "      <prop type=\"%s\">%s</prop>\n", pr[0], escText(pr[1]))
		}
		fmt.Fprintf(bw, "      <tuv xml:lang=\"%s\"><seg>%s</seg></tuv>\n", esc(r.SourceLang), segText(r.Source))
		fmt.Fprintf(bw, "      <tuv xml:lang=\"%s\"><seg>%s</seg></tuv>\n", esc(r.TargetLang), segText(r.Target))
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

// segText escapes s and writes its placeholders as typed <ph> elements.
func segText(s string) string {
	var b, run strings.Builder
	flush := func() {
		b.WriteString(escText(run.String()))
		run.Reset()
	}
	for _, r := range s {
		switch {
		case r >= codeBase && r < codeBase+codeMax:
			flush()
			fmt.Fprintf(&b, `<ph type="%s" x="%d"/>`, phCode, r-codeBase)
		case r >= glossary.PlaceholderBase && r < glossary.PlaceholderBase+glossary.MaxPlaceholders:
			flush()
			fmt.Fprintf(&b, `<ph type="%s" x="%d"/>`, phTerm, r-glossary.PlaceholderBase)
		default:
			run.WriteRune(r)
		}
	}
	flush()
	return b.String()
}
