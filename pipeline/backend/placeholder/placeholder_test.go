package placeholder_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/backend/placeholder"
)

var (
	c0 = string(placeholder.Rune(placeholder.Code, 0))
	c1 = string(placeholder.Rune(placeholder.Code, 1))
	t0 = string(placeholder.Rune(placeholder.Term, 0))
	t1 = string(placeholder.Rune(placeholder.Term, 1))
)

func TestMarkupRoundTrip(t *testing.T) {
	tests := []struct {
		name, in, markup string
	}{
		{"plain", "Hello world.", "Hello world."},
		{"escapes", `a < b & "c" > d`, `a &lt; b &amp; &#34;c&#34; &gt; d`},
		{"code pair", "Read " + c0 + "this" + c1 + " now.", `Read <x id="c0"/>this<x id="c1"/> now.`},
		{"terms", "In " + t0 + " and " + t1 + ".", `In <x id="t0"/> and <x id="t1"/>.`},
		{"adjacent", c0 + t0 + c1, `<x id="c0"/><x id="t0"/><x id="c1"/>`},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := placeholder.ToMarkup(tt.in)
			assert.Equal(t, tt.markup, m)
			assert.Equal(t, tt.in, placeholder.FromMarkup(m))
		})
	}
}

func TestFromMarkupEngineForms(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"apertium open-close", `Hola <x id="c0"></x>mundo<x id="t1"></x>.`, "Hola " + c0 + "mundo" + t1 + "."},
		{"unquoted, upper", `<X ID=c1>x</X>`, c1 + "x"},
		{"foreign tag dropped", `<b>negrita</b> <x id="t0"/>`, "negrita " + t0},
		{"bad id kept out", `<x id="z9"/>ok`, "ok"},
		{"entities", `&lt;&amp;&gt;&quot;&#39;`, `<&>"'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, placeholder.FromMarkup(tt.in))
		})
	}
}

func TestTokensRoundTrip(t *testing.T) {
	in := "Read " + c0 + "this" + c1 + " in " + t0 + "."
	tok := placeholder.ToTokens(in)
	assert.Equal(t, "Read ⟦c0⟧this⟦c1⟧ in ⟦t0⟧.", tok)
	assert.Equal(t, in, placeholder.FromTokens(tok))
	assert.Equal(t, t0+" y "+c1, placeholder.FromTokens("⟦ t0 ⟧ y ⟦C1⟧"))
	assert.Equal(t, "⟦x9⟧", placeholder.FromTokens("⟦x9⟧"), "not a placeholder token")
}

func TestFrameUnframe(t *testing.T) {
	segs := []string{"One " + c0 + "a" + c1 + ".", "Two & " + t0 + ".", ""}
	var enc []string
	for _, s := range segs {
		enc = append(enc, placeholder.ToMarkup(s))
	}
	framed := placeholder.Frame(enc)
	texts, found := placeholder.Unframe(framed, len(segs))
	assert.Equal(t, segs, texts)
	assert.Equal(t, []bool{true, true, true}, found)

	// A reply missing a block, with junk around.
	texts, found = placeholder.Unframe("junk<p id=\"s1\">Dos</p>\n<p id=\"s9\">x</p>", 2)
	assert.Equal(t, []bool{false, true}, found)
	assert.Equal(t, "Dos", texts[1])
}

func TestRepair(t *testing.T) {
	tests := []struct {
		name, src, out, want string
		warnings             int
	}{
		{"intact", "a " + t0 + " b", "x " + t0 + " y", "x " + t0 + " y", 0},
		{"lost term after code", "See " + c0 + "the " + t0 + " news" + c1, "Ver " + c0 + "las noticias" + c1, "Ver " + c0 + " " + t0 + " las noticias" + c1, 1},
		{"lost first", t0 + " said", "dijo", t0 + " dijo", 1},
		{"lost last, proportional", "we saw " + t0, "vimos algo", "vimos algo " + t0, 1},
		{"duplicated", "in " + t0 + " now", "en " + t0 + " " + t0 + " ahora", "en " + t0 + " ahora", 1},
		{"invented", "in town", "en " + t1 + " pueblo", "en pueblo", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, w := placeholder.Repair(tt.src, tt.out)
			assert.Equal(t, tt.want, got)
			assert.Len(t, w, tt.warnings, "%q", w)
			lost, extra := placeholder.Check(tt.src, got)
			assert.Empty(t, lost)
			assert.Empty(t, extra)
		})
	}
}

// TestMarkupThroughApertium proves the markup scheme survives the real
// engine: every placeholder comes back exactly once.
func TestMarkupThroughApertium(t *testing.T) {
	if _, err := exec.LookPath("apertium"); err != nil {
		shared.Skip(t, "install apertium and apertium-eng-spa (Debian)")
	}
	segs := []string{
		"After failing to capture the capital " + t0 + ", the army has focused on the " + t1 + ".",
		"Read " + c0 + "the full speech" + c1 + " by " + t0 + " & others <here>.",
		c0 + "Breaking:" + c1 + " troops advance.",
	}
	var enc []string
	for _, s := range segs {
		enc = append(enc, placeholder.ToMarkup(s))
	}
	cmd := exec.Command("apertium", "-f", "html", "-u", "eng-spa")
	cmd.Stdin = strings.NewReader(placeholder.Frame(enc))
	out, err := cmd.Output()
	if err != nil {
		shared.Skip(t, "apertium eng-spa failed (install apertium-eng-spa): "+err.Error())
	}
	texts, found := placeholder.Unframe(string(out), len(segs))
	for i := range segs {
		require.True(t, found[i], "segment %d missing in %q", i, out)
		lost, extra := placeholder.Check(segs[i], texts[i])
		assert.Empty(t, lost, "segment %d: %q", i, texts[i])
		assert.Empty(t, extra, "segment %d: %q", i, texts[i])
	}
	assert.Contains(t, texts[1], "<", "escaped text decoded")
	t.Logf("%q", texts)
}

func FuzzMarkupRoundTrip(f *testing.F) {
	f.Add("Hello " + c0 + "w" + c1 + " & <b> " + t0)
	f.Add("")
	f.Add("\x00\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8Valid(s) || strings.ContainsAny(s, "\r\x00") {
			t.Skip() // the HTML tokenizer normalises CR and NUL
		}
		got := placeholder.FromMarkup(placeholder.ToMarkup(s))
		if got != s {
			t.Fatalf("round trip: %q → %q", s, got)
		}
	})
}

func FuzzFromTokens(f *testing.F) {
	f.Add("⟦c1⟧ y ⟦t0⟧")
	f.Add("⟦⟦c99999⟧")
	f.Fuzz(func(t *testing.T, s string) {
		out := placeholder.FromTokens(s)
		if !strings.Contains(s, "⟦") && out != s {
			t.Fatalf("changed text without tokens")
		}
	})
}

func FuzzRepair(f *testing.F) {
	f.Add("a "+t0+" b "+c0, "x y")
	f.Add(t0+t0, t1+t0+t0+t0)
	f.Fuzz(func(t *testing.T, src, out string) {
		got, _ := placeholder.Repair(src, out)
		lost, extra := placeholder.Check(src, got)
		if len(lost) > 0 || len(extra) > 0 {
			t.Fatalf("Repair(%q, %q) = %q: lost %q extra %q", src, out, got, lost, extra)
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
