package deepl_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/deepl"
	"github.com/locpipe/locpipe/pipeline/backend/internal/enginetest"
)

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"message": msg})
}

// fake follows the DeepL API v2 documentation and records what it saw.
type fake struct {
	t           *testing.T
	formality   string
	glossaries  atomic.Int64
	mu          sync.Mutex
	glossaryIDs []string
	made        atomic.Value // name of the glossary made
	entries     string
	refuseGloss bool
}

func (f *fake) auth(w http.ResponseWriter, r *http.Request) bool {
	if got := r.Header.Get("Authorization"); got != "DeepL-Auth-Key "+enginetest.Secret {
		writeError(w, http.StatusForbidden, "Wrong endpoint or authorization key")
		return false
	}
	return true
}

func (f *fake) handler() http.Handler {
	t := f.t
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v2/translate", func(w http.ResponseWriter, r *http.Request) {
		if !f.auth(w, r) {
			return
		}
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
		var req struct {
			Text        []string `json:"text"`
			SourceLang  string   `json:"source_lang"`
			TargetLang  string   `json:"target_lang"`
			TagHandling string   `json:"tag_handling"`
			IgnoreTags  []string `json:"ignore_tags"`
			Formality   string   `json:"formality"`
			GlossaryID  string   `json:"glossary_id"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Text) == 0 {
			t.Errorf("body: %v", err)
			writeError(w, http.StatusBadRequest, "Parameter 'text' not specified.")
			return
		}
		assert.LessOrEqual(t, len(req.Text), 50, "DeepL takes at most 50 texts")
		assert.Equal(t, "EN", req.SourceLang)
		assert.Equal(t, "ES", req.TargetLang)
		assert.Equal(t, "xml", req.TagHandling)
		assert.Equal(t, []string{"x"}, req.IgnoreTags)
		assert.Equal(t, f.formality, req.Formality)
		f.mu.Lock()
		f.glossaryIDs = append(f.glossaryIDs, req.GlossaryID)
		f.mu.Unlock()
		type tr struct {
			Lang string `json:"detected_source_language"`
			Text string `json:"text"`
		}
		out := struct {
			Translations []tr `json:"translations"`
		}{}
		for _, s := range req.Text {
			out.Translations = append(out.Translations, tr{"EN", enginetest.Translate(s)})
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	})
	mux.HandleFunc("POST /v2/glossaries", func(w http.ResponseWriter, r *http.Request) {
		if !f.auth(w, r) {
			return
		}
		var req map[string]string
		require.NoError(t, json.NewDecoder(r.Body).Decode(&req))
		if f.refuseGloss {
			writeError(w, http.StatusBadRequest, "Unsupported glossary source and target language pair")
			return
		}
		assert.Equal(t, "en", req["source_lang"])
		assert.Equal(t, "es", req["target_lang"])
		assert.Equal(t, "tsv", req["entries_format"])
		assert.NotEmpty(t, req["name"])
		f.entries = req["entries"]
		f.glossaries.Add(1)
		f.made.Store(req["name"])
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"glossary_id":"def3a26b-3e84-45b3-84ae-0c0aaf3525f7","name":"x","ready":true,"source_lang":"en","target_lang":"es","creation_time":"2026-11-24T18:00:00.000Z","entry_count":3}`))
	})
	mux.HandleFunc("GET /v2/glossaries", func(w http.ResponseWriter, r *http.Request) {
		if !f.auth(w, r) {
			return
		}
		w.Header().Set("Content-Type", "application/json")
		name, _ := f.made.Load().(string)
		if name == "" {
			_, _ = w.Write([]byte(`{"glossaries":[]}`))
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"glossaries": []map[string]any{{"glossary_id": "def3a26b-3e84-45b3-84ae-0c0aaf3525f7", "name": name, "ready": true, "source_lang": "en", "target_lang": "es", "creation_time": "2026-11-24T18:00:00.000Z", "entry_count": 3}}})
	})
	mux.HandleFunc("GET /v2/languages", func(w http.ResponseWriter, r *http.Request) {
		if !f.auth(w, r) {
			return
		}
		if r.URL.Query().Get("type") == "target" {
			_, _ = w.Write([]byte(`[{"language":"ES","name":"Spanish","supports_formality":true},{"language":"EN-GB","name":"English (British)"}]`))
			return
		}
		_, _ = w.Write([]byte(`[{"language":"EN","name":"English"},{"language":"ES","name":"Spanish"}]`))
	})
	mux.HandleFunc("GET /v2/usage", func(w http.ResponseWriter, r *http.Request) {
		if !f.auth(w, r) {
			return
		}
		_, _ = w.Write([]byte(`{"character_count":180118,"character_limit":1250000}`))
	})
	return mux
}

