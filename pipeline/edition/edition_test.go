package edition

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/format"
)

func TestPath(t *testing.T) {
	tests := []struct {
		layout, rel, locale string
		want                string
		err                 bool
	}{
		{"{locale}/{path}", "world/a.md", "es", "es/world/a.md", false},
		{"{dir}/{stem}.{locale}{ext}", "world/a.md", "uk", "world/a.uk.md", false},
		{"{dir}/{stem}.{locale}{ext}", "a.txt", "de", "a.de.txt", false},
		{"{locale}/{name}", "x/y/z.html", "fr", "fr/z.html", false},
		{"../{locale}/{path}", "a.txt", "es", "", true},
		{"{locale}/../../{path}", "a.txt", "es", "", true},
		{"{path}/{locale}", "../../etc/passwd", "es", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.layout+" "+tc.rel, func(t *testing.T) {
			got, err := Path(tc.layout, tc.rel, tc.locale)
			if tc.err {
				require.ErrorIs(t, err, ErrOutsideOut)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, filepath.FromSlash(tc.want), got)
		})
	}
}

func TestCheckLayout(t *testing.T) {
	for layout, ok := range map[string]bool{
		"{locale}/{path}":            true,
		"{dir}/{stem}.{locale}{ext}": true,
		"/abs/{locale}/{path}":       false,
		"{path}":                     false,
		"{locale}/fixed.txt":         false,
		"editions/{locale}/{name}":   true,
	} {
		err := CheckLayout(layout)
		assert.Equal(t, ok, err == nil, "%s: %v", layout, err)
	}
}

func TestSameLanguage(t *testing.T) {
	tests := []struct {
		from, to string
		same     bool
	}{
		{"en", "en", true},
		{"en", "en-GB", true},
		{"en", "es", false},
		{"sr-Latn", "sr-Cyrl", false},
		{"pt", "pt-BR", true},
		{"sr", "sr-Cyrl", true},
		{"sr", "sr-Latn", false},
		{"sr-Cyrl", "sr-Latn", false},
		{"zh-Hans", "zh-Hant", false},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.same, SameLanguage(language.MustParse(tc.from), language.MustParse(tc.to)), "%s→%s", tc.from, tc.to)
	}
}

