package deepl_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/deepl"
	"github.com/locpipe/locpipe/pipeline/backend/deepl/deepltest"
)

// session puts a reverse proxy in front of the mock that adds DeepL's
// mock-server-session headers (fault injection) to every request.
func session(t *testing.T, base string, headers map[string]string) string {
	u, err := url.Parse(base)
	require.NoError(t, err)
	p := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(u)
		r.Out.Header.Set("mock-server-session", t.Name())
		for k, v := range headers {
			r.Out.Header.Set(k, v)
		}
	}}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestAgainstDeepLMock runs the engine against DeepL's own mock server,
// which validates every request and reply against DeepL's OpenAPI
// description: request shapes, the key check, languages, the native
// glossary, retries on 429 and 5xx.
func TestAgainstDeepLMock(t *testing.T) {
	base := deepltest.Start(t)
	ctx := context.Background()
	g := glossary.Builtin()
	newEngine := func(t *testing.T, url, key string) backend.Translator {
		tr, err := deepl.New(backend.Params{Options: backend.Options{"url": url, "api_key": key, "backoff": "10ms", "retries": 4}, Glossary: g})
		require.NoError(t, err)
		return tr
	}

	t.Run("preflight", func(t *testing.T) {
		tr := newEngine(t, base, "locpipe-test-key")
		require.NoError(t, pipeline.Preflight(ctx, tr, "deepl", language.English, []language.Tag{language.German, language.Spanish}))
		err := pipeline.Preflight(ctx, tr, "deepl", language.English, []language.Tag{language.MustParse("tlh")})
		require.ErrorIs(t, err, pipeline.ErrPreflight)
		assert.Contains(t, err.Error(), "en→tlh")
	})
	t.Run("key refused", func(t *testing.T) {
		err := pipeline.Preflight(ctx, newEngine(t, base, "invalid"), "deepl", language.English, []language.Tag{language.German})
		require.ErrorIs(t, err, pipeline.ErrPreflight)
		assert.Contains(t, err.Error(), "403")
		assert.NotContains(t, err.Error(), "invalid", "the key never shows")
	})
	t.Run("translate with native glossary", func(t *testing.T) {
		tr := newEngine(t, session(t, base, nil), "locpipe-test-key")
		res, err := tr.Translate(ctx, backend.Request{Source: language.English, Target: language.German,
			Segments: []backend.Segment{{ID: "a", Text: "proton beam"}, {ID: "b", Text: "proton beam"}}})
		require.NoError(t, err)
		require.Len(t, res, 2)
		for _, r := range res {
			require.NoError(t, r.Err)
			assert.Equal(t, "Protonenstrahl", r.Text)
		}
		// What the engine sent, as the mock received it: the glossary it
		// made from locpipe's, and the placeholders' tag handling.
		req, _ := http.NewRequest(http.MethodGet, base+"/__session__/last-request", nil)
		req.Header.Set("mock-server-session", t.Name())
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		var last struct {
			Path string         `json:"path"`
			Body map[string]any `json:"body"`
		}
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&last))
		assert.Equal(t, "/v2/translate", last.Path)
		assert.NotEmpty(t, last.Body["glossary_id"], "the native glossary is used")
		assert.Equal(t, "xml", last.Body["tag_handling"])
	})
	t.Run("retries on 429 and 5xx", func(t *testing.T) {
		u := session(t, base, map[string]string{"mock-server-session-429-count": "2", "mock-server-session-5xx-count": "1"})
		res, err := newEngine(t, u, "locpipe-test-key").Translate(ctx, backend.Request{Source: language.English, Target: language.Spanish,
			Segments: []backend.Segment{{ID: "a", Text: "proton beam"}}})
		require.NoError(t, err)
		require.NoError(t, res[0].Err)
		assert.Equal(t, "haz de protones", res[0].Text)
	})
	t.Run("one glossary per pair and version", func(t *testing.T) {
		const key = "locpipe-glossary-key"
		list := func() map[string]int {
			req, _ := http.NewRequest(http.MethodGet, base+"/v2/glossaries", nil)
			req.Header.Set("Authorization", "DeepL-Auth-Key "+key)
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			var r struct {
				Glossaries []struct{ Name, SourceLang, TargetLang string }
			}
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&r))
			out := map[string]int{}
			for _, g := range r.Glossaries {
				out[g.Name]++
			}
			return out
		}
		translate := func(g *glossary.Glossary, to language.Tag) {
			tr, err := deepl.New(backend.Params{Options: backend.Options{"url": base, "api_key": key, "backoff": "10ms"}, Glossary: g})
			require.NoError(t, err)
			res, err := tr.Translate(ctx, backend.Request{Source: language.English, Target: to, Segments: []backend.Segment{{ID: "a", Text: "proton beam"}}})
			require.NoError(t, err)
			require.NoError(t, res[0].Err)
		}
		// Two runs, two pairs: one glossary per pair.
		for range 2 {
			translate(g, language.German)
			translate(g, language.Spanish)
		}
		names := list()
		assert.Len(t, names, 2, "%v", names)
		for name, n := range names {
			assert.Equal(t, 1, n, name)
		}
		// A new version of the glossary: the old one of the pair is deleted.
		extra, err := glossary.Parse("extra.yaml", []byte("version: 1\nconcepts:\n  - id: bucha\n    terms:\n      en: {preferred: Bucha}\n      de: {preferred: Butscha}\n"))
		require.NoError(t, err)
		translate(glossary.Merge(g, extra), language.German)
		after := list()
		assert.Len(t, after, 2, "%v", after)
		for name := range names {
			if strings.HasPrefix(name, "locpipe en-es ") {
				assert.Contains(t, after, name, "the es glossary is the same version")
			} else {
				assert.NotContains(t, after, name, "the old de glossary is gone")
			}
		}
	})
}
