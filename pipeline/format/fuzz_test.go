package format_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/format"
)

// addSeeds adds the shared corpus files with the given extension, when the
// shared directory is there, and the inline seeds.
func addSeeds(f *testing.F, ext string, inline ...string) {
	for _, s := range inline {
		f.Add([]byte(s))
	}
	dir, ok := shared.Find()
	if !ok {
		return
	}
	for _, sub := range []string{"corpus/en", "corpus/es", "corpus/ru", "seeds"} {
		matches, _ := filepath.Glob(filepath.Join(dir, sub, "*"+ext))
		for _, m := range matches {
			if b, err := os.ReadFile(m); err == nil {
				f.Add(b)
			}
		}
	}
}

// checkRoundTrip parses src, checks that rendering gives it back and that
// translated renders (pseudo and hostile, repaired or not) never fail.
func checkRoundTrip(t *testing.T, p format.Parser, name string, src []byte) *format.Document {
	doc, err := p.Parse(name, src)
	if err != nil {
		var pe *format.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error is not a *ParseError: %v", err)
		}
		if utf8.Valid(src) && !strings.Contains(err.Error(), "front matter") {
			t.Fatalf("valid UTF-8 refused: %v", err)
		}
		return nil
	}
	var out bytes.Buffer
	if err := doc.Render(&out, nil, format.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), src) {
		t.Fatalf("round trip changed the input:\n got %q\nwant %q", out.String(), src)
	}
	tr := map[string]string{}
	raw := map[string]string{}
	for i := range doc.Units {
		u := &doc.Units[i]
		if s, w := u.RepairCodes(u.Text); s != u.Text || len(w) > 0 {
			t.Fatalf("unit %s: its own text needs repair: %q", u.ID, w)
		}
		checkOffsets(t, u, false)
		s, _ := u.RepairCodes(pseudo.Pseudo(u.Text))
		tr[u.ID] = s
		raw[u.ID] = "\uE001<script>x</script>**[a](javascript:b)\uE000\uE000\uE0FF" + u.Text
	}
	for _, m := range []map[string]string{tr, raw} {
		out.Reset()
		if err := doc.Render(&out, m, format.RenderOptions{Lang: "en-XA"}); err != nil {
			t.Fatal(err)
		}
	}
	return doc
}

func FuzzText(f *testing.F) {
	addSeeds(f, ".txt", "", "Title\n\nBody  \n \n\tmore\r\n", "\uFEFFx\n\n\n", "a \uE000 b\uE001")
	f.Fuzz(func(t *testing.T, src []byte) {
		checkRoundTrip(t, format.Text{}, "f.txt", src)
	})
}

func FuzzMarkdown(f *testing.F) {
	addSeeds(f, ".md",
		"---\ntitle: \"A\"\nlang: en\n---\n# H *e* ##\n\n> q **b _c_**\n> d  \n> e\n",
		"+++\ntitle = 'T'\n+++\n[![a](i \"t\")](u) [r][x] `c` <b>h</b> <http://a>\\\nx &amp; \\*\n\n[x]: /u\n",
		"| a | b |\n|---|---|\n| `x` | y \\| ~~z~~ |\n\n1. one\n   two\n\n```\ncode\n```\n",
		"\uFEFF# Title \uE000\n\nText &#xE001; \\\uE002\n",
		"---\nsummary: >\n  a b\n  c\ndescription: |\n  x\n  y\n---\n[a](u \"t\") ![i](s 't') [b](u (p \\) q))\nOne.\nTwo.\n",
		"- One.\n  Two [x](y \"T *t*\")\n\n> One.\n> Two.\n",
	)
	p := format.NewMarkdown(format.MarkdownOptions{})
	f.Fuzz(func(t *testing.T, src []byte) {
		doc := checkRoundTrip(t, p, "f.md", src)
		if doc == nil || bytes.HasPrefix(src, []byte("---")) || bytes.HasPrefix(src, []byte("+++")) {
			return
		}
		// Pseudo-translated and hostile editions have the same structure.
		want := mdTags(src)
		for _, f := range []func(string) string{pseudo.Pseudo, hostileText} {
			out := edition(t, doc, f)
			if got := mdTags(out); got != want {
				t.Fatalf("Markdown structure changed:\n%s\n%s\nedition %q", want, got, out)
			}
		}
	})
}

func FuzzHTML(f *testing.F) {
	addSeeds(f, ".html",
		`<html lang=en><head><title>T &amp; t</title><meta name=description content='d'></head>`,
		`<p>a <a href="/x" title="t">b <em>c</em></a> <code>x<y</code> d<br>e &mdash; f</p><img alt=x>`,
		`<div translate="no">x<p>y</p></div><p>z <span translate=no>k</span> <b><i>w</b></i></p><script>a<b</script>`,
		"<p>One.\n  Two <a title=\"x &amp; y\" href=y>z</a> <img alt=w src=v> <abbr title=u>end</abbr>.</p>",
	)
	f.Fuzz(func(t *testing.T, src []byte) {
		doc := checkRoundTrip(t, format.HTML{}, "f.html", src)
		if doc == nil {
			return
		}
		want := tagSequence(string(src))
		for _, f := range []func(string) string{pseudo.Pseudo, hostileText} {
			out := edition(t, doc, f)
			if got := tagSequence(string(out)); got != want {
				t.Fatalf("element sequence changed:\n%s\n%s\nedition %q", want, got, out)
			}
		}
	})
}

// tagSequence lists the tags of an HTML text by type and name.
func tagSequence(s string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			b.WriteString(tt.String() + ":" + string(name) + " ")
		}
	}
}

// mdTags renders Markdown to HTML and lists its tags.
func mdTags(md []byte) string {
	var b bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	if err := gm.Convert(md, &b); err != nil {
		return err.Error()
	}
	return tagSequence(b.String())
}

// hostileText is what a hostile or broken engine might return.
func hostileText(s string) string {
	return "<script>alert(1)</script> **x [y](javascript:z) `c` # - 1. | &amp; " + s + "\n\n# h\n- l"
}

// edition renders doc with every unit's text passed through f, repaired.
func edition(t *testing.T, doc *format.Document, f func(string) string) []byte {
	t.Helper()
	tr := map[string]string{}
	for i := range doc.Units {
		u := &doc.Units[i]
		tr[u.ID], _ = u.RepairCodes(f(u.Text))
	}
	var out bytes.Buffer
	if err := doc.Render(&out, tr, format.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
