package format_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/format"
)

// unitSummary is what the parser tests compare: kind, line and text with
// codes shown as {data}.
func unitSummary(doc *format.Document) []string {
	var out []string
	for _, u := range doc.Units {
		var b strings.Builder
		for _, r := range u.Text {
			if id, ok := format.IsCodeRune(r); ok {
				b.WriteString("{" + u.Codes[id].Data + "}")
				continue
			}
			b.WriteRune(r)
		}
		out = append(out, u.Kind+"@"+itoa(u.Line)+" "+b.String())
	}
	return out
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestMarkdownUnits(t *testing.T) {
	tests := []struct {
		name string
		opts format.MarkdownOptions
		src  string
		lang string
		want []string
	}{
		{
			name: "yaml front matter",
			src: "---\ntitle: Plain title # note\nslug: a-slug\ndate: 2022-01-01\ndraft: false\nlang: \"uk\"\n" +
				"summary: 'It''s here'\ndescription: |\n  block\nurl: /x\n---\nBody text.\n",
			lang: "uk",
			want: []string{"meta:title@2 Plain title", "meta:summary@7 It's here", "meta:description@9 block", "paragraph@12 Body text."},
		},
		{
			name: "field list",
			opts: format.MarkdownOptions{Fields: []string{"author", "slug", "date", "draft", "link"}},
			src:  "---\nauthor: Staff\nslug: a-slug\ndate: 2022-01-01\ndraft: false\nlink: https://x.org/a\ntitle: T\n---\n",
			want: []string{"meta:author@2 Staff"},
		},
		{
			name: "toml front matter",
			src:  "+++\ntitle = \"Say \\\"hi\\\"\"\ndate = 2022-01-01\nlang = 'es'\n[params]\ndescription = \"nested\"\n+++\n# Head\n",
			lang: "es",
			want: []string{`meta:title@2 Say "hi"`, "heading@8 Head"},
		},
		{
			name: "blocks",
			src: "# Title `x` ##\n\nSetext\n===\n\n> quoted **bold _it_**\n> more  \n> broken\n\n" +
				"- one\n- two\n  wrapped\n\n| A | B |\n|---|---|\n| a \\| b | ~~c~~ |\n\n```\ncode\n```\n\n    indented\n\n<div>\nhtml\n</div>\n",
			want: []string{
				"heading@1 Title {`x`}", "heading@3 Setext",
				"paragraph@6 quoted {**}bold {_}it{_}{**} more{  \n> }broken",
				"list-item@10 one", "list-item@11 two wrapped",
				"table-cell@14 A", "table-cell@14 B", "table-cell@16 a | b", "table-cell@16 {~~}c{~~}",
			},
		},
		{
			name: "links, images, escapes",
			src: "See [the *report*](https://x.org/r \"T\") and ![a chart](c.png), [ref][r], [short] and [coll][]. " +
				"A \\*star\\*, &amp; and &copy; <span>raw</span> <https://a.b>.\n\n[r]: /r\n[short]: /s\n[coll]: /c\n",
			want: []string{"paragraph@1 See {[}the {*}report{*}{](https://x.org/r \"T\")} and {![}a chart{](c.png)}, " +
				"{[}ref{][r]}, {[short]} and {[coll][]}. A *star*, & and © {<span>}raw{</span>} {<https://a.b>}.", "link-title@1 T"},
		},
		{
			name: "nothing to translate",
			src:  "![](x.png)\n\n---\n\n1,200\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := format.NewMarkdown(tt.opts).Parse("a.md", []byte(tt.src))
			require.NoError(t, err)
			assert.Equal(t, tt.want, unitSummary(doc))
			assert.Equal(t, tt.lang, doc.Lang)
			var out bytes.Buffer
			require.NoError(t, doc.Render(&out, nil, format.RenderOptions{Lang: "de"}))
			if tt.lang == "" {
				assert.Equal(t, tt.src, out.String())
			} else {
				assert.Equal(t, strings.Replace(tt.src, tt.lang, "de", 1), out.String())
			}
		})
	}
}

func TestMarkdownBadFrontMatter(t *testing.T) {
	_, err := format.NewMarkdown(format.MarkdownOptions{}).Parse("bad.md", []byte("# x\n\n---\ntitle: [\n---\n"))
	require.NoError(t, err, "a rule later in the file is no front matter")
	_, err = format.NewMarkdown(format.MarkdownOptions{}).Parse("bad.md", []byte("---\ntitle: [\n---\nBody\n"))
	var pe *format.ParseError
	require.True(t, errors.As(err, &pe), "%v", err)
	assert.Equal(t, "bad.md", pe.File)
	assert.Contains(t, err.Error(), "bad.md:2: YAML front matter")
}

