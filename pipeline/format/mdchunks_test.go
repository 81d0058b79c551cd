package format

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mdStress holds what a cut between top-level blocks could break: loose
// lists, fences and HTML blocks with blank lines, a definition used before
// it and defined twice, setext headings, tables, quotes, indented code,
// empty list items, thematic breaks and fences without an info string.
const mdStress = `---
title: "Kiev: a stress test"
summary: |
  A block scalar.
---

# Shelling near [Kiev][k]

Officials said [so][k] and *more*.
Second line of the paragraph.

- a loose list item

- another one, with a [link][late]

  continued in the item

-

Setext heading
==============

| Kiev | Kharkov |
| ---- | ------- |
| one  | two     |

> A quote about Kiev.
>
> Its second paragraph.

    indented code

    more code after a blank line

` + "```" + `
fenced code

with a blank line inside
` + "```" + `

<div>
an HTML block
</div>

<!--
a comment

with a blank line
-->

***

Text after a break, ~~struck~~ and ` + "`code`" + `.

[k]: https://example.com/kiev "Kiev"
[k]: https://example.com/other
[late]: https://example.com/late

Last paragraph, with <b>inline</b> HTML and a footnote-like [^1].
`

// TestMarkdownChunksAreOneParse: a Markdown body parsed a run of blocks at
// a time (cut wherever it may be) makes the document one parse of it
// makes: the same units, skeleton and encoder state.
func TestMarkdownChunksAreOneParse(t *testing.T) {
	srcs := map[string]string{"stress": mdStress, "stress twice": mdStress + "\n" + strings.ReplaceAll(mdStress, "---\n", "")}
	var paths []string
	for _, glob := range []string{"testdata/*/*.md", "../../cmd/locpipe/testdata/*/*.md", "../../glossary/testdata/*/*/*.md", "../../README.md",
		"/work/shared/corpus/*/*.md", "/work/shared/tools/*/*.md", "/work/shared/tools/*.md"} {
		m, err := filepath.Glob(glob)
		require.NoError(t, err)
		paths = append(paths, m...)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		srcs[p] = string(data)
	}
	require.Greater(t, len(srcs), 5)
	cut := 0
	for name, src := range srcs {
		whole := NewMarkdown(MarkdownOptions{})
		whole.chunk = 1 << 40
		want, err := whole.Parse("a.md", []byte(src))
		require.NoError(t, err, name)
		chunked := NewMarkdown(MarkdownOptions{})
		chunked.chunk = 1
		got, err := chunked.Parse("a.md", []byte(src))
		require.NoError(t, err, name)
		assert.Equal(t, want, got, name)
		cuts, _ := chunked.cuts([]byte(src[splitFrontMatter(src).end:]))
		cut += len(cuts) - 2
	}
	assert.Greater(t, cut, 100, "bodies were cut")
}
