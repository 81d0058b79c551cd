package apertium

import (
	"fmt"
	"html"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseStages(t *testing.T) {
	for _, tc := range []struct {
		name, script string
		want         []stage
		needsShell   bool
	}{
		{"debian eng-spa", `lt-proc -z '/a b/eng-spa.automorf.bin' | apertium-tagger -z -g $2 '/x/eng-spa.prob' | lt-proc -z $1 '/x/gen.bin'`, []stage{
			{"lt-proc", []string{"-z", "/a b/eng-spa.automorf.bin"}},
			{"apertium-tagger", []string{"-z", "-g", "/x/eng-spa.prob"}},
			{"lt-proc", []string{"-z", "-g", "/x/gen.bin"}},
		}, false},
		{"newline at the end", "cat -z\n", []stage{{"cat", []string{"-z"}}}, false},
		{"quoted word glued", `prog 'a'b`, []stage{{"prog", []string{"ab"}}}, false},
		{"redirection", `cg-proc x 2>/dev/null | cat`, nil, true},
		{"command substitution", `prog $(pwd)`, nil, true},
		{"other variable", `prog $HOME`, nil, true},
		{"double quotes", `prog "a b"`, nil, true},
		{"empty stage", `prog | | cat`, nil, true},
		{"unclosed quote", `prog 'a`, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseStages(tc.script)
			if tc.needsShell {
				require.ErrorIs(t, err, errUnsupportedMode)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func FuzzParseStages(f *testing.F) {
	f.Add(`lt-proc -z 'a.bin' | apertium-tagger -z -g $2 'b.prob' | lt-proc $1 'c.bin'`)
	f.Add(`a | b`)
	f.Add(`a 'b`)
	f.Fuzz(func(t *testing.T, script string) {
		stages, err := parseStages(script)
		if err != nil {
			return
		}
		for _, s := range stages {
			if s.name == "" {
				t.Fatalf("a stage without a program in %q", script)
			}
		}
	})
}

// textOf is the text of inline markup, elements dropped.
func textOf(markup string) string {
	var b strings.Builder
	for _, tk := range tokenize(markup) {
		if tk.kind == 't' {
			b.WriteString(tk.text)
		}
	}
	return b.String()
}

// spans makes markup of the shape ToInline writes from s: '{' opens a
// span, '}' closes the last one open, the rest is text.
func spans(s string) string {
	var b strings.Builder
	open, n := 0, 0
	text := func(t string) { b.WriteString(html.EscapeString(t)) }
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			text(s[start:i])
			fmt.Fprintf(&b, `<span id="c%d">`, n)
			open, n, start = open+1, n+1, i+1
		case '}':
			text(s[start:i])
			if open > 0 {
				b.WriteString("</span>")
				open--
			}
			start = i + 1
		}
	}
	text(s[start:])
	b.WriteString(strings.Repeat("</span>", open))
	return b.String()
}

// FuzzStreamRoundTrip: a block's stream read back as the engine's reply
// (an engine that changes nothing) gives back the block's text (but for
// NULs, which cannot travel), every
// block id and terminator gone, and its spans balanced.
func FuzzStreamRoundTrip(f *testing.F) {
	for _, s := range []string{
		`The mayor of {Kiev} said.`,
		`{The {Kiev}} office & [x] \ ^$ @ / <b>.`,
		`  Space { in }x`,
		`A{glued}b`,
		`{Bold}`,
		"Ends with a dot.",
		"a\x00b",
		"{ 0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, shape string) {
		markup := spans(shape)
		enc := encodeBlock(7, markup)
		require.Equal(t, 1, strings.Count(enc.stream, "\x00"), "one NUL, at the end")
		require.True(t, strings.HasSuffix(enc.stream, "\x00"))
		got := decodeBlock(strings.TrimSuffix(enc.stream, "\x00"), enc)
		assert.Equal(t, strings.ReplaceAll(textOf(markup), "\x00", ""), textOf(got))
		assert.Equal(t, strings.Count(got, "<span"), strings.Count(got, "</span>"))
		assert.NotContains(t, got, "[tf-block:")
	})
}

// FuzzParseReply: any reply is read without a panic.
func FuzzParseReply(f *testing.F) {
	f.Add("\n[tf-block:1]\n\nEl [[t:span:c0; t:span:t0]]Kiev[[/]] dijo..[]\n")
	f.Add("[[t:span:x]]a[[/]] [[/]] [ [[ \\")
	f.Add("\n[tf-block:2]\n\nx[]\n[tf-block:1]\n\ny")
	f.Fuzz(func(t *testing.T, reply string) {
		_ = parseReply(reply)
	})
}
