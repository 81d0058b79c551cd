package check

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
)

var testLocales = []language.Tag{language.German, language.French, language.Ukrainian}

// translate writes pseudo editions of the files under src into out.
func translate(t *testing.T, src, out string, g *glossary.Glossary, to ...language.Tag) {
	t.Helper()
	sum, err := pipeline.Run(context.Background(), pipeline.Options{
		To: to, Backend: "pseudo", Translator: pseudo.Translator{}, Glossary: g, Out: out, Jobs: 1,
	}, []string{src})
	require.NoError(t, err)
	require.Empty(t, sum.Errors)
}

// corpusCopy copies the shared English corpus into a temporary directory,
// so that tests may change sources.
func corpusCopy(t *testing.T) string {
	t.Helper()
	from := shared.Path(t, "corpus", "en")
	dir := filepath.Join(t.TempDir(), "en")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	entries, err := os.ReadDir(from)
	require.NoError(t, err)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644))
	}
	return dir
}

func TestRunFreshPseudoEditionsPass(t *testing.T) {
	src := shared.Path(t, "corpus", "en")
	out := t.TempDir()
	g := glossary.Builtin()
	translate(t, src, out, g, testLocales...)
	rep, err := Run(context.Background(), Options{Out: out, Glossary: g}, []string{src})
	require.NoError(t, err)
	assert.Empty(t, rep.Findings, describe(rep.Findings))
	assert.Equal(t, 3, rep.Summary.Files)
	assert.Equal(t, 9, rep.Summary.Editions)
	assert.False(t, rep.Failed(Error))
}

func TestRunMissingEdition(t *testing.T) {
	src := shared.Path(t, "corpus", "en")
	g := glossary.Builtin()
	for _, loc := range testLocales {
		t.Run(loc.String(), func(t *testing.T) {
			out := t.TempDir()
			translate(t, src, out, g, testLocales...)
			// negative: all there
			rep, err := Run(context.Background(), Options{Out: out, Glossary: g}, []string{src})
			require.NoError(t, err)
			assert.Zero(t, rep.Summary.ByRule[RuleMissingEdition])
			// positive: one deleted, and a locale asked for that was never written
			require.NoError(t, os.Remove(filepath.Join(out, loc.String(), "2022-06-20-refugees-count.txt")))
			rep, err = Run(context.Background(), Options{Out: out, Glossary: g, Locales: append([]language.Tag{language.Polish}, testLocales...)}, []string{src})
			require.NoError(t, err)
			assert.Equal(t, 1+3, rep.Summary.ByRule[RuleMissingEdition], describe(rep.Findings))
			assert.True(t, rep.Failed(Error))
		})
	}
}

func TestRunStaleEdition(t *testing.T) {
	g := glossary.Builtin()
	for _, loc := range testLocales {
		t.Run(loc.String(), func(t *testing.T) {
			src := corpusCopy(t)
			out := t.TempDir()
			translate(t, src, out, g, loc)
			rep, err := Run(context.Background(), Options{Out: out, Glossary: g}, []string{src})
			require.NoError(t, err)
			assert.Zero(t, rep.Summary.ByRule[RuleStaleEdition], describe(rep.Findings))

			// The source changed.
			p := filepath.Join(src, "2022-06-20-refugees-count.txt")
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(p, append(data, []byte("\n\nA late paragraph.\n")...), 0o644))
			rep, err = Run(context.Background(), Options{Out: out, Glossary: g}, []string{src})
			require.NoError(t, err)
			assert.Equal(t, 1, rep.Summary.ByRule[RuleStaleEdition], describe(rep.Findings))

			// The glossary changed: the editions the change touches are
			// stale, named by the concept (Bucha is in one article).
			g2, err := glossary.Parse("extra.yaml", []byte("version: 1\nconcepts:\n  - id: bucha\n    terms:\n      en: {preferred: Bucha}\n"))
			require.NoError(t, err)
			rep, err = Run(context.Background(), Options{Out: out, Glossary: glossary.Merge(g, g2)}, []string{src})
			require.NoError(t, err)
			assert.Equal(t, 2, rep.Summary.ByRule[RuleStaleEdition], describe(rep.Findings))
			assert.Contains(t, describe(rep.Findings), "glossary concept bucha now applies")

			// A change in a language these editions do not use touches none.
			g3, err := glossary.Parse("ru.yaml", []byte("version: 1\nconcepts:\n  - id: kyiv\n    terms:\n      en: {preferred: Kyiv, deprecated: [Kiev]}\n      uk: {preferred: Київ, forms: {gen: Києва, loc: Києві, dat: Києву, ins: Києвом}}\n      fr: {preferred: Kyiv, admitted: [Kiev]}\n      ru: {preferred: Киев-град}\n      de: {preferred: Kyjiw, admitted: [Kiew], forms: {gen: Kyjiws}, deprecated_forms: {gen: [Kiews]}}\n      es: {preferred: Kiev, admitted: [Kyiv]}\n      pl: {preferred: Kijów}\n    exceptions: [\"Chicken Kiev\", \"Chicken Kyiv\"]\n"))
			require.NoError(t, err)
			g3 = glossary.Merge(g, g3)
			require.NotEqual(t, g.Fingerprint(), g3.Fingerprint())
			rep, err = Run(context.Background(), Options{Out: out, Glossary: g3}, []string{src})
			require.NoError(t, err)
			assert.Equal(t, 1, rep.Summary.ByRule[RuleStaleEdition], "only the edited source: %s", describe(rep.Findings))
		})
	}
}

