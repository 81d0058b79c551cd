package apertium_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/apertium"
	"github.com/locpipe/locpipe/pipeline/backend/apertium/apytest"
	"github.com/locpipe/locpipe/pipeline/format"
)

// userGlossary gives Spanish terms that Apertium would not produce itself.
const userGlossary = `version: 1
concepts:
  - id: zelensky
    terms:
      en: {preferred: Zelensky, deprecated: [Zelenskyy]}
      es: {preferred: Zelenski}
  - id: volodymyr
    terms:
      en: {preferred: Volodymyr}
      es: {preferred: Volodímir}
  - id: kyiv
    terms:
      en: {preferred: Kyiv, deprecated: [Kiev]}
      es: {preferred: Kiev}
  - id: donbas
    terms:
      en: {preferred: Donbas, deprecated: [Donbass]}
      es: {preferred: Donbás}
`

func needApertium(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("apertium"); err != nil {
		shared.Skip(t, "install apertium and apertium-eng-spa (Debian)")
	}
	if _, err := os.Stat(apertium.DefaultModesDir + "/eng-spa.mode"); err != nil {
		shared.Skip(t, "install apertium and apertium-eng-spa (Debian)")
	}
}

// seedParagraphs reads the seed article and splits it into paragraphs.
func seedParagraphs(t testing.TB) []string {
	t.Helper()
	data, err := os.ReadFile(shared.Path(t, "seeds", "000_06f146a24096290a.txt"))
	require.NoError(t, err)
	var paras []string
	for _, p := range strings.Split(string(data), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	require.NotEmpty(t, paras)
	return paras
}

// translateSeed protects the seed article's paragraphs with the user
// glossary (plus an inline code around the first word of every paragraph,
// as a Markdown link would give), translates them en→es with tr, restores
// and checks the result.
func translateSeed(t *testing.T, tr backend.Translator) {
	t.Helper()
	g, err := glossary.Parse("user.yaml", []byte(userGlossary))
	require.NoError(t, err)
	paras := seedParagraphs(t)
	req := backend.Request{Source: language.English, Target: language.Spanish}
	prot := make([]*glossary.Protected, len(paras))
	open, closing := string(format.CodeRune(0)), string(format.CodeRune(1))
	for i, p := range paras {
		prot[i] = g.Protect(p, language.English, language.Spanish)
		text := prot[i].Text
		if first, rest, ok := strings.Cut(text, " "); ok {
			text = open + first + closing + " " + rest
		}
		terms := map[rune]string{}
		for _, pt := range prot[i].Terms {
			terms[pt.Placeholder] = pt.Source
		}
		req.Segments = append(req.Segments, backend.Segment{ID: "u" + string(rune('a'+i%26)), Text: text, Terms: terms,
			Pairs: map[rune]rune{format.CodeRune(0): format.CodeRune(1)}})
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := tr.Translate(ctx, req)
	require.NoError(t, err)
	require.Len(t, res, len(paras), "one translation per segment: structure intact")
	var all strings.Builder
	unknown := 0
	for i, r := range res {
		require.NoError(t, r.Err, "segment %d", i)
		// A pronoun the engine drops ("They don't…" → "No les dicen…")
		// takes the code pair around it along: that repair is recorded.
		// Names are never lost.
		for _, w := range r.Warnings {
			assert.NotContains(t, w, "protected term", "segment %d: %q", i, r.Text)
		}
		assert.NotEmpty(t, strings.TrimSpace(r.Text), "segment %d", i)
		assert.Equal(t, 1, strings.Count(r.Text, open), "segment %d keeps its opening code: %q", i, r.Text)
		assert.Equal(t, 1, strings.Count(r.Text, closing), "segment %d keeps its closing code: %q", i, r.Text)
		assert.Less(t, strings.Index(r.Text, open), strings.Index(r.Text, closing), "segment %d: codes in order", i)
		out, warnings := prot[i].Restore(strings.NewReplacer(open, "", closing, "").Replace(r.Text))
		assert.Empty(t, warnings, "segment %d", i)
		assert.NotContains(t, out, "*", "segment %d: unknown-word marks stripped", i)
		assert.NotEqual(t, paras[i], out, "segment %d was translated", i)
		unknown += len(r.Unknown)
		all.WriteString(out + "\n\n")
	}
	text := all.String()
	for _, want := range []string{"Zelenski", "Volodímir", "Kiev", "Donbás"} {
		assert.Contains(t, text, want)
	}
	assert.NotContains(t, text, "Zelensky")
	assert.NotContains(t, text, "Donbass")
	assert.Contains(t, text, "tropas", "really Spanish")
	t.Logf("%d paragraphs, %d unknown words recorded; start: %.300s", len(paras), unknown, text)
}

func TestSeedArticleCommand(t *testing.T) {
	needApertium(t)
	tr, err := apertium.New(backend.Params{Options: backend.Options{}})
	require.NoError(t, err)
	translateSeed(t, tr)
}

func TestSeedArticleAPy(t *testing.T) {
	needApertium(t)
	base := apytest.Start(t)
	tr, err := apertium.New(backend.Params{Options: backend.Options{"url": base}})
	require.NoError(t, err)
	translateSeed(t, tr)
}

func TestUnknownRecorded(t *testing.T) {
	needApertium(t)
	tr, err := apertium.New(backend.Params{Options: backend.Options{}})
	require.NoError(t, err)
	res, err := tr.Translate(context.Background(), backend.Request{Source: language.English, Target: language.Spanish,
		Segments: []backend.Segment{{ID: "s1", Text: "Zelensky addressed Russian soldiers."}, {ID: "s2", Text: "  Hello.  "}}})
	require.NoError(t, err)
	require.Len(t, res, 2)
	assert.Equal(t, []string{"Zelensky"}, res[0].Unknown)
	assert.NotContains(t, res[0].Text, "*")
	assert.Equal(t, "  Hola.  ", res[1].Text, "surrounding space kept")
}

func TestPairsAndPing(t *testing.T) {
	needApertium(t)
	for _, tc := range []struct {
		name string
		opts func(t *testing.T) backend.Options
	}{
		{"command", func(*testing.T) backend.Options { return backend.Options{} }},
		{"apy", func(t *testing.T) backend.Options { return backend.Options{"url": apytest.Start(t)} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := apertium.New(backend.Params{Options: tc.opts(t)})
			require.NoError(t, err)
			ctx := context.Background()
			require.NoError(t, tr.(backend.Pinger).Ping(ctx))
			pairs, err := tr.(backend.Pairer).Pairs(ctx)
			require.NoError(t, err)
			assert.Contains(t, pairs, backend.Pair{Source: language.English, Target: language.Spanish})
			_, err = tr.Translate(ctx, backend.Request{Source: language.English, Target: language.Japanese, Segments: []backend.Segment{{ID: "s", Text: "x"}}})
			require.ErrorIs(t, err, apertium.ErrPairNotInstalled)
		})
	}
}

func TestMissingCommand(t *testing.T) {
	tr, err := apertium.New(backend.Params{Options: backend.Options{"binary": "/nonexistent/apertium", "modes_dir": t.TempDir()}})
	require.NoError(t, err)
	err = tr.(backend.Pinger).Ping(context.Background())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "install")
}

func TestBadURL(t *testing.T) {
	_, err := apertium.New(backend.Params{Options: backend.Options{"url": "ftp://x"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "ftp://x")
}

// TestCrashIsFailure: Debian's rus-ukr tagger crashes on most sentences;
// the apertium script then exits 0 with the source text. The engine must
// report the crash, never hand back Russian as Ukrainian.
func TestCrashIsFailure(t *testing.T) {
	needApertium(t)
	needMode(t, "rus-ukr")
	for _, persistent := range []bool{true, false} {
		t.Run(fmt.Sprint("persistent=", persistent), func(t *testing.T) {
			tr, err := apertium.New(backend.Params{Options: backend.Options{"persistent": persistent}})
			require.NoError(t, err)
			defer tr.(*apertium.Translator).Close()
			src := "Власти Киева сообщили о новых ударах по городу."
			for range 2 { // the second request meets a restarted pipeline
				res, err := tr.Translate(context.Background(), backend.Request{Source: language.Russian, Target: language.Ukrainian,
					Segments: []backend.Segment{{ID: "s1", Text: src}}})
				if err == nil {
					require.Len(t, res, 1)
					err = res[0].Err
				}
				if err == nil {
					assert.NotEqual(t, src, res[0].Text, "the source handed back as a translation")
					continue
				}
				t.Log(err)
				assert.Contains(t, err.Error(), "rus-ukr")
			}
		})
	}
}

// TestModesDirOption: modes_dir names the modes directory; apertium -d
// wants its parent.
func TestModesDirOption(t *testing.T) {
	needApertium(t)
	// A data directory of our own: the mode files name their data by
	// absolute paths, so a copy of one is a working install.
	modes := filepath.Join(t.TempDir(), "data", "modes")
	require.NoError(t, os.MkdirAll(modes, 0o755))
	data, err := os.ReadFile(apertium.DefaultModesDir + "/eng-spa.mode")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(modes, "eng-spa.mode"), data, 0o644))
	tr, err := apertium.New(backend.Params{Options: backend.Options{"modes_dir": modes, "binary": "/usr/bin/apertium"}})
	require.NoError(t, err)
	res, err := tr.Translate(context.Background(), backend.Request{Source: language.English, Target: language.Spanish,
		Segments: []backend.Segment{{ID: "s1", Text: "The soldiers returned home."}}})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	assert.Contains(t, res[0].Text, "soldados")
}
