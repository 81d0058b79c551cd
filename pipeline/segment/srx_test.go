package segment_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/segment"
)

func texts(text string, spans []segment.Span) []string {
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = text[sp.Start:sp.End]
	}
	return out
}

// TestSRXOwnFile loads a small SRX file of our own and checks that it
// changes the segmentation as its rules say, over the built-in rules and
// instead of them.
func TestSRXOwnFile(t *testing.T) {
	x, err := segment.LoadSRX(filepath.Join("testdata", "srx", "news.srx"))
	require.NoError(t, err)
	assert.Equal(t, []string{"English", "Default"}, x.RuleSets(language.MustParse("en-GB")))
	assert.Equal(t, []string{"Default"}, x.RuleSets(language.German))

	text := "He lives at 10 Downing St. Later he moved. Shares of Acme Inc. rose. Note: Prices rise."
	en := segment.New(language.English)
	require.Equal(t, []string{"He lives at 10 Downing St.", "Later he moved.", "Shares of Acme Inc. rose.", "Note: Prices rise."},
		texts(text, en.Split(text)), "built-in rules")

	over := en.WithSRX(x, segment.SRXOver)
	spans := over.Split(text)
	checkSpans(t, text, spans)
	assert.Equal(t, []string{"He lives at 10 Downing St. Later he moved.", "Shares of Acme Inc.", "rose.", "Note:", "Prices rise."},
		texts(text, spans), "SRX rules over the built-in ones")

	replace := en.WithSRX(x, segment.SRXReplace)
	spans = replace.Split(text)
	checkSpans(t, text, spans)
	assert.Equal(t, []string{"He lives at 10 Downing St. Later he moved.", "Shares of Acme Inc.", "rose.", "Note:", "Prices rise."},
		texts(text, spans), "SRX rules alone")

	// Where the file says nothing, the built-in rules still decide (over)
	// or nothing breaks (replace).
	text = "“We will rebuild. We have done it before,” the mayor said. (See p. 5.) Next."
	assert.Equal(t, texts(text, en.Split(text)), texts(text, over.Split(text)))
	assert.Equal(t, []string{"“We will rebuild.", "We have done it before,” the mayor said. (See p. 5.) Next."},
		texts(text, replace.Split(text)))
}

// TestSRXOmegaT segments with an excerpt of OmegaT's default rules, as
// OmegaT reads them: no cascade attribute (OmegaT cascades), upper-case
// language patterns, ".*" patterns, Java escapes.
func TestSRXOmegaT(t *testing.T) {
	x, err := segment.LoadSRX(filepath.Join("testdata", "srx", "omegat-excerpt.srx"))
	require.NoError(t, err)
	assert.Equal(t, []string{"German", "Default", "Text", "HTML"}, x.RuleSets(language.MustParse("de-AT")))
	tests := []struct {
		lang, text string
		want       []string
	}{
		{"de", "Dr. Müller kam an. Er sah www.example.de nicht... aber er blieb. Siehe Abb. 3.",
			[]string{"Dr. Müller kam an.", "Er sah www.example.de nicht... aber er blieb.", "Siehe Abb. 3."}},
		{"zh", "他說。“我們走。”他走了。好！",
			[]string{"他說。", "“我們走。”他走了。", "好！"}},
		{"en", "1. Introduction The plan. Dr. Who came.\n   Indented line",
			[]string{"1.", "Introduction The plan.", "Dr.", "Who came.", "Indented line"}},
	}
	for _, tt := range tests {
		seg := segment.New(language.MustParse(tt.lang)).WithSRX(x, segment.SRXReplace)
		spans := seg.Split(tt.text)
		checkSpans(t, tt.text, spans)
		assert.Equal(t, tt.want, texts(tt.text, spans), tt.lang)
	}
}

