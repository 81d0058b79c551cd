package manifest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMissingShards(t *testing.T) {
	tests := []struct {
		inputs []string
		want   []string
	}{
		{[]string{"a/locpipe-manifest.json"}, nil},
		{[]string{"x.shard-0-of-2.json", "y.shard-1-of-2.json"}, nil},
		{[]string{"x.shard-3-of-4.json", "x.shard-0-of-4.json"}, []string{"1/4", "2/4"}},
		{[]string{"x.shard-0-of-2.json", "x.shard-0-of-3.json"}, []string{"1/2", "1/3", "2/3"}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, missingShards(tt.inputs), "%v", tt.inputs)
	}
}

func TestPlanThenWrite(t *testing.T) {
	dir := t.TempDir()
	ed := func(path, out string) Edition {
		return Edition{Path: path, Locale: "de", Source: path, SourceSHA256: Hash([]byte(path)), Output: "de/" + path, OutputSHA256: Hash([]byte(out)), Backend: "pseudo"}
	}
	save := func(name string, eds ...Edition) string {
		sub := filepath.Join(dir, name)
		require.NoError(t, (&Manifest{Editions: eds}).Save(sub))
		return filepath.Join(sub, FileName)
	}
	x, y := save("x", ed("a.txt", "A"), ed("b.txt", "B")), save("y", ed("b.txt", "B"), ed("c.txt", "C"))
	plan, err := PlanMerge(context.Background(), []string{x, y})
	require.NoError(t, err)
	assert.Equal(t, 3, plan.Editions)
	assert.Equal(t, 1, plan.Duplicates)
	require.NoError(t, plan.Err(false))
	out := filepath.Join(dir, "merged")
	assert.NoDirExists(t, out, "planning writes nothing")
	require.NoError(t, plan.Write(context.Background(), out))
	m, err := Load(out)
	require.NoError(t, err)
	assert.Len(t, m.Editions, 3)

	z := save("z", ed("a.txt", "A, again"))
	plan, err = PlanMerge(context.Background(), []string{x, z})
	require.NoError(t, err)
	require.ErrorIs(t, plan.Err(true), ErrConflict)
	require.Len(t, plan.Conflicts, 1)
	assert.Len(t, plan.Conflicts[0].Variants, 2)
}
