package xliff

import (
	"strconv"
)

// Parse reads an XLIFF 2.x document (any encoding: BOM, UTF-16, the XML
// declaration's) and checks it against the core schema and the
// specification's constraints; an XLIFF 1.2 (or 1.1, 1.0) document is
// checked against the 1.2 schema's structure instead (see xliff12.go). Every problem is reported as an *Error with
// the file and line, collected in Errors.
func Parse(name string, data []byte) (*Document, error) {
	root, err := parseTree(name, data)
	if err != nil {
		return nil, Errors{err.(*Error)}
	}
	if is1x(root) {
		if errs := validate12(name, root); len(errs) > 0 {
			return nil, errs
		}
		return build12(root), nil
	}
	if errs := validate(name, root); len(errs) > 0 {
		return nil, errs
	}
	return build(root), nil
}

// Validate checks an XLIFF document and returns its problems (nil when it
// is valid) and how many of them the core schema alone would have found.
func Validate(name string, data []byte) (errs Errors, schema int) {
	root, err := parseTree(name, data)
	if err != nil {
		return Errors{err.(*Error)}, 1
	}
	if is1x(root) {
		errs := validate12(name, root)
		return errs, len(errs)
	}
	v := &validator{file: name}
	if !root.is("xliff") {
		return validate(name, root), 1
	}
	v.structure(root)
	schema = len(v.errs)
	v.constraints(root)
	return v.errs, schema
}

func build(root *node) *Document {
	d := &Document{Version: root.get("version"), SrcLang: root.get("srcLang"), TrgLang: root.get("trgLang")}
	for _, f := range root.kids {
		if !f.is("file") {
			continue
		}
		file := &File{ID: f.get("id"), Original: f.get("original"), Line: f.line}
		var walk func(n *node)
		walk = func(n *node) {
			for _, k := range n.kids {
				switch {
				case k.is("notes") && n == f:
					file.Notes = notes(k)
				case k.is("group"):
					walk(k)
				case k.is("unit"):
					file.Units = append(file.Units, unit(k))
				}
			}
		}
		walk(f)
		d.Files = append(d.Files, file)
	}
	return d
}

func notes(n *node) []Note {
	var out []Note
	for _, k := range n.kids {
		out = append(out, Note{ID: k.get("id"), Category: k.get("category"), AppliesTo: k.get("appliesTo"), Text: k.text()})
	}
	return out
}

func unit(n *node) *Unit {
	u := &Unit{ID: n.get("id"), Name: n.get("name"), Line: n.line}
	for _, k := range n.kids {
		switch {
		case k.is("notes"):
			u.Notes = notes(k)
		case k.is("originalData"):
			for _, d := range k.kids {
				u.Data = append(u.Data, Data{ID: d.get("id"), Text: string(content(d).PlainText())})
			}
		case k.is("segment"), k.is("ignorable"):
			p := &Part{Ignorable: k.is("ignorable"), ID: k.get("id"), State: k.get("state"), Line: k.line}
			for _, st := range k.kids {
				if st.is("source") {
					p.Source = content(st)
				} else if st.is("target") {
					p.Target = content(st)
					p.HasTarget = true
				}
			}
			u.Parts = append(u.Parts, p)
		}
	}
	return u
}

// mixed converts the mixed content of n: its text, adjacent runs merged,
// and those child elements ours accepts, which elem appends to c (nothing,
// one inline or text).
func mixed(n *node, ours func(*node) bool, elem func(c Content, e *node) Content) Content {
	var c Content
	for _, it := range n.content {
		if it.el == nil {
			c = appendText(c, it.text)
		} else if ours(it.el) {
			c = elem(c, it.el)
		}
	}
	return c
}

// appendText appends the text s to c, merging it with a text run that ends c.
func appendText(c Content, s string) Content {
	if k := len(c); k > 0 && c[k-1].Kind == Text {
		c[k-1].Text += s
		return c
	}
	return append(c, Inline{Kind: Text, Text: s})
}

// content converts mixed content; <cp> becomes the character it encodes.
func content(n *node) Content { return mixed(n, (*node).core, element) }

// element appends the inline of the XLIFF 2 element e to c.
func element(c Content, e *node) Content {
	in := Inline{ID: e.get("id"), StartRef: e.get("startRef"), DataRef: e.get("dataRef"), Type: e.get("type"), Value: e.get("value"),
		Isolated: e.get("isolated") == "yes"}
	switch e.name.Local {
	case "cp":
		if cp, err := strconv.ParseUint(e.get("hex"), 16, 32); err == nil {
			c = appendText(c, string(rune(cp)))
		}
		return c
	case "ph":
		in.Kind = Ph
	case "pc":
		in.Kind = Pc
		in.DataRef, in.DataRefEnd = e.get("dataRefStart"), e.get("dataRefEnd")
		in.Kids = content(e)
	case "sc":
		in.Kind = Sc
	case "ec":
		in.Kind = Ec
	case "mrk":
		in.Kind = Mrk
		in.Kids = content(e)
	case "sm":
		in.Kind = Sm
	case "em":
		in.Kind = Em
	default:
		return c
	}
	return append(c, in)
}
