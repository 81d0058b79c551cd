package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckRulesFromConfig: check.rules and check.fail_on in the
// configuration, overridden by --rules.
func TestCheckRulesFromConfig(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src", "a.txt")
	require.NoError(t, os.MkdirAll(filepath.Dir(src), 0o755))
	require.NoError(t, os.WriteFile(src, []byte("Floods in the south\n\nWater rose by two metres overnight in the villages along the river.\n"), 0o644))
	out := filepath.Join(dir, "out")
	code, _, errs := segMain(t, "", "translate", "--to", "de", "--no-memory", "--out", out, src)
	require.Equal(t, 0, code, errs)
	ed := filepath.Join(out, "de", "a.txt")
	data, err := os.ReadFile(ed)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(ed, append(data[:len(data)-1], []byte(" The rescue teams worked through the night to reach the families.\n")...), 0o644))

	code, stdout, _ := segMain(t, "", "check", "--out", out, filepath.Join(dir, "src"))
	assert.Equal(t, 1, code, stdout)
	assert.Contains(t, stdout, "untranslated")

	cfg := filepath.Join(dir, "locpipe.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("check:\n  rules:\n    untranslated: \"off\"\n"), 0o644))
	code, stdout, errs = segMain(t, "", "--config", cfg, "check", "--out", out, filepath.Join(dir, "src"))
	assert.Equal(t, 0, code, stdout+errs)

	code, _, _ = segMain(t, "", "--config", cfg, "check", "--rules", "untranslated=error", "--out", out, filepath.Join(dir, "src"))
	assert.Equal(t, 1, code, "--rules overrides the configuration")

	require.NoError(t, os.WriteFile(cfg, []byte("check:\n  rules:\n    untranslated: warning\n  fail_on: warning\n"), 0o644))
	code, _, _ = segMain(t, "", "--config", cfg, "check", "--out", out, filepath.Join(dir, "src"))
	assert.Equal(t, 1, code, "check.fail_on: warning fails on the warning")
}
