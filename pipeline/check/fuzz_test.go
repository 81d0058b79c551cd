package check

import (
	"testing"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
)

// FuzzCheckEdition: check never panics on any edition, in any format, and
// every finding names its rule, file and locale.
func FuzzCheckEdition(f *testing.F) {
	f.Add(uint8(0), []byte(srcEN), []byte(pseudoDoc(srcEN)))
	f.Add(uint8(0), []byte(srcEN), []byte(doc(titleDE, paraDE+" Officials said the roads were safe.", numsDE)))
	f.Add(uint8(1), []byte(srcMD), []byte("# **Kiev**\n\n[x](y) **a** ⟦t0⟧ \U000F0001 \uE000\n"))
	f.Add(uint8(2), []byte("<p>a <b>b</b> <a href=\"x\">c</a></p>"), []byte("<p>a <b><i>b</b></i> <a href='y'>c</p>"))
	f.Add(uint8(0), []byte(""), []byte("\xff\xfe"))
	c := New(Options{Glossary: glossary.Builtin()})
	formats := []string{"txt", "md", "html"}
	locales := []language.Tag{language.German, language.Ukrainian, language.French, language.English}
	f.Fuzz(func(t *testing.T, sel uint8, src, ed []byte) {
		p := Pair{
			SourceName: "a", EditionName: "b", Source: src, Edition: ed,
			Format: formats[int(sel)%len(formats)], From: language.English, To: locales[int(sel/3)%len(locales)],
		}
		for _, fd := range c.CheckEdition(p) {
			if fd.Rule == "" || fd.File == "" || fd.Locale == "" || fd.Message == "" || fd.Severity == Off {
				t.Fatalf("incomplete finding %+v", fd)
			}
		}
	})
}
