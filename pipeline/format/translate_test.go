package format_test

import (
	"bytes"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/format"
)

// translateAll renders doc with every unit's text passed through f and
// repaired, as the pipeline does, and returns the edition and the warnings.
func translateAll(t *testing.T, doc *format.Document, lang string, f func(u *format.Unit) string) (string, []string) {
	t.Helper()
	tr := map[string]string{}
	var warns []string
	for i := range doc.Units {
		u := &doc.Units[i]
		s, w := u.RepairCodes(f(u))
		tr[u.ID] = s
		warns = append(warns, w...)
	}
	var out bytes.Buffer
	require.NoError(t, doc.Render(&out, tr, format.RenderOptions{Lang: lang}))
	return out.String(), warns
}

func pseudoAll(u *format.Unit) string { return pseudo.Pseudo(u.Text) }

func TestPseudoMarkdown(t *testing.T) {
	path := shared.Path(t, "corpus", "en", "2022-04-03-kiev-suburbs-return.md")
	doc, src := parseFile(t, path)
	out, warns := translateAll(t, doc, "en-XA", pseudoAll)
	assert.Empty(t, warns)
	in := string(src)

	// Front matter: data fields unchanged, prose fields translated and quoted.
	for _, line := range []string{"slug: kiev-suburbs-return", "date: 2022-04-03T09:30:00Z",
		`author: "Staff reporter"`, "tags: [Ukraine, Kiev, refugees]", "draft: false"} {
		assert.Contains(t, out, "\n"+line+"\n")
	}
	assert.Contains(t, out, `title: "[Ŕéšîðéñţš ŕéţûŕñ ţö Ķîéṽ'š ñöŕţĥéŕñ šûƀûŕƀš `)
	assert.Contains(t, out, `summary: "[Ƒáɱîļîéš ţŕîçķļé`)
	assert.True(t, strings.HasPrefix(out, "---\n") && strings.Contains(out, "\n---\n\n# "))

	// Markers in place: headings, list items, emphasis; the link URL intact.
	assert.Regexp(t, regexp.MustCompile(`(?m)^# \\\[Ŕéšîðéñţš`), out)
	assert.Regexp(t, regexp.MustCompile(`(?m)^## \\\[Ŵĥáţ öƒƒîçîáļš šáý`), out)
	assert.Len(t, regexp.MustCompile(`(?m)^- \\\[`).FindAllString(out, -1), 3)
	assert.Contains(t, out, "**Ķîéṽ**")
	assert.Contains(t, out, "](https://www.understandingwar.org/backgrounder/russian-offensive-campaign-assessment-april-3)")
	assert.Contains(t, out, "[ÎŠŴ ûþðáţé](https://")
	assert.Contains(t, out, "www.example.org/help")
	assert.Contains(t, out, "help@example.org")

	// Same Markdown structure: goldmark sees the same block and inline nodes.
	assert.Equal(t, mdShape(t, in), mdShape(t, out))
	assert.NotEqual(t, in, out)
}

// mdShape renders Markdown to HTML and keeps the tag sequence and link targets.
func mdShape(t *testing.T, md string) []string {
	t.Helper()
	return htmlShape(t, mdHTML(t, md))
}

// mdHTML renders the body of a Markdown file (front matter cut off) to
// HTML, raw HTML included.
func mdHTML(t *testing.T, md string) string {
	t.Helper()
	body := md
	if strings.HasPrefix(md, "---\n") {
		if i := strings.Index(md[4:], "\n---\n"); i >= 0 {
			body = md[4+i+5:]
		}
	}
	var b bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	require.NoError(t, gm.Convert([]byte(body), &b))
	return b.String()
}

// htmlShape lists the start and end tags of an HTML text with their
// attributes, except translatable ones, plus the content of script, style
// and pre elements.
func htmlShape(t *testing.T, s string) []string {
	t.Helper()
	var shape []string
	z := html.NewTokenizer(strings.NewReader(s))
	raw := ""
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			require.ErrorIs(t, z.Err(), io.EOF)
			return shape
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tok := z.Token()
			d := tt.String() + " " + tok.Data
			for _, a := range tok.Attr {
				switch a.Key {
				case "alt", "title", "placeholder", "aria-label", "lang":
					d += " " + a.Key
				case "content":
					d += " content"
				default:
					d += " " + a.Key + "=" + a.Val
				}
			}
			shape = append(shape, d)
			raw = ""
			if tt == html.StartTagToken && (tok.Data == "script" || tok.Data == "style" || tok.Data == "pre") {
				raw = tok.Data
			}
		case html.TextToken:
			if raw != "" {
				shape = append(shape, "text "+string(z.Text()))
			}
		}
	}
}

