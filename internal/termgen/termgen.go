// Package termgen writes deterministic synthetic termbases for benchmarks:
// n concepts in eight languages (en, de, fr, es, it, pl, uk, ru), each with
// a preferred term per language, deprecated and admitted variants, Slavic
// inflected forms, a note, and exceptions on every tenth concept, in
// locpipe's native YAML and in TBX v3. The same n always gives the same bytes,
// so that no big file needs committing.
package termgen

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Langs are the languages every generated concept has terms in.
var Langs = []string{"en", "de", "fr", "es", "it", "pl", "uk", "ru"}

var (
	latin    = []string{"ka", "lo", "mir", "vek", "za", "ro", "dan", "shi", "pol", "tar", "nu", "ves", "gor", "il", "ban", "tek", "rus", "ma", "lin", "o"}
	cyrillic = []string{"ка", "ло", "мир", "век", "за", "ро", "дан", "ши", "пол", "тар", "ну", "вес", "гор", "ил", "бан", "тек", "рус", "ма", "лин", "о"}
)

// spellings returns, per language, the spelling of the Latin syllables
// (a few letters differ).
func spellings() map[string]*strings.Replacer {
	return map[string]*strings.Replacer{
		"en": strings.NewReplacer(),
		"de": strings.NewReplacer("sh", "sch", "v", "w", "z", "s"),
		"fr": strings.NewReplacer("sh", "ch", "u", "ou"),
		"es": strings.NewReplacer("sh", "ch", "k", "c", "v", "b"),
		"it": strings.NewReplacer("sh", "sc", "k", "ch"),
		"pl": strings.NewReplacer("sh", "sz", "v", "w", "o", "ó"),
	}
}

// Term is one generated term set: the preferred term and its variants.
type Term struct {
	Preferred  string
	Admitted   []string
	Deprecated []string
	Forms      [][2]string // tag, form
}

// Concept is one generated concept.
type Concept struct {
	ID         string
	Note       string
	Terms      [][2]any // lang, Term, in Langs order
	Exceptions []string
}

// Concepts returns n concepts, the same ones for the same n.
func Concepts(n int) []Concept {
	r := rand.New(rand.NewPCG(uint64(n), 42))
	spell := spellings()
	seen := make(map[string]bool, n)
	out := make([]Concept, 0, n)
	for i := range n {
		var idx []int
		for {
			idx = idx[:0]
			for range 3 + r.IntN(3) {
				idx = append(idx, r.IntN(len(latin)))
			}
			k := fmt.Sprint(idx)
			if !seen[k] {
				seen[k] = true
				break
			}
		}
		var lb, cb strings.Builder
		for _, k := range idx {
			lb.WriteString(latin[k])
			cb.WriteString(cyrillic[k])
		}
		base, cyr := lb.String(), cb.String()
		c := Concept{ID: fmt.Sprintf("t%06d", i), Note: fmt.Sprintf("Synthetic concept %d.", i)}
		for _, l := range Langs {
			var t Term
			switch l {
			case "uk", "ru":
				t.Preferred = title(cyr)
				if l == "uk" {
					t.Preferred = strings.ReplaceAll(t.Preferred, "и", "і")
					t.Forms = [][2]string{{"gen", t.Preferred + "а"}, {"loc", t.Preferred + "і"}}
				} else {
					t.Forms = [][2]string{{"gen", t.Preferred + "а"}, {"loc", t.Preferred + "е"}}
				}
			default:
				t.Preferred = title(spell[l].Replace(base))
				if l == "pl" {
					t.Forms = [][2]string{{"gen", t.Preferred + "a"}}
				}
			}
			switch l {
			case "en":
				t.Deprecated = []string{title(base) + "sk"}
			case "de", "fr":
				if i%3 == 0 {
					t.Admitted = []string{title(base)}
				}
			}
			c.Terms = append(c.Terms, [2]any{l, t})
		}
		if i%10 == 0 {
			c.Exceptions = []string{"Old " + title(base) + " Road"}
		}
		out = append(out, c)
	}
	return out
}

func title(s string) string {
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// YAML returns n concepts in locpipe's native glossary format.
func YAML(n int) []byte {
	var b bytes.Buffer
	b.WriteString("version: 1\nconcepts:\n")
	for _, c := range Concepts(n) {
		fmt.Fprintf(&b, "  - id: %s\n    note: %s\n    terms:\n", c.ID, c.Note)
		for _, lt := range c.Terms {
			t := lt[1].(Term)
			fmt.Fprintf(&b, "      %s: {preferred: %s", lt[0], t.Preferred)
			if len(t.Admitted) > 0 {
				fmt.Fprintf(&b, ", admitted: [%s]", strings.Join(t.Admitted, ", "))
			}
			if len(t.Deprecated) > 0 {
				fmt.Fprintf(&b, ", deprecated: [%s]", strings.Join(t.Deprecated, ", "))
			}
			if len(t.Forms) > 0 {
				b.WriteString(", forms: {")
				for i, f := range t.Forms {
					if i > 0 {
						b.WriteString(", ")
					}
					fmt.Fprintf(&b, "%s: %s", f[0], f[1])
				}
				b.WriteString("}")
			}
			b.WriteString("}\n")
		}
		if len(c.Exceptions) > 0 {
			fmt.Fprintf(&b, "    exceptions: [\"%s\"]\n", strings.Join(c.Exceptions, "\", \""))
		}
	}
	return b.Bytes()
}

// TBX returns n concepts in TBX-Basic v3 (DCA style).
func TBX(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>termgen</p></sourceDesc></fileDesc></tbxHeader>
  <text>
    <body>
`)
	term := func(t, status, form string) {
		fmt.Fprintf(&b, "          <termSec>\n            <term>%s</term>\n            <termNote type=\"administrativeStatus\">%s</termNote>\n", t, status)
		if form != "" {
			fmt.Fprintf(&b, "            <note>x-locpipe-form: %s</note>\n", form)
		}
		b.WriteString("          </termSec>\n")
	}
	for _, c := range Concepts(n) {
		fmt.Fprintf(&b, "      <conceptEntry id=\"%s\">\n        <note>%s</note>\n", c.ID, c.Note)
		for _, e := range c.Exceptions {
			fmt.Fprintf(&b, "        <note>x-locpipe-exception: %s</note>\n", e)
		}
		for _, lt := range c.Terms {
			t := lt[1].(Term)
			fmt.Fprintf(&b, "        <langSec xml:lang=\"%s\">\n", lt[0])
			term(t.Preferred, "preferredTerm-admn-sts", "")
			for _, a := range t.Admitted {
				term(a, "admittedTerm-admn-sts", "")
			}
			for _, d := range t.Deprecated {
				term(d, "deprecatedTerm-admn-sts", "")
			}
			for _, f := range t.Forms {
				term(f[1], "preferredTerm-admn-sts", f[0])
			}
			b.WriteString("        </langSec>\n")
		}
		b.WriteString("      </conceptEntry>\n")
	}
	b.WriteString("    </body>\n  </text>\n</tbx>\n")
	return b.Bytes()
}
