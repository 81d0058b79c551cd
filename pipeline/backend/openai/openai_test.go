package openai_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/enginetest"
	"github.com/locpipe/locpipe/pipeline/backend/openai"
	"github.com/locpipe/locpipe/pipeline/backend/placeholder"
)

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": "server_error", "code": nil}})
}

// server follows the OpenAI chat-completions API and answers as a model
// that follows the prompt would. reply, when set, replaces the answer.
func server(t *testing.T, reply func(user string) string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+enginetest.Secret {
			writeError(w, 401, "Incorrect API key provided: "+enginetest.KeyEcho(r.Header.Get("Authorization")))
			return
		}
		var req struct {
			Model    string `json:"model"`
			Messages []struct {
				Role    string `json:"role"`
				Content string `json:"content"`
			} `json:"messages"`
			Temperature    *float64          `json:"temperature"`
			ResponseFormat map[string]string `json:"response_format"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			t.Errorf("body: %v", err)
			writeError(w, 400, "We could not parse the JSON body of your request.")
			return
		}
		assert.Equal(t, "test-model", req.Model)
		require.Len(t, req.Messages, 2)
		assert.Equal(t, "system", req.Messages[0].Role)
		assert.Equal(t, "user", req.Messages[1].Role)
		assert.Contains(t, req.Messages[0].Content, "English (en) to Spanish (es)")
		assert.Contains(t, req.Messages[0].Content, "⟦c0⟧")
		require.NotNil(t, req.Temperature)
		assert.Equal(t, map[string]string{"type": "json_object"}, req.ResponseFormat)
		var in struct {
			Segments []struct{ ID, Text string } `json:"segments"`
		}
		require.NoError(t, json.Unmarshal([]byte(req.Messages[1].Content), &in))
		var content string
		if reply != nil {
			content = reply(req.Messages[1].Content)
		} else {
			out := map[string]any{}
			var tr []map[string]string
			for _, s := range in.Segments {
				tr = append(tr, map[string]string{"id": s.ID, "text": enginetest.Translate(s.Text)})
			}
			out["translations"] = tr
			b, _ := json.Marshal(out)
			content = string(b)
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"id": "chatcmpl-1", "object": "chat.completion", "model": req.Model,
			"choices": []any{map[string]any{"index": 0, "message": map[string]any{"role": "assistant", "content": content}, "finish_reason": "stop"}},
			"usage":   map[string]int{"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
		})
	})
	mux.HandleFunc("GET /v1/models", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"object":"list","data":[{"id":"test-model","object":"model"}]}`))
	})
	return mux
}

func start(t *testing.T, h http.Handler, p backend.Params) backend.Translator {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	all := backend.Options{"url": srv.URL + "/v1", "model": "test-model", "api_key": enginetest.Secret,
		"timeout": "300ms", "backoff": "5ms", "retries": 6, "max_segments": 7}
	for k, v := range p.Options {
		all[k] = v
	}
	p.Options = all
	tr, err := openai.New(p)
	require.NoError(t, err)
	return tr
}

func TestConformance(t *testing.T) {
	enginetest.Run(t, func(t *testing.T, inj *enginetest.Injector, log *slog.Logger) backend.Translator {
		inj.ErrorBody = writeError
		return start(t, inj.Wrap(server(t, nil)), backend.Params{Logger: log})
	})
}

var (
	c0 = string(placeholder.Rune(placeholder.Code, 0))
	t0 = string(placeholder.Rune(placeholder.Term, 0))
)

