package po

import (
	"regexp"
	"strings"

	"github.com/locpipe/locpipe/pipeline/xliff"
)

// Header fields locpipe writes besides gettext's own.
const (
	HeaderSourceLanguage = "X-Locpipe-Source-Language"
	HeaderDocument       = "X-Locpipe-Document"
)

// placeholderHelp is the header comment that documents the placeholders.
var placeholderHelp = []string{
	"Inline markup is written as placeholders: <cN>…</cM> around marked-up",
	"text (bold, a link), <cN/> for a standalone code (an image, a line",
	"break). Keep every placeholder of the source in the translation, in the",
	"order the language needs. msgctxt is locpipe's segment id: do not change",
	"it. Entries flagged fuzzy are machine translations: edit them and remove",
	"the flag to approve them.",
}

// FromXLIFF converts one file of a review document (as xliff's export builds
// it) into a PO file: one entry per segment, msgctxt its id, the glossary
// notes that name the segment as "#." comments, "#:" the document and unit,
// fuzzy for a machine translation (state translated), an empty msgstr where
// there is no target. Ignorables are left out.
func FromXLIFF(d *xliff.Document, f *xliff.File) *File {
	out := &File{}
	out.HeaderComments = append(out.HeaderComments, headerTitle(d, f))
	out.HeaderComments = append(out.HeaderComments, placeholderHelp...)
	for _, kv := range [][2]string{
		{"Project-Id-Version", "locpipe " + f.Original},
		{"Report-Msgid-Bugs-To", ""},
		{"POT-Creation-Date", ""},
		{"PO-Revision-Date", ""},
		{"Last-Translator", ""},
		{"Language-Team", ""},
		{"Language", d.TrgLang},
		{"MIME-Version", "1.0"},
		{"Content-Type", "text/plain; charset=UTF-8"},
		{"Content-Transfer-Encoding", "8bit"},
		{"X-Generator", "locpipe"},
		{HeaderSourceLanguage, d.SrcLang},
		{HeaderDocument, f.Original},
	} {
		out.Set(kv[0], kv[1])
	}
	for _, u := range f.Units {
		for _, p := range u.Parts {
			if p.Ignorable {
				continue
			}
			e := &Entry{Context: p.ID, HasContext: true, ID: Placeholders(p.Source), Str: []string{""}}
			e.References = []string{refToken(f.Original + ":" + u.ID)}
			for _, n := range u.Notes {
				if n.Segment == p.ID || (n.Segment == "" && strings.HasPrefix(n.Text, p.ID+": ")) {
					e.Extracted = append(e.Extracted, strings.TrimPrefix(n.Text, p.ID+": "))
				}
			}
			if p.HasTarget {
				e.Str[0] = Placeholders(p.Target)
				if p.State == xliff.StateTranslated && e.Str[0] != "" {
					e.Flags = []string{"fuzzy"}
				}
			}
			out.Entries = append(out.Entries, e)
		}
	}
	return out
}

func headerTitle(d *xliff.Document, f *xliff.File) string {
	for _, n := range f.Notes {
		if n.Category == "locpipe" {
			return n.Text
		}
	}
	return "locpipe: " + f.Original + " (" + d.SrcLang + " → " + d.TrgLang + ")"
}

// refToken makes a "#:" reference of s: references are separated by
// white space, so it cannot hold any.
func refToken(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			return '_'
		}
		return r
	}, s)
}