func TestPseudoHTML(t *testing.T) {
	path := shared.Path(t, "corpus", "en", "2022-05-12-grain-exports.html")
	doc, src := parseFile(t, path)
	assert.Equal(t, "en", doc.Lang)
	out, warns := translateAll(t, doc, "en-XA", pseudoAll)
	assert.Empty(t, warns)
	in := string(src)

	assert.Equal(t, htmlShape(t, in), htmlShape(t, out), "same elements, attributes, scripts")
	assert.Contains(t, out, `<html lang="en-XA">`)
	assert.Contains(t, out, "<title>[Öðéššá þöŕţ ŵáîţš")
	assert.Contains(t, out, `alt="[Ĝŕáîñ šîļöš ñéáŕ Öðéššá áţ šûñšéţ`)
	assert.Contains(t, out, `title="[Šîļöš ñéáŕ Öðéššá`)
	assert.Contains(t, out, `<meta name="description" content="[Ṁîļļîöñš`)
	assert.Contains(t, out, `<a href="/tags/kiev">Ķîéṽ</a>`)
	assert.Contains(t, out, `<img src="/img/silo.jpg"`)
	assert.Contains(t, out, "Öðéššá &mdash; 12 Ṁáý 2022", "entities written as in the source")
	assert.Contains(t, out, `<script>window.dataLayer = window.dataLayer || []; dataLayer.push({"section": "world"});</script>`)
	assert.Contains(t, out, "<pre><code>Exports, Jan&ndash;Apr 2022 (Mt): 6.1</code></pre>")
	paras := regexp.MustCompile(`<p( [^>]*)?>(.)`).FindAllStringSubmatch(out, -1)
	assert.Len(t, paras, 5)
	for _, p := range paras {
		assert.Equal(t, "[", p[2], "every paragraph translated")
	}
}

const hostile = "<script>alert(1)</script> **bold [x](javascript:alert(1)) `tick` <img src=x onerror=alert(1)> &amp; \" ' # - 1. |"

func TestHostileMarkdown(t *testing.T) {
	for _, path := range []string{
		shared.Path(t, "corpus", "en", "2022-04-03-kiev-suburbs-return.md"),
	} {
		doc, src := parseFile(t, path)
		out, _ := translateAll(t, doc, "", func(u *format.Unit) string {
			return hostile + " " + u.Text + " \uE000\uE000\uE0FF"
		})
		before := mdShape(t, string(src))
		after := mdShape(t, out)
		assert.Equal(t, before, after, "the hostile text added no element")
		h := mdHTML(t, out)
		assert.NotContains(t, h, "<script")
		assert.NotContains(t, h, `href="javascript`)
		assert.NotContains(t, h, "<img src=x")
		assert.Contains(t, h, "&lt;script&gt;alert(1)&lt;/script&gt;", "the script is shown as text")
		assert.NotContains(t, out, "title: <script>")
		assert.Contains(t, out, `title: "<script>alert(1)</script> **bold [x](javascript:alert(1)) `+"`tick`"+` <img src=x onerror=alert(1)> &amp; \" ' # - 1. | Residents`)
	}
}

func TestHostileHTML(t *testing.T) {
	path := shared.Path(t, "corpus", "en", "2022-05-12-grain-exports.html")
	doc, src := parseFile(t, path)
	out, _ := translateAll(t, doc, "", func(u *format.Unit) string {
		return hostile + ` "><script>x</script> ` + u.Text + " \uE001\uE001\uE0FF"
	})
	assert.Equal(t, htmlShape(t, string(src)), htmlShape(t, out))
	assert.Contains(t, out, "&lt;script&gt;alert(1)&lt;/script&gt;")
	assert.Equal(t, 1, strings.Count(out, "<script>"), "only the source's own script")
}

func TestHostileRenderUnrepaired(t *testing.T) {
	// The pipeline repairs before rendering; Render must stay safe without it.
	for _, path := range corpusFiles(t) {
		doc, src := parseFile(t, path)
		tr := map[string]string{}
		for _, u := range doc.Units {
			tr[u.ID] = "\uE001" + hostile + "\uE000\uE000\uE005"
		}
		var out bytes.Buffer
		require.NoError(t, doc.Render(&out, tr, format.RenderOptions{}), filepath.Base(path))
		if doc.Format == "html" {
			assert.Equal(t, htmlShape(t, string(src)), htmlShape(t, out.String()))
		}
	}
}