func start(t *testing.T, f *fake, inj *enginetest.Injector, p backend.Params) backend.Translator {
	f.t = t
	h := f.handler()
	if inj != nil {
		inj.ErrorBody = writeError
		h = inj.Wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	all := backend.Options{"url": srv.URL, "api_key": enginetest.Secret, "timeout": "300ms", "backoff": "5ms",
		"retries": 6, "max_segments": 7}
	for k, v := range p.Options {
		all[k] = v
	}
	p.Options = all
	tr, err := deepl.New(p)
	require.NoError(t, err)
	return tr
}

func TestConformance(t *testing.T) {
	enginetest.Run(t, func(t *testing.T, inj *enginetest.Injector, log *slog.Logger) backend.Translator {
		return start(t, &fake{}, inj, backend.Params{Logger: log})
	})
}

const userGlossary = `version: 1
concepts:
  - id: kyiv
    terms:
      en: {preferred: Kyiv, deprecated: [Kiev]}
      es: {preferred: Kiev}
  - id: donbas
    terms:
      en: {preferred: Donbas, deprecated: [Donbass]}
      es: {preferred: Donbás}
  - id: only-english
    terms:
      en: {preferred: Zelensky}
`

func request(texts ...string) backend.Request {
	req := backend.Request{Source: language.English, Target: language.Spanish}
	for i, s := range texts {
		req.Segments = append(req.Segments, backend.Segment{ID: string(rune('a' + i)), Text: s})
	}
	return req
}

func TestNativeGlossaryAndFormality(t *testing.T) {
	g, err := glossary.Parse("user.yaml", []byte(userGlossary))
	require.NoError(t, err)
	f := &fake{formality: "more"}
	tr := start(t, f, nil, backend.Params{Glossary: g, Options: backend.Options{"formality": "more", "max_segments": 1}})
	ctx := context.Background()
	for range 2 {
		res, err := tr.Translate(ctx, request("In Kiev.", "In Donbass."))
		require.NoError(t, err)
		assert.Equal(t, "IN KIEV.", res[0].Text)
	}
	assert.EqualValues(t, 1, f.glossaries.Load(), "one glossary per pair, made once")
	assert.Equal(t, "Donbas\tDonbás\nDonbass\tDonbás\nKiev\tKiev\nKyiv\tKiev", f.entries)
	assert.Equal(t, []string{"def3a26b-3e84-45b3-84ae-0c0aaf3525f7"}, unique(f.glossaryIDs))
}

func TestGlossaryRefused(t *testing.T) {
	g, err := glossary.Parse("user.yaml", []byte(userGlossary))
	require.NoError(t, err)
	f := &fake{refuseGloss: true}
	tr := start(t, f, nil, backend.Params{Glossary: g})
	res, err := tr.Translate(context.Background(), request("In Kiev."))
	require.NoError(t, err)
	assert.Equal(t, "IN KIEV.", res[0].Text, "translated without the native glossary")
	assert.Equal(t, []string{""}, f.glossaryIDs)
}

func TestGlossaryIDOption(t *testing.T) {
	f := &fake{}
	tr := start(t, f, nil, backend.Params{Options: backend.Options{"glossary_id": "my-glossary"}})
	_, err := tr.Translate(context.Background(), request("x"))
	require.NoError(t, err)
	assert.Equal(t, []string{"my-glossary"}, f.glossaryIDs)
	assert.Zero(t, f.glossaries.Load())
}

func TestKeyFromEnvironment(t *testing.T) {
	t.Setenv(deepl.EnvKey, "")
	t.Setenv(deepl.EnvKeyDeepL, "")
	_, err := deepl.New(backend.Params{Options: backend.Options{}})
	require.ErrorIs(t, err, deepl.ErrNoKey)

	t.Setenv(deepl.EnvKeyDeepL, enginetest.Secret)
	f := &fake{t: t}
	srv := httptest.NewServer(f.handler())
	defer srv.Close()
	tr, err := deepl.New(backend.Params{Options: backend.Options{"url": srv.URL + "/v2/"}})
	require.NoError(t, err)
	require.NoError(t, tr.(backend.Pinger).Ping(context.Background()))

	t.Setenv(deepl.EnvKey, "wrong-key:fx")
	tr, err = deepl.New(backend.Params{Options: backend.Options{"url": srv.URL}})
	require.NoError(t, err)
	err = tr.(backend.Pinger).Ping(context.Background())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "403")
	assert.NotContains(t, err.Error(), "wrong-key")
}

func TestPairs(t *testing.T) {
	tr := start(t, &fake{}, nil, backend.Params{})
	pairs, err := tr.(backend.Pairer).Pairs(context.Background())
	require.NoError(t, err)
	assert.ElementsMatch(t, []backend.Pair{
		{Source: language.English, Target: language.Spanish},
		{Source: language.Spanish, Target: language.BritishEnglish},
	}, pairs)
}

func TestCodes(t *testing.T) {
	for in, want := range map[string]string{"en": "EN-US", "en-GB": "EN-GB", "en-US": "EN-US", "pt": "PT-PT", "pt-BR": "PT-BR", "zh": "ZH-HANS", "zh-TW": "ZH-HANT", "uk": "UK", "es-419": "ES"} {
		assert.Equal(t, want, deepl.TargetCode(language.MustParse(in)), in)
	}
	assert.Equal(t, "EN", deepl.SourceCode(language.MustParse("en-GB")))
}

func TestOptions(t *testing.T) {
	_, err := deepl.New(backend.Params{Options: backend.Options{"api_key": "k", "formality": "very"}})
	assert.ErrorContains(t, err, "very")
	_, err = deepl.New(backend.Params{Options: backend.Options{"api_key": "k", "url": "nope"}})
	assert.ErrorContains(t, err, "nope")
}

func unique(s []string) []string {
	var out []string
	for _, v := range s {
		if len(out) == 0 || out[len(out)-1] != v {
			out = append(out, v)
		}
	}
	return out
}
