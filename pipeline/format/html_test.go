package format_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/format"
)

func TestHTMLUnits(t *testing.T) {
	tests := []struct {
		name string
		src  string
		lang string
		want []string
	}{
		{
			name: "head",
			src: "<!DOCTYPE html>\n<html lang=\"uk\">\n<head><title>A &amp; B</title>\n" +
				"<meta name=\"description\" content=\"About &quot;this&quot;\">\n<meta property=\"og:title\" content='OG title'>\n" +
				"<meta name=\"author\" content=\"Staff\"><meta name=description content=\"https://x.org\"></head>",
			lang: "uk",
			want: []string{"title@3 A & B", `meta:description@4 About "this"`, "meta:og:title@5 OG title"},
		},
		{
			name: "inline codes",
			src: "<body>\n<p class=x>Read <a href=\"/r\" title=\"kept\">the <em>full</em>\n   report</a> at<br>noon &mdash; <code>x &lt; y</code>.</p>" +
				"<p>Open <b><i>misnested</b></i> <span translate=\"no\">Kyiv Post</span> end</p>\n</body>",
			want: []string{
				"paragraph@2 Read {<a href=\"/r\" title=\"kept\">}the {<em>}full{</em>} report{</a>} at{<br>}noon — {<code>x &lt; y</code>}.",
				"attr:title@2 kept",
				"paragraph@3 Open {<b>}{<i>}misnested{</b>}{</i>} {<span translate=\"no\">Kyiv Post</span>} end",
			},
		},
		{
			name: "untouched elements",
			src: "<script>var s = \"<p>text</p>\";</script><style>p{}</style><pre>pre text</pre><template><p>tpl</p></template>" +
				"<div translate=\"no\"><p>not this</p><p>nor this</p></div><textarea>ta</textarea><h2 id=h>But this</h2>",
			want: []string{"heading@1 But this"},
		},
		{
			name: "attributes",
			src: "<figure><img src=\"/a.jpg\" alt=\"A photo\" title='Its title'><figcaption>Cap</figcaption></figure>\n<p>Text <img src=x alt=Inline> more</p>" +
				"<input placeholder=\"Search here\" aria-label=\"Search\"><img alt=\"/path.png\">\n<p><img alt=Lead> Words <img alt=Trail></p>",
			want: []string{"attr:alt@1 A photo", "attr:title@1 Its title", "caption@1 Cap", "paragraph@2 Text {<img src=x alt=Inline>} more", "attr:alt@2 Inline",
				"attr:placeholder@2 Search here", "attr:aria-label@2 Search", "attr:alt@3 Lead", "paragraph@3 Words", "attr:alt@3 Trail"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := format.HTML{}.Parse("a.html", []byte(tt.src))
			require.NoError(t, err)
			assert.Equal(t, tt.want, unitSummary(doc))
			assert.Equal(t, tt.lang, doc.Lang)
			var out bytes.Buffer
			require.NoError(t, doc.Render(&out, nil, format.RenderOptions{}))
			assert.Equal(t, tt.src, out.String())
		})
	}
}

func TestHTMLEncode(t *testing.T) {
	tests := []struct {
		name string
		src  string
		tr   func(text string) string
		want string
	}{
		{"escapes text", "<p>Words here.</p>", func(string) string { return `<script>alert("x")</script> & ok` },
			`<p>&lt;script&gt;alert("x")&lt;/script&gt; &amp; ok</p>`},
		{"escapes attributes", `<img alt="a photo"><img alt=bare>`, func(string) string { return `x" onerror="y' z` },
			`<img alt="x&#34; onerror=&#34;y&#39; z"><img alt="x&#34; onerror=&#34;y&#39; z">`},
		{"entities as written", "<p>A&nbsp;B &mdash; C</p>", func(string) string { return "X\u00a0Y — Z" },
			"<p>X&nbsp;Y &mdash; Z</p>"},
		{"legacy entities decoded", "<p>&copy 2022 &ampx AT&T &#169</p>", func(s string) string { return "[" + s + "]" },
			"<p>[© 2022 &amp;x AT&amp;T ©]</p>"},
		{"codes moved", `<p>See <a href="/x">this</a> now<br>ok</p>`, func(string) string { return "Voir ceci" },
			`<p><a href="/x">Voir ceci<br></a></p>`},
		{"lang", `<html lang="en"><title>T</title>`, func(s string) string { return s }, `<html lang="de"><title>T</title>`},
		{"lang added", "<HTML class=x><title>T</title>", func(s string) string { return s }, `<HTML lang="de" class=x><title>T</title>`},
		{"lang added bare", "<html>", func(s string) string { return s }, `<html lang="de">`},
		{"every declaration", `<html xml:lang="en" lang=en><meta http-equiv="Content-Language" content="en">`, func(s string) string { return s },
			`<html xml:lang="de" lang=de><meta http-equiv="Content-Language" content="de">`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := format.HTML{}.Parse("a.html", []byte(tt.src))
			require.NoError(t, err)
			tr := map[string]string{}
			for _, u := range doc.Units {
				tr[u.ID], _ = u.RepairCodes(tt.tr(u.Text))
			}
			var out bytes.Buffer
			require.NoError(t, doc.Render(&out, tr, format.RenderOptions{Lang: "de"}))
			assert.Equal(t, tt.want, out.String())
		})
	}
}

func TestInvalidUTF8(t *testing.T) {
	for _, p := range []format.Parser{format.Text{}, format.HTML{}, format.NewMarkdown(format.MarkdownOptions{})} {
		_, err := p.Parse("bad", []byte("ok\nbad \xff here"))
		assert.ErrorIs(t, err, format.ErrInvalidUTF8)
		assert.True(t, strings.HasPrefix(err.Error(), "bad:2:"), err.Error())
	}
}
