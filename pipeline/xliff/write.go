package xliff

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Version is the XLIFF version Encode writes.
const Version = "2.1"

// Encode writes d as XLIFF 2.1 (d.Version when set: 2.0, 2.1 or 2.2, the
// last in its own namespace; 1.2 as described in xliff12.go), indented between
// structural elements and never inside a source or target.
func Encode(w io.Writer, d *Document) error {
	if strings.HasPrefix(d.Version, "1.") {
		return encode12(w, d)
	}
	bw := bufio.NewWriter(w)
	ver := d.Version
	if ver == "" {
		ver = Version
	}
	ns := Namespace
	if ver == "2.2" {
		ns = Namespace22
	}
	fmt.Fprintf(bw, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"%s\" version=\"%s\" srcLang=\"%s\"", ns, attrEsc(ver), attrEsc(d.SrcLang))
	if d.TrgLang != "" {
		fmt.Fprintf(bw, " trgLang=\"%s\"", attrEsc(d.TrgLang))
	}
	bw.WriteString(">\n")
	for _, f := range d.Files {
		fmt.Fprintf(bw, " <file id=\"%s\"", attrEsc(f.ID))
		if f.Original != "" {
			fmt.Fprintf(bw, " original=\"%s\"", attrEsc(f.Original))
		}
		bw.WriteString(">\n")
		writeNotes(bw, "  ", f.Notes)
		for _, u := range f.Units {
			fmt.Fprintf(bw, "  <unit id=\"%s\"", attrEsc(u.ID))
			if u.Name != "" {
				fmt.Fprintf(bw, " name=\"%s\"", attrEsc(u.Name))
			}
			bw.WriteString(">\n")
			writeNotes(bw, "   ", u.Notes)
			if len(u.Data) > 0 {
				bw.WriteString("   <originalData>\n")
				for _, dt := range u.Data {
					fmt.Fprintf(bw, "    <data id=\"%s\">%s</data>\n", attrEsc(dt.ID), textEsc(dt.Text))
				}
				bw.WriteString("   </originalData>\n")
			}
			for _, p := range u.Parts {
				el := "segment"
				if p.Ignorable {
					el = "ignorable"
				}
				fmt.Fprintf(bw, "   <%s", el)
				if p.ID != "" {
					fmt.Fprintf(bw, " id=\"%s\"", attrEsc(p.ID))
				}
				if p.State != "" && !p.Ignorable {
					fmt.Fprintf(bw, " state=\"%s\"", attrEsc(p.State))
				}
				bw.WriteString(">\n    <source xml:space=\"preserve\">")
				writeContent(bw, p.Source)
				bw.WriteString("</source>\n")
				if p.HasTarget {
					bw.WriteString("    <target xml:space=\"preserve\">")
					writeContent(bw, p.Target)
					bw.WriteString("</target>\n")
				}
				fmt.Fprintf(bw, "   </%s>\n", el)
			}
			bw.WriteString("  </unit>\n")
		}
		bw.WriteString(" </file>\n")
	}
	bw.WriteString("</xliff>\n")
	return bw.Flush()
}

func writeNotes(w *bufio.Writer, indent string, notes []Note) {
	if len(notes) == 0 {
		return
	}
	w.WriteString(indent + "<notes>\n")
	for _, n := range notes {
		w.WriteString(indent + " <note")
		if n.ID != "" {
			fmt.Fprintf(w, " id=\"%s\"", attrEsc(n.ID))
		}
		if n.Category != "" {
			fmt.Fprintf(w, " category=\"%s\"", attrEsc(n.Category))
		}
		if n.AppliesTo != "" {
			fmt.Fprintf(w, " appliesTo=\"%s\"", attrEsc(n.AppliesTo))
		}
		fmt.Fprintf(w, ">%s</note>\n", textReplacer.Replace(stripInvalid(n.Text)))
	}
	w.WriteString(indent + "</notes>\n")
}

func writeContent(w *bufio.Writer, c Content) {
	for _, in := range c {
		switch in.Kind {
		case Text:
			w.WriteString(textEsc(in.Text))
		case Ph:
			fmt.Fprintf(w, "<ph id=\"%s\"%s/>", attrEsc(in.ID), opt("dataRef", in.DataRef))
		case Pc:
			fmt.Fprintf(w, "<pc id=\"%s\"%s%s>", attrEsc(in.ID), opt("dataRefStart", in.DataRef), opt("dataRefEnd", in.DataRefEnd))
			writeContent(w, in.Kids)
			w.WriteString("</pc>")
		case Sc:
			fmt.Fprintf(w, "<sc id=\"%s\"%s%s/>", attrEsc(in.ID), opt("dataRef", in.DataRef), yes("isolated", in.Isolated))
		case Ec:
			if in.Isolated {
				fmt.Fprintf(w, "<ec id=\"%s\"%s isolated=\"yes\"/>", attrEsc(in.ID), opt("dataRef", in.DataRef))
			} else {
				fmt.Fprintf(w, "<ec startRef=\"%s\"%s/>", attrEsc(in.StartRef), opt("dataRef", in.DataRef))
			}
		case Mrk:
			fmt.Fprintf(w, "<mrk id=\"%s\"%s%s>", attrEsc(in.ID), opt("type", in.Type), opt("value", in.Value))
			writeContent(w, in.Kids)
			w.WriteString("</mrk>")
		case Sm:
			fmt.Fprintf(w, "<sm id=\"%s\"%s%s/>", attrEsc(in.ID), opt("type", in.Type), opt("value", in.Value))
		case Em:
			fmt.Fprintf(w, "<em startRef=\"%s\"/>", attrEsc(in.StartRef))
		}
	}
}

func opt(name, v string) string {
	if v == "" {
		return ""
	}
	return " " + name + "=\"" + attrEsc(v) + "\""
}

func yes(name string, b bool) string {
	if !b {
		return ""
	}
	return " " + name + "=\"yes\""
}

var (
	attrReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\n", "&#10;", "\r", "&#13;", "\t", "&#9;")
	textReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#13;")
)

func attrEsc(s string) string { return attrReplacer.Replace(stripInvalid(s)) }

// textEsc escapes text; characters XML cannot carry become <cp hex="…"/>.
func textEsc(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return !xmlAllowed(r) }) {
		return textReplacer.Replace(s)
	}
	var b strings.Builder
	start := 0
	for i, r := range s {
		if xmlAllowed(r) {
			continue
		}
		b.WriteString(textReplacer.Replace(s[start:i]))
		fmt.Fprintf(&b, "<cp hex=\"%04X\"/>", r)
		start = i + len(string(r))
	}
	b.WriteString(textReplacer.Replace(s[start:]))
	return b.String()
}

func stripInvalid(s string) string {
	return strings.Map(func(r rune) rune {
		if xmlAllowed(r) {
			return r
		}
		return -1
	}, s)
}
