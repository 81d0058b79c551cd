package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/manifest"
)

// buildBinary compiles locpipe once per test binary run.
var (
	binOnce sync.Once
	binPath string
	binErr  error
)

func buildBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "locpipe-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "locpipe")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = &buildError{out: string(out), err: err}
		}
	})
	require.NoError(t, binErr)
	return binPath
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

type result struct {
	code           int
	stdout, stderr string
}

// runBinary runs the locpipe binary in dir with a clean environment.
func runBinary(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(buildBinary(t), args...)
	cmd.Dir = dir
	cmd.Env = []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH")}
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return result{code: code, stdout: so.String(), stderr: se.String()}
}

func TestTranslateSeedEndToEnd(t *testing.T) {
	seed := shared.Path(t, "seeds", "000_06f146a24096290a.txt")
	src, err := os.ReadFile(seed)
	require.NoError(t, err)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")

	r := runBinary(t, dir, "translate", "--to", "en,es,uk", "--out", out, "--json", seed)
	require.Equal(t, 0, r.code, r.stderr)
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &raw), r.stdout)
	sum := map[string]int{}
	for _, k := range []string{"files", "editions", "segments", "memory_hits", "backend_segments", "failed", "elapsed_ms", "chars"} {
		require.Contains(t, raw, k)
		var n int
		require.NoError(t, json.Unmarshal(raw[k], &n), k)
		sum[k] = n
	}
	assert.Equal(t, 1, sum["files"])
	assert.Equal(t, 3, sum["editions"])
	assert.Equal(t, 0, sum["failed"])
	assert.Positive(t, sum["chars"])

	// The house-style (en) edition: Kiev→Kyiv and Donbass→Donbas, no other byte.
	en, err := os.ReadFile(filepath.Join(out, "en", filepath.Base(seed)))
	require.NoError(t, err)
	want := strings.NewReplacer("capital Kiev", "capital Kyiv", "the Donbass", "the Donbas").Replace(string(src))
	require.NotEqual(t, string(src), want, "the seed must hold the names")
	assert.Equal(t, want, string(en))

	// Pseudo editions keep the paragraph and line structure.
	names := map[string][]string{"es": {"Kiev", "Donbás"}, "uk": {"Київ", "Донбас"}}
	for _, loc := range []string{"es", "uk"} {
		ed, err := os.ReadFile(filepath.Join(out, loc, filepath.Base(seed)))
		require.NoError(t, err)
		srcLines := strings.Split(string(src), "\n")
		edLines := strings.Split(string(ed), "\n")
		require.Len(t, edLines, len(srcLines), loc)
		for i := range srcLines {
			assert.Equal(t, strings.TrimSpace(srcLines[i]) == "", strings.TrimSpace(edLines[i]) == "", "%s line %d", loc, i+1)
			if strings.TrimSpace(srcLines[i]) != "" {
				assert.NotEqual(t, srcLines[i], edLines[i], "%s line %d translated", loc, i+1)
			}
		}
		for _, name := range names[loc] {
			assert.True(t, strings.Contains(string(ed), name), "%s: the glossary's %s term %q survives pseudo-translation", loc, loc, name)
		}
	}

	// The manifest records every edition.
	m, err := manifest.Load(out)
	require.NoError(t, err)
	require.Len(t, m.Editions, 3)
	for _, e := range m.Editions {
		assert.Equal(t, manifest.Hash(src), e.SourceSHA256)
		assert.Equal(t, "pseudo", e.Backend)
		assert.NotEmpty(t, e.Glossary)
		assert.NotEmpty(t, e.Segments)
		for _, s := range e.Segments {
			assert.NotEmpty(t, s.ID)
			assert.NotEmpty(t, s.SourceHash)
			assert.NotEmpty(t, s.Status)
		}
	}

	// Re-running with nothing changed rewrites nothing.
	before := mtimes(t, out)
	time.Sleep(20 * time.Millisecond)
	r = runBinary(t, dir, "translate", "--to", "en,es,uk", "--out", out, seed)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "0 editions written, 3 unchanged")
	assert.Contains(t, r.stderr, "nothing changed")
	assert.Equal(t, before, mtimes(t, out))
}

func mtimes(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	m := map[string]time.Time{}
	require.NoError(t, filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && !strings.HasPrefix(info.Name(), ".") {
			m[p] = info.ModTime()
		}
		return err
	}))
	return m
}

func TestTranslateBadInput(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	require.NoError(t, os.WriteFile(good, []byte("Title\n\nKiev is a city.\n"), 0o644))
	bad := filepath.Join(dir, "latin1.txt")
	require.NoError(t, os.WriteFile(bad, []byte("Title\n\nCaf\xe9 in Kiev.\n"), 0o644))
	gl := filepath.Join(dir, "broken.yaml")
	require.NoError(t, os.WriteFile(gl, []byte("version: 1\nconcepts:\n  - id: x\n    terms: {en: {preferred: [\n"), 0o644))

	tests := []struct {
		name string
		args []string
		want string // in the one line on stderr
	}{
		{"not UTF-8", []string{"--to", "es", bad}, "latin1.txt:3: format: not valid UTF-8"},
		{"unknown locale", []string{"--to", "es,xx", good}, `unknown locale "xx"`},
		{"malformed glossary", []string{"--to", "es", "--glossary", gl, good}, "broken.yaml:4:"},
		{"missing path", []string{"--to", "es", filepath.Join(dir, "nope.txt")}, "nope.txt: no such file or directory"},
		{"unknown backend", []string{"--to", "es", "--backend", "babelfish", good}, `unknown backend "babelfish"`},
		{"no target", []string{good}, "no target language"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			r := runBinary(t, dir, append([]string{"translate", "--out", out}, tc.args...)...)
			assert.Equal(t, 2, r.code)
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			assert.Len(t, lines, 1, r.stderr)
			assert.Contains(t, r.stderr, tc.want)
			assert.Empty(t, r.stdout)
			_, err := os.Stat(out)
			assert.True(t, os.IsNotExist(err), "no output may be written")
		})
	}
}

func TestTranslateConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(src, []byte("Kiev\n\nThe capital is Kiev.\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "locpipe.yaml"), []byte("to: [de]\nout: from-file\nbackend: identity\n"), 0o644))

	// The file alone.
	r := runBinary(t, dir, "translate", "a.txt")
	require.Equal(t, 0, r.code, r.stderr)
	data, err := os.ReadFile(filepath.Join(dir, "from-file", "de", "a.txt"))
	require.NoError(t, err)
	assert.Equal(t, "Kyjiw\n\nThe capital is Kyjiw.\n", string(data), "identity backend with the glossary's German term")

	// A flag beats the file.
	r = runBinary(t, dir, "translate", "--out", "from-flag", "a.txt")
	require.Equal(t, 0, r.code, r.stderr)
	assert.FileExists(t, filepath.Join(dir, "from-flag", "de", "a.txt"))
}
