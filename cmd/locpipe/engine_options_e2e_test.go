package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/backend"
)

// Disagreement 5 of issue 14: a misspelt engine option is refused, before
// anything is written, with one line naming the key and the file — as a
// misspelt top-level key is.
func TestUnknownEngineOptionRefused(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Kiev\n\nThe capital is Kiev.\n"), 0o644))
	for body, want := range map[string]string{
		"backend: deepl\ndeepl:\n  formalty: more\n": "locpipe: locpipe.yaml: deepl.formalty: unknown option (known: api_key, backoff, burst, concurrency, formality, glossary_id, max_bytes, max_retry_after, max_segments, retries, rps, timeout, url)",
		"backend: pseudo\nopenai:\n  modle: x\n":     "locpipe: locpipe.yaml: openai.modle: unknown option (known: api_key,",
		"bakend: deepl\n":                            "locpipe: locpipe.yaml: bakend: unknown key",
	} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "locpipe.yaml"), []byte(body), 0o644))
		for _, args := range [][]string{{"translate", "--to", "es", "--out", "out", "a.txt"}, {"backends"}} {
			r := runBinary(t, dir, args...)
			assert.Equal(t, 2, r.code, "%s %v", body, args)
			assert.Equal(t, 1, strings.Count(r.stderr, "\n"), r.stderr)
			assert.True(t, strings.HasPrefix(r.stderr, want), "%s %v: %s", body, args, r.stderr)
			assert.Empty(t, r.stdout)
			assert.NoDirExists(t, filepath.Join(dir, "out"))
		}
	}
	// Spelt right, the same option is taken.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "locpipe.yaml"), []byte("deepl:\n  formality: more\n"), 0o644))
	r := runBinary(t, dir, "translate", "--backend", "identity", "--to", "de", "--out", "out", "a.txt")
	assert.Equal(t, 0, r.code, r.stderr)
}

// A password inside an engine URL never shows: not in the error line, the
// debug log (which shows the requests and the retries), the --json summary
// or the manifest.
func TestURLPasswordNeverShown(t *testing.T) {
	const pass = "hunter2-PASSWORD"
	lt := fakeLibreTranslate(t)
	u := strings.Replace(lt.URL, "http://", "http://editor:"+pass+"@", 1)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "locpipe.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("log_level: debug\nlibretranslate:\n  url: "+u+"\n  retries: 1\n  backoff: 5ms\n"), 0o644))
	in := filepath.Join(dir, "in")
	require.NoError(t, os.MkdirAll(in, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(in, "a.txt"), []byte("This one is POISON for the engine.\n\nThis one is fine.\n"), 0o644))
	out := filepath.Join(dir, "out")

	code, stdout, stderr := runMain(t, "--config", cfg, "translate", "--backend", "libretranslate", "--from", "en", "--to", "es",
		"--no-memory", "--json", "--out", out, in)
	assert.Equal(t, 1, code, stderr)
	assert.Contains(t, stderr, "level=DEBUG msg=request", "debug shows the requests")
	assert.Contains(t, stderr, "msg=retrying", "and the retries")
	assert.Contains(t, stderr, "editor:xxxxx@")
	assert.Contains(t, stdout, "editor:xxxxx@", "the failure names the server")
	all := stdout + stderr
	require.NoError(t, filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			all += string(b)
		}
		return err
	}))
	assert.NotContains(t, all, pass)

	// A URL the engine refuses is named without its password too.
	require.NoError(t, os.WriteFile(cfg, []byte("libretranslate:\n  url: ftp://editor:"+pass+"@host/\n"), 0o644))
	code, _, stderr = runMain(t, "--config", cfg, "translate", "--backend", "libretranslate", "--to", "es", "--out", out, in)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "ftp://editor:xxxxx@host")
	assert.NotContains(t, stderr, pass)
}

func TestBackendsListsOptions(t *testing.T) {
	code, stdout, stderr := runMain(t, "backends", "--json", "--timeout", "1ms")
	require.Equal(t, 0, code, stderr)
	var got []struct {
		Name    string           `json:"name"`
		Options []backend.Option `json:"options"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &got))
	opts := map[string]map[string]backend.Option{}
	for _, e := range got {
		opts[e.Name] = map[string]backend.Option{}
		for _, o := range e.Options {
			opts[e.Name][o.Name] = o
		}
	}
	assert.Empty(t, opts["pseudo"])
	assert.True(t, opts["deepl"]["api_key"].Secret)
	assert.True(t, opts["deepl"]["formality"].Shapes)
	assert.Equal(t, "60s", opts["openai"]["timeout"].Default)
	assert.Equal(t, "2", opts["apertium"]["concurrency"].Default)
	assert.NotEmpty(t, opts["libretranslate"]["url"].Help)
	assert.Contains(t, stdout, `"options": []`, "an engine without options lists none")
}
