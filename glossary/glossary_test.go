package glossary

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/language"
)

func TestBuiltinLintsClean(t *testing.T) {
	assert.Empty(t, Lint(Builtin()))
	assert.Empty(t, Lint(testGlossary(t)))
}

func TestRoundTrips(t *testing.T) {
	for _, g := range []*Glossary{Builtin(), testGlossary(t)} {
		for _, f := range []Format{FormatYAML, FormatCSV, FormatTSV, FormatTBX} {
			var b bytes.Buffer
			require.NoError(t, Encode(&b, g, f))
			back, err := Decode("round."+string(f), b.Bytes(), f, ImportOptions{})
			require.NoError(t, err, "%s:\n%s", f, b.String())
			assert.Equal(t, g.Fingerprint(), back.Fingerprint(), "%s round trip", f)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	for _, c := range []struct {
		name, file, data string
		line             int
	}{
		{"no preferred", "a.yaml", "version: 1\nconcepts:\n  - id: x\n    terms:\n      en: {admitted: [X]}\n", 3},
		{"unknown field", "a.yaml", "version: 1\nconcepts:\n  - id: x\n    colour: red\n    terms:\n      en: {preferred: X}\n", 4},
		{"duplicate id", "a.yaml", "version: 1\nconcepts:\n  - id: x\n    terms: {en: {preferred: X}}\n  - id: x\n    terms: {en: {preferred: Y}}\n", 5},
		{"bad language", "a.yaml", "version: 1\nconcepts:\n  - id: x\n    terms: {english!: {preferred: X}}\n", 3},
		{"csv no id", "a.csv", "id,en\n,Kyiv\n", 2},
		{"csv bad column", "a.csv", "id,en,colour\nx,Kyiv,red\n", 2},
		{"csv bad form", "a.csv", "id,uk,uk:forms\nx,Київ,Києва\n", 2},
		{"deepl no languages", "a.csv", "Kiev,Kyiv\n", 1},
		{"deepl five columns", "a.csv", "en,uk\nKiev,Київ,x,y,z\n", 2},
		{"tbx broken", "a.tbx", "<tbx>\n<text><body>\n<conceptEntry id=\"a\">\n</body>", 4},
		{"not tbx", "a.tbx", "<html></html>", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode(c.file, []byte(c.data), FormatOf(c.file), ImportOptions{})
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInvalid)
			var le *LoadError
			require.True(t, errors.As(err, &le), "%T", err)
			assert.Equal(t, c.file, le.File)
			assert.Equal(t, c.line, le.Line, err.Error())
		})
	}
}

func TestParseTBX(t *testing.T) {
	g, err := LoadFile(filepath.Join("testdata", "martif.tbx"), ImportOptions{})
	require.NoError(t, err)
	require.Len(t, g.Concepts, 2)
	c := g.Concepts[0]
	assert.Equal(t, "kyiv", c.ID)
	assert.Equal(t, TermSet{Preferred: "Kyiv", Deprecated: []string{"Kiev"}}, c.Terms["en"])
	assert.Equal(t, TermSet{Preferred: "Kyjiw", Admitted: []string{"Kiew"}}, c.Terms["de"])
	assert.Equal(t, "Capital of Ukraine.", c.Note)
	assert.Equal(t, TermSet{Preferred: "Odesa", Deprecated: []string{"Odessa"}}, g.Concepts[1].Terms["en"], "notRecommended and ntig/termGrp")
	assert.Equal(t, filepath.Join("testdata", "martif.tbx")+":4", c.Origin)

	// UTF-16 with a byte-order mark, as real exports come.
	data, err := os.ReadFile(filepath.Join("testdata", "martif.tbx"))
	require.NoError(t, err)
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(bytes.Replace(data, []byte(`encoding="UTF-8"`), []byte(`encoding="UTF-16"`), 1))
	require.NoError(t, err)
	g16, err := ParseTBX("utf16.tbx", u16)
	require.NoError(t, err)
	assert.Equal(t, g.Fingerprint(), g16.Fingerprint())
}

func TestParseCSVLayouts(t *testing.T) {
	g, err := ParseCSV("d.tsv", []byte("en\tuk\nKiev\tКиїв\nOdessa\tОдеса\n"), '\t', ImportOptions{})
	require.NoError(t, err)
	require.Len(t, g.Concepts, 2)
	assert.Equal(t, "kiev", g.Concepts[0].ID)
	p := g.Protect("Kiev and Odessa", language.English, language.Ukrainian)
	out, _ := p.Restore(p.Text)
	assert.Equal(t, "Київ and Одеса", out)

	g, err = ParseCSV("d.csv", []byte("Kiev,Kyiv,en,en\nKyjiw,Kyiv,en,en\n"), ',', ImportOptions{})
	require.NoError(t, err)
	require.Len(t, g.Concepts, 1, "same target, one concept")
	assert.Equal(t, TermSet{Preferred: "Kyiv", Deprecated: []string{"Kiev", "Kyjiw"}}, g.Concepts[0].Terms["en"])

	var b bytes.Buffer
	require.NoError(t, WriteDeepL(&b, Builtin(), language.Russian, language.Ukrainian, ','))
	assert.Contains(t, b.String(), "Киева,Києва\n")
	b.Reset()
	require.NoError(t, WriteDeepL(&b, Builtin(), language.English, language.English, ','))
	assert.Contains(t, b.String(), "Kiev,Kyiv\n")
	assert.NotContains(t, b.String(), "Kyiv,Kyiv")
}