func TestMarkdownEncode(t *testing.T) {
	tests := []struct {
		name string
		src  string
		tr   func(text string) string
		want string
	}{
		{"escapes markup", "Plain words here.\n",
			func(string) string { return "<b>x</b> *y* _z_ [l](javascript:alert(1)) `c` &amp; a\\b" },
			`\<b>x\</b> \*y\* \_z\_ \[l\](javascript:alert(1)) \` + "`c\\`" + ` \&amp; a\b` + "\n"},
		{"line start markers", "Words.\n", func(string) string { return "# 1. - no" },
			`\# 1. - no` + "\n"},
		{"ordered list marker", "Words.\n", func(string) string { return "1. no\n\n- list" },
			`1\. no - list` + "\n"},
		{"codes carried, spaces outside pairs", "Go **now** to [the site](/s).\n",
			func(string) string { return "Va \uE000 maintenant \uE001 sur \uE002le site\uE003." },
			"Va  **maintenant**  sur [le site](/s).\n"},
		{"codes lost", "Go **now** to [the site](/s).\n",
			func(string) string { return "Va maintenant sur le site." },
			"**[Va maintenant sur le site.](/s)**\n"},
		{"hard break keeps the line", "> one  \n> two\n",
			func(string) string { return "un\uE000- deux" }, "> un  \n> \\- deux\n"},
		{"table pipe", "| a |\n|---|\n| b |\n", func(string) string { return "x | y" }, "| x \\| y |\n|---|\n| x \\| y |\n"},
		{"yaml value", "---\ntitle: T\n---\n", func(string) string { return "A \"quoted\": value\n# not a comment" },
			"---\ntitle: \"A \\\"quoted\\\": value\\n# not a comment\"\n---\n"},
		{"toml value", "+++\ntitle = 'T'\n+++\n", func(string) string { return `say "x" \ y` },
			"+++\ntitle = \"say \\\"x\\\" \\\\ y\"\n+++\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := format.NewMarkdown(format.MarkdownOptions{}).Parse("a.md", []byte(tt.src))
			require.NoError(t, err)
			tr := map[string]string{}
			for _, u := range doc.Units {
				tr[u.ID] = tt.tr(u.Text)
			}
			var out bytes.Buffer
			require.NoError(t, doc.Render(&out, tr, format.RenderOptions{}))
			assert.Equal(t, tt.want, out.String())
		})
	}
}

func TestRenderRejectsBadLang(t *testing.T) {
	doc, err := format.HTML{}.Parse("a.html", []byte(`<html lang="en"><p>x</p>`))
	require.NoError(t, err)
	err = doc.Render(&bytes.Buffer{}, nil, format.RenderOptions{Lang: `en"><script>`})
	assert.ErrorContains(t, err, "not a BCP 47 tag")
}

func TestRegistry(t *testing.T) {
	r := format.Default()
	assert.Equal(t, []string{"html", "md", "txt"}, r.Names())
	for path, want := range map[string]string{"a.md": "md", "b.MARKDOWN": "md", "c.htm": "html", "d.html": "html", "e.txt": "txt"} {
		_, name, err := r.Lookup(path, "")
		require.NoError(t, err)
		assert.Equal(t, want, name, path)
	}
	_, name, err := r.Lookup("a.txt", "md")
	require.NoError(t, err)
	assert.Equal(t, "md", name, "--format overrides the extension")
	_, _, err = r.Lookup("a.docx", "auto")
	assert.ErrorIs(t, err, format.ErrUnknownFormat)
	_, _, err = r.Lookup("a.md", "rtf")
	assert.ErrorIs(t, err, format.ErrUnknownFormat)
}

// TestMarkdownStructureKept: pseudo and hostile editions of tricky Markdown
// render to the same elements as the source.
func TestMarkdownStructureKept(t *testing.T) {
	inputs := []string{
		"- item one\n\n  ```\n  code\n  ```\n- item *two*\n  - nested **deep**\n",
		"snake_case_word and *a*b and _c_ and ***both*** and **[link](u)** end.\n",
		"[a](<b c>) [d](http://x/(y)) [e](u (t)) [f](u 'g') [h](u \"i\")(not a link).\n",
		"Raw <a href=\"x\">html</a> and <https://auto.link> and x@y.org.\n",
		"Setext line one\nline two\n===\n\nAnother\n---\n",
		"| `a\\|b` | c |\n|---|---|\n| ~d~ | ~~e~~ |\n",
		"Trailing backslash\\\n\nTrailing spaces  \n\n> - a\n>   b\n",
		"Line one\r\nline two  \r\nthree\r\n\r\n# Head\r\n",
		"&nbsp;&copy; entities &#123; &unknown; and \\* \\_ \\# escapes.\n",
		"1. one\n2. two\n\n10) ten\n\n* star\n+ plus\n",
		"Text <!-- comment --> more <span\nclass=\"x\">split tag</span>.\n",
		"A ![img *alt*](i.png) in text and [![b](c)](d) nested.\n",
		"Footnote-like [^1] and [x]: not a def inside text.\n",
	}
	p := format.NewMarkdown(format.MarkdownOptions{})
	for _, src := range inputs {
		doc, err := p.Parse("a.md", []byte(src))
		require.NoError(t, err)
		var out bytes.Buffer
		require.NoError(t, doc.Render(&out, nil, format.RenderOptions{}))
		require.Equal(t, src, out.String())
		want := mdTags([]byte(src))
		for name, f := range map[string]func(string) string{"pseudo": pseudoText, "hostile": hostileText} {
			ed := edition(t, doc, f)
			assert.Equal(t, want, mdTags(ed), "%s edition of %q:\n%s", name, src, ed)
		}
	}
}

func pseudoText(s string) string { return strings.ToUpper(s) + " ~~x~~ ·" }
