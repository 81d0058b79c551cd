package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/manifest"
)

func mergeCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := testableMain(append([]string{"manifest", "merge"}, args...), strings.NewReader(""), &stdout, &stderr, nil)
	return code, stdout.String(), stderr.String()
}

func mkEdition(path, locale, content string) manifest.Edition {
	return manifest.Edition{
		Source: "corpus/" + path, Path: path, Locale: locale, Format: "txt", SourceLocale: "en",
		SourceSHA256: manifest.Hash([]byte("source of " + path)),
		Output:       locale + "/" + path, OutputSHA256: manifest.Hash([]byte(content)),
		Backend: "pseudo", Glossary: "g1",
		Segments: []manifest.Segment{{ID: "u1.0", Unit: "u1", Line: 1, SourceHash: "abcd", Status: manifest.StatusTranslated}},
	}
}

// writeManifest writes a manifest file at path.
func writeManifest(t *testing.T, path string, eds ...manifest.Edition) {
	t.Helper()
	dir := t.TempDir()
	m := &manifest.Manifest{Editions: eds}
	require.NoError(t, m.Save(dir))
	data, err := os.ReadFile(filepath.Join(dir, manifest.FileName))
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, data, 0o644))
}

func shardFile(dir string, i, n int) string {
	return filepath.Join(dir, fmt.Sprintf("%s.shard-%d-of-%d.json", strings.TrimSuffix(manifest.FileName, ".json"), i, n))
}

func mergedKeys(t *testing.T, dir string) []string {
	t.Helper()
	m, err := manifest.Load(dir)
	require.NoError(t, err)
	var keys []string
	for _, e := range m.Editions {
		keys = append(keys, e.Path+"@"+e.Locale)
	}
	return keys
}

func TestManifestMerge(t *testing.T) {
	a, b, c := mkEdition("a.txt", "de", "A"), mkEdition("b.txt", "de", "B"), mkEdition("c.txt", "de", "C")
	aFR := mkEdition("a.txt", "fr", "A fr")
	tests := []struct {
		name     string
		setup    func(t *testing.T, root string) []string // returns the arguments after --out
		code     int
		keys     []string // of the merged manifest; nil: none written
		stderr   []string
		duplicat int
	}{
		{
			name: "shards in one directory",
			setup: func(t *testing.T, root string) []string {
				writeManifest(t, shardFile(root+"/out", 1, 2), c, b)
				writeManifest(t, shardFile(root+"/out", 0, 2), a, aFR)
				return []string{root + "/out"}
			},
			keys:   []string{"a.txt@de", "a.txt@fr", "b.txt@de", "c.txt@de"},
			stderr: []string{"merged 4 editions from 2 manifests"},
		},
		{
			name: "shard directories and files",
			setup: func(t *testing.T, root string) []string {
				writeManifest(t, shardFile(root+"/s0", 0, 3), a)
				writeManifest(t, shardFile(root+"/s1", 1, 3), b)
				writeManifest(t, root+"/s2/whatever.shard-2-of-3.json", c)
				return []string{root + "/s0", root + "/s1", root + "/s2/whatever.shard-2-of-3.json"}
			},
			keys: []string{"a.txt@de", "b.txt@de", "c.txt@de"},
		},
		{
			name: "plain manifests, the same edition twice",
			setup: func(t *testing.T, root string) []string {
				writeManifest(t, root+"/x/"+manifest.FileName, a, b)
				writeManifest(t, root+"/y/"+manifest.FileName, b, c)
				return []string{root + "/x", root + "/y"}
			},
			keys:     []string{"a.txt@de", "b.txt@de", "c.txt@de"},
			duplicat: 1,
		},
		{
			name: "conflict",
			setup: func(t *testing.T, root string) []string {
				writeManifest(t, root+"/x/"+manifest.FileName, a, b)
				writeManifest(t, root+"/y/"+manifest.FileName, mkEdition("b.txt", "de", "B, translated again"), c)
				return []string{root + "/x", root + "/y"}
			},
			code:   1,
			stderr: []string{"conflict: b.txt [de]", "x/" + manifest.FileName, "y/" + manifest.FileName, "nothing written"},
		},
		{
			name: "missing shard",
			setup: func(t *testing.T, root string) []string {
				writeManifest(t, shardFile(root+"/out", 0, 3), a)
				writeManifest(t, shardFile(root+"/out", 2, 3), c)
				return []string{root + "/out"}
			},
			code:   1,
			stderr: []string{"no manifest for shard 1/3", "--partial"},
		},
		{
			name: "missing shard, partial",
			setup: func(t *testing.T, root string) []string {
				writeManifest(t, shardFile(root+"/out", 0, 3), a)
				return []string{"--partial", root + "/out"}
			},
			keys: []string{"a.txt@de"},
		},
		{
			name: "unfinished shard: its journal is merged",
			setup: func(t *testing.T, root string) []string {
				p := shardFile(root+"/out", 0, 1)
				writeManifest(t, p, a)
				line, err := json.Marshal(b)
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(p+manifest.JournalSuffix, append(append(line, '\n'), `{"path":"torn`...), 0o644))
				return []string{root + "/out"}
			},
			code:   1,
			keys:   []string{"a.txt@de", "b.txt@de"},
			stderr: []string{"did not finish"},
		},
		{
			name: "an old merged manifest in --out is replaced",
			setup: func(t *testing.T, root string) []string {
				writeManifest(t, root+"/merged/"+manifest.FileName, mkEdition("deleted.txt", "de", "D"))
				writeManifest(t, shardFile(root+"/out", 0, 1), a)
				return []string{root + "/out"}
			},
			keys: []string{"a.txt@de"},
		},
		{
			name: "corrupt manifest",
			setup: func(t *testing.T, root string) []string {
				require.NoError(t, os.MkdirAll(root+"/out", 0o755))
				require.NoError(t, os.WriteFile(shardFile(root+"/out", 0, 1), []byte(`{"version":1,"editions":[{"path":`), 0o644))
				return []string{root + "/out"}
			},
			code:   2,
			stderr: []string{"shard-0-of-1.json", "corrupt manifest"},
		},
		{
			name: "no such input",
			setup: func(t *testing.T, root string) []string {
				return []string{root + "/nowhere"}
			},
			code:   2,
			stderr: []string{"nowhere: no such file or directory"},
		},
		{
			name: "directory without a manifest",
			setup: func(t *testing.T, root string) []string {
				require.NoError(t, os.MkdirAll(root+"/empty", 0o755))
				return []string{root + "/empty"}
			},
			code:   2,
			stderr: []string{"holds no manifest"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			args := tt.setup(t, root)
			out := filepath.Join(root, "merged")
			code, stdout, stderr := mergeCLI(t, append([]string{"--out", out}, args...)...)
			assert.Equal(t, tt.code, code, "stderr: %s", stderr)
			assert.Empty(t, stdout)
			for _, s := range tt.stderr {
				assert.Contains(t, stderr, s)
			}
			if tt.keys == nil {
				assert.NoFileExists(t, filepath.Join(out, manifest.FileName))
			} else {
				assert.Equal(t, tt.keys, mergedKeys(t, out))
				st, err := os.Stat(filepath.Join(out, manifest.FileName))
				require.NoError(t, err)
				assert.Equal(t, os.FileMode(0o644), st.Mode().Perm())
			}
			left, _ := filepath.Glob(filepath.Join(out, ".*merge*"))
			assert.Empty(t, left, "temporary files left in --out")
		})
	}
}

