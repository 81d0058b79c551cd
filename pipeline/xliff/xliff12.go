package xliff

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// XLIFF 1.2 (and 1.1, which Translate Toolkit writes, and the namespace-less
// 1.0) is read into the same Document model as XLIFF 2: a <group> of
// trans-units is a Unit, each <trans-unit> a segment Part; a trans-unit
// outside a group is a Unit of its own; a <seg-source> split by
// <mrk mtype="seg"> gives one Part per marker. Inline elements map to the
// 2.x kinds: <g> to Pc, <x> and <ph> to Ph, <bx>, <bpt> and <it pos="open">
// to Sc, <ex>, <ept> and <it pos="close"> to isolated Ec (by their own id),
// <mrk> to Mrk; the native code inside <ph>, <bpt>, <ept> and <it> (and its
// <sub>) is markup, not text. A target with approved="yes", or in state final
// or signed-off, reads as reviewed; translated and needs-review-* as
// translated; new and needs-translation as initial.

// Namespaces of XLIFF 1.x.
const (
	Namespace12 = "urn:oasis:names:tc:xliff:document:1.2"
	Namespace11 = "urn:oasis:names:tc:xliff:document:1.1"
)

// Version12 is the version EncodeTo writes for "1.2".
const Version12 = "1.2"

func is1x(n *node) bool {
	if n.name.Local != "xliff" {
		return false
	}
	switch n.name.Space {
	case Namespace12, Namespace11:
		return true
	case "":
		v := n.get("version")
		return strings.HasPrefix(v, "1.")
	}
	return false
}

func (n *node) in12(local string) bool {
	return n.name.Local == local && (n.name.Space == Namespace12 || n.name.Space == Namespace11 || n.name.Space == "")
}

func (n *node) x12() bool {
	return n.name.Space == Namespace12 || n.name.Space == Namespace11 || n.name.Space == ""
}

// spec12 is an XLIFF 1.2 element of the strict and transitional schemas
// (xliff-core-1.2-strict.xsd, xliff-core-1.2-transitional.xsd): its
// required attributes, the attributes whose values are enumerated, the
// child elements it may hold, and whether it holds text.
type spec12 struct {
	required []string
	enums    map[string][]string // attribute: allowed values ("x-…" always allowed where xt)
	xt       map[string]bool     // attribute takes x- extensions
	kids     []string
	text     bool
	other    bool // elements of other namespaces allowed
}

