package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/manifest"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in   string
		want Shard
		err  bool
	}{
		{"0/4", Shard{0, 4}, false},
		{" 3 / 4 ", Shard{3, 4}, false},
		{"4/4", Shard{}, true},
		{"-1/4", Shard{}, true},
		{"1", Shard{}, true},
		{"a/b", Shard{}, true},
	}
	for _, tc := range tests {
		got, err := ParseShard(tc.in)
		if tc.err {
			assert.ErrorIs(t, err, ErrBadShard, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got)
	}
}

func TestShardsCoverEveryFileOnce(t *testing.T) {
	files := map[string]string{}
	for i := range 60 {
		files[fmt.Sprintf("d%d/f%02d.txt", i%3, i)] = fmt.Sprintf("Title %d\n\nBody %d.\n", i, i)
	}
	src := writeFiles(t, files)
	out := filepath.Join(t.TempDir(), "out")
	seen := map[string]int{}
	const n = 3
	for i := range n {
		sum, err := Run(context.Background(), Options{
			To: []language.Tag{language.Spanish}, Backend: "pseudo", Translator: pseudo.Translator{}, Out: out, Shard: Shard{i, n},
		}, []string{src})
		require.NoError(t, err)
		assert.Positive(t, sum.Files, "shard %d has work", i)
		m, err := manifest.OpenStore(out, Shard{i, n}.manifestName())
		require.NoError(t, err)
		for rel := range files {
			if _, ok := m.Prev(rel, "es"); ok {
				seen[rel]++
			}
		}
		require.NoError(t, m.Close())
	}
	for rel := range files {
		assert.Equal(t, 1, seen[rel], rel)
		assert.FileExists(t, filepath.Join(out, "es", filepath.FromSlash(rel)))
	}
}

func TestLockStopsASecondRun(t *testing.T) {
	out := t.TempDir()
	l, err := acquireLock(out, ".locpipe-manifest.lock")
	require.NoError(t, err)
	src := writeFiles(t, map[string]string{"a.txt": "T\n\nX.\n"})
	_, err = Run(context.Background(), Options{To: []language.Tag{language.Spanish}, Translator: pseudo.Translator{}, Out: out}, []string{src})
	require.ErrorIs(t, err, ErrLocked)
	assert.Contains(t, err.Error(), fmt.Sprint(os.Getpid()))
	l.release()
	_, err = Run(context.Background(), Options{To: []language.Tag{language.Spanish}, Translator: pseudo.Translator{}, Out: out}, []string{src})
	require.NoError(t, err)
}