func TestSourceOf(t *testing.T) {
	en, ru, es, pt := language.English, language.Russian, language.Spanish, language.Portuguese
	tests := []struct {
		name     string
		declared string
		src      Source
		want     language.Tag
		err      bool
	}{
		{"nothing: English", "", Source{}, en, false},
		{"the configured default", "", Source{Default: es}, es, false},
		{"the declaration over the default", "ru", Source{Default: es}, ru, false},
		{"forced over the declaration", "ru", Source{Forced: pt, Default: es}, pt, false},
		{"a bad declaration is refused", "xx", Source{Default: es}, language.Und, true},
		{"unless the language is forced", "xx", Source{Forced: pt}, pt, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.src.Of("a.md", &format.Document{Lang: tc.declared})
			if tc.err {
				var le *LanguageError
				require.ErrorAs(t, err, &le)
				assert.Equal(t, `a.md: declared language "xx": language: subtag "xx" is well-formed but unknown`, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestSplitAndKeys(t *testing.T) {
	p, _, err := format.Default().Lookup("a.txt", "")
	require.NoError(t, err)
	d, err := p.Parse("a.txt", []byte("Title\n\nShelling near Kiev. Officials said so.\n"))
	require.NoError(t, err)
	segs := Split(d, language.English)
	require.Len(t, segs, 3)
	assert.Equal(t, []string{"u1.1", "u2.1", "u2.2"}, []string{segs[0].ID, segs[1].ID, segs[2].ID})
	assert.Equal(t, 1, segs[2].Index)
	assert.Equal(t, d.Units[segs[2].Unit].Text[segs[2].Start:segs[2].End], segs[2].Text)

	g := glossary.Builtin()
	k, prot := Keys{From: language.English, To: language.German, Engine: Engine("pseudo", "abc"), Glossary: g}.Key(segs[1])
	require.NotNil(t, prot)
	assert.Equal(t, "pseudo@abc", k.Engine)
	assert.Equal(t, "en", k.SourceLang)
	assert.Equal(t, "de", k.TargetLang)
	assert.Equal(t, []string{"Kiev"}, k.Terms, "the source text of the term, as the engine is handed it")
	assert.NotContains(t, k.Source, "Kiev", "the term is protected")
	assert.Equal(t, "Title", k.Prev)
	assert.Equal(t, "Officials said so.", k.Next)

	k, prot = Keys{From: language.English, To: language.German, Engine: Engine("identity", "")}.Key(segs[2])
	assert.Nil(t, prot)
	assert.Equal(t, "identity", k.Engine)
	assert.Equal(t, "Officials said so.", k.Source)
	assert.Empty(t, k.Next)
}

func TestWalkAndArticles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.txt", "a/z.md", "a/.hidden.txt", ".git/x.txt", "out/en/b.txt", "data.bin"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("Text.\n"), 0o644))
	}
	var rels []string
	require.NoError(t, Walk(context.Background(), []string{dir}, WalkOptions{Out: filepath.Join(dir, "out")}, func(f File) error {
		rels = append(rels, f.Rel)
		return nil
	}))
	assert.Equal(t, []string{"a/z.md", "b.txt", "data.bin"}, rels)

	arts, err := Articles(context.Background(), []string{dir, filepath.Join(dir, "data.bin")}, WalkOptions{Out: filepath.Join(dir, "out")}, nil)
	require.NoError(t, err)
	rels = nil
	for _, f := range arts {
		rels = append(rels, f.Rel)
	}
	assert.Equal(t, []string{"a/z.md", "b.txt", "data.bin"}, rels, "data.bin named as an argument is listed; found in the directory it is not")
	assert.True(t, arts[2].Arg)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, Walk(ctx, []string{dir}, WalkOptions{}, func(File) error { return nil }), context.Canceled)
}

// Issue 20: an undeclared document gets the language its text reads as;
// a declaration wins but a contradicting text is reported; --from forces.
func TestSourceDetects(t *testing.T) {
	ru := "Обстрелы продолжились ночью\n\nВласти города сообщили, что обстрелы жилых кварталов продолжались всю ночь. Жители провели ночь в укрытиях, а утром начали разбирать завалы.\n"
	es := "Los combates continúan\n\nLas autoridades de la ciudad informaron de que los bombardeos continuaron durante toda la noche. Los vecinos pasaron la noche en refugios.\n"
	ca := "Els combats continuen\n\nLes autoritats de la ciutat van informar que els bombardeigs van continuar durant tota la nit. Els veïns van passar la nit als refugis i l'endemà van començar a treure la runa.\n"
	parse := func(name, text string) *format.Document {
		p, _, err := format.Default().Lookup(name, "")
		require.NoError(t, err)
		doc, err := p.Parse(name, []byte(text))
		require.NoError(t, err)
		return doc
	}
	for _, tt := range []struct {
		name  string
		src   Source
		text  string
		lang  string
		how   How
		clash bool
	}{
		{"undeclared Russian", Source{}, ru, "ru", Detected, false},
		{"undeclared Spanish over the configured default", Source{Default: language.English}, es, "es", Detected, false},
		// whatlanggo has no Catalan: the configured Catalan, close to what
		// it reads as, stands.
		{"configured Catalan stands", Source{Default: language.Catalan}, ca, "ca", Default, false},
		{"a distant language overrides the configuration", Source{Default: language.Catalan}, ru, "ru", Detected, false},
		{"too short to tell", Source{}, "Título\n\nTexto.\n", "en", Default, false},
		{"forced", Source{Forced: language.English}, ru, "en", Forced, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.src.Resolve("a.txt", parse("a.txt", tt.text))
			require.NoError(t, err)
			assert.Equal(t, tt.lang, r.Tag.String())
			assert.Equal(t, tt.how, r.How)
			assert.Equal(t, tt.clash, r.Mismatch())
		})
	}
	r, err := Source{}.Resolve("a.md", parse("a.md", "---\nlang: en\n---\n\n"+ru))
	require.NoError(t, err)
	assert.Equal(t, "en", r.Tag.String(), "the declaration wins")
	assert.True(t, r.Mismatch())
	assert.Equal(t, "ru", r.Detected.String())
}

// BenchmarkDetect: the cost of identifying an undeclared article's
// language (the first 8 KB of its text), per document.
func BenchmarkDetect(b *testing.B) {
	p, _, _ := format.Default().Lookup("a.txt", "")
	para := "Власти города сообщили, что обстрелы жилых кварталов продолжались всю ночь. Жители провели ночь в укрытиях.\n\n"
	doc, err := p.Parse("a.txt", []byte(strings.Repeat(para, 60)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Detect(doc)
	}
}
