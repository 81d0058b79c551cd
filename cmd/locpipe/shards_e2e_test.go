package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/memory/pgstore/pgtest"
)

// TestShardsShareThePostgresMemory runs two shards of one corpus at once
// through the binary, against one PostgreSQL memory: together they cover
// every file exactly once, a sentence common to both reaches the engine
// once, and the merged manifest passes check.
func TestShardsShareThePostgresMemory(t *testing.T) {
	url := pgtest.URL(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	require.NoError(t, os.MkdirAll(src, 0o755))
	const files = 24
	for i := range files {
		body := fmt.Sprintf("Bulletin %d\n\nThe curfew in Kharkov starts at eleven tonight. Bulletin %d reports %d new arrivals.\n", i, i, i*3)
		require.NoError(t, os.WriteFile(filepath.Join(src, fmt.Sprintf("b%02d.txt", i)), []byte(body), 0o644))
	}
	out := filepath.Join(dir, "out")
	bin := buildBinary(t)

	var wg sync.WaitGroup
	sums := make([]map[string]int, 2)
	errs := make([]string, 2)
	codes := make([]int, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, "translate", "--to", "de", "--shard", fmt.Sprintf("%d/2", i), "--json", "--out", out, src)
			cmd.Dir = dir
			cmd.Env = []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH"), "LOCPIPE_MEMORY_URL=" + url}
			var so, se bytes.Buffer
			cmd.Stdout, cmd.Stderr = &so, &se
			err := cmd.Run()
			if ee, ok := err.(*exec.ExitError); ok {
				codes[i] = ee.ExitCode()
			} else if err != nil {
				codes[i] = -1
			}
			errs[i] = se.String()
			_ = json.Unmarshal(so.Bytes(), &sums[i])
		}()
	}
	wg.Wait()
	total := 0
	for i := range 2 {
		require.Equal(t, 0, codes[i], "shard %d: %s", i, errs[i])
		assert.Positive(t, sums[i]["files"], "shard %d has files", i)
		total += sums[i]["backend_segments"]
	}
	assert.Equal(t, files, sums[0]["files"]+sums[1]["files"], "the shards cover every file exactly once")
	// Per file: a unique title, the shared curfew sentence, a unique bulletin sentence.
	assert.Equal(t, 2*files+1, total, "the sentence common to both shards is sent once")

	r := runBinary(t, dir, "manifest", "merge", "--out", out, out)
	require.Equal(t, 0, r.code, r.stderr+r.stdout)
	m, err := manifest.Load(out)
	require.NoError(t, err)
	assert.Len(t, m.Editions, files)
	r = runBinary(t, dir, "check", "--out", out, src)
	assert.Equal(t, 0, r.code, r.stdout+r.stderr)
}
