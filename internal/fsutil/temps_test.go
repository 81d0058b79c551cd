package fsutil

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{".a.txt.tmp-123", "es/.b.md.tmp-98765", "es/b.md", ".locpipe-manifest.json.tmp-1", "es/.tmp-x", "es/notes.tmp-1"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
	}
	removed, err := RemoveTemps(context.Background(), dir)
	require.NoError(t, err)
	assert.Len(t, removed, 3)
	for _, gone := range []string{".a.txt.tmp-123", "es/.b.md.tmp-98765", ".locpipe-manifest.json.tmp-1"} {
		assert.NoFileExists(t, filepath.Join(dir, filepath.FromSlash(gone)))
	}
	for _, kept := range []string{"es/b.md", "es/.tmp-x", "es/notes.tmp-1"} {
		assert.FileExists(t, filepath.Join(dir, filepath.FromSlash(kept)), "not a name WriteFile gives")
	}
	removed, err = RemoveTemps(context.Background(), filepath.Join(dir, "missing"))
	require.NoError(t, err)
	assert.Empty(t, removed)

	// WriteFile's own temporary names are the ones removed.
	f, err := os.CreateTemp(dir, TempPattern("c.html"))
	require.NoError(t, err)
	f.Close()
	assert.True(t, IsTemp(filepath.Base(f.Name())))
}
