package manifest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShardFileNames(t *testing.T) {
	assert.Equal(t, FileName, ShardFileName(0, 1))
	assert.Equal(t, "locpipe-manifest.shard-2-of-10.json", ShardFileName(2, 10))
	for _, tc := range []struct {
		name   string
		i, n   int
		wantOK bool
	}{
		{"locpipe-manifest.shard-2-of-10.json", 2, 10, true},
		{"locpipe-manifest.shard-10-of-10.json", 0, 0, false},
		{"locpipe-manifest.shard-0-of-1.json", 0, 1, true},
		{"locpipe-manifest.json", 0, 0, false},
		{"renamed.shard-0-of-2.json", 0, 2, true},
	} {
		i, n, ok := ParseShardFileName(tc.name)
		assert.Equal(t, tc.wantOK, ok, tc.name)
		if ok {
			assert.Equal(t, [2]int{tc.i, tc.n}, [2]int{i, n})
		}
	}

	dir := t.TempDir()
	assert.False(t, IsOutputDir(dir))
	for _, name := range []string{ShardFileName(10, 12), ShardFileName(2, 12), ShardFileName(1, 2), "locpipe-manifest.shard-x-of-2.json"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("{}"), 0o644))
	}
	files, err := ShardFiles(dir)
	require.NoError(t, err)
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	assert.Equal(t, []string{ShardFileName(1, 2), ShardFileName(2, 12), ShardFileName(10, 12)}, names, "by N, then I, numerically")
	assert.True(t, IsOutputDir(dir))
}
