package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/manifest"
)

// TestSourceLanguagePrecedence: --from wins over everything; otherwise the
// document's own declaration, then the configuration's from, then en.
func TestSourceLanguagePrecedence(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	require.NoError(t, os.MkdirAll(src, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(src, "plain.txt"), []byte("Título\n\nTexto.\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(src, "declared.md"), []byte("---\ntitle: Заголовок\nlang: ru\n---\n\nТекст.\n"), 0o644))
	cfg := filepath.Join(dir, "locpipe.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("from: es\n"), 0o644))

	locales := func(out string) map[string]string {
		m, err := manifest.Load(out)
		require.NoError(t, err)
		got := map[string]string{}
		for _, e := range m.Editions {
			got[e.Path] = e.SourceLocale
		}
		return got
	}
	out := filepath.Join(dir, "out1")
	code, _, errs := segMain(t, "", "--config", cfg, "translate", "--to", "de", "--no-memory", "--out", out, src)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, map[string]string{"plain.txt": "es", "declared.md": "ru"}, locales(out))

	out = filepath.Join(dir, "out2")
	code, _, errs = segMain(t, "", "--config", cfg, "translate", "--from", "pt", "--to", "de", "--no-memory", "--out", out, src)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, map[string]string{"plain.txt": "pt", "declared.md": "pt"}, locales(out))

	out = filepath.Join(dir, "out3")
	code, _, errs = segMain(t, "", "translate", "--to", "de", "--no-memory", "--out", out, src)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, map[string]string{"plain.txt": "en", "declared.md": "ru"}, locales(out))
}
