package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/edition"
)

// Two editions at one path stop the run before anything is written.
func TestRunRefusesCollidingEditions(t *testing.T) {
	a := writeFiles(t, map[string]string{"index.txt": "A\n", "other.txt": "O\n"})
	b := writeFiles(t, map[string]string{"index.txt": "B\n"})
	for name, tc := range map[string]struct {
		layout string
		paths  []string
		want   string
	}{
		"same relative path":      {"", []string{a, b}, filepath.Join(a, "index.txt") + " and " + filepath.Join(b, "index.txt") + " would both be written to es/index.txt"},
		"layout drops the locale": {"{locale}/{path}/../../{name}", []string{a}, "the es and de editions of " + filepath.Join(a, "index.txt") + " would both be written to index.txt"},
	} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			_, err := Run(context.Background(), Options{
				To: []language.Tag{language.Spanish, language.German}, Backend: "pseudo", Translator: pseudo.Translator{},
				Out: out, Layout: tc.layout,
			}, tc.paths)
			require.ErrorIs(t, err, edition.ErrCollision)
			assert.Contains(t, err.Error(), tc.want)
			assert.NoDirExists(t, out, "nothing written")
		})
	}
}

// A run killed while writing leaves hidden temporary files; the next run
// removes them.
func TestRunRemovesTempsOfAKilledRun(t *testing.T) {
	src := writeFiles(t, map[string]string{"a.txt": "Text.\n"})
	out := t.TempDir()
	left := []string{filepath.Join(out, "es", ".a.txt.tmp-4242"), filepath.Join(out, ".locpipe-manifest.json.tmp-17")}
	for _, p := range left {
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("half"), 0o644))
	}
	opts := Options{To: []language.Tag{language.Spanish}, Backend: "pseudo", Translator: pseudo.Translator{}, Out: out}

	// Not while another run (a shard) holds its lock there.
	lk, err := acquireLock(out, ".locpipe-manifest.shard-1-of-2.lock")
	require.NoError(t, err)
	_, err = Run(context.Background(), opts, []string{src})
	require.NoError(t, err)
	for _, p := range left {
		assert.FileExists(t, p)
	}
	lk.release()

	_, err = Run(context.Background(), opts, []string{src})
	require.NoError(t, err)
	for _, p := range left {
		assert.NoFileExists(t, p)
	}
	assert.FileExists(t, filepath.Join(out, "es", "a.txt"))
}
