package glossary

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// TBX: ISO 30042. ParseTBX reads TBX v3 (<tbx>, <conceptEntry>, <langSec>,
// <termSec>) and the older "martif" TBX v2 (<termEntry>, <langSet>, <tig>
// or <ntig><termGrp>), in UTF-8, UTF-16 with a byte-order mark, or any
// charset the XML declaration names. administrativeStatus maps to statuses:
// preferredTerm-admn-sts → preferred; admittedTerm-admn-sts → admitted;
// deprecatedTerm-admn-sts, supersededTerm-admn-sts, obsoleteTerm,
// notRecommended, forbidden → deprecated. A language without a preferred
// term takes its first admitted term as preferred.
//
// WriteTBX writes TBX-Basic v3. What TBX-Basic has no data category for is
// written in locpipe's own categories (x-locpipe-…), so that a round trip
// loses nothing: exceptions, inflected forms and the matching options.

type tbxField struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

type tbxTerm struct {
	Term      tbxText    `xml:"term"`
	TermNotes []tbxField `xml:"termNote"`
	Grp       *tbxTerm   `xml:"termGrp"` // martif <ntig><termGrp>
}

// tbxText is an element's text with its inline markup (<hi>…) dropped.
type tbxText struct {
	Inner string `xml:",innerxml"`
}

func (t tbxText) String() string {
	d := xml.NewDecoder(strings.NewReader(t.Inner))
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
		}
	}
	return strings.TrimSpace(b.String())
}

