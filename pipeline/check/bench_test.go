package check

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/format"
)

// benchPair is the shared corpus's Markdown article ×10 and a real-looking
// German edition of it (the source with the glossary applied: the worst
// case for the untranslated rule, every segment judged).
func benchPair(b *testing.B) Pair {
	b.Helper()
	src, err := os.ReadFile(shared.Path(b, "corpus", "en", "2022-04-03-kiev-suburbs-return.md"))
	if err != nil {
		b.Fatal(err)
	}
	parts := strings.SplitN(string(src), "\n---\n", 2)
	body := strings.Repeat(parts[1], 10)
	s := parts[0] + "\n---\n" + body
	ed, _ := glossary.Builtin().Apply(s, language.German)
	return Pair{SourceName: "a.md", EditionName: "de/a.md", Source: []byte(s), Edition: []byte(ed),
		Format: "md", From: language.English, To: language.German}
}

// BenchmarkParseOnly is the baseline: parsing source and edition, which any
// check must do.
func BenchmarkParseOnly(b *testing.B) {
	p := benchPair(b)
	parser, _, _ := format.Default().Lookup("a.md", "md")
	b.SetBytes(int64(len(p.Source) + len(p.Edition)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parser.Parse(p.SourceName, p.Source); err != nil {
			b.Fatal(err)
		}
		if _, err := parser.Parse(p.EditionName, p.Edition); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckEdition runs every per-edition rule.
func BenchmarkCheckEdition(b *testing.B) {
	p := benchPair(b)
	c := New(Options{Glossary: glossary.Builtin()})
	b.SetBytes(int64(len(p.Source) + len(p.Edition)))
	b.ReportAllocs()
	for b.Loop() {
		_ = c.CheckEdition(p)
	}
}
