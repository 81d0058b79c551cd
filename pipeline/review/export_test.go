package review

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/manifest"
)

// translated writes two sources and translates them to es and de.
func translated(t *testing.T) (src, out string) {
	t.Helper()
	dir := t.TempDir()
	src, out = filepath.Join(dir, "src"), filepath.Join(dir, "out")
	require.NoError(t, os.MkdirAll(filepath.Join(src, "world"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(src, "a.txt"), []byte("Title\n\nShelling near Kyiv. Officials said so.\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(src, "world", "b.txt"), []byte("Second\n\nAnother text.\n"), 0o644))
	_, err := pipeline.Run(context.Background(), pipeline.Options{
		To: []language.Tag{language.Spanish, language.German}, Backend: "pseudo", Translator: pseudo.Translator{}, Out: out,
	}, []string{src})
	require.NoError(t, err)
	return src, out
}

func TestExport(t *testing.T) {
	_, out := translated(t)
	sum, err := Export(context.Background(), ExportOptions{Out: out, Locales: []language.Tag{language.Spanish}})
	require.NoError(t, err)
	assert.Equal(t, 2, sum.Written)
	assert.Empty(t, sum.Failures)
	for _, p := range []string{"es/a.txt.xlf", "es/world/b.txt.xlf"} {
		assert.FileExists(t, filepath.Join(out, "xliff", filepath.FromSlash(p)))
	}
	assert.NoDirExists(t, filepath.Join(out, "xliff", "de"))

	_, err = Export(context.Background(), ExportOptions{Out: t.TempDir()})
	assert.ErrorIs(t, err, ErrNoEditions)
}

// An edited manifest cannot make export write outside its directory.
func TestExportConfinesManifestPaths(t *testing.T) {
	_, out := translated(t)
	m, err := manifest.Load(out)
	require.NoError(t, err)
	for i := range m.Editions {
		switch e := &m.Editions[i]; {
		case e.Locale == "de":
			e.Locale = "../../escaped"
		case e.Path == "a.txt":
			e.Path = "../../../escaped"
		}
	}
	dir := filepath.Join(out, "x", "y")
	sum, err := Export(context.Background(), ExportOptions{Out: out, Manifest: m, Dir: dir})
	require.NoError(t, err)
	assert.Equal(t, 1, sum.Written, "only es world/b.txt is where the manifest may say")
	require.Len(t, sum.Failures, 3)
	for _, f := range sum.Failures {
		assert.Contains(t, f, ErrOutside.Error())
	}
	assert.NoDirExists(t, filepath.Join(out, "escaped"))
	assert.NoFileExists(t, filepath.Join(out, "x", "escaped.xlf"))
	assert.NoFileExists(t, filepath.Join(filepath.Dir(out), "escaped.xlf"))
}

// Rerender renders the editions it is given and no other.
func TestRerenderOnlyThoseEditions(t *testing.T) {
	_, out := translated(t)
	m, err := manifest.Load(out)
	require.NoError(t, err)
	ed := m.Find("world/b.txt", "de")
	require.NotNil(t, ed)
	esA := filepath.Join(out, "es", "a.txt")
	require.NoError(t, os.WriteFile(esA, []byte("edited by hand"), 0o644))

	calls := 0
	sum, err := Rerender(context.Background(), pipeline.Options{Out: out}, func(name string) (pipeline.Translator, string, error) {
		calls++
		assert.Equal(t, "pseudo", name)
		return pseudo.Translator{}, "", nil
	}, []*manifest.Edition{ed})
	require.NoError(t, err)
	assert.Equal(t, 1, calls)
	assert.Equal(t, 1, sum.Files)
	assert.Equal(t, 1, sum.Editions)
	data, err := os.ReadFile(esA)
	require.NoError(t, err)
	assert.Equal(t, "edited by hand", string(data), "another edition is left alone")

	_, err = Rerender(context.Background(), pipeline.Options{Out: out, Layout: "{dir}/{stem}.{locale}{ext}"}, nil, []*manifest.Edition{ed})
	assert.ErrorIs(t, err, ErrLayout)
}
