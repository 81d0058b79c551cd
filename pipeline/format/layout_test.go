package format_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/segment"
)

// sentenceEdition translates doc sentence by sentence with f and joins the
// sentences as the pipeline does (Unit.Layout between them).
func sentenceEdition(t *testing.T, doc *format.Document, f func(string) string) string {
	t.Helper()
	sg := segment.New(language.English)
	tr := map[string]string{}
	for i := range doc.Units {
		u := &doc.Units[i]
		var b strings.Builder
		last := 0
		for k, sp := range sg.Split(u.Text) {
			if k == 0 {
				b.WriteString(u.Text[last:sp.Start])
			} else {
				b.WriteString(u.Layout(last, sp.Start))
			}
			b.WriteString(f(u.Text[sp.Start:sp.End]))
			last = sp.End
		}
		b.WriteString(u.Text[last:])
		tr[u.ID], _ = u.RepairCodes(b.String())
	}
	var out bytes.Buffer
	require.NoError(t, doc.Render(&out, tr, format.RenderOptions{}))
	return out.String()
}

// The layout rule of translated paragraphs: where the source broke the
// line between two sentences, the edition breaks it there too, with the
// source's indentation or container prefix; a line break inside a sentence
// becomes a space (the sentence is translated whole). Nothing is escaped
// that is not markup where it stands.
func TestTranslatedLayout(t *testing.T) {
	upper := func(s string) string { return strings.ToUpper(s) }
	tests := []struct {
		name, file, src, want string
	}{
		{"a sentence a line", "a.md", "First about Kiev.\nSecond one here.\nThird one\ncontinues here.\n",
			"FIRST ABOUT KIEV.\nSECOND ONE HERE.\nTHIRD ONE CONTINUES HERE.\n"},
		{"list item continuation", "a.md", "- First one.\n  Second one.\n", "- FIRST ONE.\n  SECOND ONE.\n"},
		{"quote continuation", "a.md", "> First one.\n> Second one.\n", "> FIRST ONE.\n> SECOND ONE.\n"},
		{"two sentences a line", "a.md", "One. Two.\nThree.\n", "ONE. TWO.\nTHREE.\n"},
		{"no needless escapes", "a.md", "Mail @kiev_rail on #tag: a > b, 2 * 3, snake_case, x\\y.\n",
			"MAIL @KIEV_RAIL ON #TAG: A > B, 2 * 3, SNAKE_CASE, X\\Y.\n"},
		{"needed escapes", "a.md", "Say a.\n", "SAY *A* _B_ [C] `D` <E> &AMP;.\n"},
		{"html indentation", "a.html", "<p>First one.\n   Second one.</p>\n", "<p>FIRST ONE.\n   SECOND ONE.</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parse(t, tt.file, tt.src)
			f := upper
			if tt.name == "needed escapes" {
				f = func(string) string { return "SAY *A* _B_ [C] `D` <E> &AMP;." }
				tt.want = "SAY \\*A\\* \\_B\\_ \\[C\\] \\`D\\` \\<E> \\&AMP;.\n"
			}
			got := sentenceEdition(t, doc, f)
			assert.Equal(t, tt.want, got)
			if tt.file == "a.md" {
				assert.Equal(t, mdTags([]byte(tt.src)), mdTags([]byte(got)), "same HTML elements")
			}
		})
	}
}

// The pseudo edition of every Markdown article of the shared corpus and of
// testdata renders to the same HTML elements as its source (goldmark).
func TestTranslatedMarkdownStructure(t *testing.T) {
	var files []string
	for _, lang := range []string{"en", "es", "ru"} {
		fs, err := filepath.Glob(filepath.Join(shared.Path(t, "corpus", lang), "*.md"))
		require.NoError(t, err)
		files = append(files, fs...)
	}
	own, err := filepath.Glob(filepath.Join("testdata", "*", "*.md"))
	require.NoError(t, err)
	files = append(files, own...)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			doc := parse(t, f, string(src))
			ed := sentenceEdition(t, doc, pseudo.Pseudo)
			assert.Equal(t, mdTags(src), mdTags([]byte(ed)), ed)
		})
	}
}
