package format_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/format"
)

// A unit may hold more inline codes than the BMP private-use block: every
// code comes back in the edition; past format.MaxCodes the file is refused
// with a clear error, never written with codes lost.
func TestManyInlineCodes(t *testing.T) {
	para := func(n int, sep string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString("line ")
			b.WriteString(strings.Repeat("x", i%3+1))
			b.WriteString(sep)
		}
		return b.String()
	}
	tests := []struct {
		name, file, src, code string
	}{
		{"html 5000 br", "a.html", "<p>" + para(5000, "<br>") + "</p>\n", "<br>"},
		{"md 5000 code spans", "a.md", para(5000, " `c` ") + "\n", "`c`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parse(t, tt.file, tt.src)
			require.Len(t, doc.Units, 1)
			require.Greater(t, len(doc.Units[0].Codes), 4096)
			out, warns := translateAll(t, doc, "es", pseudoAll)
			assert.Empty(t, warns)
			assert.Equal(t, strings.Count(tt.src, tt.code), strings.Count(out, tt.code))
			assert.NotContains(t, out, "\uE000")
			for _, r := range out {
				_, isCode := format.IsCodeRune(r)
				require.False(t, isCode, "marker %U left in the edition", r)
			}
		})
	}
	t.Run("more than MaxCodes", func(t *testing.T) {
		for _, file := range []string{"a.html", "a.md"} {
			src := "<p>" + strings.Repeat("a<br>", format.MaxCodes+1) + "</p>\n"
			if file == "a.md" {
				src = "Intro\n\n" + strings.Repeat("a `c` ", format.MaxCodes+1) + "\n"
			}
			p, _, err := format.Default().Lookup(file, "")
			require.NoError(t, err)
			_, err = p.Parse(file, []byte(src))
			require.ErrorIs(t, err, format.ErrTooManyCodes)
			var pe *format.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, file, pe.File)
			assert.Contains(t, err.Error(), "more than")
		}
	})
}

// parse parses src as the format of name's extension.
func parse(t *testing.T, name, src string) *format.Document {
	t.Helper()
	p, _, err := format.Default().Lookup(name, "")
	require.NoError(t, err)
	doc, err := p.Parse(name, []byte(src))
	require.NoError(t, err)
	return doc
}
