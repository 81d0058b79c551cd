package glossary

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// TBX: ISO 30042. ParseTBX reads TBX v3 (<tbx>, <conceptEntry>, <langSec>,
// <termSec>) in both styles, DCA (<termNote type="administrativeStatus">)
// and DCT (<basic:administrativeStatus>, any element whose local name is
// the data category), and the older "martif" TBX v2 (<termEntry>,
// <langSet>, <tig> or <ntig><termGrp>), in UTF-8, UTF-16 with a byte-order
// mark, or any charset the XML declaration names. administrativeStatus (and
// normativeAuthorization) map to statuses: preferredTerm-admn-sts,
// standardizedTerm-admn-sts, legalTerm-admn-sts, regulatedTerm-admn-sts →
// preferred; admittedTerm-admn-sts → admitted; deprecatedTerm-admn-sts,
// supersededTerm-admn-sts, obsoleteTerm, notRecommended, forbidden →
// deprecated. A language without a preferred term takes its first admitted
// term as preferred; a language holding only deprecated (forbidden) terms is
// kept as Concept.Forbidden. Structural errors are reported with their line:
// a term section with no <term> or two, a language section without xml:lang
// or terms, a term section outside a language section, an unknown status, an id given twice.
//
// WriteTBX writes TBX-Basic v3 (DCA style) valid against LTAC's integrated
// TBX-Basic schema, whose URL (a pinned commit: the file was removed from
// the repository's head) its header names. What TBX-Basic has no data
// category for is written as notes that start with "x-locpipe-…: " (on the
// concept: exceptions, case sensitivity, do-not-translate; on the language:
// case sensitivity; on the term: the inflected form's tag), so that a round
// trip loses nothing. WriteTBXv2 writes TBX-Basic v2 (martif), which
// Translate Toolkit and OmegaT read.

// TBXBasicSchema is the integrated TBX-Basic RELAX NG schema WriteTBX's
// header names: LTAC's DCA schema at the last commit that has it.
const TBXBasicSchema = "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/7b3d9030d3c950a7a8f7e03174e318692c6466d3/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng"

// TBXBasicSchematron is the TBX-Basic DCA Schematron of the same commit.
const TBXBasicSchematron = "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/7b3d9030d3c950a7a8f7e03174e318692c6466d3/DCA/TBX-Basic_DCA.sch"

// locpipe's own data, as note prefixes (TBX-Basic) and, read only, as the
// descrip/termNote types older locpipe versions wrote.
const (
	tbxException     = "x-locpipe-exception"
	tbxForm          = "x-locpipe-form"
	tbxCaseSensitive = "x-locpipe-case-sensitive"
	tbxDNT           = "x-locpipe-do-not-translate"
	tbxConceptID     = "x-locpipe-id" // a concept id that is no xs:ID
)

var locpipeNotes = []string{tbxException, tbxForm, tbxCaseSensitive, tbxDNT, tbxConceptID}

// splitLocpipeNote returns the category and value of a note locpipe wrote.
func splitLocpipeNote(s string) (cat, value string, ok bool) {
	for _, c := range locpipeNotes {
		if v, found := strings.CutPrefix(s, c+":"); found {
			return c, strings.TrimSpace(v), true
		}
	}
	return "", "", false
}

