package apertium_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/apertium"
)

// editions runs the pipeline over paths into a new directory and returns
// the editions, by name.
func editions(ctx context.Context, tb testing.TB, tr backend.Translator, g *glossary.Glossary, paths []string, to language.Tag) map[string]string {
	tb.Helper()
	out := tb.TempDir()
	sum := runTo(ctx, tb, tr, g, paths, to, out)
	require.Zero(tb, sum.Failed, sum.FirstFailure)
	got := map[string]string{}
	for _, p := range paths {
		data, err := os.ReadFile(filepath.Join(out, to.String(), filepath.Base(p)))
		require.NoError(tb, err)
		got[filepath.Base(p)] = string(data)
	}
	return got
}

// TestPersistentSameEditions: the persistent pipeline (Transfuse's work
// done in Go, the mode's stages kept running in null-flush mode) writes
// the editions one apertium process per batch writes, byte for byte, on
// the fidelity corpus and the shared corpus, with and without a glossary,
// en→es and en→ca.
func TestPersistentSameEditions(t *testing.T) {
	needApertium(t)
	needMode(t, "eng-cat")
	paths := append(corpus(t), filepath.Join("testdata", "fidelity", "newsdesk.txt"))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	perBatch, err := apertium.New(backend.Params{Options: backend.Options{"persistent": false}})
	require.NoError(t, err)
	persistent, err := apertium.New(backend.Params{})
	require.NoError(t, err)
	defer persistent.(*apertium.Translator).Close()
	user, err := glossary.Parse("user.yaml", []byte(userGlossary))
	require.NoError(t, err)
	for _, to := range []language.Tag{language.Spanish, language.Catalan} {
		for name, g := range map[string]*glossary.Glossary{"none": nil, "builtin": glossary.Builtin(), "user": glossary.Merge(glossary.Builtin(), user)} {
			t.Run(to.String()+"/"+name, func(t *testing.T) {
				want := editions(ctx, t, perBatch, g, paths, to)
				got := editions(ctx, t, persistent, g, paths, to)
				require.NotEmpty(t, persistent.(*apertium.Translator).Pids(), "the persistent pipeline ran")
				for file := range want {
					assert.Equal(t, want[file], got[file], file)
				}
			})
		}
	}
}

func needMode(t *testing.T, mode string) {
	t.Helper()
	if _, err := os.Stat(apertium.DefaultModesDir + "/" + mode + ".mode"); err != nil {
		shared.Skip(t, "install apertium-"+mode+" (Debian)")
	}
}
