package glossary

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

func seedFiles(f *testing.F, glob string) {
	paths, _ := filepath.Glob(filepath.Join("testdata", glob))
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
}

// Loaders never panic, and what they accept they can write and read back.
func FuzzParseYAML(f *testing.F) {
	seedFiles(f, "*.yaml")
	data, _ := builtinFS.ReadFile("builtin/ukraine.yaml")
	f.Add(data)
	f.Add([]byte("version: 1\nconcepts:\n  - id: x\n    terms:\n      en: {preferred: X, forms: {gen: Xs}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		_ = Lint(g)
		g.Apply("Kiev and Odessa", language.English)
	})
}

func FuzzParseCSV(f *testing.F) {
	seedFiles(f, "*.csv")
	f.Add([]byte("id,en,en:deprecated,uk:forms\nkyiv,Kyiv,Kiev,gen=Києва\n"))
	f.Add([]byte("en,uk\nKiev,Київ\n"))
	f.Add([]byte("Kiev,Kyiv,en,en\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, comma := range []rune{',', '\t'} {
			g, err := ParseCSV("fuzz.csv", data, comma, ImportOptions{Source: language.English, Target: language.Ukrainian})
			if err != nil {
				continue
			}
			var b strings.Builder
			if err := WriteCSV(&b, g, comma); err != nil {
				t.Fatal(err)
			}
			_ = Lint(g)
		}
	})
}

func FuzzParseTBX(f *testing.F) {
	seedFiles(f, "*.tbx")
	f.Add([]byte(`<martif type="TBX-Basic"><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>Kiev</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig><tig><term>Kyiv</term></tig></langSet></termEntry></body></text></martif>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseTBX("fuzz.tbx", data)
		if err != nil {
			return
		}
		var b strings.Builder
		if err := WriteTBX(&b, g); err != nil {
			t.Fatal(err)
		}
		g2, err := ParseTBX("again.tbx", []byte(b.String()))
		if err != nil {
			t.Fatalf("the TBX we wrote does not read back: %v\n%s", err, b.String())
		}
		if g.Fingerprint() != g2.Fingerprint() {
			t.Fatalf("TBX round trip changed the glossary:\n%s", b.String())
		}
	})
}

// Apply never changes a byte outside a match, whatever the text; Protect
// and Restore give back the text with the terms replaced.
func FuzzApply(f *testing.F) {
	for _, s := range []string{
		"Kiev's KIEV kiev Kiev-based Chicken Kiev www.kiev.ua/x kiev@x.org",
		"Из Киева в Киеве по Киеву",
		"Kiev'de KİEV'DE Izmir'e",
		"Krivoy\n  Rog \uE000Kiev\uE001 \U000F0001",
		"Киі\u0308в ẞ STRASSE Kreschtschatik-Straße",
	} {
		f.Add(s, "en")
		f.Add(s, "tr")
		f.Add(s, "ru")
	}
	g := testGlossary(f)
	f.Fuzz(func(t *testing.T, text, lang string) {
		tag, err := language.Parse(lang)
		if err != nil || !utf8.ValidString(text) {
			return
		}
		out, changes := g.Apply(text, tag)
		prev := 0
		for _, c := range changes {
			if c.Start < prev || c.End > len(text) || c.Start > c.End || text[c.Start:c.End] != c.Old {
				t.Fatalf("bad change %+v in %q", c, text)
			}
			prev = c.End
		}
		if undo(out, changes) != text {
			t.Fatalf("Apply changed bytes outside its matches:\n in: %q\nout: %q", text, out)
		}
		if strings.ContainsFunc(text, isPlaceholderRune) {
			return
		}
		p := g.Protect(text, tag, language.Ukrainian)
		restored, warnings := p.Restore(p.Text)
		if len(warnings) > 0 {
			t.Fatalf("warnings restoring an untouched text: %v", warnings)
		}
		if strings.ContainsFunc(restored, isPlaceholderRune) {
			t.Fatalf("placeholder left in %q", restored)
		}
	})
}

// The fold of a text and of its NFC form are the same bytes: the fast path
// (NFC text) and the slow one (normalised segment by segment) agree.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Kiev", "Киі\u0308в  x", "e\u0301\u0323 İI ß ς", "\uE000a\u0301\uE001", "ΟΔΗΣΣΌΣ ё"} {
		f.Add(s, "en")
		f.Add(s, "tr")
		f.Add(s, "el")
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		tag, err := language.Parse(lang)
		if err != nil || !utf8.ValidString(text) {
			return
		}
		fo := newFolder(tag)
		var a, b foldedText
		fo.fold(&a, text)
		fo.fold(&b, norm.NFC.String(text))
		if string(a.b) != string(b.b) {
			t.Fatalf("fold(%q) = %q, fold(NFC) = %q", text, a.b, b.b)
		}
		for _, cp := range a.cps {
			if cp.o < 0 || cp.o > len(text) {
				t.Fatalf("checkpoint %+v outside the text", cp)
			}
		}
	})
}
