package apertium

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/httpx"
)

// recorder is the queue's sender: it records each request's segment IDs,
// holds the first request until release is closed, and answers each
// segment with its ID upper-cased.
type recorder struct {
	mu      sync.Mutex
	calls   [][]string
	started chan struct{}
	release chan struct{}
	tooBig  int // requests of more segments than this are refused
}

func newRecorder() *recorder {
	return &recorder{started: make(chan struct{}, 16), release: make(chan struct{})}
}

func (r *recorder) send(ctx context.Context, mode string, _ bool, segs []backend.Segment) ([]backend.Translation, error) {
	r.mu.Lock()
	var ids []string
	for _, s := range segs {
		ids = append(ids, mode+":"+s.ID)
	}
	r.calls = append(r.calls, ids)
	first := len(r.calls) == 1
	r.mu.Unlock()
	r.started <- struct{}{}
	if first {
		select {
		case <-r.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if r.tooBig > 0 && len(segs) > r.tooBig {
		return nil, fmt.Errorf("status 413: %w", httpx.ErrTooLarge)
	}
	out := make([]backend.Translation, len(segs))
	for i, s := range segs {
		out[i].Text = strings.ToUpper(s.ID)
	}
	return out, nil
}

func segs(ids ...string) []backend.Segment {
	out := make([]backend.Segment, len(ids))
	for i, id := range ids {
		out[i] = backend.Segment{ID: id, Text: id}
	}
	return out
}

type result struct {
	res []backend.Translation
	err error
}

// enqueue starts one do call and waits until it is in flight or waiting.
func enqueue(ctx context.Context, q *apyQueue, mode string, ss []backend.Segment, size int) chan result {
	ch := make(chan result, 1)
	go func() {
		res, err := q.do(ctx, mode, true, ss, size)
		ch <- result{res, err}
	}()
	for {
		q.mu.Lock()
		n := q.inflight + len(q.waiting)
		q.mu.Unlock()
		if n > 0 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	return ch
}

func waitWaiting(q *apyQueue, n int) {
	for {
		q.mu.Lock()
		w := len(q.waiting)
		q.mu.Unlock()
		if w >= n {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

func texts(res []backend.Translation) []string {
	var out []string
	for _, r := range res {
		out = append(out, r.Text)
	}
	return out
}

// TestAPyQueueMerges: chunks that wait for the one request in flight go
// together in the next, up to maxBytes and by mode, and each caller gets
// its own translations.
func TestAPyQueueMerges(t *testing.T) {
	rec := newRecorder()
	q := &apyQueue{limit: 1, maxBytes: 10, send: rec.send}
	ctx := context.Background()
	first := enqueue(ctx, q, "eng-spa", segs("a"), 1)
	<-rec.started
	var later []chan result
	for _, c := range []struct {
		mode string
		ids  []string
		size int
	}{
		{"eng-spa", []string{"b1", "b2"}, 4},
		{"eng-cat", []string{"c"}, 1},
		{"eng-spa", []string{"d"}, 4},
		{"eng-spa", []string{"e"}, 4}, // past maxBytes with b and d
	} {
		ch := make(chan result, 1)
		go func() {
			res, err := q.do(ctx, c.mode, true, segs(c.ids...), c.size)
			ch <- result{res, err}
		}()
		later = append(later, ch)
		waitWaiting(q, len(later))
	}
	close(rec.release)
	r := <-first
	require.NoError(t, r.err)
	assert.Equal(t, []string{"A"}, texts(r.res))
	r = <-later[0]
	require.NoError(t, r.err)
	assert.Equal(t, []string{"B1", "B2"}, texts(r.res))
	for i, want := range [][]string{{"C"}, {"D"}, {"E"}} {
		r := <-later[i+1]
		require.NoError(t, r.err)
		assert.Equal(t, want, texts(r.res))
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	assert.Equal(t, [][]string{
		{"eng-spa:a"},
		{"eng-spa:b1", "eng-spa:b2", "eng-spa:d"},
		{"eng-cat:c"},
		{"eng-spa:e"},
	}, rec.calls)
	assert.Eventually(t, func() bool {
		q.mu.Lock()
		defer q.mu.Unlock()
		return q.inflight == 0 && len(q.waiting) == 0
	}, 5*time.Second, time.Millisecond, "the queue drains")
}

// TestAPyQueueCancel: a waiting caller whose context ends gets its error
// at once and its chunk is never sent.
func TestAPyQueueCancel(t *testing.T) {
	rec := newRecorder()
	q := &apyQueue{limit: 1, maxBytes: 100, send: rec.send}
	first := enqueue(context.Background(), q, "eng-spa", segs("a"), 1)
	<-rec.started
	ctx, cancel := context.WithCancel(context.Background())
	gone := make(chan result, 1)
	go func() {
		res, err := q.do(ctx, "eng-spa", true, segs("b"), 1)
		gone <- result{res, err}
	}()
	waitWaiting(q, 1)
	cancel()
	r := <-gone
	assert.ErrorIs(t, r.err, context.Canceled)
	close(rec.release)
	require.NoError(t, (<-first).err)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	assert.Equal(t, [][]string{{"eng-spa:a"}}, rec.calls)
}

// TestAPyQueueTooLarge: a merged request refused as too large is sent
// again chunk by chunk, as the chunks came.
func TestAPyQueueTooLarge(t *testing.T) {
	rec := newRecorder()
	rec.tooBig = 1
	q := &apyQueue{limit: 1, maxBytes: 100, send: rec.send}
	ctx := context.Background()
	first := enqueue(ctx, q, "eng-spa", segs("a"), 1)
	<-rec.started
	var later []chan result
	for _, id := range []string{"b", "c"} {
		ch := make(chan result, 1)
		go func() {
			res, err := q.do(ctx, "eng-spa", true, segs(id), 1)
			ch <- result{res, err}
		}()
		later = append(later, ch)
		waitWaiting(q, len(later))
	}
	close(rec.release)
	require.NoError(t, (<-first).err)
	for i, want := range []string{"B", "C"} {
		r := <-later[i]
		require.NoError(t, r.err)
		assert.Equal(t, []string{want}, texts(r.res))
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	assert.Equal(t, [][]string{{"eng-spa:a"}, {"eng-spa:b", "eng-spa:c"}, {"eng-spa:b"}, {"eng-spa:c"}}, rec.calls)
}
