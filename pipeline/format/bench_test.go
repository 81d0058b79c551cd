package format_test

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/format"
)

// BenchmarkParse compares each parser with its bare library as baseline:
// goldmark's own parse for Markdown, a tokenizer pass for HTML.
func BenchmarkParse(b *testing.B) {
	md, err := os.ReadFile(shared.Path(b, "corpus", "en", "2022-04-03-kiev-suburbs-return.md"))
	if err != nil {
		b.Fatal(err)
	}
	ht, err := os.ReadFile(shared.Path(b, "corpus", "en", "2022-05-12-grain-exports.html"))
	if err != nil {
		b.Fatal(err)
	}
	md = bytes.Repeat(md[bytes.Index(md, []byte("\n# ")):], 20) // body only, ×20
	ht = bytes.Repeat(ht, 20)
	gm := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough)).Parser()
	mdParser := format.NewMarkdown(format.MarkdownOptions{})

	b.Run("md/baseline-goldmark", func(b *testing.B) {
		b.SetBytes(int64(len(md)))
		b.ReportAllocs()
		for b.Loop() {
			gm.Parse(text.NewReader(md))
		}
	})
	b.Run("md/parse", func(b *testing.B) {
		b.SetBytes(int64(len(md)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := mdParser.Parse("a.md", md); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("html/baseline-tokenizer", func(b *testing.B) {
		b.SetBytes(int64(len(ht)))
		b.ReportAllocs()
		for b.Loop() {
			z := html.NewTokenizer(bytes.NewReader(ht))
			for z.Next() != html.ErrorToken {
				z.Token()
			}
		}
	})
	b.Run("html/parse", func(b *testing.B) {
		b.SetBytes(int64(len(ht)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := (format.HTML{}).Parse("a.html", ht); err != nil {
				b.Fatal(err)
			}
		}
	})
	for name, src := range map[string][]byte{"md": md, "html": ht} {
		var p format.Parser = format.HTML{}
		if name == "md" {
			p = mdParser
		}
		doc, err := p.Parse("a."+name, src)
		if err != nil {
			b.Fatal(err)
		}
		tr := map[string]string{}
		for i := range doc.Units {
			tr[doc.Units[i].ID], _ = doc.Units[i].RepairCodes(pseudo.Pseudo(doc.Units[i].Text))
		}
		b.Run(name+"/render-identity", func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				_ = doc.Render(io.Discard, nil, format.RenderOptions{})
			}
		})
		b.Run(name+"/render-translated", func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				_ = doc.Render(io.Discard, tr, format.RenderOptions{})
			}
		})
	}
}