func TestManifestMergeJSON(t *testing.T) {
	root := t.TempDir()
	writeManifest(t, shardFile(root, 0, 2), mkEdition("a.txt", "de", "A"))
	writeManifest(t, shardFile(root, 1, 2), mkEdition("b.txt", "de", "B"), mkEdition("a.txt", "de", "A"))
	code, stdout, stderr := mergeCLI(t, "--json", "--out", root, root)
	require.Equal(t, 0, code, stderr)
	var s manifest.MergePlan
	require.NoError(t, json.Unmarshal([]byte(stdout), &s))
	assert.Equal(t, 2, s.Editions)
	assert.Equal(t, 1, s.Duplicates)
	assert.Len(t, s.Inputs, 2)
	assert.Equal(t, filepath.Join(root, manifest.FileName), s.Output)
}

func TestManifestMergeUsage(t *testing.T) {
	code, _, stderr := mergeCLI(t, t.TempDir())
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "--out DIR is required")
	code, _, _ = mergeCLI(t, "--out", t.TempDir())
	assert.Equal(t, 2, code, "no input")
}

// FuzzDecodeEditions: the streaming reader never panics, and agrees with
// encoding/json on the editions of a well-formed manifest.
func FuzzDecodeEditions(f *testing.F) {
	var buf bytes.Buffer
	dir := f.TempDir()
	m := &manifest.Manifest{Editions: []manifest.Edition{mkEdition("a.txt", "de", "A"), mkEdition("b/c.md", "fr", "C")}}
	if err := m.Save(dir); err != nil {
		f.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, manifest.FileName))
	buf.Write(data)
	f.Add(buf.Bytes())
	f.Add([]byte(`{"version":1,"tool":"locpipe","editions":null}`))
	f.Add([]byte(`{"version":1,"editions":[{"path":"a","locale":"de"}],"extra":{"x":[1,2]}}`))
	f.Add([]byte(`{"version":2,"editions":[]}`))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var got []manifest.Edition
		err := manifest.Decode(bytes.NewReader(data), func(e *manifest.Edition, _, _ int64) error {
			got = append(got, *e)
			return nil
		})
		if err != nil {
			return
		}
		var m manifest.Manifest
		if json.Unmarshal(data, &m) != nil || bytes.Count(data, []byte(`"editions"`)) != 1 {
			return // trailing data or a repeated key: encoding/json reads it otherwise
		}
		if len(got) != len(m.Editions) {
			t.Fatalf("streamed %d editions, encoding/json %d", len(got), len(m.Editions))
		}
	})
}

func TestDecodeJournalDropsTornLine(t *testing.T) {
	line, err := json.Marshal(mkEdition("a.txt", "de", "A"))
	require.NoError(t, err)
	in := string(line) + "\n" + string(line) + "\n" + `{"path":"b.txt"` // torn
	var n int
	end, err := manifest.DecodeJournal(strings.NewReader(in), func(*manifest.Edition, int64, int64) error { n++; return nil })
	require.NoError(t, err)
	assert.Equal(t, int64(2*(len(line)+1)), end, "the offset past the last complete record")
	assert.Equal(t, 2, n)
}