// TestExportSRXReload writes the built-in rules as SRX, reads them back and
// checks that, over the built-in rules, they give the same spans on the
// shared corpus; it reports how close the export alone comes.
func TestExportSRXReload(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, segment.ExportSRX(&buf))
	x, err := segment.ParseSRX("export.srx", buf.Bytes())
	require.NoError(t, err)
	assert.Equal(t, []string{"locpipe-pt"}, x.RuleSets(language.MustParse("pt-BR")))
	assert.Equal(t, []string{"locpipe-root"}, x.RuleSets(language.MustParse("sw")))

	root := shared.Path(t, "corpus")
	files, err := filepath.Glob(filepath.Join(root, "*", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var same, total int
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		text := string(b)
		lang := filepath.Base(filepath.Dir(f))
		base := segment.New(language.Make(lang))
		want := base.Split(text)
		got := base.WithSRX(x, segment.SRXOver).Split(text)
		assert.Equal(t, texts(text, want), texts(text, got), "%s: exported rules over the built-in ones", f)
		alone := base.WithSRX(x, segment.SRXReplace).Split(text)
		checkSpans(t, text, alone)
		in := map[segment.Span]bool{}
		for _, sp := range want {
			in[sp] = true
		}
		for _, sp := range alone {
			if in[sp] {
				same++
			}
		}
		total += len(want)
	}
	t.Logf("exported SRX alone (replace): %d of %d built-in sentences identical on the corpus", same, total)
}

func TestParseSRXErrors(t *testing.T) {
	wrap := func(rules string) string {
		return "<srx version=\"2.0\">\n<header cascade=\"no\"/>\n<body>\n<languagerules>\n<languagerule languagerulename=\"x\">\n" +
			rules + "\n</languagerule>\n</languagerules>\n<maprules><languagemap languagepattern=\".*\" languagerulename=\"x\"/></maprules>\n</body>\n</srx>\n"
	}
	rule := func(brk, before, after string) string {
		return "<rule break=\"" + brk + "\"><beforebreak>" + before + "</beforebreak><afterbreak>" + after + "</afterbreak></rule>"
	}
	tests := []struct {
		name, data, want string
		line             int
	}{
		{"lookbehind", wrap(rule("no", "(?&lt;=Mr)\\.", "\\s")), "(?<=", 6},
		{"negative lookahead", wrap(rule("yes", "\\.", "(?!\\d)")), "(?!", 6},
		{"atomic group", wrap(rule("yes", "(?>ab)", "")), "(?>", 6},
		{"possessive", wrap(rule("yes", "a++", "")), "possessive", 6},
		{"intersection", wrap(rule("yes", "[a-z&amp;&amp;[^b]]", "")), "&&", 6},
		{"back reference", wrap(rule("yes", "(a)\\1", "")), "back reference", 6},
		{"unicode block", wrap(rule("yes", "\\p{InGreek}", "")), "block", 6},
		{"comments flag", wrap(rule("yes", "(?x)a b", "")), "flag", 6},
		{"bad regexp", wrap(rule("yes", "(a", "")), "missing closing )", 6},
		{"empty rule", wrap("\n<rule break=\"yes\"></rule>"), "needs before or after", 7},
		{"bad break", wrap("<rule break=\"maybe\"/>"), "break=\"maybe\"", 6},
		{"unknown set", strings.Replace(wrap(""), "languagerulename=\"x\"/>", "languagerulename=\"y\"/>", 1), "\"y\", which is not defined", 9},
		{"bad XML", "<srx version=\"2.0\">\n<body>\n</srx>", "bad XML", 3},
		{"not SRX", "<tmx version=\"1.4\"/>", "want <srx>", 1},
		{"version", "<srx version=\"3\"/>", "SRX version", 1},
		{"empty", "", "no <srx>", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := segment.ParseSRX("rules.srx", []byte(tt.data))
			require.Error(t, err)
			var re *segment.RuleError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, "rules.srx", re.File)
			assert.Equal(t, tt.line, re.Line, "%v", err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestSRXJavaSyntax checks patterns written the Java way that Go's regexp
// reads once translated.
func TestSRXJavaSyntax(t *testing.T) {
	tests := []struct{ before, after, text, want string }{
		{`\u00A0`, ``, "a\u00a0b", "a\u00a0|b"},
		{`(?iu)mr\.`, `\s`, "MR. X", "MR.| X"},
		{`\p{IsLatin}\.`, `\h+\p{javaUpperCase}`, "a. B", "a.| B"},
		{`\Q...\E`, `\s\p{Upper}`, "x... Y", "x...| Y"},
		{`[\]\.]`, `\s`, "a] b", "a]| b"},
		{`(?<word>ab)\.`, ``, "ab.c", "ab.|c"},
	}
	for _, tt := range tests {
		data := `<srx version="2.0"><header/><body><languagerules><languagerule languagerulename="x">` +
			`<rule><beforebreak>` + strings.ReplaceAll(strings.ReplaceAll(tt.before, "<", "&lt;"), ">", "&gt;") + `</beforebreak><afterbreak>` + tt.after + `</afterbreak></rule>` +
			`</languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="x"/></maprules></body></srx>`
		x, err := segment.ParseSRX("j.srx", []byte(data))
		require.NoError(t, err, tt.before)
		spans := segment.New(language.Und).WithSRX(x, segment.SRXReplace).Split(tt.text)
		var parts []string
		for _, sp := range spans {
			parts = append(parts, tt.text[sp.Start:sp.End])
		}
		joined := strings.Join(parts, "|")
		want := strings.ReplaceAll(strings.ReplaceAll(tt.want, "| ", "|"), "\u00a0|", "|")
		assert.Equal(t, want, joined, tt.before)
	}
}

// FuzzParseSRX feeds arbitrary bytes to the SRX parser: it returns rules
// or a *RuleError, never panics, and the rules split safely in both modes.
func FuzzParseSRX(f *testing.F) {
	for _, n := range []string{"news.srx", "omegat-excerpt.srx"} {
		b, err := os.ReadFile(filepath.Join("testdata", "srx", n))
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`<srx version="2.0"><body><languagerules><languagerule languagerulename="a"><rule><afterbreak>^$</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern="(" languagerulename="a"/></maprules></body></srx>`))
	f.Add([]byte(`<srx version="2.0"><body><languagerules><languagerule languagerulename="a"><rule break="no"><beforebreak>^</beforebreak></rule><rule><beforebreak></beforebreak><afterbreak>\z</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="a"/></maprules></body></srx>`))
	seg := segment.New(language.English)
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := segment.ParseSRX("f.srx", data)
		if err != nil {
			var re *segment.RuleError
			if !errors.As(err, &re) {
				t.Fatalf("error %v is not a *RuleError", err)
			}
			return
		}
		text := "Mr. X went home.  He said: “Yes.” 1. a\n\nb 。c"
		checkSpans(t, text, seg.WithSRX(x, segment.SRXOver).Split(text))
		checkSpans(t, text, seg.WithSRX(x, segment.SRXReplace).Split(text))
	})
}

