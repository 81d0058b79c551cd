package format_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/format"
)

// RenderEdits changes exactly the bytes of each edit: an edit is narrowed
// to the runes that differ, applied word by word across line breaks, and
// written in the source's spelling around it.
func TestRenderEditsInPlace(t *testing.T) {
	tests := []struct {
		name, file, src string
		old, new        string // every occurrence of old in the unit text is edited
		want            string
	}{
		{"md soft break inside a name", "a.md", "In the Kiev\nOblast today.\n", "Kiev Oblast", "Kyiv Oblast",
			"In the Kyiv\nOblast today.\n"},
		{"md multi-word change across a break", "a.md", "To Kiev\n  Rus and back.\n", "Kiev Rus", "Kyivan Rus'",
			"To Kyivan\n  Rus' and back.\n"},
		{"md escapes kept", "a.md", "A \\*Kiev\\* and \\#tag\n", "Kiev", "Kyiv", "A \\*Kyiv\\* and \\#tag\n"},
		{"md list continuation", "a.md", "- item in\n  Kiev, wrapped\n", "Kiev", "Kyiv", "- item in\n  Kyiv, wrapped\n"},
		{"md quote continuation", "a.md", "> quote in\n> Kiev.\n", "Kiev", "Kyiv", "> quote in\n> Kyiv.\n"},
		{"md table cell", "a.md", "| a | b |\n| - | - |\n| Kiev | x |\n", "Kiev", "Kyiv", "| a | b |\n| - | - |\n| Kyiv | x |\n"},
		{"md replacement escaped in context", "a.md", "In Kiev now\n", "Kiev", "K*v", "In K\\*v now\n"},
		{"html entity inside the name", "a.html", "<p>&#75;iev and Odessa&nbsp;now</p>", "Kiev", "Kyiv",
			"<p>&#75;yiv and Odessa&nbsp;now</p>"},
		{"html whole entity replaced", "a.html", "<p>Caf&eacute; Kiev</p>", "Café", "Cafe", "<p>Cafe Kiev</p>"},
		{"html attribute with entities", "a.html", `<p><img src="x" alt="Kiev &amp; Odessa"></p>`, "Odessa", "Odesa",
			`<p><img src="x" alt="Kiev &amp; Odesa"></p>`},
		{"txt indentation", "a.txt", "T\n\n  In Kiev,\n  wrapped.\n", "Kiev", "Kyiv", "T\n\n  In Kyiv,\n  wrapped.\n"},
		{"front matter quoted", "a.md", "---\ntitle: \"Kiev today\"\n---\nx\n", "Kiev", "Kyiv", "---\ntitle: \"Kyiv today\"\n---\nx\n"},
		{"front matter quote needs encoding", "a.md", "---\ntitle: \"Kiev today\"\n---\nx\n", "Kiev", `K"v`,
			"---\ntitle: \"K\\\"v today\"\n---\nx\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parse(t, tt.file, tt.src)
			edits := map[string][]format.Edit{}
			for _, u := range doc.Units {
				for off := 0; ; {
					i := strings.Index(u.Text[off:], tt.old)
					if i < 0 {
						break
					}
					edits[u.ID] = append(edits[u.ID], format.Edit{Start: off + i, End: off + i + len(tt.old), New: tt.new})
					off += i + len(tt.old)
				}
			}
			require.NotEmpty(t, edits)
			var b bytes.Buffer
			require.NoError(t, doc.RenderEdits(&b, edits, format.RenderOptions{}))
			assert.Equal(t, tt.want, b.String())
		})
	}
}

// An edit over an inline code cannot be made in place: the unit is encoded
// whole, and the code survives.
func TestPatchRefusesCodes(t *testing.T) {
	doc := parse(t, "a.md", "Chicken **Kiev** here\n")
	u := &doc.Units[0]
	i := strings.IndexRune(u.Text, format.CodeRune(0))
	_, ok := u.Patch([]format.Edit{{Start: i, End: len(u.Text), New: "x"}}, doc.Encoder)
	assert.False(t, ok)
	var b bytes.Buffer
	require.NoError(t, doc.RenderEdits(&b, map[string][]format.Edit{u.ID: {{Start: 0, End: 7, New: "Chick"}}}, format.RenderOptions{}))
	assert.Equal(t, "Chick **Kiev** here\n", b.String())
}
