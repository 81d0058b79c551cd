package po

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/internal/ttk"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/xliff"
)

const sample = `# A translator's comment
msgid ""
msgstr ""
"Language: pt_BR\n"
"Content-Type: text/plain; charset=UTF-8\n"

#. an extracted comment
#: a.c:1 b.c:2
#, fuzzy, c-format
msgctxt "u1.1"
msgid "Hello"
msgstr "Olá"

msgid ""
"two\n"
"lines"
msgstr "duas\nlinhas \"citadas\" \\ \t\101\x42"

msgid "one"
msgid_plural "many"
msgstr[0] "um"
msgstr[1] "muitos"

#~ msgid "gone"
#~ msgstr "foi"
`

func TestParse(t *testing.T) {
	f, err := Parse("a.po", []byte(sample))
	require.NoError(t, err)
	assert.True(t, f.HasHeader)
	assert.Equal(t, "pt_BR", f.Get("language"))
	assert.Equal(t, []string{"A translator's comment"}, f.HeaderComments)
	require.Len(t, f.Entries, 4)
	e := f.Entries[0]
	assert.Equal(t, 7, e.Line)
	assert.Equal(t, []string{"an extracted comment"}, e.Extracted)
	assert.Equal(t, []string{"a.c:1", "b.c:2"}, e.References)
	assert.True(t, e.Fuzzy())
	assert.Equal(t, "u1.1", e.Context)
	assert.Equal(t, "Olá", e.Target())
	assert.Equal(t, "two\nlines", f.Entries[1].ID)
	assert.Equal(t, "duas\nlinhas \"citadas\" \\ \tAB", f.Entries[1].Target())
	assert.Equal(t, []string{"um", "muitos"}, f.Entries[2].Str)
	assert.True(t, f.Entries[3].Obsolete)

	// Encode and parse again: the same file.
	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, f))
	g, err := Parse("b.po", buf.Bytes())
	require.NoError(t, err, buf.String())
	for i := range f.Entries {
		f.Entries[i].Line, g.Entries[i].Line = 0, 0
	}
	assert.Equal(t, f, g)
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no msgstr", "msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"\"\n", "x.po:1: entry without msgstr"},
		{"duplicate", "msgid \"a\"\nmsgstr \"\"\n\nmsgid \"a\"\nmsgstr \"b\"\n", `x.po:4: message "a" (msgctxt "") already defined on line 1`},
		{"same id other context", "msgctxt \"1\"\nmsgid \"a\"\nmsgstr \"\"\n\nmsgctxt \"2\"\nmsgid \"a\"\nmsgstr \"\"\n", ""},
		{"unquoted", "msgid a\nmsgstr \"\"\n", "x.po:1: want a quoted string"},
		{"bad escape", "msgid \"a\\q\"\nmsgstr \"\"\n", `x.po:1: unknown escape \q`},
		{"stray string", "\"a\"\n", "x.po:1: a string with no keyword"},
		{"unknown keyword", "msgid \"a\"\nmsgstring \"\"\n", `x.po:2: unknown keyword "msgstring"`},
		{"msgstr first", "msgstr \"a\"\n", "x.po:1: msgstr must follow msgid"},
		{"plural index", "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[1] \"\"\n", "x.po:3: msgstr[1]: want msgstr[0]"},
		{"plural without plural", "msgid \"a\"\nmsgstr[0] \"\"\n", "x.po:2: msgstr[0] in an entry without msgid_plural"},
		{"two headers", "msgid \"\"\nmsgstr \"\"\n\nmsgid \"\"\nmsgstr \"x\"\n", "x.po:4: a second entry with an empty msgid"},
		{"not utf-8", "msgid \"a\"\nmsgstr \"\xff\"\n", "x.po:2: not UTF-8"},
		{"unknown charset", "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=NOPE\\n\"\n", `x.po:1: unknown charset "NOPE"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("x.po", []byte(tc.in))
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.True(t, errors.Is(err, ErrSyntax))
		})
	}
}

func TestCharset(t *testing.T) {
	latin1 := []byte("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n\nmsgid \"caf\xe9\"\nmsgstr \"caf\xe9\"\n")
	f, err := Parse("l.po", latin1)
	require.NoError(t, err)
	assert.Equal(t, "café", f.Entries[0].ID)
}

var codes = []format.Code{
	{ID: 0, Kind: format.Standalone, Pair: -1, Data: "<br/>"},
	{ID: 1, Kind: format.Open, Pair: 2, Data: "<b>"},
	{ID: 2, Kind: format.Close, Pair: 1, Data: "</b>"},
	{ID: 3, Kind: format.Open, Pair: 4, Data: "<i>"},
	{ID: 4, Kind: format.Close, Pair: 3, Data: "</i>"},
}

func cr(n int) string { return string(format.CodeRune(n)) }

func reviewDoc() *xliff.Document {
	src := xliff.ContentsFromTexts([]string{"A " + cr(1) + "bold" + cr(2) + " word" + cr(0) + "here.", " ", "One " + cr(3) + "two.", "Three" + cr(4) + " \"four\"."}, codes)
	trg := xliff.ContentsFromTexts([]string{"Un mot " + cr(1) + "gras" + cr(2) + cr(0) + "ici.", "", "Un " + cr(3) + "deux.", "Trois" + cr(4) + " « quatre »."}, codes)
	u := &xliff.Unit{ID: "u3", Notes: []xliff.Note{{Category: "glossary", AppliesTo: "target", Segment: "u3.1", Text: `u3.1: "bold" must be translated as "gras" (glossary concept bold)`}}}
	u.Parts = []*xliff.Part{
		{ID: "u3.1", State: xliff.StateReviewed, Source: src[0], Target: trg[0], HasTarget: true},
		{Ignorable: true, Source: src[1]},
		{ID: "u3.2", State: xliff.StateTranslated, Source: src[2], Target: trg[2], HasTarget: true},
		{ID: "u3.3", State: xliff.StateTranslated, Source: src[3], Target: trg[3], HasTarget: true},
	}
	u2 := &xliff.Unit{ID: "u4", Parts: []*xliff.Part{{ID: "u4.1", State: xliff.StateInitial, Source: xliff.Content{{Kind: xliff.Text, Text: "Untranslated."}}}}}
	return &xliff.Document{SrcLang: "en", TrgLang: "fr", Files: []*xliff.File{{ID: "f1", Original: "news/a b.md", Units: []*xliff.Unit{u, u2}}}}
}

func TestReviewRoundTrip(t *testing.T) {
	d := reviewDoc()
	pf := FromXLIFF(d, d.Files[0])
	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, pf))
	out := buf.String()
	assert.Contains(t, out, "#. \"bold\" must be translated as \"gras\" (glossary concept bold)\n#: news/a_b.md:u3\nmsgctxt \"u3.1\"\nmsgid \"A <c1>bold</c2> word<c0/>here.\"\nmsgstr \"Un mot <c1>gras</c2><c0/>ici.\"\n")
	assert.Contains(t, out, "#, fuzzy\nmsgctxt \"u3.2\"\nmsgid \"One <c3>two.\"\nmsgstr \"Un <c3>deux.\"\n")
	assert.Contains(t, out, "msgctxt \"u3.3\"\nmsgid \"Three</c4> \\\"four\\\".\"\n")
	assert.Contains(t, out, "msgctxt \"u4.1\"\nmsgid \"Untranslated.\"\nmsgstr \"\"\n")
	assert.Contains(t, out, `"X-Locpipe-Document: news/a b.md\n"`)

	f, err := Parse("a.po", buf.Bytes())
	require.NoError(t, err)
	back := ToXLIFF(f)
	assert.Equal(t, "en", back.SrcLang)
	assert.Equal(t, "fr", back.TrgLang)
	assert.Equal(t, "news/a b.md", back.Files[0].Original)
	require.Len(t, back.Files[0].Units, 2)
	u := back.Files[0].Units[0]
	assert.Equal(t, "u3", u.ID)
	require.Len(t, u.Parts, 3)
	want := d.Files[0].Units[0].Parts
	for i, w := range []*xliff.Part{want[0], want[2], want[3]} {
		p := u.Parts[i]
		assert.Equal(t, w.ID, p.ID)
		assert.Equal(t, w.State, p.State)
		for _, side := range [][2]xliff.Content{{w.Source, p.Source}, {w.Target, p.Target}} {
			wt, err := xliff.TextFromContent(side[0], codes)
			require.NoError(t, err)
			gt, err := xliff.TextFromContent(side[1], codes)
			require.NoError(t, err)
			assert.Equal(t, wt, gt)
		}
	}
	assert.Equal(t, xliff.StateInitial, back.Files[0].Units[1].Parts[0].State)
	assert.False(t, back.Files[0].Units[1].Parts[0].HasTarget)
}

// TestMsgfmt checks that gettext's own checker accepts what FromXLIFF and
// Encode write.
func TestMsgfmt(t *testing.T) {
	msgfmt, err := exec.LookPath("msgfmt")
	if err != nil {
		shared.Skip(t, "msgfmt not installed (Debian gettext)")
	}
	d := reviewDoc()
	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, FromXLIFF(d, d.Files[0])))
	dir := t.TempDir()
	p := filepath.Join(dir, "a.po")
	require.NoError(t, os.WriteFile(p, buf.Bytes(), 0o644))
	out, err := exec.Command(msgfmt, "-c", "-o", filepath.Join(dir, "a.mo"), p).CombinedOutput()
	assert.NoError(t, err, "%s\n%s", out, buf.String())
	assert.Empty(t, string(out))
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	d := reviewDoc()
	var buf bytes.Buffer
	if err := Encode(&buf, FromXLIFF(d, d.Files[0])); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("msgid \"a\\x4\\101\"\nmsgstr[0] \"\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := Parse("f.po", data)
		if err != nil {
			var pe *Error
			require.ErrorAs(t, err, &pe)
			require.Positive(t, pe.Line)
			return
		}
		// What was read is written and read back the same.
		var buf bytes.Buffer
		require.NoError(t, Encode(&buf, pf))
		g, err := Parse("g.po", buf.Bytes())
		require.NoError(t, err, "%q", buf.String())
		require.Len(t, g.Entries, len(pf.Entries))
		for i := range pf.Entries {
			assert.Equal(t, pf.Entries[i].ID, g.Entries[i].ID)
			assert.Equal(t, pf.Entries[i].Str, g.Entries[i].Str)
		}
		_ = ToXLIFF(pf)
	})
}

func TestOutsideFiles(t *testing.T) {
	// Okapi's Test05.po: a plural whose strings start on the lines after
	// their keywords; TTK's and OmegaT's usual files; a UTF-16 file.
	in := "msgid \"%d file\"\r\nmsgid_plural \"%d files\"\r\nmsgstr[0]\r\n\"%d fichier\"\r\nmsgstr[1]\r\n\"%d fichiers\"\r\n"
	f, err := Parse("t.po", []byte(in))
	require.NoError(t, err)
	assert.Equal(t, []string{"%d fichier", "%d fichiers"}, f.Entries[0].Str)
	u16 := []byte{0xFF, 0xFE}
	for _, r := range "msgid \"a\"\nmsgstr \"b\"\n" {
		u16 = append(u16, byte(r), 0)
	}
	f, err = Parse("u.po", u16)
	require.NoError(t, err)
	assert.Equal(t, "b", f.Entries[0].Target())
}

// TestTranslateToolkit opens the PO export with Translate Toolkit: one unit
// per segment with msgctxt, the same text, machine translations fuzzy; a
// target it edits and un-fuzzies reads back as reviewed, and msgfmt -c
// still accepts the file.
func TestTranslateToolkit(t *testing.T) {
	d := reviewDoc()
	pf := FromXLIFF(d, d.Files[0])
	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, pf))
	path := filepath.Join(t.TempDir(), "a.po")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	class, units := ttk.Read(t, path)
	assert.Equal(t, "pofile", class)
	require.Len(t, units, len(pf.Entries))
	for i, u := range units {
		e := pf.Entries[i]
		assert.Equal(t, e.Context+"\x04"+e.ID, u.ID) // TTK's id: msgctxt EOT msgid
		assert.Equal(t, e.ID, u.Source)
		assert.Equal(t, e.Fuzzy(), u.Fuzzy, e.Context)
	}
	ttk.Edit(t, path, "u3.2\x04One <c3>two.", "Un <c3>deux, révisé.", true)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	f, err := Parse("a.po", data)
	require.NoError(t, err, string(data))
	back := ToXLIFF(f)
	p := back.Files[0].Units[0].Parts[1]
	assert.Equal(t, "u3.2", p.ID)
	assert.Equal(t, xliff.StateReviewed, p.State)
	got, err := xliff.TextFromContent(p.Target, codes)
	require.NoError(t, err)
	assert.Equal(t, "Un "+cr(3)+"deux, révisé.", got)
	if msgfmt, err := exec.LookPath("msgfmt"); err == nil {
		out, err := exec.Command(msgfmt, "-c", "-o", os.DevNull, path).CombinedOutput()
		assert.NoError(t, err, string(out))
	}
}