// TestNonfinalLettersSRX checks the rule of a language's nonfinal_letters
// (Spanish "párrf. 5": a lower-case word ending in a letter no Spanish word
// ends in is an abbreviation before a number) in the code and in the
// exported SRX, alone and over the built-in rules: the same spans, with list
// markers, line breaks and capitals left to the other rules.
func TestNonfinalLettersSRX(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, segment.ExportSRX(&buf))
	x, err := segment.ParseSRX("export.srx", buf.Bytes())
	require.NoError(t, err)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"unlisted abbreviation", "Véanse la secc. 3 y la lám. 12 del informe. Fin.", []string{"Véanse la secc. 3 y la lám. 12 del informe.", "Fin."}},
		{"number and comma", "Según el epíg. 5, no procede.", []string{"Según el epíg. 5, no procede."}},
		{"word that ends a sentence", "Perdió las elecciones generales. 6 de julio.", []string{"Perdió las elecciones generales.", "6 de julio."}},
		{"list marker", "Recortó el déficit. 2) La deuda bajó.", []string{"Recortó el déficit.", "2) La deuda bajó."}},
		{"capital", "Ganó el torneo de golf. Después habló.", []string{"Ganó el torneo de golf.", "Después habló."}},
		{"capitalised word", "Lo dijo Stuttgart. 5 goles.", []string{"Lo dijo Stuttgart.", "5 goles."}},
	}
	es := segment.New(language.Spanish)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, texts(tt.text, es.Split(tt.text)), "built-in rules")
			assert.Equal(t, tt.want, texts(tt.text, es.WithSRX(x, segment.SRXOver).Split(tt.text)), "exported rules over the built-in ones")
		})
	}
	// A number with a period may be a list or heading number: the rule
	// leaves it to the list rules (which the exported SRX cannot state).
	text := "Recortó el déficit. 2. La deuda."
	assert.Equal(t, []string{"Recortó el déficit.", "2. La deuda."}, texts(text, es.Split(text)), "heading number")
	alone := es.WithSRX(x, segment.SRXReplace)
	text = "Véanse la secc. 3 y la lám. 12 del informe. Fin."
	assert.Equal(t, []string{"Véanse la secc. 3 y la lám. 12 del informe.", "Fin."}, texts(text, alone.Split(text)), "exported rules alone")
	en := segment.New(language.English)
	text = "He cut the deficit. 2 days later he left."
	assert.Equal(t, []string{"He cut the deficit.", "2 days later he left."}, texts(text, en.Split(text)), "a language without nonfinal letters")
}
