package format_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/format"
)

// checkOffsets: RawOffset runs from 0 to len(Raw) without going back, and
// every word of the text is found at its mapped place in Raw.
func checkOffsets(t *testing.T, u *format.Unit, words bool) {
	t.Helper()
	if strings.HasPrefix(u.Kind, "meta:") && len(u.Raw) >= 2 && (u.Raw[0] == '"' || u.Raw[0] == '\'') {
		return // the text maps inside the quotes
	}
	if got := u.RawOffset(0); got != 0 {
		t.Fatalf("unit %s: RawOffset(0) = %d", u.ID, got)
	}
	if got := u.RawOffset(len(u.Text)); got != len(u.Raw) {
		t.Fatalf("unit %s: RawOffset(end) = %d, want %d", u.ID, got, len(u.Raw))
	}
	prev := 0
	for i := range u.Text {
		o := u.RawOffset(i)
		if o < prev || o > len(u.Raw) {
			t.Fatalf("unit %s: RawOffset(%d) = %d after %d (len %d)", u.ID, i, o, prev, len(u.Raw))
		}
		prev = o
	}
	if !words {
		return
	}
	start := -1
	for i, r := range u.Text + " " {
		letter := unicode.IsLetter(r) || unicode.IsDigit(r)
		if _, code := format.IsCodeRune(r); code {
			letter = false
		}
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			w := u.Text[start:i]
			assert.True(t, strings.HasPrefix(u.Raw[u.RawOffset(start):], w), "unit %s word %q at %d maps to %q", u.ID, w, start, u.Raw[u.RawOffset(start):])
			start = -1
		}
	}
}

func TestRawOffsetCorpus(t *testing.T) {
	for _, path := range corpusFiles(t) {
		doc, _ := parseFile(t, path)
		for i := range doc.Units {
			checkOffsets(t, &doc.Units[i], true)
		}
	}
}

func TestLineAt(t *testing.T) {
	src := "---\ntitle: \"T\"\n---\nOne two\nthree &amp; four\n  five\n\n<p>six\n   seven <b>eight</b></p>\n"
	doc, err := format.NewMarkdown(format.MarkdownOptions{}).Parse("a.md", []byte(src))
	require.NoError(t, err)
	require.Len(t, doc.Units, 2)
	u := &doc.Units[1]
	assert.Equal(t, "One two three & four five", u.Text)
	for word, line := range map[string]int{"One": 4, "three": 5, "four": 5, "five": 6} {
		assert.Equal(t, line, u.LineAt(strings.Index(u.Text, word)), word)
	}
	h, err := format.HTML{}.Parse("a.html", []byte("<p>six\n   seven <b>eight</b></p>"))
	require.NoError(t, err)
	assert.Equal(t, 2, h.Units[0].LineAt(strings.Index(h.Units[0].Text, "eight")))
	assert.Equal(t, "   seven", h.Units[0].Raw[4:12])
	assert.Equal(t, 7, h.Units[0].RawOffset(strings.Index(h.Units[0].Text, "seven")))
}
