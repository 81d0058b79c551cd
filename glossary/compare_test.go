package glossary

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/text/language"
)

func TestDiffWords(t *testing.T) {
	cases := []struct {
		name, before, after string
		want                []WordOp
	}{
		{"equal", "a b", "a b", []WordOp{{Equal, "a b"}}},
		{"empty", "", "", nil},
		{"one word", "From Kiev's centre", "From Kyiv's centre", []WordOp{{Equal, "From "}, {Delete, "Kiev"}, {Insert, "Kyiv"}, {Equal, "'s centre"}}},
		{"never cuts a word", "Kievan", "Kyivan", []WordOp{{Delete, "Kievan"}, {Insert, "Kyivan"}}},
		{"cyrillic", "Из Киева в Одессу", "З Києва в Одесу", []WordOp{{Delete, "Из"}, {Insert, "З"}, {Equal, " "}, {Delete, "Киева"}, {Insert, "Києва"}, {Equal, " в "}, {Delete, "Одессу"}, {Insert, "Одесу"}}},
		{"insertion", "a c", "a b c", []WordOp{{Equal, "a"}, {Insert, " b"}, {Equal, " c"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := DiffWords(c.before, c.after)
			assert.Equal(t, c.want, got)
			var b, a strings.Builder
			for _, op := range got {
				if op.Kind != Insert {
					b.WriteString(op.Text)
				}
				if op.Kind != Delete {
					a.WriteString(op.Text)
				}
			}
			assert.Equal(t, c.before, b.String())
			assert.Equal(t, c.after, a.String())
		})
	}
}

func FuzzDiffWords(f *testing.F) {
	f.Add("From Kiev to Lvov.\n", "From Kyiv to Lviv.\n")
	f.Add("Из Киева", "З Києва")
	f.Fuzz(func(t *testing.T, before, after string) {
		var b, a strings.Builder
		for _, op := range DiffWords(before, after) {
			if op.Kind != Insert {
				b.WriteString(op.Text)
			}
			if op.Kind != Delete {
				a.WriteString(op.Text)
			}
		}
		if b.String() != before || a.String() != after {
			t.Fatalf("DiffWords(%q, %q) does not give the texts back", before, after)
		}
	})
}

func compareText(t *testing.T, g, old *Glossary, before string) FileDiff {
	t.Helper()
	after, _ := g.Apply(before, language.English)
	if old != nil {
		before, _ = old.Apply(before, language.English)
	}
	return Comparer{Lang: language.English, New: g, Old: old}.File("a.txt", before, after)
}

func TestComparerFile(t *testing.T) {
	g := testGlossary(t)
	src := "Title\n\nFrom Kiev to Lvov.\nChicken Kiev is served.\nNothing here.\nKrivoy Rog and Kiev.\n"
	fd := compareText(t, g, nil, src)
	require.Len(t, fd.Rows, 3, "%+v", fd.Rows)
	assert.Equal(t, 3, fd.Rows[0].NewLine)
	assert.Equal(t, 4, fd.Rows[1].NewLine)
	assert.Equal(t, 6, fd.Rows[2].NewLine)
	want := []Occurrence{
		{Concept: "kyiv", Old: "Kiev", New: "Kyiv", OldLine: 3, Line: 3},
		{Concept: "lviv", Old: "Lvov", New: "Lviv", OldLine: 3, Line: 3},
		{Concept: "kyiv", Old: "Chicken Kiev", New: "Chicken Kiev", OldLine: 4, Line: 4, Kept: true},
		{Concept: "kryvyi-rih", Old: "Krivoy Rog", New: "Kryvyi Rih", OldLine: 6, Line: 6},
		{Concept: "kyiv", Old: "Kiev", New: "Kyiv", OldLine: 6, Line: 6},
	}
	assert.Equal(t, want, fd.Occurrences)
	assert.Equal(t, 4, fd.Changes())
	assert.Equal(t, []DiffOp{{WordOp{Kept, "Chicken Kiev"}, 2}, {WordOp{Equal, " is served.\n"}, -1}}, fd.Rows[1].Ops)

	sum := Summarize([]FileDiff{fd, compareText(t, g, nil, "Kiev.\n")})
	require.Len(t, sum, 3)
	assert.Equal(t, "kyiv", sum[0].Concept)
	assert.Equal(t, 3, sum[0].Changes)
	assert.Equal(t, 2, sum[0].Files)
	assert.Equal(t, 1, sum[0].Kept)
	assert.Equal(t, []string{"Kiev"}, sum[0].From)
	assert.Equal(t, []string{"Kyiv"}, sum[0].To)
}

func TestComparerAgainst(t *testing.T) {
	g := testGlossary(t)
	// The old policy wrote Kiev, and had a concept the new glossary dropped.
	old, err := Parse("old.yaml", []byte("version: 1\nconcepts:\n  - id: kyiv\n    terms:\n      en: {preferred: Kiev}\n  - id: gone\n    terms:\n      en: {preferred: Foo, deprecated: [Fooo]}\n"))
	require.NoError(t, err)
	fd := compareText(t, g, Merge(Builtin(), old), "Kyiv, Kiev, Lvov and Fooo.\n")
	require.Len(t, fd.Occurrences, 2, "%+v", fd.Occurrences)
	assert.Equal(t, Occurrence{Concept: "kyiv", Old: "Kiev", New: "Kyiv", OldLine: 1, Line: 1}, fd.Occurrences[0])
	assert.Equal(t, "gone", fd.Occurrences[1].Concept, "put down to the old glossary's concept")
	assert.Equal(t, "Foo", fd.Occurrences[1].Old)
	assert.Equal(t, "Fooo", fd.Occurrences[1].New)
}

func TestWriteDiffHTML(t *testing.T) {
	g := testGlossary(t)
	fd := compareText(t, g, nil, "From Kiev to <Lvov> & back.\nChicken Kiev.\n")
	var b bytes.Buffer
	require.NoError(t, WriteDiffHTML(&b, DiffPage{Title: "Glossary diff", Files: []FileDiff{fd, {Name: "same.txt"}}}))
	doc, err := html.Parse(&b)
	require.NoError(t, err)
	var dels, inss, kept []string
	ids := map[string]bool{}
	var hrefs []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch a.Key {
				case "id":
					ids[a.Val] = true
				case "href":
					hrefs = append(hrefs, a.Val)
				case "src":
					t.Errorf("external asset %s=%q", a.Key, a.Val)
				}
			}
			text := ""
			if n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
				text = n.FirstChild.Data
			}
			switch {
			case n.Data == "script" || n.Data == "link":
				t.Errorf("the page has a <%s>", n.Data)
			case n.Data == "del" && attr(n, "data-concept") != "":
				dels = append(dels, text)
			case n.Data == "ins" && attr(n, "data-concept") != "":
				inss = append(inss, text)
			case n.Data == "mark":
				kept = append(kept, text)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	assert.Equal(t, []string{"Kiev", "Lvov"}, dels)
	assert.Equal(t, []string{"Kyiv", "Lviv"}, inss)
	assert.Equal(t, []string{"Chicken Kiev"}, kept)
	require.NotEmpty(t, hrefs)
	for _, h := range hrefs {
		require.True(t, strings.HasPrefix(h, "#"), "only links inside the page: %s", h)
		assert.True(t, ids[h[1:]], "link %s has a target", h)
	}
	assert.NotContains(t, b.String(), "same.txt", "files without changes are left out")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestColorizeWords(t *testing.T) {
	d := UnifiedDiff("x.txt", "From Kiev to Lvov.\n", "From Kyiv to Lviv.\n")
	c := Colorize(d)
	assert.Contains(t, c, "\x1b[31m-From "+ansiDelWord+"Kiev"+ansiReset+ansiRed+" to "+ansiDelWord+"Lvov"+ansiReset+ansiRed+".\x1b[0m\n")
	assert.Contains(t, c, "\x1b[32m+From "+ansiInsWord+"Kyiv"+ansiReset+ansiGreen+" to ")
}

func TestWriteStat(t *testing.T) {
	g := testGlossary(t)
	fd := compareText(t, g, nil, "From Kiev to Lvov.\nChicken Kiev. Kiev.\n")
	var b bytes.Buffer
	require.NoError(t, WriteStat(&b, []FileDiff{fd, {Name: "b.txt"}}))
	assert.Equal(t, " a.txt |   3  kyiv ×2, lviv ×1, 1 kept\n kyiv: Kiev → Kyiv: 2 change(s) in 1 file(s)\n lviv: Lvov → Lviv: 1 change(s) in 1 file(s)\n 1 file(s) changed, 3 occurrence(s), 1 kept by exceptions\n", b.String())
}

func TestLintAgainst(t *testing.T) {
	f, err := Parse("house.yaml", []byte("version: 1\nconcepts:\n  - id: odessa-old\n    terms:\n      en: {preferred: Odessa, deprecated: [Odesa]}\n  - id: fine\n    terms:\n      en: {preferred: Foo}\n"))
	require.NoError(t, err)
	got := LintAgainst(Builtin(), f)
	require.NotEmpty(t, got)
	for _, fd := range got {
		assert.Equal(t, "house.yaml", fd.File, "placed in the file: %s", fd)
		assert.Equal(t, "odessa-old", fd.Concept)
	}
	assert.Empty(t, LintAgainst(&Glossary{}, f), "alone, the file is clean")
	assert.Empty(t, LintAgainst(Builtin()), "nothing of the built-in glossary itself")
}
