package format_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/format"
)

// readParts reads src with Text.Parts in parts of size bytes.
func readParts(t *testing.T, src []byte, size int) ([]*format.Document, error) {
	t.Helper()
	p := format.Text{}.Parts("a.txt", bytes.NewReader(src), size)
	var docs []*format.Document
	for {
		d, err := p.Next()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, err
		}
		docs = append(docs, d)
	}
}

// TestTextPartsAreTheWholeDocument: whatever the part size, the parts
// render to the source and hold the units Parse finds, with the same ids,
// kinds, lines and texts.
func TestTextPartsAreTheWholeDocument(t *testing.T) {
	var srcs = map[string]string{
		"empty":           "",
		"one line":        "Title",
		"bom":             "\uFEFFTitle\n\nBody one.\n",
		"blank runs":      "\n\n  Title  \n \t\n\n\nPara one\nstill one.\n\n\n  Para two.  \r\n\r\n\u00a0\n",
		"trailing blanks": "Title\n\nText.\n\n\n\n\n\n\n\n",
		"private use":     "Title\n\nA \ue000 code.\n\nB.\n",
		"long paragraph":  "Title\n\n" + strings.Repeat("A sentence of a long paragraph.\n", 40) + "\nEnd.",
		// Lines longer than the reader's buffer, blank ones too.
		"long lines": "Title\n\n" + strings.Repeat("word ", 30000) + "\n\n" + strings.Repeat(" ", 70000) + "\n" +
			strings.Repeat("\u3000", 30000) + "\nEnd.\n" + strings.Repeat("\u3000", 30000) + "\n\nLast.",
	}
	for _, f := range corpusFiles(t) {
		if strings.HasSuffix(f, ".txt") {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			srcs[f] = string(data)
		}
	}
	for name, src := range srcs {
		whole, err := format.Text{}.Parse("a.txt", []byte(src))
		require.NoError(t, err, name)
		for _, size := range []int{1, 7, 64, 1000, 1 << 20} {
			docs, err := readParts(t, []byte(src), size)
			require.NoError(t, err, name)
			require.NotEmpty(t, docs, "%s: an empty file is one empty part", name)
			var out strings.Builder
			var units []format.Unit
			for _, d := range docs {
				require.NoError(t, d.Render(&out, nil, format.RenderOptions{}))
				units = append(units, d.Units...)
			}
			assert.Equal(t, src, out.String(), "%s, parts of %d", name, size)
			require.Len(t, units, len(whole.Units), "%s, parts of %d", name, size)
			for i, u := range units {
				w := whole.Units[i]
				assert.Equal(t, []any{w.ID, w.Kind, w.Line, w.Text, w.Raw, w.Codes}, []any{u.ID, u.Kind, u.Line, u.Text, u.Raw, u.Codes}, "%s, parts of %d, unit %d", name, size, i)
			}
			if size == 1 && len(whole.Units) > 1 {
				assert.Greater(t, len(docs), 1, name)
			}
		}
	}
}

// TestTextPartsErrors: an invalid byte in a later part is reported at its
// line and offset in the file, as Parse reports it.
func TestTextPartsErrors(t *testing.T) {
	src := []byte("Title\n\nOne.\n\nTwo \xff here.\n")
	_, want := format.Text{}.Parse("a.txt", src)
	require.Error(t, want)
	_, got := readParts(t, src, 4)
	require.Error(t, got)
	assert.Equal(t, want.Error(), got.Error())
	assert.Contains(t, got.Error(), "a.txt:5:")
}