// Placeholders writes content as text with inline codes as placeholders:
// <cN/> for a placeholder, <cN> for the start of a paired code, </cM> for
// its end (M the end code's own number), annotations as their text.
func Placeholders(c xliff.Content) string {
	var b strings.Builder
	var walk func(xliff.Content)
	num := func(id, prefix string) string { return strings.TrimPrefix(id, prefix) }
	walk = func(c xliff.Content) {
		for _, in := range c {
			switch in.Kind {
			case xliff.Text:
				b.WriteString(in.Text)
			case xliff.Ph:
				b.WriteString("<c" + num(in.ID, "c") + "/>")
			case xliff.Sc:
				b.WriteString("<c" + num(in.ID, "c") + ">")
			case xliff.Ec:
				if in.Isolated || in.DataRef == "" {
					id := in.ID
					if id == "" {
						id = in.StartRef
					}
					b.WriteString("</c" + num(id, "c") + ">")
				} else {
					b.WriteString("</c" + num(in.DataRef, "d") + ">")
				}
			case xliff.Pc:
				b.WriteString("<c" + num(in.ID, "c") + ">")
				walk(in.Kids)
				end := num(in.DataRefEnd, "d")
				if in.DataRefEnd == "" {
					end = num(in.ID, "c")
				}
				b.WriteString("</c" + end + ">")
			case xliff.Mrk:
				walk(in.Kids)
			}
		}
	}
	walk(c)
	return b.String()
}

var placeholderRe = regexp.MustCompile(`<(/?)c([0-9]{1,6})(/?)>`)

// Content reads text with placeholders back into content: each placeholder
// is the code of its number (<cN/> a Ph, <cN> an Sc, </cN> an isolated Ec),
// which xliff.TextFromContent turns into the code's marker.
func Content(s string) xliff.Content {
	var c xliff.Content
	last := 0
	for _, m := range placeholderRe.FindAllStringSubmatchIndex(s, -1) {
		if m[0] > last {
			c = append(c, xliff.Inline{Kind: xliff.Text, Text: s[last:m[0]]})
		}
		closing, n, empty := s[m[2]:m[3]] == "/", s[m[4]:m[5]], s[m[6]:m[7]] == "/"
		id := "c" + n
		switch {
		case closing && empty:
			c = append(c, xliff.Inline{Kind: xliff.Text, Text: s[m[0]:m[1]]}) // "</c1/>": not a placeholder
		case empty:
			c = append(c, xliff.Inline{Kind: xliff.Ph, ID: id})
		case closing:
			c = append(c, xliff.Inline{Kind: xliff.Ec, ID: id, Isolated: true})
		default:
			c = append(c, xliff.Inline{Kind: xliff.Sc, ID: id})
		}
		last = m[1]
	}
	if last < len(s) {
		c = append(c, xliff.Inline{Kind: xliff.Text, Text: s[last:]})
	}
	return c
}

// ToXLIFF reads a PO file written by FromXLIFF (and edited in any tool) into
// the review model: the document's path and languages from the header
// (Language, X-Locpipe-Source-Language, X-Locpipe-Document; a Language such
// as pt_BR is read as pt-BR), one segment per entry with msgctxt, grouped in
// units by the segment id's unit ("u3" of "u3.2"). An entry with a
// non-empty msgstr that is not fuzzy is reviewed (what Weblate and Pontoon
// write for an approved or edited string), a fuzzy one translated, an empty
// one initial. Obsolete entries and entries without msgctxt are not
// segments and are left out.
func ToXLIFF(f *File) *xliff.Document {
	lang := strings.ReplaceAll(f.Get("Language"), "_", "-")
	d := &xliff.Document{Version: "po", SrcLang: f.Get(HeaderSourceLanguage), TrgLang: lang}
	xf := &xliff.File{ID: "f1", Original: f.Get(HeaderDocument), Line: 1}
	var cur *xliff.Unit
	for _, e := range f.Entries {
		if e.Obsolete || !e.HasContext {
			continue
		}
		unit := e.Context
		if i := strings.LastIndexByte(unit, '.'); i > 0 {
			unit = unit[:i]
		}
		if cur == nil || cur.ID != unit {
			cur = &xliff.Unit{ID: unit, Line: e.Line}
			xf.Units = append(xf.Units, cur)
		}
		p := &xliff.Part{ID: e.Context, Line: e.Line, Source: Content(e.ID), State: xliff.StateInitial}
		if t := e.Target(); t != "" {
			p.Target, p.HasTarget = Content(t), true
			p.State = xliff.StateReviewed
			if e.Fuzzy() {
				p.State = xliff.StateTranslated
			}
		}
		cur.Parts = append(cur.Parts, p)
	}
	d.Files = []*xliff.File{xf}
	return d
}