var inline12 = []string{"g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "mrk"}

var yesNo12 = []string{"yes", "no"}

var states12 = []string{"final", "needs-adaptation", "needs-l10n", "needs-review-adaptation", "needs-review-l10n",
	"needs-review-translation", "needs-translation", "new", "signed-off", "translated"}

var specs12 = map[string]*spec12{
	"xliff": {kids: []string{"file"}, other: true},
	"file": {required: []string{"original", "source-language", "datatype"}, kids: []string{"header", "body"}, other: true,
		xt: map[string]bool{"datatype": true}},
	"header":        {kids: []string{"skl", "phase-group", "glossary", "reference", "count-group", "prop-group", "note", "tool"}, other: true},
	"skl":           {kids: []string{"internal-file", "external-file"}},
	"internal-file": {text: true},
	"external-file": {required: []string{"href"}},
	"glossary":      {kids: []string{"internal-file", "external-file"}},
	"reference":     {kids: []string{"internal-file", "external-file"}},
	"phase-group":   {kids: []string{"phase"}},
	"phase":         {required: []string{"phase-name", "process-name"}, kids: []string{"note"}},
	"tool":          {required: []string{"tool-id", "tool-name"}, text: true, other: true},
	"body":          {kids: []string{"group", "trans-unit", "bin-unit"}, other: true},
	"group": {kids: []string{"context-group", "count-group", "note", "prop-group", "group", "trans-unit", "bin-unit"}, other: true,
		enums: map[string][]string{"translate": yesNo12, "merged-trans": yesNo12}},
	"trans-unit": {required: []string{"id"}, kids: []string{"source", "seg-source", "target", "context-group", "count-group", "note", "alt-trans", "prop-group"}, other: true,
		enums: map[string][]string{"approved": yesNo12, "translate": yesNo12}},
	"source":     {text: true, kids: inline12},
	"seg-source": {text: true, kids: inline12},
	"target": {text: true, kids: inline12,
		enums: map[string][]string{"state": states12}, xt: map[string]bool{"state": true}},
	"alt-trans":     {kids: []string{"source", "seg-source", "target", "context-group", "note", "prop-group"}, other: true},
	"context-group": {kids: []string{"context"}},
	"context":       {required: []string{"context-type"}, text: true},
	"count-group":   {required: []string{"name"}, kids: []string{"count"}},
	"count":         {required: []string{"count-type"}, text: true},
	"prop-group":    {kids: []string{"prop"}},
	"prop":          {required: []string{"prop-type"}, text: true},
	"note":          {text: true, enums: map[string][]string{"annotates": {"source", "target", "general"}}},
	"bin-unit":      {required: []string{"id", "mime-type"}, kids: []string{"bin-source", "bin-target", "context-group", "count-group", "note", "prop-group", "trans-unit"}, other: true},
	"bin-source":    {kids: []string{"internal-file", "external-file"}},
	"bin-target":    {kids: []string{"internal-file", "external-file"}},
	"g":             {required: []string{"id"}, text: true, kids: inline12},
	"x":             {required: []string{"id"}},
	"bx":            {required: []string{"id"}},
	"ex":            {required: []string{"id"}},
	"ph":            {required: []string{"id"}, text: true, kids: []string{"sub"}},
	"bpt":           {required: []string{"id"}, text: true, kids: []string{"sub"}},
	"ept":           {required: []string{"id"}, text: true, kids: []string{"sub"}},
	"it":            {required: []string{"id", "pos"}, text: true, kids: []string{"sub"}, enums: map[string][]string{"pos": {"open", "close"}}},
	"sub":           {text: true, kids: inline12},
	"mrk":           {required: []string{"mtype"}, text: true, kids: inline12},
}

// validate12 checks the document rooted at root against the XLIFF 1.2
// schema's structure (required attributes, enumerated values, which
// elements go where) and the rules readers rely on: trans-unit ids unique
// within a file, <source> first in a trans-unit and at most one <target>,
// the languages of every file.
func validate12(name string, root *node) Errors {
	var errs Errors
	errf := func(n *node, format string, args ...any) {
		errs = append(errs, &Error{File: name, Line: n.line, Msg: fmt.Sprintf(format, args...)})
	}
	// A missing version is forgiven where the namespace names it.
	if v, ok := root.attr("version"); (ok || root.name.Space == "") && v != "1.0" && v != "1.1" && v != "1.2" {
		errf(root, "<xliff> version %q: want 1.2 (or 1.1, 1.0)", v)
	}
	ns := root.name.Space
	var walk func(n *node)
	walk = func(n *node) {
		if n.name.Space != ns {
			if ns == "" || n.name.Space == "" {
				errf(n, "<%s> outside the document's namespace %q", n.name.Local, ns)
			}
			return // an extension: not checked
		}
		sp, ok := specs12[n.name.Local]
		if !ok {
			errf(n, "unknown element <%s> in the XLIFF 1.2 namespace", n.name.Local)
			return
		}
		for _, r := range sp.required {
			if _, ok := n.attr(r); !ok {
				errf(n, "<%s> has no %s attribute (required)", n.name.Local, r)
			}
		}
		for _, a := range n.attrs {
			if a.Name.Space != "" {
				continue
			}
			vals, ok := sp.enums[a.Name.Local]
			if !ok || contains(vals, a.Value) || (sp.xt[a.Name.Local] && strings.HasPrefix(a.Value, "x-")) {
				continue
			}
			errf(n, "<%s> %s=%q: want one of %s", n.name.Local, a.Name.Local, a.Value, strings.Join(vals, ", "))
		}
		if !sp.text {
			for _, it := range n.content {
				if it.el == nil && strings.TrimSpace(it.text) != "" {
					errf(n, "<%s> may not contain text (found %q)", n.name.Local, abbrev(strings.TrimSpace(it.text)))
					break
				}
			}
		}
		for _, k := range n.kids {
			if k.name.Space != ns {
				if !sp.other && ns != "" && k.name.Space != "" {
					errf(k, "<%s> of namespace %s not allowed in <%s>", k.name.Local, k.name.Space, n.name.Local)
				}
				continue
			}
			if !contains(sp.kids, k.name.Local) {
				errf(k, "<%s> not allowed in <%s>", k.name.Local, n.name.Local)
			}
		}
		switch n.name.Local {
		case "xliff":
			if len(n.kids) == 0 || !hasKid(n, "file") {
				errf(n, "<xliff> has no <file> (required)")
			}
		case "file":
			if !hasKid(n, "body") {
				errf(n, "<file> has no <body> (required)")
			}
			for i, k := range n.kids {
				if k.in12("header") && i > 0 {
					errf(k, "<header> must come first in <file>")
				}
			}
			ids, groups := map[string]int{}, map[string]int{}
			var units func(p *node)
			units = func(p *node) {
				for _, k := range p.kids {
					switch {
					case k.in12("trans-unit"), k.in12("bin-unit"):
						id := k.get("id")
						if prev, dup := ids[id]; dup && id != "" {
							errf(k, "<%s> id %q already used on line %d", k.name.Local, id, prev)
						} else {
							ids[id] = k.line
						}
					case k.in12("group"), k.in12("body"):
						if id := k.get("id"); k.in12("group") && id != "" {
							if prev, dup := groups[id]; dup {
								errf(k, "<group> id %q already used on line %d", id, prev)
							} else {
								groups[id] = k.line
							}
						}
						units(k)
					}
				}
			}
			units(n)
		case "trans-unit":
			seenTarget := false
			for i, k := range n.kids {
				switch {
				case k.in12("source") && i != 0:
					errf(k, "<source> must come first in <trans-unit>")
				case k.in12("target"):
					if seenTarget {
						errf(k, "<trans-unit> has a second <target>")
					}
					seenTarget = true
				}
			}
			if !hasKid(n, "source") {
				errf(n, "<trans-unit> has no <source> (required)")
			}
		case "alt-trans":
			if !hasKid(n, "target") {
				errf(n, "<alt-trans> has no <target> (required)")
			}
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(root)
	var src, trg string
	first := true
	for _, f := range root.kids {
		if !f.in12("file") {
			continue
		}
		s, t := f.get("source-language"), f.get("target-language")
		for _, l := range []struct{ attr, v string }{{"source-language", s}, {"target-language", t}} {
			if l.v != "" && !bcp47Re.MatchString(l.v) {
				errf(f, "<file> %s %q is not a well-formed BCP 47 language tag", l.attr, l.v)
			}
		}
		if first {
			src, trg, first = s, t, false
			continue
		}
		if s != src || t != trg {
			errf(f, "<file> languages %s→%s differ from the first file's %s→%s: one language pair per document", s, t, src, trg)
		}
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
	return errs
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func hasKid(n *node, local string) bool { return len(childrenIn(n, local)) > 0 }

func childrenIn(n *node, locals ...string) []*node {
	var out []*node
	for _, k := range n.kids {
		if k.name.Space == n.name.Space && contains(locals, k.name.Local) {
			out = append(out, k)
		}
	}
	return out
}

// build12 reads a valid XLIFF 1.x tree into the model.
func build12(root *node) *Document {
	d := &Document{Version: root.get("version")}
	if d.Version == "" {
		d.Version = strings.TrimPrefix(root.name.Space, "urn:oasis:names:tc:xliff:document:")
	}
	for fi, f := range childrenIn(root, "file") {
		if fi == 0 {
			d.SrcLang, d.TrgLang = f.get("source-language"), f.get("target-language")
		}
		file := &File{ID: "f" + strconv.Itoa(fi+1), Original: f.get("original"), Line: f.line}
		for _, h := range childrenIn(f, "header") {
			for _, nt := range childrenIn(h, "note") {
				file.Notes = append(file.Notes, note12(nt))
			}
		}
		var walk func(p *node)
		walk = func(p *node) {
			var grouped *Unit
			for _, k := range p.kids {
				switch {
				case k.in12("group"):
					walk(k)
				case k.in12("trans-unit"):
					if p.in12("group") && p.get("id") != "" && !hasKid(k, "seg-source") {
						if grouped == nil {
							grouped = &Unit{ID: p.get("id"), Name: p.get("resname"), Line: p.line}
							for _, nt := range childrenIn(p, "note") {
								grouped.Notes = append(grouped.Notes, note12(nt))
							}
							file.Units = append(file.Units, grouped)
						}
						part, notes := transUnit12(k)
						grouped.Parts = append(grouped.Parts, part)
						grouped.Notes = append(grouped.Notes, notes...)
						continue
					}
					file.Units = append(file.Units, unit12(k))
				}
			}
		}
		for _, b := range childrenIn(f, "body") {
			walk(b)
		}
		d.Files = append(d.Files, file)
	}
	return d
}

func note12(n *node) Note {
	nt := Note{Category: n.get("from"), Text: n.text()}
	switch n.get("annotates") {
	case "source", "target":
		nt.AppliesTo = n.get("annotates")
	}
	return nt
}

// state12 maps a trans-unit's approval and its target's state to a 2.x state.
func state12(tu, target *node) string {
	if tu.get("approved") == "yes" {
		return StateReviewed
	}
	if target == nil {
		return StateInitial
	}
	switch st := target.get("state"); st {
	case "final", "signed-off":
		return StateFinal
	case "new", "needs-translation":
		return StateInitial
	case "":
		if strings.TrimSpace(target.text()) == "" {
			return StateInitial
		}
		return StateTranslated
	default:
		return StateTranslated
	}
}

func transUnit12(tu *node) (*Part, []Note) {
	p := &Part{ID: tu.get("id"), Line: tu.line}
	var target *node
	for _, k := range tu.kids {
		switch {
		case k.in12("source"):
			p.Source = content12(k)
		case k.in12("target") && target == nil:
			target = k
			p.Target = content12(k)
			p.HasTarget = true
		}
	}
	p.State = state12(tu, target)
	var notes []Note
	for _, nt := range childrenIn(tu, "note") {
		notes = append(notes, note12(nt))
	}
	return p, notes
}

// unit12 is a trans-unit read as a unit: one segment, or one per
// <mrk mtype="seg"> of its <seg-source> (the target's markers by mid).
func unit12(tu *node) *Unit {
	u := &Unit{ID: tu.get("id"), Name: tu.get("resname"), Line: tu.line}
	part, notes := transUnit12(tu)
	u.Notes = notes
	segSrc := childrenIn(tu, "seg-source")
	if len(segSrc) == 0 {
		u.Parts = []*Part{part}
		return u
	}
	targets := map[string]Content{}
	if ts := childrenIn(tu, "target"); len(ts) > 0 {
		for _, m := range segMarkers(ts[0]) {
			targets[m.get("mid")] = content12(m)
		}
	}
	for _, it := range segSrc[0].content {
		if it.el == nil || !(it.el.in12("mrk") && it.el.get("mtype") == "seg") {
			var c Content
			if it.el == nil {
				c = Content{{Kind: Text, Text: it.text}}
			} else {
				c = content12(&node{name: segSrc[0].name, content: []item{it}})
			}
			u.Parts = append(u.Parts, &Part{Ignorable: true, Source: c, Line: segSrc[0].line})
			continue
		}
		m := it.el
		sp := &Part{ID: m.get("mid"), Line: m.line, Source: content12(m), State: part.State}
		if t, ok := targets[m.get("mid")]; ok {
			sp.Target, sp.HasTarget = t, true
		} else if sp.State != StateInitial {
			sp.State = StateInitial
		}
		u.Parts = append(u.Parts, sp)
	}
	return u
}

func segMarkers(n *node) []*node {
	var out []*node
	for _, k := range n.kids {
		if k.in12("mrk") && k.get("mtype") == "seg" {
			out = append(out, k)
		}
	}
	return out
}

// content12 converts XLIFF 1.x mixed content to the model's inline kinds.
func content12(n *node) Content { return mixed(n, (*node).x12, element12) }

// element12 appends the inline of the XLIFF 1.x element e to c.
func element12(c Content, e *node) Content {
	id := e.get("id")
	switch e.name.Local {
	case "g":
		c = append(c, Inline{Kind: Pc, ID: id, Type: e.get("ctype"), Kids: content12(e)})
	case "x", "ph":
		c = append(c, Inline{Kind: Ph, ID: id, Type: e.get("ctype")})
	case "bx", "bpt":
		c = append(c, Inline{Kind: Sc, ID: id, Type: e.get("ctype")})
	case "ex", "ept":
		c = append(c, Inline{Kind: Ec, ID: id, Isolated: true})
	case "it":
		if e.get("pos") == "close" {
			c = append(c, Inline{Kind: Ec, ID: id, Isolated: true})
		} else {
			c = append(c, Inline{Kind: Sc, ID: id, Isolated: true})
		}
	case "mrk":
		c = append(c, Inline{Kind: Mrk, ID: e.get("mid"), Type: e.get("mtype"), Kids: content12(e)})
	}
	return c
}

// encode12 writes d as XLIFF 1.2: one <file> per file, a <group> per unit
// (id and resname the unit's), a <trans-unit> per segment whose id is the
// segment's; ignorables are left out (they are not translated). A reviewed
// or final target is approved="yes" state="final", a translated one
// state="translated". Codes: <x/> for a placeholder, <g> for a paired code,
// <bx/>/<ex/> for the ends of one that spans segments (each by its own id). Notes that name a segment (Note.Segment) go
// on its trans-unit, the unit's others on its group.
func encode12(w io.Writer, d *Document) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"" + Namespace12 + "\">\n")
	for _, f := range d.Files {
		fmt.Fprintf(bw, " <file original=\"%s\" source-language=\"%s\"", attrEsc(orDefault(f.Original, f.ID)), attrEsc(d.SrcLang))
		if d.TrgLang != "" {
			fmt.Fprintf(bw, " target-language=\"%s\"", attrEsc(d.TrgLang))
		}
		bw.WriteString(" datatype=\"plaintext\">\n")
		if len(f.Notes) > 0 {
			bw.WriteString("  <header>\n")
			for _, n := range f.Notes {
				writeNote12(bw, "   ", n)
			}
			bw.WriteString("  </header>\n")
		}
		bw.WriteString("  <body>\n")
		for _, u := range f.Units {
			fmt.Fprintf(bw, "   <group id=\"%s\"", attrEsc(u.ID))
			if u.Name != "" {
				fmt.Fprintf(bw, " resname=\"%s\"", attrEsc(u.Name))
			}
			bw.WriteString(">\n")
			bySeg := map[string][]Note{}
			var unitNotes []Note
			for _, n := range u.Notes {
				if n.Segment != "" {
					bySeg[n.Segment] = append(bySeg[n.Segment], n)
				} else {
					unitNotes = append(unitNotes, n)
				}
			}
			for _, p := range u.Parts {
				if p.Ignorable {
					continue
				}
				fmt.Fprintf(bw, "    <trans-unit id=\"%s\"", attrEsc(p.ID))
				if p.HasTarget && (p.State == StateReviewed || p.State == StateFinal) {
					bw.WriteString(" approved=\"yes\"")
				}
				bw.WriteString(" xml:space=\"preserve\">\n     <source>")
				writeContent12(bw, p.Source)
				bw.WriteString("</source>\n")
				if p.HasTarget {
					st := "translated"
					switch p.State {
					case StateReviewed, StateFinal:
						st = "final"
					case StateInitial, "":
						st = "new"
					}
					fmt.Fprintf(bw, "     <target state=\"%s\">", st)
					writeContent12(bw, p.Target)
					bw.WriteString("</target>\n")
				}
				for _, n := range bySeg[p.ID] {
					writeNote12(bw, "     ", n)
				}
				bw.WriteString("    </trans-unit>\n")
			}
			for _, n := range unitNotes {
				writeNote12(bw, "    ", n)
			}
			bw.WriteString("   </group>\n")
		}
		bw.WriteString("  </body>\n </file>\n")
	}
	bw.WriteString("</xliff>\n")
	return bw.Flush()
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func writeNote12(w *bufio.Writer, indent string, n Note) {
	w.WriteString(indent + "<note")
	if n.Category != "" {
		fmt.Fprintf(w, " from=\"%s\"", attrEsc(n.Category))
	}
	switch n.AppliesTo {
	case "source", "target":
		fmt.Fprintf(w, " annotates=\"%s\"", n.AppliesTo)
	}
	fmt.Fprintf(w, ">%s</note>\n", textReplacer.Replace(stripInvalid(n.Text)))
}

func writeContent12(w *bufio.Writer, c Content) {
	for _, in := range c {
		switch in.Kind {
		case Text:
			w.WriteString(textReplacer.Replace(stripInvalid(in.Text)))
		case Ph:
			fmt.Fprintf(w, "<x id=\"%s\"/>", attrEsc(in.ID))
		case Pc:
			fmt.Fprintf(w, "<g id=\"%s\">", attrEsc(in.ID))
			writeContent12(w, in.Kids)
			w.WriteString("</g>")
		case Sc:
			fmt.Fprintf(w, "<bx id=\"%s\"/>", attrEsc(in.ID))
		case Ec:
			id := in.ID
			if !in.Isolated {
				// The end of a code whose start (StartRef) is in another
				// segment: by its own id (its data's). The schema's rid
				// must name a <bx> of the same trans-unit, so there is none.
				id = "c" + strings.TrimPrefix(in.DataRef, "d")
			}
			fmt.Fprintf(w, "<ex id=\"%s\"/>", attrEsc(id))
		case Mrk:
			fmt.Fprintf(w, "<mrk mtype=\"%s\">", attrEsc(orDefault(in.Type, "x-locpipe")))
			writeContent12(w, in.Kids)
			w.WriteString("</mrk>")
		case Sm, Em:
			// Annotation boundaries have no 1.2 form outside <mrk>: dropped.
		}
	}
}
