package check

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/manifest"
)

// An edited manifest cannot make check read a file outside the output
// directory: the edition is reported missing.
func TestManifestOutputConfined(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "out")
	require.NoError(t, os.MkdirAll(src, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(src, "a.txt"), []byte("Title\n\nA sentence of some length here.\n"), 0o644))
	translate(t, src, out, nil, language.German)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("Titel\n\nGeheim.\n"), 0o644))
	m, err := manifest.Load(out)
	require.NoError(t, err)
	m.Editions[0].Output = "../secret.txt"
	require.NoError(t, m.Save(out))

	rep, err := Run(context.Background(), Options{Out: out}, []string{src})
	require.NoError(t, err)
	require.Len(t, rep.Findings, 1, describe(rep.Findings))
	assert.Equal(t, RuleMissingEdition, rep.Findings[0].Rule)
	assert.Contains(t, rep.Findings[0].Message, `"../secret.txt", outside`)
}
