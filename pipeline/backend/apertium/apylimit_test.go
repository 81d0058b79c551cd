package apertium_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/apertium"
	"github.com/locpipe/locpipe/pipeline/backend/apertium/apytest"
)

// apyLimit is the request size (bytes of q) past which APy 0.11.7 drops
// text while answering HTTP 200: measured at about 40 KB (10 chunks of
// 4 KB). The default must stay under it with room for markup.
const apyLimit = 40000

// sizeRecorder is a reverse proxy in front of APy that records the size
// of the q field of every /translate request.
type sizeRecorder struct {
	mu    sync.Mutex
	sizes []int
}

func (r *sizeRecorder) wrap(t *testing.T, base string) string {
	u, err := url.Parse(base)
	require.NoError(t, err)
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path == "/translate" {
			body, err := io.ReadAll(req.Body)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			form, err := url.ParseQuery(string(body))
			if err == nil {
				r.mu.Lock()
				r.sizes = append(r.sizes, len(form.Get("q")))
				r.mu.Unlock()
			}
			req.Body = io.NopCloser(strings.NewReader(string(body)))
			req.ContentLength = int64(len(body))
		}
		proxy.ServeHTTP(w, req)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// distinctSentences gives n bytes or more of sentences built from the
// seed article, each numbered so that none repeats.
func distinctSentences(t *testing.T, n int) []string {
	var sents []string
	for _, p := range seedParagraphs(t) {
		for _, s := range strings.SplitAfter(p, ". ") {
			if s = strings.TrimSpace(s); len(s) > 20 {
				sents = append(sents, s)
			}
		}
	}
	require.NotEmpty(t, sents)
	var out []string
	for total, i := 0, 0; total < n; i++ {
		s := fmt.Sprintf("Report %d says this: %s", i, sents[i%len(sents)])
		out = append(out, s)
		total += len(s)
	}
	return out
}

// TestAPyLargeRequest sends 200 KB of distinct sentences through the real
// APy with the default options: every segment must come back translated
// and no request may pass APy's limit.
func TestAPyLargeRequest(t *testing.T) {
	needApertium(t)
	var rec sizeRecorder
	base := rec.wrap(t, apytest.Start(t))
	tr, err := apertium.New(backend.Params{Options: backend.Options{"url": base}})
	require.NoError(t, err)
	sents := distinctSentences(t, 200_000)
	req := backend.Request{Source: language.English, Target: language.Spanish}
	for i, s := range sents {
		req.Segments = append(req.Segments, backend.Segment{ID: fmt.Sprintf("s%d", i), Text: s})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	res, err := tr.Translate(ctx, req)
	require.NoError(t, err)
	require.Len(t, res, len(sents))
	for i, r := range res {
		require.NoError(t, r.Err, "segment %d", i)
		require.NotEqual(t, sents[i], r.Text, "segment %d translated", i)
		// The number survives translation and places the segment.
		assert.Contains(t, r.Text, fmt.Sprintf("%d", i), "segment %d: %q", i, r.Text)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	require.Greater(t, len(rec.sizes), 4, "200 KB went in several requests")
	for _, n := range rec.sizes {
		assert.LessOrEqual(t, n, apyLimit, "request of %d bytes", n)
	}
	t.Logf("%d segments, %d requests, largest %d bytes", len(sents), len(rec.sizes), maxInt(rec.sizes))
}

// TestAPyLimitIsReal shows why the default is what it is: one request
// past APy's limit comes back with segments missing (caught, never
// silent), so the test above proves something.
func TestAPyLimitIsReal(t *testing.T) {
	needApertium(t)
	tr, err := apertium.New(backend.Params{Options: backend.Options{"url": apytest.Start(t), "max_bytes": "1000000"}})
	require.NoError(t, err)
	sents := distinctSentences(t, 60_000)
	req := backend.Request{Source: language.English, Target: language.Spanish}
	for i, s := range sents {
		req.Segments = append(req.Segments, backend.Segment{ID: fmt.Sprintf("s%d", i), Text: s})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	res, err := tr.Translate(ctx, req)
	require.NoError(t, err)
	missing := 0
	for _, r := range res {
		if r.Err != nil {
			missing++
		}
	}
	if missing == 0 {
		t.Fatalf("APy translated a 60 KB request whole: its limit changed, re-measure apyLimit and DefaultAPyMaxBytes")
	}
	t.Logf("60 KB in one request: %d of %d segments missing", missing, len(sents))
}

func maxInt(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
