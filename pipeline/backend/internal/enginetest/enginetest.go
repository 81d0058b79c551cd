package enginetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/placeholder"
)

// Fault is what the injector does to one request.
type Fault int

// Faults.
const (
	Pass        Fault = iota
	TooMany           // 429 with Retry-After: 0
	ServerErr         // 500
	Unavailable       // 503 with Retry-After as an HTTP date
	Hang              // no answer until the client gives up
	Reset             // connection closed without a reply
	Malformed         // 200 with a body that is not the engine's reply
)

// Injector wraps an engine's handler: request n gets Script[n-1] (then
// Pass); a request whose body holds "POISON" always gets a 500.
type Injector struct {
	Script []Fault
	// ErrorBody writes the engine's documented error body for status.
	ErrorBody func(w http.ResponseWriter, status int, msg string)

	mu       sync.Mutex
	n        int
	requests atomic.Int64
	faults   atomic.Int64
}

// Requests is the number of requests the server received.
func (in *Injector) Requests() int { return int(in.requests.Load()) }

// Wrap returns h behind the injector.
func (in *Injector) Wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in.requests.Add(1)
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		in.mu.Lock()
		f := Pass
		if in.n < len(in.Script) {
			f = in.Script[in.n]
		}
		in.n++
		in.mu.Unlock()
		if bytes.Contains(body, []byte("POISON")) {
			in.errorBody(w, http.StatusInternalServerError, "internal error (poisoned input) for "+KeyEcho(Secret))
			return
		}
		if f != Pass {
			in.faults.Add(1)
		}
		switch f {
		case TooMany:
			w.Header().Set("Retry-After", "0")
			in.errorBody(w, http.StatusTooManyRequests, "too many requests")
		case ServerErr:
			in.errorBody(w, http.StatusInternalServerError, "internal server error")
		case Unavailable:
			w.Header().Set("Retry-After", time.Now().UTC().Format(http.TimeFormat))
			in.errorBody(w, http.StatusServiceUnavailable, "overloaded")
		case Hang:
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		case Reset:
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, err := hj.Hijack(); err == nil {
					c.Close()
					return
				}
			}
			panic(http.ErrAbortHandler)
		case Malformed:
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"oops": [1, 2,`)
		default:
			h.ServeHTTP(w, r)
		}
	})
}

func (in *Injector) errorBody(w http.ResponseWriter, status int, msg string) {
	if in.ErrorBody != nil {
		in.ErrorBody(w, status, msg)
		return
	}
	http.Error(w, msg, status)
}

var (
	keepRE = regexp.MustCompile(`</?[xp]\b[^>]*>|&[#a-zA-Z0-9]+;|⟦[^⟧]*⟧`)
	dropRE = regexp.MustCompile(`<x[^>]*/>|<x[^>]*></x>|⟦[^⟧]*⟧`)
)

// Translate is the fake servers' "translation": letters upper-cased, tags,
// entities and ⟦tokens⟧ kept — except in a text holding "DROPTAG", whose
// placeholders the fake engine loses.
func Translate(s string) string {
	if strings.Contains(s, "DROPTAG") {
		s = dropRE.ReplaceAllString(s, "")
	}
	var b strings.Builder
	last := 0
	for _, m := range keepRE.FindAllStringIndex(s, -1) {
		b.WriteString(strings.ToUpper(s[last:m[0]]))
		b.WriteString(s[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(strings.ToUpper(s[last:]))
	return b.String()
}

// Secret is the API key the suite configures; it must never show.
const Secret = "sk-locpipe-SECRET-0123456789"

// Setup starts the engine's test server behind inj and returns an engine
// talking to it, configured with api_key Secret, timeout 300ms, backoff
// 5ms, retries 6 (so that the six faults of the suite, wherever they
// fall, leave a last attempt), max_segments 7 and the given logger.
type Setup func(t *testing.T, inj *Injector, log *slog.Logger) backend.Translator

var (
	c0 = string(placeholder.Rune(placeholder.Code, 0))
	c1 = string(placeholder.Rune(placeholder.Code, 1))
	t0 = string(placeholder.Rune(placeholder.Term, 0))
)

func segments(n int) []backend.Segment {
	segs := make([]backend.Segment, n)
	for i := range segs {
		segs[i] = backend.Segment{ID: fmt.Sprintf("u%d", i), Text: fmt.Sprintf("Segment %d: see %sthe news%s in %s & <more>.", i, c0, c1, t0)}
	}
	return segs
}

func want(s backend.Segment) string { return strings.ToUpper(s.Text) }

// Run runs the conformance suite of an engine that talks HTTP to the
// suite's fake server: the Contract every engine keeps, then batching,
// faults, failing segments, lost placeholders, cancellation and keys.
func Run(t *testing.T, setup Setup) {
	ctx := context.Background()
	Contract(t, Case{
		New:  func(t *testing.T) backend.Translator { return setup(t, &Injector{}, nil) },
		Want: Translate,
	})
	req := func(segs []backend.Segment) backend.Request {
		return backend.Request{Source: language.English, Target: language.Spanish, Segments: segs}
	}

	t.Run("batches in order", func(t *testing.T) {
		inj := &Injector{}
		tr := setup(t, inj, nil)
		segs := segments(40)
		res, err := tr.Translate(ctx, req(segs))
		require.NoError(t, err)
		require.Len(t, res, len(segs))
		for i, r := range res {
			require.NoError(t, r.Err)
			assert.Equal(t, want(segs[i]), r.Text, "segment %d", i)
			assert.Empty(t, r.Warnings)
		}
		assert.GreaterOrEqual(t, inj.Requests(), 6, "40 segments at 7 a request")
		res, err = tr.Translate(ctx, req(nil))
		require.NoError(t, err)
		assert.Empty(t, res)
	})

	t.Run("survives faults", func(t *testing.T) {
		inj := &Injector{Script: []Fault{TooMany, ServerErr, Hang, Malformed, Unavailable, Reset}}
		tr := setup(t, inj, nil)
		segs := segments(12)
		res, err := tr.Translate(ctx, req(segs))
		require.NoError(t, err)
		for i, r := range res {
			require.NoError(t, r.Err, "segment %d", i)
			assert.Equal(t, want(segs[i]), r.Text)
		}
		assert.EqualValues(t, 6, inj.faults.Load(), "every fault was met")
	})

	t.Run("reports segments that keep failing", func(t *testing.T) {
		inj := &Injector{}
		tr := setup(t, inj, nil)
		segs := segments(14) // two requests of 7
		segs[9].Text = "POISON " + segs[9].Text
		res, err := tr.Translate(ctx, req(segs))
		require.NoError(t, err, "one failed chunk is per-segment errors, not a failed batch")
		for i, r := range res {
			if i < 7 {
				require.NoError(t, r.Err, "segment %d", i)
				assert.Equal(t, want(segs[i]), r.Text)
				continue
			}
			require.Error(t, r.Err, "segment %d", i)
			assert.Contains(t, r.Err.Error(), segs[i].ID, "the error names the segment")
			assert.Contains(t, r.Err.Error(), "500")
		}
	})

	t.Run("repairs lost placeholders", func(t *testing.T) {
		inj := &Injector{}
		tr := setup(t, inj, nil)
		segs := segments(2)
		segs[1].Text = "DROPTAG " + segs[1].Text
		res, err := tr.Translate(ctx, req(segs))
		require.NoError(t, err)
		require.NoError(t, res[1].Err)
		lost, extra := placeholder.Check(segs[1].Text, res[1].Text)
		assert.Empty(t, lost, "%q", res[1].Text)
		assert.Empty(t, extra)
		// One warning per repaired placeholder (an engine may protect more
		// of the text, "&" and "<", as codes of its own: those repairs too).
		for _, ph := range []string{"inline code 0", "inline code 1", "protected term 0"} {
			n := 0
			for _, w := range res[1].Warnings {
				if strings.Contains(w, ph+" ") {
					n++
				}
			}
			assert.Equal(t, 1, n, "one warning for %s: %q", ph, res[1].Warnings)
		}
		assert.Empty(t, res[0].Warnings)
	})

	t.Run("cancellation", func(t *testing.T) {
		inj := &Injector{Script: []Fault{Hang, Hang, Hang, Hang, Hang, Hang}}
		tr := setup(t, inj, nil)
		cctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := tr.Translate(cctx, req(segments(3)))
		require.Error(t, err)
		assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
		assert.Less(t, time.Since(start), 2*time.Second)
	})

	t.Run("keys never shown", func(t *testing.T) {
		var logs bytes.Buffer
		log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		inj := &Injector{Script: []Fault{ServerErr}}
		tr := setup(t, inj, log)
		segs := segments(1)
		segs[0].Text = "POISON"
		res, err := tr.Translate(ctx, req(segs))
		require.NoError(t, err)
		require.Error(t, res[0].Err)
		assert.NotContains(t, res[0].Err.Error(), Secret)
		assert.NotContains(t, logs.String(), Secret)
		assert.NotEmpty(t, logs.String(), "retries are logged")
		if p, ok := tr.(backend.Pinger); ok {
			assert.NoError(t, p.Ping(ctx))
		}
	})
}

// KeyEcho writes an error body that quotes the key, as careless servers
// do; the engine must scrub it. Engines' fake servers answer a request with
// a wrong key with it.
func KeyEcho(key string) string { return "invalid API key " + key }
