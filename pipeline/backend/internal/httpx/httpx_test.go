package httpx_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/httpx"
)

func TestStatuses(t *testing.T) {
	tests := []struct {
		status int
		tries  int64
		want   error
	}{
		{401, 1, httpx.ErrAuth},
		{403, 1, httpx.ErrAuth},
		{413, 1, httpx.ErrTooLarge},
		{456, 1, httpx.ErrQuota},
		{400, 1, httpx.ErrStatus},
		{429, 3, httpx.ErrStatus},
		{500, 3, httpx.ErrStatus},
		{503, 3, httpx.ErrStatus},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			var n atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				http.Error(w, "no with key sk-secret-1", tt.status)
			}))
			defer srv.Close()
			c := httpx.New(httpx.Config{MaxTries: 3, InitialInterval: 1, Secrets: []string{"sk-secret-1"}})
			err := c.Do(context.Background(), httpx.Request{Method: "GET", URL: srv.URL})
			require.ErrorIs(t, err, tt.want)
			var se *httpx.StatusError
			require.True(t, errors.As(err, &se))
			assert.Equal(t, tt.status, se.Status)
			assert.Equal(t, tt.tries, n.Load(), "attempts")
			assert.NotContains(t, err.Error(), "sk-secret-1")
		})
	}
}

func TestMalformedRetried(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) < 3 {
			_, _ = w.Write([]byte("garbage"))
			return
		}
		_, _ = w.Write([]byte("good"))
	}))
	defer srv.Close()
	c := httpx.New(httpx.Config{MaxTries: 3, InitialInterval: 1})
	var got string
	err := c.Do(context.Background(), httpx.Request{Method: "GET", URL: srv.URL, Decode: func(b []byte) error {
		if string(b) != "good" {
			return errors.New("bad body")
		}
		got = string(b)
		return nil
	}})
	require.NoError(t, err)
	assert.Equal(t, "good", got)
	assert.EqualValues(t, 3, n.Load())

	n.Store(-10)
	err = c.Do(context.Background(), httpx.Request{Method: "GET", URL: srv.URL, Decode: func(b []byte) error { return errors.New("never") }})
	require.ErrorIs(t, err, httpx.ErrMalformed)
}

func config(o backend.Options) (httpx.Config, error) {
	var s httpx.Settings
	if err := backend.Decode(httpx.Options(4), o, &s); err != nil {
		return httpx.Config{}, err
	}
	return s.Config("x", nil)
}

func TestOptions(t *testing.T) {
	c, err := config(backend.Options{"timeout": "2s", "retries": 0, "rps": "2.5", "burst": 3, "concurrency": "8"})
	require.NoError(t, err)
	assert.Equal(t, 1, c.MaxTries, "retries 0: one attempt")
	assert.Equal(t, 2*time.Second, c.Timeout)
	assert.InDelta(t, 2.5, c.RPS, 1e-9)
	assert.Equal(t, 3, c.Burst)
	assert.Equal(t, 8, c.Concurrency)
	c, err = config(backend.Options{"timeout": 5})
	require.NoError(t, err)
	assert.Equal(t, 5*time.Second, c.Timeout, "a number is seconds")
	assert.Equal(t, 5, c.MaxTries, "the declared default: 4 retries")
	assert.Equal(t, 60*time.Second, c.MaxRetryAfter)
	for _, bad := range []backend.Options{{"timeout": "x"}, {"retries": -1}, {"rps": "fast"}, {"concurrency": 1.5}, {"retrys": 2}} {
		_, err := config(bad)
		assert.Error(t, err, "%v", bad)
	}
}

func TestKeyFromEnv(t *testing.T) {
	t.Setenv("X_KEY_A", "")
	t.Setenv("X_KEY_B", "b")
	assert.Equal(t, "b", httpx.Key("", "X_KEY_A", "X_KEY_B"))
	assert.Equal(t, "o", httpx.Key("o", "X_KEY_B"))
}

func TestRateLimitAndConcurrency(t *testing.T) {
	var inFlight, peak, n atomic.Int64
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		cur := inFlight.Add(1)
		for {
			p := peak.Load()
			if cur <= p || peak.CompareAndSwap(p, cur) {
				break
			}
		}
		<-release
		inFlight.Add(-1)
	}))
	defer srv.Close()

	// Concurrency: six requests, at most two at the server at once.
	c := httpx.New(httpx.Config{Concurrency: 2})
	errs := make(chan error, 6)
	for range 6 {
		go func() { errs <- c.Do(context.Background(), httpx.Request{Method: "GET", URL: srv.URL}) }()
	}
	for n.Load() < 2 {
		runtime.Gosched()
	}
	close(release)
	for range 6 {
		require.NoError(t, <-errs)
	}
	assert.EqualValues(t, 2, peak.Load())

	// Token bucket: one token, refilled once an hour; the second request
	// cannot get one before its deadline.
	c = httpx.New(httpx.Config{RPS: 1.0 / 3600, Burst: 1})
	require.NoError(t, c.Do(context.Background(), httpx.Request{Method: "GET", URL: srv.URL}))
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	err := c.Do(ctx, httpx.Request{Method: "GET", URL: srv.URL})
	require.Error(t, err)
	assert.EqualValues(t, 7, n.Load(), "the limited request never reached the server")
}

// With a debug logger, the client logs every request, every retry and
// every wait for the rate limit; never a key, never a URL's password.
func TestDebugLog(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "slow down, sk-secret-1", http.StatusTooManyRequests)
			return
		}
		_, _ = w.Write([]byte("ok"))
	}))
	defer srv.Close()
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := httpx.New(httpx.Config{Name: "x", RPS: 50, Burst: 1, InitialInterval: time.Millisecond, Secrets: []string{"sk-secret-1"}, Logger: log})
	u := strings.Replace(srv.URL, "http://", "http://bob:PASSWORD@", 1)
	for range 2 {
		require.NoError(t, c.Do(context.Background(), httpx.Request{Method: "POST", URL: u}))
	}
	out := logs.String()
	assert.Equal(t, 3, strings.Count(out, "msg=request "), out)
	assert.Contains(t, out, "status=429")
	assert.Contains(t, out, "msg=retrying")
	assert.Contains(t, out, "msg=\"waited for the rate limit")
	assert.Contains(t, out, "engine=x")
	assert.Contains(t, out, "bob:xxxxx@")
	assert.NotContains(t, out, "PASSWORD")
	assert.NotContains(t, out, "sk-secret-1")
}
