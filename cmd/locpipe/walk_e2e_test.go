package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 17: editions that would share a path are refused before anything
// is written; earlier output directories and symbolic links are reported.
func TestTranslateRefusesCollisions(t *testing.T) {
	dir := writeTree(t, map[string]string{"A/index.txt": "Text A.\n", "B/index.txt": "Text B.\n"})
	for name, args := range map[string][]string{
		"same relative path": {"translate", "--to", "es", "--out", "out", "A", "B"},
		"colliding layout":   {"translate", "--to", "es,de", "--layout", "{locale}/{path}/../../x", "--out", "out", "A"},
	} {
		t.Run(name, func(t *testing.T) {
			r := runBinary(t, dir, args...)
			assert.Equal(t, 2, r.code, r.stderr)
			if name == "same relative path" {
				assert.Contains(t, r.stderr, "A/index.txt and B/index.txt would both be written to es/index.txt")
			} else {
				assert.Contains(t, r.stderr, "the es and de editions of A/index.txt would both be written to x")
			}
			assert.NoDirExists(t, filepath.Join(dir, "out"), "nothing written")
		})
	}
}

func TestTranslateReportsSkippedInputs(t *testing.T) {
	dir := writeTree(t, map[string]string{"src/a.txt": "Text.\n", "elsewhere/secret.txt": "Secret.\n"})
	require.NoError(t, os.Symlink(filepath.Join(dir, "elsewhere", "secret.txt"), filepath.Join(dir, "src", "link.txt")))
	require.NoError(t, os.Symlink("a.txt", filepath.Join(dir, "src", "alias.txt")))
	r := runBinary(t, dir, "translate", "--to", "es", "--out", "src/old", "src")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "symbolic link out of the input directory")
	assert.FileExists(t, filepath.Join(dir, "src", "old", "es", "alias.txt"), "a link inside the root is followed")
	assert.NoFileExists(t, filepath.Join(dir, "src", "old", "es", "link.txt"))

	// src/old is now the output of an earlier run: translating src again
	// elsewhere does not take it as input.
	r = runBinary(t, dir, "translate", "--to", "es", "--out", "out", "src")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "output directory of an earlier run")
	assert.NoDirExists(t, filepath.Join(dir, "out", "es", "old"))
	assert.FileExists(t, filepath.Join(dir, "out", "es", "a.txt"))
}
