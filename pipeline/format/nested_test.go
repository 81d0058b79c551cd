package format_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/format"
)

// Text inside markup reaches the engine as units of its own, linked to
// their place: HTML title and alt inside a sentence, Markdown link and
// image titles, block-scalar front-matter values. The pseudo edition has
// each of them translated and every byte of the skeleton as it was.
func TestNestedUnits(t *testing.T) {
	tests := []struct {
		file  string
		kinds []string // kinds that must be among the units
	}{
		{"article.md", []string{"link-title", "meta:summary", "meta:description"}},
		{"article.html", []string{"attr:title", "attr:alt"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "nested", tt.file)
			src, err := os.ReadFile(path)
			require.NoError(t, err)
			doc := parse(t, tt.file, string(src))
			kinds := map[string]int{}
			for _, u := range doc.Units {
				kinds[u.Kind]++
			}
			for _, k := range tt.kinds {
				assert.Positive(t, kinds[k], "a %s unit", k)
			}
			out, warns := translateAll(t, doc, "es", pseudoAll)
			assert.Empty(t, warns)

			// Every skeleton byte is kept, in order.
			pos := 0
			for _, p := range doc.Skeleton {
				if p.Unit >= 0 || p.Lang {
					continue
				}
				i := strings.Index(out[pos:], p.Text)
				require.GreaterOrEqual(t, i, 0, "skeleton piece %q kept", p.Text)
				pos += i + len(p.Text)
			}
			// Read again, the edition has the same units, each the pseudo
			// translation of its source.
			ed := parse(t, tt.file, out)
			require.Len(t, ed.Units, len(doc.Units), out)
			for i, u := range doc.Units {
				assert.Equal(t, u.Kind, ed.Units[i].Kind)
				assert.Equal(t, u.In != "", ed.Units[i].In != "")
				want := strings.Join(strings.Fields(stripMarkers(pseudo.Pseudo(u.Text))), " ")
				assert.Equal(t, want, strings.Join(strings.Fields(stripMarkers(ed.Units[i].Text)), " "), "unit %s (%s)", u.ID, u.Kind)
			}
			goldenFile(t, filepath.Join("testdata", "nested", tt.file+".es"), out)
		})
	}
}

func stripMarkers(s string) string {
	return strings.Map(func(r rune) rune {
		if _, ok := format.IsCodeRune(r); ok {
			return ' '
		}
		return r
	}, s)
}

// goldenFile compares got with the file at path (rewritten with -update).
func goldenFile(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update")
	assert.Equal(t, string(want), got)
}