func TestLint(t *testing.T) {
	g, err := Load(filepath.Join("testdata", "lint.yaml"))
	require.NoError(t, err)
	var got []string
	for _, f := range Lint(g) {
		got = append(got, f.String())
	}
	if updating() {
		require.NoError(t, os.WriteFile(filepath.Join("testdata", "lint.golden"), []byte(strings.Join(got, "\n")+"\n"), 0o644))
	}
	want, err := os.ReadFile(filepath.Join("testdata", "lint.golden"))
	require.NoError(t, err)
	assert.Equal(t, string(want), strings.Join(got, "\n")+"\n")
}

func TestRestoreRepairs(t *testing.T) {
	g := testGlossary(t)
	p := g.Protect("Officials in Kiev and Kharkov said.", language.English, language.Ukrainian)
	require.Len(t, p.Terms, 2)
	ph0, ph1 := string(p.Terms[0].Placeholder), string(p.Terms[1].Placeholder)
	for _, c := range []struct {
		name, engine, want string
		warnings           int
	}{
		{"intact", "Посадовці в " + ph0 + " і " + ph1 + " сказали.", "Посадовці в Київ і Харків сказали.", 0},
		{"lost, source term left", "Посадовці в Kiev і " + ph1 + " сказали.", "Посадовці в Київ і Харків сказали.", 1},
		{"lost, engine translated it", "Посадовці в Києві і " + ph1 + " сказали.", "Посадовці в Києві і Харків сказали.", 1},
		{"lost entirely", "Посадовці і " + ph1 + " сказали.", "Посадовці і Харків сказали. Київ", 1},
		{"duplicated", "Посадовці в " + ph0 + ph0 + " і " + ph1 + " сказали.", "Посадовці в Київ і Харків сказали.", 1},
		{"unknown placeholder", "Посадовці в " + ph0 + " і " + ph1 + string(rune(PlaceholderBase+40)) + " сказали.", "Посадовці в Київ і Харків сказали.", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, warnings := p.Restore(c.engine)
			assert.Equal(t, c.want, got)
			assert.Len(t, warnings, c.warnings, "%v", warnings)
		})
	}
}

func TestRestoreRepairsInflectedSource(t *testing.T) {
	g := testGlossary(t)
	p := g.Protect("Из Киева выехали.", language.Russian, language.Ukrainian)
	require.Len(t, p.Terms, 1)
	// The engine dropped the placeholder and left the Russian genitive.
	got, warnings := p.Restore("З Киева виїхали.")
	assert.Equal(t, "З Києва виїхали.", got)
	assert.Len(t, warnings, 1)
}

func TestUnifiedDiff(t *testing.T) {
	before := "a Kiev\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl Kiev\nm\n"
	after := strings.ReplaceAll(before, "Kiev", "Kyiv")
	d := UnifiedDiff("x.txt", before, after)
	assert.Contains(t, d, "--- a/x.txt\n+++ b/x.txt\n@@ -1,4 +1,4 @@\n-a Kiev\n+a Kyiv\n b\n")
	assert.Contains(t, d, "@@ -9,5 +9,5 @@\n i\n j\n k\n-l Kiev\n+l Kyiv\n m\n")
	assert.Empty(t, UnifiedDiff("x", "same", "same"))
	assert.Contains(t, Colorize(d), "\x1b[31m-a "+ansiDelWord+"Kiev\x1b[0m\x1b[31m\x1b[0m\n")
}

func TestSuggest(t *testing.T) {
	texts := []Text{
		{Name: "a.txt", Text: "President Zelensky spoke.\nThen Zelenskyy said that Zelensky would go."},
		{Name: "b.txt", Text: "Then Zelenskiy met Ukrainians. A Ukrainian said so. In Kiev and Kyiv.\nThe mayor spoke."},
	}
	ss := Suggest(Builtin(), language.English, texts)
	require.Len(t, ss, 2, "%+v", ss)
	assert.Equal(t, "zelensky", ss[0].ID)
	assert.Empty(t, ss[0].Covered)
	assert.Equal(t, []Variant{{Spelling: "Zelensky", Lang: language.English, Count: 2, First: "a.txt:1"}, {Spelling: "Zelenskyy", Lang: language.English, Count: 1, First: "a.txt:2"}, {Spelling: "Zelenskiy", Lang: language.English, Count: 1, First: "b.txt:1"}}, ss[0].Variants)
	assert.Equal(t, "kyiv", ss[1].ID, "Kiev and Kyiv: already covered")
	require.Len(t, ss[1].Covered, 1)
	assert.True(t, strings.HasPrefix(ss[1].Covered[0], "kyiv ("), ss[1].Covered[0])
	var b bytes.Buffer
	require.NoError(t, WriteSuggestions(&b, ss))
	assert.Contains(t, b.String(), "# Already covered:\n#   kyiv (")
	g, err := Parse("suggest.yaml", b.Bytes())
	require.NoError(t, err, b.String())
	require.Len(t, g.Concepts, 1)
	out, _ := Merge(Builtin(), g).Apply("Zelenskiy in Kiev", language.English)
	assert.Equal(t, "Zelensky in Kyiv", out)
}

func TestMatchPositions(t *testing.T) {
	g := testGlossary(t)
	text := "Straße  KIEV and Krivoy \n Rog"
	ms := g.Matcher(language.English).Find(text)
	require.Len(t, ms, 2)
	assert.Equal(t, "KIEV", text[ms[0].Start:ms[0].End])
	assert.Equal(t, Deprecated, ms[0].Status)
	assert.Equal(t, "Krivoy \n Rog", text[ms[1].Start:ms[1].End])
	assert.Equal(t, "kryvyi-rih", ms[1].Concept.ID)
}
