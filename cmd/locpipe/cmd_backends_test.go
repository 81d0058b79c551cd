package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeLibreTranslate answers /languages and /translate (upper-casing the
// text, keeping tags); a request holding POISON gets a 500, and the first
// request a 429.
func fakeLibreTranslate(t *testing.T) *httptest.Server {
	var n atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("GET /languages", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `[{"code":"en","name":"English","targets":["es"]}]`)
	})
	mux.HandleFunc("POST /translate", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, `{"error":"Too many request limits violations"}`, http.StatusTooManyRequests)
			return
		}
		if bytes.Contains(body, []byte("POISON")) {
			http.Error(w, `{"error":"internal error"}`, http.StatusInternalServerError)
			return
		}
		var req struct {
			Q []string `json:"q"`
		}
		require.NoError(t, json.Unmarshal(body, &req))
		out := make([]string, len(req.Q))
		for i, q := range req.Q {
			out[i] = strings.ToUpper(q)
			out[i] = strings.ReplaceAll(out[i], "<X ID=", "<x id=") // keep the placeholder tags
			out[i] = strings.ReplaceAll(out[i], `"C`, `"c`)
			out[i] = strings.ReplaceAll(out[i], `"T`, `"t`)
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"translatedText": out})
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func runMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := testableMain(args, strings.NewReader(""), &stdout, &stderr, nil)
	return code, stdout.String(), stderr.String()
}

func TestBackendsCommand(t *testing.T) {
	const secret = "deepl-secret-key-123456"
	// The key comes from DeepL's own variable; LOCPIPE_DEEPL_API_KEY is
	// unset (config maps it to deepl.api_key, see the report).
	t.Setenv("LOCPIPE_DEEPL_API_KEY", "")
	require.NoError(t, os.Unsetenv("LOCPIPE_DEEPL_API_KEY"))
	t.Setenv("DEEPL_AUTH_KEY", secret)
	// A DeepL that refuses the key and quotes it back.
	deepl := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"message":"Wrong key `+strings.TrimPrefix(r.Header.Get("Authorization"), "DeepL-Auth-Key ")+`"}`, http.StatusForbidden)
	}))
	defer deepl.Close()
	lt := fakeLibreTranslate(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "locpipe.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("libretranslate:\n  url: "+lt.URL+"\ndeepl:\n  url: "+deepl.URL+"\n"), 0o644))

	code, stdout, stderr := runMain(t, "--config", cfg, "backends", "--json")
	require.Equal(t, 0, code, stderr)
	var got []engineStatus
	require.NoError(t, json.Unmarshal([]byte(stdout), &got), stdout)
	byName := map[string]engineStatus{}
	for _, s := range got {
		byName[s.Name] = s
	}
	assert.Len(t, got, 6)
	assert.True(t, byName["pseudo"].Reachable)
	assert.True(t, byName["pseudo"].AnyPair)
	assert.True(t, byName["libretranslate"].Reachable)
	assert.Equal(t, []string{"en-es"}, byName["libretranslate"].Pairs)
	assert.True(t, byName["deepl"].Configured)
	assert.False(t, byName["deepl"].Reachable)
	assert.Contains(t, byName["deepl"].Status, "403")
	assert.False(t, byName["openai"].Configured)
	assert.NotContains(t, stdout+stderr, secret, "keys never shown")

	code, stdout, _ = runMain(t, "--config", cfg, "backends")
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, "ENGINE")
	assert.Regexp(t, `libretranslate\s+ok\s+en-es`, stdout)
	assert.NotContains(t, stdout, secret)
}

// TestTranslateReportsFailedSegments runs `translate` through an engine
// that answers 429 once and keeps failing one paragraph: the run finishes,
// the other paragraphs are translated, and the exit code is 1.
func TestTranslateReportsFailedSegments(t *testing.T) {
	lt := fakeLibreTranslate(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "locpipe.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("libretranslate:\n  url: "+lt.URL+"\n  retries: 2\n  backoff: 5ms\n"), 0o644))
	in := filepath.Join(dir, "in")
	require.NoError(t, os.MkdirAll(in, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(in, "a.txt"), []byte("First paragraph is fine.\n\nSecond one is fine too.\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(in, "b.txt"), []byte("This one is POISON for the engine.\n"), 0o644))
	out := filepath.Join(dir, "out")

	code, stdout, stderr := runMain(t, "--config", cfg, "translate", "--backend", "libretranslate", "--from", "en", "--to", "es",
		"--no-memory", "--json", "--out", out, in)
	assert.Equal(t, 1, code, "partial failure exits 1; stderr: %s", stderr)
	var sum struct {
		Failed   int `json:"failed"`
		Segments int `json:"segments"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &sum), stdout)
	assert.Equal(t, 1, sum.Failed)
	assert.Equal(t, 3, sum.Segments)
	a, err := os.ReadFile(filepath.Join(out, "es", "a.txt"))
	require.NoError(t, err)
	assert.Equal(t, "FIRST PARAGRAPH IS FINE.\n\nSECOND ONE IS FINE TOO.\n", string(a))
}