func tbxStatus(v string) (Status, bool) {
	switch strings.TrimSpace(v) {
	case "preferredTerm-admn-sts", "preferred", "preferredTerm", "standardizedTerm-admn-sts", "standardized",
		"legalTerm-admn-sts", "regulatedTerm-admn-sts", "preferred-norm-auth", "standardizedTerm":
		return Preferred, true
	case "admittedTerm-admn-sts", "admitted", "admittedTerm", "admitted-norm-auth":
		return Admitted, true
	case "deprecatedTerm-admn-sts", "deprecated", "deprecatedTerm", "supersededTerm-admn-sts", "supersededTerm",
		"obsoleteTerm", "obsoleteTerm-admn-sts", "notRecommended", "notRecommended-admn-sts", "forbidden",
		"forbidden-admn-sts", "forbiddenTerm", "forbiddenTerm-admn-sts", "deprecated-norm-auth", "forbidden-norm-auth":
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

// tnode is an element of a TBX document with its line.
type tnode struct {
	local  string
	lang   string    // xml:lang
	attrs  []tbxAttr // unprefixed attributes, in document order
	kids   []*tnode
	text   string // character data of the element and its inline descendants: the first piece,
	buf    []byte // or all of them when there are several (multi)
	multi  bool
	line   int
	parent *tnode
}

type tbxAttr struct{ name, value string }

// get returns the value of attribute a (the last one of that name).
func (n *tnode) get(a string) string {
	for i := len(n.attrs) - 1; i >= 0; i-- {
		if n.attrs[i].name == a {
			return n.attrs[i].value
		}
	}
	return ""
}

// addText adds character data to n and to every inline element up to the
// nearest non-inline one.
func (n *tnode) addText(t string) {
	if t == "" {
		return
	}
	for p := n; p != nil; p = p.parent {
		switch {
		case p.multi:
			p.buf = append(p.buf, t...)
		case p.text == "":
			p.text = t
		default:
			p.buf = append(append(p.buf[:0], p.text...), t...)
			p.multi = true
		}
		if !tbxInline(p.local) {
			break
		}
	}
}

// child returns the first child named local and the number of them.
func (n *tnode) child(local string) (*tnode, int) {
	var first *tnode
	count := 0
	for _, k := range n.kids {
		if k.local == local {
			if count == 0 {
				first = k
			}
			count++
		}
	}
	return first, count
}

func isTermSec(local string) bool { return local == "termSec" || local == "tig" || local == "ntig" }

func (n *tnode) children(locals ...string) []*tnode {
	var out []*tnode
	for _, k := range n.kids {
		for _, l := range locals {
			if k.local == l {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// value returns the element's text, trimmed. It may share the node's
// buffer: a string kept beyond the node is copied (strKeeper).
func (n *tnode) value() string {
	if n.multi {
		return strings.TrimSpace(unsafe.String(unsafe.SliceData(n.buf), len(n.buf)))
	}
	return strings.TrimSpace(n.text)
}

// tbxInline reports whether an element is inline: its text belongs to the
// enclosing element.
func tbxInline(local string) bool {
	switch local {
	case "hi", "foreign", "ph", "sc", "ec", "bpt", "ept":
		return true
	}
	return false
}

func parseTBXTree(name string, data []byte) (*tnode, error) {
	d := tbxDecoder(stripBOM(data))
	var root, cur *tnode
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := d.InputPos()
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				line = se.Line
			}
			return nil, &LoadError{File: name, Line: line, Err: fmt.Errorf("%w: %v", ErrInvalid, err)}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &tnode{local: t.Name.Local, line: line, parent: cur}
			for _, a := range t.Attr {
				if a.Name.Local == "lang" && a.Name.Space == "http://www.w3.org/XML/1998/namespace" {
					n.lang = a.Value
				} else if a.Name.Space == "" {
					n.attrs = append(n.attrs, tbxAttr{a.Name.Local, a.Value})
				}
			}
			if cur == nil {
				root = n
			} else {
				cur.kids = append(cur.kids, n)
			}
			cur = n
		case xml.EndElement:
			if cur != nil {
				cur = cur.parent
			}
		case xml.CharData:
			// Text goes to the nearest non-inline element and every inline
			// one on the way.
			if cur != nil {
				cur.addText(string(t))
			}
		}
	}
	if root == nil || (root.local != "tbx" && root.local != "martif") {
		return nil, &LoadError{File: name, Err: fmt.Errorf("%w: not TBX (no <tbx> or <martif> element)", ErrInvalid)}
	}
	return root, nil
}

// ParseTBX reads a TBX glossary; name is used in errors.
func ParseTBX(name string, data []byte) (*Glossary, error) {
	if g, ok := parseTBXFast(name, stripBOM(data)); ok {
		return g, nil
	}
	return parseTBXNodes(name, data)
}

// parseTBXNodes reads a TBX glossary with encoding/xml, as a tree: what
// parseTBXFast leaves, and every error.
func parseTBXNodes(name string, data []byte) (*Glossary, error) {
	root, err := parseTBXTree(name, data)
	if err != nil {
		return nil, err
	}
	v3 := root.local == "tbx"
	g := &Glossary{}
	bad := func(n *tnode, format string, args ...any) error {
		return &LoadError{File: name, Line: n.line, Err: fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))}
	}
	var entries []*tnode
	var find func(n *tnode) error
	find = func(n *tnode) error {
		for _, k := range n.kids {
			switch k.local {
			case "conceptEntry", "termEntry":
				if v3 && k.local == "termEntry" {
					return bad(k, "<termEntry> (TBX v2) in a TBX v3 <tbx> document: want <conceptEntry>")
				}
				if !v3 && k.local == "conceptEntry" {
					return bad(k, "<conceptEntry> (TBX v3) in a TBX v2 <martif> document: want <termEntry>")
				}
				entries = append(entries, k)
			case "langSec", "langSet", "termSec", "tig", "ntig":
				return bad(k, "<%s> outside a concept entry", k.local)
			default:
				if err := find(k); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := find(root); err != nil {
		return nil, err
	}
	for _, e := range entries {
		c, err := tbxConcept(e, len(g.Concepts), v3, bad, nil)
		if err != nil {
			return nil, err
		}
		tbxPosition(c, name, e, nil)
		g.Concepts = append(g.Concepts, c)
	}
	return validated(name, g)
}

// tbxPosition sets the origin and position of c, read from entry e.
func tbxPosition(c *Concept, name string, e *tnode, k *strKeeper) {
	c.Origin = name + ":" + strconv.Itoa(e.line)
	c.pos = position{file: name, line: e.line}
	n := 0
	for _, ls := range e.kids {
		if ls.local == "langSec" || ls.local == "langSet" {
			n++
		}
	}
	c.pos.terms = make([]langLine, 0, n)
	for _, ls := range e.kids {
		if ls.local == "langSec" || ls.local == "langSet" {
			c.pos.setTerms(k.tag(ls.lang), ls.line)
		}
	}
	if n == 0 {
		c.pos.terms = nil
	}
}

// strKeeper copies the strings a glossary keeps out of the file they were
// read in place from: into shared chunks, languages and tags shared. A nil
// keeper keeps strings as they are.
type strKeeper struct {
	strs strArena
	tags map[string]string
}

func (k *strKeeper) str(s string) string {
	if k == nil {
		return s
	}
	return k.strs.copy(s)
}

func (k *strKeeper) tag(s string) string {
	if k == nil {
		return s
	}
	if t, ok := k.tags[s]; ok {
		return t
	}
	t := strings.Clone(s)
	if k.tags == nil {
		k.tags = map[string]string{}
	}
	k.tags[t] = t
	return t
}

// dataCategory returns the category and value of a data-category element:
// <descrip type="definition">, or a DCT element <basic:definition>.
func dataCategory(n *tnode) (string, string) {
	switch n.local {
	case "descrip", "admin", "termNote", "xref", "ref", "transac":
		return n.get("type"), n.value()
	}
	return n.local, n.value()
}

// tbxConcept makes the concept of entry e, the n-th; every string it keeps
// goes through keep.
func tbxConcept(e *tnode, n int, v3 bool, bad func(*tnode, string, ...any) error, keep *strKeeper) (*Concept, error) {
	c := &Concept{ID: keep.str(strings.TrimSpace(e.get("id"))), Terms: map[string]TermSet{}}
	if c.ID == "" {
		c.ID = fmt.Sprintf("c%d", n+1)
	}
	var notes []string
	definition := ""
	apply := func(cat, v string) {
		switch cat {
		case tbxException:
			c.Exceptions = append(c.Exceptions, keep.str(v))
		case tbxCaseSensitive:
			c.CaseSensitive = v == "yes"
		case tbxDNT:
			c.DoNotTranslate = v == "yes"
		case tbxConceptID:
			if v != "" {
				c.ID = keep.str(v)
			}
		case "definition":
			if definition == "" {
				definition = v
			}
		}
	}
	var aux func(n *tnode)
	aux = func(n *tnode) {
		for _, k := range n.kids {
			switch k.local {
			case "langSec", "langSet":
			case "note":
				if cat, v, ok := splitLocpipeNote(k.value()); ok {
					apply(cat, v)
				} else if v := k.value(); v != "" {
					notes = append(notes, v)
				}
			case "descripGrp", "adminGrp":
				aux(k)
			default:
				apply(dataCategory(k))
			}
		}
	}
	aux(e)
	if len(notes) == 0 && definition != "" {
		notes = append(notes, definition)
	}
	c.Note = keep.str(strings.Join(notes, "\n"))
	langs := e.children("langSec", "langSet") // none: Validate says "has no terms"
	for _, k := range e.kids {
		if isTermSec(k.local) || k.local == "term" {
			return nil, bad(k, "concept %q: <%s> outside a language section", c.ID, k.local)
		}
	}
	var props []*tnode // reused term section by term section
	for _, ls := range langs {
		if (v3 && ls.local == "langSet") || (!v3 && ls.local == "langSec") {
			return nil, bad(ls, "concept %q: <%s> does not belong in TBX %s", c.ID, ls.local, map[bool]string{true: "v3", false: "v2"}[v3])
		}
		lang := keep.tag(strings.TrimSpace(ls.lang))
		if lang == "" {
			return nil, bad(ls, "concept %q: a language section without xml:lang", c.ID)
		}
		ts := c.Terms[lang]
		for _, k := range ls.kids {
			cat, v, ok := "", "", false
			if k.local == "note" {
				cat, v, ok = splitLocpipeNote(k.value())
			} else {
				cat, v = dataCategory(k)
				ok = true
			}
			switch {
			case !ok:
			case cat == tbxCaseSensitive:
				ts.CaseSensitive = strings.TrimSpace(v) == "yes"
			case cat == tbxException: // an exception of this language only
				if v = strings.TrimSpace(v); v != "" {
					ts.Exceptions = append(ts.Exceptions, keep.str(v))
				}
			}
		}
		nsecs := 0
		for _, k := range ls.kids {
			if isTermSec(k.local) {
				nsecs++
			}
		}
		if nsecs == 0 {
			return nil, bad(ls, "concept %q: the %s section has no terms", c.ID, lang)
		}
		if _, ok := c.Terms[lang]; ok {
			return nil, bad(ls, "concept %q: a second %s section", c.ID, lang)
		}
		var deprecatedOnly []string
		for _, sec := range ls.kids {
			if !isTermSec(sec.local) {
				continue
			}
			holder := sec
			if sec.local == "ntig" {
				grp, n := sec.child("termGrp")
				if n != 1 {
					return nil, bad(sec, "concept %q: <ntig> needs one <termGrp>, has %d", c.ID, n)
				}
				holder = grp
			}
			tn, n := holder.child("term")
			if n != 1 {
				return nil, bad(sec, "concept %q (%s): <%s> needs exactly one <term>, has %d", c.ID, lang, sec.local, n)
			}
			term := keep.str(tn.value())
			if term == "" {
				return nil, bad(tn, "concept %q (%s): empty <term>", c.ID, lang)
			}
			st, form := Status(""), ""
			props = append(props[:0], holder.kids...)
			if holder != sec {
				props = append(props, sec.kids...)
			}
			for _, p := range props {
				if p.local == "termNoteGrp" {
					props = append(props, p.kids...)
				}
			}
			for _, p := range props {
				if p.local == "note" {
					if cat, v, ok := splitLocpipeNote(p.value()); ok && cat == tbxForm {
						form = keep.tag(v)
					}
					continue
				}
				cat, v := dataCategory(p)
				switch cat {
				case "administrativeStatus", "normativeAuthorization":
					s, ok := tbxStatus(v)
					if !ok {
						return nil, bad(p, "concept %q (%s): unknown %s %q", c.ID, lang, cat, v)
					}
					if cat == "administrativeStatus" || st == "" {
						st = s
					}
				case tbxForm:
					form = keep.tag(v)
				}
			}
			switch {
			case form != "" && st == Deprecated:
				if ts.DeprecatedForms == nil {
					ts.DeprecatedForms = map[string][]string{}
				}
				ts.DeprecatedForms[form] = append(ts.DeprecatedForms[form], term)
			case form != "":
				ts.Forms.Set(form, term)
			case st == Preferred && ts.Preferred == "":
				ts.Preferred = term
			case st == Deprecated:
				ts.Deprecated = append(ts.Deprecated, term)
				deprecatedOnly = append(deprecatedOnly, term)
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
			// Only forbidden terms in this language: kept as such.
			if c.Forbidden == nil {
				c.Forbidden = map[string][]string{}
			}
			c.Forbidden[lang] = append(c.Forbidden[lang], deprecatedOnly...)
			continue
		}
		c.Terms[lang] = ts
	}
	return c, nil
}

func xmlEsc(s string) string {
	var e bytes.Buffer
	_ = xml.EscapeText(&e, []byte(s))
	return e.String()
}

// WriteTBX writes g as TBX-Basic v3 (DCA style).
func WriteTBX(w io.Writer, g *Glossary) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="%s" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<?xml-model href="%s" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>
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
`, TBXBasicSchema, TBXBasicSchematron)
	writeTBXBody(&b, g, tbxNames{entry: "conceptEntry", lang: "langSec", term: "termSec", definition: "<note>%s</note>"}, conceptLangs)
	b.WriteString("    </body>\n  </text>\n</tbx>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// tbxNames are the element names that differ between the bodies of TBX v3
// (DCA) and TBX v2 (martif).
type tbxNames struct {
	entry, lang, term string
	definition        string // the concept's note: a format taking the escaped text
}

// writeTBXBody writes the concept entries of g with the element names n,
// the languages of each concept in the order langs gives.
func writeTBXBody(b *bytes.Buffer, g *Glossary, n tbxNames, langs func(*Concept) []string) {
	note := func(indent, cat, v string) {
		fmt.Fprintf(b, "%s<note>%s: %s</note>\n", indent, cat, xmlEsc(v))
	}
	term := func(t string, st Status, form string) {
		fmt.Fprintf(b, "          <%s>\n            <term>%s</term>\n", n.term, xmlEsc(t))
		fmt.Fprintf(b, "            <termNote type=\"administrativeStatus\">%sTerm-admn-sts</termNote>\n", st)
		if form != "" {
			note("            ", tbxForm, form)
		}
		fmt.Fprintf(b, "          </%s>\n", n.term)
	}
	for _, c := range g.Concepts {
		fmt.Fprintf(b, "      <%s id=\"%s\">\n", n.entry, xmlEsc(tbxID(c.ID)))
		if id := tbxID(c.ID); id != c.ID {
			note("        ", tbxConceptID, c.ID)
		}
		if c.Note != "" {
			fmt.Fprintf(b, "        "+n.definition+"\n", xmlEsc(c.Note))
		}
		for _, e := range c.Exceptions {
			note("        ", tbxException, e)
		}
		if c.CaseSensitive {
			note("        ", tbxCaseSensitive, "yes")
		}
		if c.DoNotTranslate {
			note("        ", tbxDNT, "yes")
		}
		for _, lang := range langs(c) {
			fmt.Fprintf(b, "        <%s xml:lang=\"%s\">\n", n.lang, xmlEsc(lang))
			if ts, ok := c.Terms[lang]; ok {
				if ts.CaseSensitive {
					note("          ", tbxCaseSensitive, "yes")
				}
				for _, e := range ts.Exceptions {
					note("          ", tbxException, e)
				}
				ts.all(term)
			}
			for _, t := range c.Forbidden[lang] {
				term(t, Deprecated, "")
			}
			fmt.Fprintf(b, "        </%s>\n", n.lang)
		}
		fmt.Fprintf(b, "      </%s>\n", n.entry)
	}
}

// conceptLangs lists the languages of a concept's terms and forbidden terms.
func conceptLangs(c *Concept) []string {
	all := map[string]bool{}
	for l := range c.Terms {
		all[l] = true
	}
	for l := range c.Forbidden {
		all[l] = true
	}
	return sortedKeys(all)
}

// leading orders langs with the languages of lead first.
func leading(langs, lead []string) []string {
	var out []string
	for _, l := range lead {
		for _, have := range langs {
			if have == l {
				out = append(out, l)
			}
		}
	}
	for _, have := range langs {
		found := false
		for _, l := range out {
			found = found || l == have
		}
		if !found {
			out = append(out, have)
		}
	}
	return out
}

// tbxID makes an xs:ID of a concept id (TBX ids are xs:ID: a name that
// starts with a letter or underscore). Ids that are one stay as they are.
func tbxID(id string) string {
	ok := id != ""
	for i, r := range id {
		if !(r == '_' || r == '-' || r == '.' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r > 0x7F) {
			ok = false
			break
		}
		if i == 0 && ((r >= '0' && r <= '9') || r == '-' || r == '.') {
			ok = false
			break
		}
	}
	if ok {
		return id
	}
	var b strings.Builder
	b.WriteString("_")
	for _, r := range id {
		if r == '_' || r == '-' || r == '.' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r > 0x7F {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "_%X_", r)
		}
	}
	return b.String()
}

// WriteTBXv2 writes g as TBX-Basic v2 (ISO 30042:2008, <martif>), the TBX
// Translate Toolkit and OmegaT read: one <termEntry> per concept, a
// <langSet> per language, a <tig> per term with its administrativeStatus.
// locpipe's own data are notes, as in WriteTBX. The languages lead names
// come first in each entry, in that order (Translate Toolkit reads the
// first two as source and target), the others after them, sorted.
func WriteTBXv2(w io.Writer, g *Glossary, lead ...string) error {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader>
    <fileDesc>
      <sourceDesc>
        <p>locpipe glossary</p>
      </sourceDesc>
    </fileDesc>
    <encodingDesc>
      <p type="XCSURI">TBXBasicXCSV02.xcs</p>
    </encodingDesc>
  </martifHeader>
  <text>
    <body>
`)
	writeTBXBody(&b, g, tbxNames{entry: "termEntry", lang: "langSet", term: "tig", definition: `<descrip type="definition">%s</descrip>`}, func(c *Concept) []string { return leading(conceptLangs(c), lead) })
	b.WriteString("    </body>\n  </text>\n</martif>\n")
	_, err := w.Write(b.Bytes())
	return err
}