type tbxLang struct {
	Lang     string     `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Descrips []tbxField `xml:"descrip"`
	TermSecs []tbxTerm  `xml:"termSec"`
	Tigs     []tbxTerm  `xml:"tig"`
	Ntigs    []tbxTerm  `xml:"ntig"`
}

type tbxEntry struct {
	ID       string     `xml:"id,attr"`
	Descrips []tbxField `xml:"descrip"`
	Grps     []struct {
		Descrip tbxField `xml:"descrip"`
	} `xml:"descripGrp"`
	Notes []string   `xml:"note"`
	Admin []tbxField `xml:"admin"`
	Langs []tbxLang  `xml:"langSec"`
	Sets  []tbxLang  `xml:"langSet"`
}

const (
	tbxException     = "x-locpipe-exception"
	tbxForm          = "x-locpipe-form"
	tbxCaseSensitive = "x-locpipe-case-sensitive"
	tbxDNT           = "x-locpipe-do-not-translate"
)

func tbxStatus(v string) (Status, bool) {
	switch strings.TrimSpace(v) {
	case "preferredTerm-admn-sts", "preferred", "preferredTerm":
		return Preferred, true
	case "admittedTerm-admn-sts", "admitted", "admittedTerm":
		return Admitted, true
	case "deprecatedTerm-admn-sts", "deprecated", "deprecatedTerm", "supersededTerm-admn-sts", "supersededTerm",
		"obsoleteTerm", "obsoleteTerm-admn-sts", "notRecommended", "notRecommended-admn-sts", "forbidden", "forbidden-admn-sts":
		return Deprecated, true
	}
	return "", false
}

// tbxDecoder returns an XML decoder that copes with UTF-16 (by its BOM) and
// the charsets an XML declaration can name.
func tbxDecoder(data []byte) *xml.Decoder {
	var r io.Reader = bytes.NewReader(data)
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		r = transform.NewReader(r, unicode.BOMOverride(unicode.UTF8.NewDecoder()))
	}
	d := xml.NewDecoder(r)
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		l := strings.ToLower(label)
		if l == "utf-8" || l == "utf8" || strings.HasPrefix(l, "utf-16") {
			return in, nil // already UTF-8 (UTF-16 was converted by its BOM)
		}
		enc, err := htmlindex.Get(label)
		if err != nil {
			return nil, fmt.Errorf("unknown charset %q", label)
		}
		return enc.NewDecoder().Reader(in), nil
	}
	return d
}

// ParseTBX reads a TBX glossary; name is used in errors.
func ParseTBX(name string, data []byte) (*Glossary, error) {
	d := tbxDecoder(stripBOM(data))
	g := &Glossary{}
	sawRoot := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		line, _ := d.InputPos()
		if err != nil {
			return nil, &LoadError{File: name, Line: line, Err: fmt.Errorf("%w: %v", ErrInvalid, err)}
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "tbx", "martif":
			sawRoot = true
			continue
		case "conceptEntry", "termEntry":
		default:
			continue
		}
		var e tbxEntry
		if err := d.DecodeElement(&e, &se); err != nil {
			l, _ := d.InputPos()
			return nil, &LoadError{File: name, Line: l, Err: fmt.Errorf("%w: %v", ErrInvalid, err)}
		}
		c, err := e.concept(len(g.Concepts))
		if err != nil {
			return nil, &LoadError{File: name, Line: line, Err: fmt.Errorf("%w: %v", ErrInvalid, err)}
		}
		c.Origin = fmt.Sprintf("%s:%d", name, line)
		c.pos = position{file: name, line: line, terms: map[string]int{}}
		for l := range c.Terms {
			c.pos.terms[l] = line
		}
		g.Concepts = append(g.Concepts, c)
	}
	if !sawRoot {
		return nil, &LoadError{File: name, Err: fmt.Errorf("%w: not TBX (no <tbx> or <martif> element)", ErrInvalid)}
	}
	return validated(name, g)
}

func (e *tbxEntry) concept(n int) (*Concept, error) {
	c := &Concept{ID: strings.TrimSpace(e.ID), Terms: map[string]TermSet{}}
	if c.ID == "" {
		c.ID = fmt.Sprintf("c%d", n+1)
	}
	descrips := append([]tbxField(nil), e.Descrips...)
	for _, g := range e.Grps {
		descrips = append(descrips, g.Descrip)
	}
	descrips = append(descrips, e.Admin...)
	var notes []string
	for _, n := range e.Notes {
		if n = strings.TrimSpace(n); n != "" {
			notes = append(notes, n)
		}
	}
	for _, f := range descrips {
		v := strings.TrimSpace(f.Value)
		switch f.Type {
		case tbxException:
			c.Exceptions = append(c.Exceptions, v)
		case tbxCaseSensitive:
			c.CaseSensitive = v == "yes"
		case tbxDNT:
			c.DoNotTranslate = v == "yes"
		case "definition":
			if v != "" && len(notes) == 0 {
				notes = append(notes, v)
			}
		}
	}
	c.Note = strings.Join(notes, "\n")
	for _, ls := range append(append([]tbxLang(nil), e.Langs...), e.Sets...) {
		lang := strings.TrimSpace(ls.Lang)
		if lang == "" {
			return nil, fmt.Errorf("concept %q: a language section without xml:lang", c.ID)
		}
		ts := c.Terms[lang]
		for _, f := range ls.Descrips {
			if f.Type == tbxCaseSensitive {
				ts.CaseSensitive = strings.TrimSpace(f.Value) == "yes"
			}
		}
		terms := append(append(append([]tbxTerm(nil), ls.TermSecs...), ls.Tigs...), ls.Ntigs...)
		for _, t := range terms {
			if t.Grp != nil {
				t = *t.Grp
			}
			term := t.Term.String()
			if term == "" {
				continue
			}
			st, form := Status(""), ""
			for _, tn := range t.TermNotes {
				switch tn.Type {
				case "administrativeStatus":
					if s, ok := tbxStatus(tn.Value); ok {
						st = s
					}
				case tbxForm:
					form = strings.TrimSpace(tn.Value)
				}
			}
			switch {
			case form != "" && st == Deprecated:
				if ts.DeprecatedForms == nil {
					ts.DeprecatedForms = map[string][]string{}
				}
				ts.DeprecatedForms[form] = append(ts.DeprecatedForms[form], term)
			case form != "":
				if ts.Forms == nil {
					ts.Forms = map[string]string{}
				}
				ts.Forms[form] = term
			case st == Preferred && ts.Preferred == "":
				ts.Preferred = term
			case st == Deprecated:
				ts.Deprecated = append(ts.Deprecated, term)
			case st == "" && ts.Preferred == "" && len(ts.Admitted) == 0:
				ts.Preferred = term // no status: the first term is the preferred one
			default:
				ts.Admitted = append(ts.Admitted, term)
			}
		}
		if ts.Preferred == "" && len(ts.Admitted) > 0 {
			ts.Preferred, ts.Admitted = ts.Admitted[0], ts.Admitted[1:]
		}
		if ts.Preferred == "" {
			if len(ts.Deprecated) > 0 {
				return nil, fmt.Errorf("concept %q: %s has only deprecated terms", c.ID, lang)
			}
			continue
		}
		c.Terms[lang] = ts
	}
	return c, nil
}

// WriteTBX writes g as TBX-Basic v3.
func WriteTBX(w io.Writer, g *Glossary) error {
	var b bytes.Buffer
	esc := func(s string) string {
		var e bytes.Buffer
		_ = xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader>
    <fileDesc>
      <sourceDesc>
        <p>locpipe glossary</p>
      </sourceDesc>
    </fileDesc>
  </tbxHeader>
  <text>
    <body>
`)
	term := func(t string, st Status, form string) {
		fmt.Fprintf(&b, "          <termSec>\n            <term>%s</term>\n", esc(t))
		fmt.Fprintf(&b, "            <termNote type=\"administrativeStatus\">%sTerm-admn-sts</termNote>\n", st)
		if form != "" {
			fmt.Fprintf(&b, "            <termNote type=\"%s\">%s</termNote>\n", tbxForm, esc(form))
		}
		b.WriteString("          </termSec>\n")
	}
	for _, c := range g.Concepts {
		fmt.Fprintf(&b, "      <conceptEntry id=\"%s\">\n", esc(c.ID))
		if c.Note != "" {
			fmt.Fprintf(&b, "        <note>%s</note>\n", esc(c.Note))
		}
		for _, e := range c.Exceptions {
			fmt.Fprintf(&b, "        <descrip type=\"%s\">%s</descrip>\n", tbxException, esc(e))
		}
		if c.CaseSensitive {
			fmt.Fprintf(&b, "        <descrip type=\"%s\">yes</descrip>\n", tbxCaseSensitive)
		}
		if c.DoNotTranslate {
			fmt.Fprintf(&b, "        <descrip type=\"%s\">yes</descrip>\n", tbxDNT)
		}
		for _, lang := range sortedKeys(c.Terms) {
			ts := c.Terms[lang]
			fmt.Fprintf(&b, "        <langSec xml:lang=\"%s\">\n", esc(lang))
			if ts.CaseSensitive {
				fmt.Fprintf(&b, "          <descrip type=\"%s\">yes</descrip>\n", tbxCaseSensitive)
			}
			ts.all(term)
			b.WriteString("        </langSec>\n")
		}
		b.WriteString("      </conceptEntry>\n")
	}
	b.WriteString("    </body>\n  </text>\n</tbx>\n")
	_, err := w.Write(b.Bytes())
	return err
}
