package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/manifest"
)

// journalLines counts the complete records in a run's manifest journal.
func journalLines(t *testing.T, out string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, manifest.FileName+manifest.JournalSuffix))
	if err != nil {
		return 0
	}
	return bytes.Count(data, []byte("\n"))
}

// TestKillAndRerun kills a run with SIGKILL part-way, re-runs it, and
// compares every edition with those of a run that was never interrupted.
func TestKillAndRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: builds and runs the binary on 1,500 files")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	const files = 1500
	for i := range files {
		p := filepath.Join(src, fmt.Sprintf("d%02d", i%20), fmt.Sprintf("a%04d.txt", i))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		body := fmt.Sprintf("Report %d from Kiev\n\nShelling continued overnight. Officials counted %d damaged buildings.\n\nThe mayor asked residents to stay in shelters.\n", i, i*7)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	args := []string{"translate", "--to", "es,de", "--jobs", "2", "--no-memory"}

	// The reference: one uninterrupted run.
	ref := filepath.Join(dir, "ref")
	r := runBinary(t, dir, append(args, "--out", ref, src)...)
	require.Equal(t, 0, r.code, r.stderr)

	// The interrupted run.
	out := filepath.Join(dir, "out")
	cmd := exec.Command(buildBinary(t), append(args, "--out", out, src)...)
	cmd.Dir = dir
	require.NoError(t, cmd.Start())
	deadline := time.Now().Add(60 * time.Second)
	for journalLines(t, out) < 200 && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	err := cmd.Wait()
	require.Error(t, err, "the run must still have been going when it was killed; make the corpus larger")
	done := journalLines(t, out)
	require.Less(t, done, 2*files, "killed mid-way")
	t.Logf("killed after %d of %d editions", done, 2*files)

	// Every edition present is complete: the old file or the new one.
	require.NoError(t, filepath.Walk(filepath.Join(out), func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".txt") || strings.HasPrefix(info.Name(), ".") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		want, err := os.ReadFile(filepath.Join(ref, rel))
		require.NoError(t, err)
		got, err := os.ReadFile(p)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), rel)
		return nil
	}))

	// The re-run does only what was left.
	r = runBinary(t, dir, append(args, "--out", out, "--json", src)...)
	require.Equal(t, 0, r.code, r.stderr)
	var sum struct {
		Editions, Unchanged, Segments int
		BackendSegments               int `json:"backend_segments"`
	}
	require.NoError(t, json.NewDecoder(bufio.NewReader(strings.NewReader(r.stdout))).Decode(&sum))
	assert.Equal(t, done, sum.Unchanged, "every journaled edition is skipped")
	assert.Equal(t, 2*files-done, sum.Editions)
	assert.Less(t, sum.BackendSegments, sum.Segments)

	// Outputs are byte-identical to the uninterrupted run.
	for i := range files {
		for _, loc := range []string{"es", "de"} {
			rel := filepath.Join(loc, fmt.Sprintf("d%02d", i%20), fmt.Sprintf("a%04d.txt", i))
			want, err := os.ReadFile(filepath.Join(ref, rel))
			require.NoError(t, err)
			got, err := os.ReadFile(filepath.Join(out, rel))
			require.NoError(t, err, rel)
			require.Equal(t, string(want), string(got), rel)
		}
	}
	m, err := manifest.Load(out)
	require.NoError(t, err)
	assert.Len(t, m.Editions, 2*files)
	assert.NoFileExists(t, filepath.Join(out, manifest.FileName+manifest.JournalSuffix))
}