func TestParseReply(t *testing.T) {
	src := []string{"See " + c0 + "this.", "In " + t0 + "."}
	tests := []struct {
		name, reply string
		want        []string
		err         error
	}{
		{"good", `{"translations":[{"id":"1","text":"Ver ⟦c0⟧esto."},{"id":"2","text":"En ⟦t0⟧."}]}`, []string{"Ver " + c0 + "esto.", "En " + t0 + "."}, nil},
		{"any order, fenced", "```json\n{\"translations\":[{\"id\":\"2\",\"text\":\"En ⟦t0⟧.\"},{\"id\":\"1\",\"text\":\"⟦c0⟧Ver.\"}]}\n```", []string{c0 + "Ver.", "En " + t0 + "."}, nil},
		{"prose around", `Sure! {"translations":[]}`, nil, openai.ErrReply},
		{"text after", `{"translations":[{"id":"1","text":"⟦c0⟧"},{"id":"2","text":"⟦t0⟧"}]} Hope this helps`, nil, openai.ErrReply},
		{"count", `{"translations":[{"id":"1","text":"⟦c0⟧"}]}`, nil, openai.ErrReply},
		{"repeated id", `{"translations":[{"id":"1","text":"⟦c0⟧"},{"id":"1","text":"⟦t0⟧"}]}`, nil, openai.ErrReply},
		{"bad id", `{"translations":[{"id":"1","text":"⟦c0⟧"},{"id":"x","text":"⟦t0⟧"}]}`, nil, openai.ErrReply},
		{"not string", `{"translations":[{"id":"1","text":1},{"id":"2","text":"⟦t0⟧"}]}`, nil, openai.ErrReply},
		{"empty text", `{"translations":[{"id":"1","text":"⟦c0⟧"},{"id":"2","text":" "}]}`, nil, openai.ErrReply},
		{"unterminated fence", "```json\n{}", nil, openai.ErrReply},
		{"lost token", `{"translations":[{"id":"1","text":"Ver esto."},{"id":"2","text":"En ⟦t0⟧."}]}`, []string{"Ver esto.", "En " + t0 + "."}, openai.ErrPlaceholders},
		{"duplicated token", `{"translations":[{"id":"1","text":"⟦c0⟧⟦c0⟧"},{"id":"2","text":"⟦t0⟧"}]}`, []string{c0 + c0, t0}, openai.ErrPlaceholders},
		{"invented token", `{"translations":[{"id":"1","text":"⟦c0⟧⟦c7⟧"},{"id":"2","text":"⟦t0⟧"}]}`, []string{c0 + string(placeholder.Rune(placeholder.Code, 7)), t0}, openai.ErrPlaceholders},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := openai.ParseReply(tt.reply, src)
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func FuzzParseReply(f *testing.F) {
	f.Add(`{"translations":[{"id":"1","text":"⟦c0⟧"}]}`)
	f.Add("```json\n{\"translations\":[]}\n```")
	f.Add(`{"translations":[{"id":"01","text":"⟦t0⟧"}]}`)
	src := []string{c0 + "x"}
	f.Fuzz(func(t *testing.T, reply string) {
		out, err := openai.ParseReply(reply, src)
		if err == nil {
			require.Len(t, out, 1)
			lost, extra := placeholder.Check(src[0], out[0])
			if len(lost)+len(extra) > 0 {
				t.Fatalf("accepted a reply that lost placeholders: %q", reply)
			}
		}
	})
}

func TestRejectsProseThenAccepts(t *testing.T) {
	calls := 0
	h := server(t, func(user string) string {
		calls++
		if calls == 1 {
			return "Here is the translation: Hola."
		}
		return `{"translations":[{"id":"1","text":"HOLA ⟦t0⟧."}]}`
	})
	tr := start(t, h, backend.Params{Options: backend.Options{"concurrency": 1}})
	res, err := tr.Translate(context.Background(), backend.Request{Source: language.English, Target: language.Spanish,
		Segments: []backend.Segment{{ID: "a", Text: "Hello " + t0 + "."}}})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	assert.Equal(t, "HOLA "+t0+".", res[0].Text)
	assert.Equal(t, 2, calls, "the prose reply was rejected and asked again")
}

func TestPromptCarriesGlossary(t *testing.T) {
	g, err := glossary.Parse("g.yaml", []byte(`version: 1
concepts:
  - id: kyiv
    terms:
      en: {preferred: Kyiv, deprecated: [Kiev]}
      es: {preferred: Kiev}
  - id: nope
    terms:
      fr: {preferred: Bonjour}
`))
	require.NoError(t, err)
	p := openai.Prompt(language.English, language.Spanish, g)
	assert.Contains(t, p, "- Kyiv, Kiev → Kiev\n")
	assert.NotContains(t, p, "Bonjour")
	assert.NotContains(t, openai.Prompt(language.English, language.Spanish, nil), "Glossary")
}

func TestKeyFromEnvironment(t *testing.T) {
	t.Setenv(openai.EnvKey, "")
	t.Setenv(openai.EnvKeyOpenAI, enginetest.Secret)
	srv := httptest.NewServer(server(t, nil))
	defer srv.Close()
	tr, err := openai.New(backend.Params{Options: backend.Options{"url": srv.URL + "/v1", "model": "test-model"}})
	require.NoError(t, err)
	res, err := tr.Translate(context.Background(), backend.Request{Source: language.English, Target: language.Spanish,
		Segments: []backend.Segment{{ID: "a", Text: "hi"}}})
	require.NoError(t, err)
	assert.Equal(t, "HI", res[0].Text)
	require.NoError(t, tr.(backend.Pinger).Ping(context.Background()))

	t.Setenv(openai.EnvKey, "sk-wrong-1234567")
	tr, err = openai.New(backend.Params{Options: backend.Options{"url": srv.URL + "/v1", "model": "test-model", "retries": 0}})
	require.NoError(t, err)
	res, err = tr.Translate(context.Background(), backend.Request{Source: language.English, Target: language.Spanish,
		Segments: []backend.Segment{{ID: "a", Text: "hi"}}})
	require.NoError(t, err)
	require.Error(t, res[0].Err)
	assert.Contains(t, res[0].Err.Error(), "401")
	assert.Contains(t, res[0].Err.Error(), "Incorrect API key")
	assert.NotContains(t, res[0].Err.Error(), "sk-wrong-1234567")
}

func TestOptions(t *testing.T) {
	for name, opts := range map[string]backend.Options{
		"no model":    {"url": "http://127.0.0.1:1/v1"},
		"bad url":     {"url": "127.0.0.1:8080", "model": "m"},
		"temperature": {"model": "m", "temperature": "hot"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := openai.New(backend.Params{Options: opts})
			assert.Error(t, err)
		})
	}
	_, err := openai.New(backend.Params{Options: backend.Options{"model": "m", "json_mode": false}})
	assert.NoError(t, err)
	_ = strings.TrimSpace
}

// TestModelToldTheNames: the model learns which name each ⟦tN⟧ stands for,
// so that it can write the grammar around it.
func TestModelToldTheNames(t *testing.T) {
	var user string
	h := server(t, func(u string) string {
		user = u
		return `{"translations":[{"id":"1","text":"Volvió a ⟦t0⟧."}]}`
	})
	tr := start(t, h, backend.Params{})
	r0, _ := utf8.DecodeRuneInString(t0)
	res, err := tr.Translate(context.Background(), backend.Request{Source: language.English, Target: language.Spanish,
		Segments: []backend.Segment{{ID: "a", Text: "Back to " + t0 + ".", Terms: map[rune]string{r0: "Kiev"}}}})
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	assert.Contains(t, user, `"names":{"⟦t0⟧":"Kiev"}`)
	assert.Contains(t, openai.Prompt(language.English, language.Spanish, nil), `"names"`)
}
