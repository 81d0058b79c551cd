package edition

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/manifest"
)

func walkRels(t *testing.T, paths []string, opts WalkOptions) []string {
	t.Helper()
	var rels []string
	require.NoError(t, Walk(context.Background(), paths, opts, func(f File) error {
		rels = append(rels, f.Rel)
		return nil
	}))
	return rels
}

func TestWalkSkipsEarlierOutputDirectories(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "old/es/a.txt", "old/" + manifest.FileName, "shards/de/a.txt", "shards/" + manifest.ShardFileName(1, 3), "keep/b.txt"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("x\n"), 0o644))
	}
	var logs bytes.Buffer
	rels := walkRels(t, []string{dir}, WalkOptions{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	assert.Equal(t, []string{"a.txt", "keep/b.txt"}, rels)
	assert.Contains(t, logs.String(), "output directory of an earlier run")
	assert.Contains(t, logs.String(), filepath.Join(dir, "old"))
	assert.Contains(t, logs.String(), filepath.Join(dir, "shards"))
}

func TestWalkSymlinks(t *testing.T) {
	base := t.TempDir()
	root, outside := filepath.Join(base, "root"), filepath.Join(base, "outside")
	for _, p := range []string{filepath.Join(root, "sub", "real.txt"), filepath.Join(outside, "secret.txt")} {
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("x\n"), 0o644))
	}
	links := map[string]string{
		"inside.txt":   filepath.Join(root, "sub", "real.txt"),
		"relative.txt": filepath.Join("sub", "real.txt"),
		"escape.txt":   filepath.Join(outside, "secret.txt"),
		"dir":          filepath.Join(root, "sub"),
		"broken.txt":   filepath.Join(root, "nowhere.txt"),
	}
	for name, target := range links {
		require.NoError(t, os.Symlink(target, filepath.Join(root, name)))
	}
	var logs bytes.Buffer
	rels := walkRels(t, []string{root}, WalkOptions{Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))})
	assert.Equal(t, []string{"inside.txt", "relative.txt", "sub/real.txt"}, rels, "links to files inside the root are followed")
	for _, want := range []string{"symbolic link out of the input directory", "escape.txt", "symbolic link to a directory", "broken symbolic link", "followed a symbolic link"} {
		assert.Contains(t, logs.String(), want)
	}
	assert.NotContains(t, logs.String(), "secret.txt\" root", "never read")
}

func TestPathsCollisions(t *testing.T) {
	ps := NewPaths("")
	require.NoError(t, ps.Add(File{Path: "A/index.txt", Rel: "index.txt"}, []string{"es", "de"}))
	require.NoError(t, ps.Add(File{Path: "A/b/index.txt", Rel: "b/index.txt"}, []string{"es", "de"}))
	err := ps.Add(File{Path: "B/index.txt", Rel: "index.txt"}, []string{"es", "de"})
	var ce *CollisionError
	require.ErrorAs(t, err, &ce)
	require.ErrorIs(t, err, ErrCollision)
	assert.Equal(t, "A/index.txt and B/index.txt would both be written to es/index.txt (es): give them different relative paths, translate them separately, or use a layout that keeps them apart", err.Error())

	ps = NewPaths("{locale}/{path}/../../x")
	err = ps.Add(File{Path: "src/a.txt", Rel: "a.txt"}, []string{"es", "de"})
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "the es and de editions of src/a.txt would both be written to x: the layout must keep locales apart", err.Error())

	ps = NewPaths("{locale}/{name}")
	require.NoError(t, ps.Add(File{Path: "x/a.txt", Rel: "x/a.txt"}, []string{"es"}))
	require.NoError(t, ps.Add(File{Path: "y/a.txt", Rel: "y/a.txt"}, []string{"de"}), "another locale, another file")
	require.ErrorIs(t, ps.Add(File{Path: "y/a.txt", Rel: "y/a.txt"}, []string{"es"}), ErrCollision)

	require.ErrorIs(t, NewPaths("{locale}/../../{path}").Add(File{Path: "a.txt", Rel: "a.txt"}, []string{"es"}), ErrOutsideOut)
}