func TestRunHumanEditionsWithoutManifest(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src")
	out := t.TempDir()
	require.NoError(t, os.MkdirAll(src, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(src, "a.txt"), []byte(srcEN), 0o644))
	for loc, ed := range map[string]string{
		"de": doc(titleDE, paraDE, numsDE),
		"fr": doc(titleFR, paraFR+" Officials said the roads into the city were safe again.", numsFR),
		"uk": doc(titleUK, paraUK, numsUK),
	} {
		require.NoError(t, os.MkdirAll(filepath.Join(out, loc), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(out, loc, "a.txt"), []byte(ed), 0o644))
	}
	rep, err := Run(context.Background(), Options{Out: out, Glossary: glossary.Builtin()}, []string{src})
	require.NoError(t, err)
	assert.Equal(t, 3, rep.Summary.Editions, "locales found from the directories")
	require.Len(t, rep.Findings, 1, describe(rep.Findings))
	assert.Equal(t, RuleUntranslated, rep.Findings[0].Rule)
	assert.Equal(t, "fr", rep.Findings[0].Locale)
	assert.Equal(t, 3, rep.Findings[0].Line)
}

func TestRunErrors(t *testing.T) {
	out := t.TempDir()
	_, err := Run(context.Background(), Options{Out: out}, []string{"testdata/none"})
	require.ErrorIs(t, err, ErrNoLocales)
	_, err = Run(context.Background(), Options{Out: out, Locales: testLocales}, []string{filepath.Join(out, "missing")})
	require.Error(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(out, "locpipe-manifest.json"), []byte("{"), 0o644))
	_, err = Run(context.Background(), Options{Out: out, Locales: testLocales}, []string{out})
	require.Error(t, err)
}

func TestRunShardManifests(t *testing.T) {
	src := shared.Path(t, "corpus", "en")
	out := t.TempDir()
	g := glossary.Builtin()
	for i := range 2 {
		sum, err := pipeline.Run(context.Background(), pipeline.Options{
			To: testLocales, Backend: "pseudo", Translator: pseudo.Translator{}, Glossary: g, Out: out, Jobs: 1,
			Shard: pipeline.Shard{Index: i, Count: 2},
		}, []string{src})
		require.NoError(t, err)
		require.Empty(t, sum.Errors)
	}
	rep, err := Run(context.Background(), Options{Out: out, Glossary: g}, []string{src})
	require.NoError(t, err)
	assert.Empty(t, rep.Findings, describe(rep.Findings))
	assert.Equal(t, 9, rep.Summary.Editions)
	shards, _ := filepath.Glob(filepath.Join(out, "locpipe-manifest.shard-*.json"))
	require.Len(t, shards, 2)
	// The shards' records are read: without the glossary, all are stale.
	rep, err = Run(context.Background(), Options{Out: out}, []string{src})
	require.NoError(t, err)
	assert.Equal(t, 9, rep.Summary.ByRule[RuleStaleEdition], describe(rep.Findings))
}
