package libretranslate_test

import (
	"context"
	"encoding/json"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/enginetest"
	"github.com/locpipe/locpipe/pipeline/backend/libretranslate"
)

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

// server follows LibreTranslate's documented API (POST /translate,
// GET /languages) and fails the test when the client strays from it.
func server(t *testing.T) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /translate", func(w http.ResponseWriter, r *http.Request) {
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type %q", ct)
		}
		var req struct {
			Q      json.RawMessage `json:"q"`
			Source string          `json:"source"`
			Target string          `json:"target"`
			Format string          `json:"format"`
			APIKey string          `json:"api_key"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			t.Errorf("body: %v", err)
			writeError(w, 400, "Invalid request: "+err.Error())
			return
		}
		if req.APIKey != enginetest.Secret {
			writeError(w, 403, "Invalid API key")
			return
		}
		var q []string
		if err := json.Unmarshal(req.Q, &q); err != nil {
			t.Errorf("q is not a batch: %s", req.Q)
			writeError(w, 400, "Invalid request: missing q parameter")
			return
		}
		assert.Equal(t, "en", req.Source)
		assert.Equal(t, "es", req.Target)
		assert.Equal(t, "html", req.Format)
		out := make([]string, len(q))
		for i, s := range q {
			// Like LibreTranslate's html mode, the reply's text is
			// unescaped: &lt;b&gt; comes back as <b>.
			out[i] = html.UnescapeString(enginetest.Translate(s))
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"translatedText": out})
	})
	mux.HandleFunc("GET /languages", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[{"code":"en","name":"English","targets":["en","es","uk"]},{"code":"es","name":"Spanish","targets":["en","es"]}]`))
	})
	return mux
}

func setup(t *testing.T, inj *enginetest.Injector, log *slog.Logger) backend.Translator {
	inj.ErrorBody = writeError
	srv := httptest.NewServer(inj.Wrap(server(t)))
	t.Cleanup(srv.Close)
	opts := backend.Options{"url": srv.URL, "api_key": enginetest.Secret, "timeout": "300ms", "backoff": "5ms",
		"retries": 6, "max_segments": 7}
	tr, err := libretranslate.New(backend.Params{Options: opts, Logger: log})
	require.NoError(t, err)
	return tr
}

func TestConformance(t *testing.T) { enginetest.Run(t, setup) }

func TestKeyFromEnvironmentAndRefused(t *testing.T) {
	t.Setenv(libretranslate.EnvKey, "wrong-key-abcdef")
	srv := httptest.NewServer(server(t))
	defer srv.Close()
	tr, err := libretranslate.New(backend.Params{Options: backend.Options{"url": srv.URL, "backoff": "1ms"}})
	require.NoError(t, err)
	res, err := tr.Translate(context.Background(), backend.Request{Source: language.English, Target: language.Spanish, Segments: []backend.Segment{{ID: "a", Text: "x"}}})
	require.NoError(t, err)
	require.Error(t, res[0].Err)
	assert.Contains(t, res[0].Err.Error(), "403")
	assert.Contains(t, res[0].Err.Error(), "Invalid API key")
	assert.NotContains(t, res[0].Err.Error(), "wrong-key-abcdef")
}

func TestPairs(t *testing.T) {
	srv := httptest.NewServer(server(t))
	defer srv.Close()
	tr, err := libretranslate.New(backend.Params{Options: backend.Options{"url": srv.URL}})
	require.NoError(t, err)
	pairs, err := tr.(backend.Pairer).Pairs(context.Background())
	require.NoError(t, err)
	assert.Contains(t, pairs, backend.Pair{Source: language.English, Target: language.Spanish})
	assert.Len(t, pairs, 3)
}

func TestOptions(t *testing.T) {
	for name, opts := range map[string]backend.Options{
		"no url":      {},
		"bad url":     {"url": "localhost:5000"},
		"bad timeout": {"url": "http://x", "timeout": "soon"},
		"bad max":     {"url": "http://x", "max_segments": "many"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := libretranslate.New(backend.Params{Options: opts})
			assert.Error(t, err)
		})
	}
}

func TestCode(t *testing.T) {
	for in, want := range map[string]string{"en-GB": "en", "zh": "zh-Hans", "zh-TW": "zh-Hant", "pt-BR": "pt-BR", "pt": "pt", "uk": "uk"} {
		assert.Equal(t, want, libretranslate.Code(language.MustParse(in)), in)
	}
}

// TestEscapedTextComesBackAsText: text that reads as markup is not lost to
// the engine's unescaping.
func TestEscapedTextComesBackAsText(t *testing.T) {
	tr := setup(t, &enginetest.Injector{}, nil)
	res, err := tr.Translate(context.Background(), backend.Request{Source: language.English, Target: language.Spanish,
		Segments: []backend.Segment{{ID: "s1", Text: "The tag <b> makes text bold & a < b."}}})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	assert.Equal(t, "THE TAG <B> MAKES TEXT BOLD & A < B.", res[0].Text, "the tag is text, translated as text")
	assert.Empty(t, res[0].Warnings)
}
