package apertium

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/httpx"
)

// APy serializes the requests of a language pair through the pair's one
// pipeline, and each request costs two processes (its deformatter and
// reformatter) besides its text: a run of many small files pays that per
// file. apyQueue sends a chunk at once while fewer than limit requests are
// in flight; chunks that arrive meanwhile (other files' batches) wait, and
// the next free request takes all the waiting chunks of one mode it can,
// up to maxBytes, as one request.
type apyQueue struct {
	limit    int
	maxBytes int
	send     func(ctx context.Context, mode string, english bool, segs []backend.Segment) ([]backend.Translation, error)

	mu       sync.Mutex
	inflight int
	waiting  []*apyJob
}

// apyJob is one chunk of one Translate call.
type apyJob struct {
	ctx     context.Context
	mode    string
	english bool
	segs    []backend.Segment
	size    int
	done    chan struct{}
	res     []backend.Translation
	err     error
}

// do translates segs (size bytes, as batch.Chunks counted them), alone or
// with other waiting chunks of the same mode.
func (q *apyQueue) do(ctx context.Context, mode string, english bool, segs []backend.Segment, size int) ([]backend.Translation, error) {
	j := &apyJob{ctx: ctx, mode: mode, english: english, segs: segs, size: size, done: make(chan struct{})}
	q.mu.Lock()
	if q.inflight < max(q.limit, 1) {
		q.inflight++
		q.mu.Unlock()
		go q.serve([]*apyJob{j})
	} else {
		q.waiting = append(q.waiting, j)
		q.mu.Unlock()
	}
	select {
	case <-j.done:
		return j.res, j.err
	case <-ctx.Done():
		// A request that holds the chunk is cancelled with the last of
		// its chunks' contexts; one that has not taken it skips it.
		return nil, context.Cause(ctx)
	}
}

// serve sends jobs as one request, then the waiting chunks, until none is
// left.
func (q *apyQueue) serve(jobs []*apyJob) {
	for len(jobs) > 0 {
		q.run(jobs)
		q.mu.Lock()
		jobs = q.take()
		if len(jobs) == 0 {
			q.inflight--
		}
		q.mu.Unlock()
	}
}

// take removes from the waiting list the chunks of the next request: the
// first live chunk and those after it of the same mode that fit in
// maxBytes with it. The caller holds q.mu.
func (q *apyQueue) take() []*apyJob {
	var jobs []*apyJob
	rest := q.waiting[:0]
	n := 0
	for _, j := range q.waiting {
		switch {
		case j.ctx.Err() != nil:
			continue // its caller has gone
		case len(jobs) == 0 || j.mode == jobs[0].mode && j.english == jobs[0].english && n+j.size <= q.maxBytes:
			jobs = append(jobs, j)
			n += j.size
		default:
			rest = append(rest, j)
		}
	}
	clear(q.waiting[len(rest):])
	q.waiting = rest
	return jobs
}

// run sends jobs as one request and hands each its translations.
func (q *apyQueue) run(jobs []*apyJob) {
	var segs []backend.Segment
	for _, j := range jobs {
		segs = append(segs, j.segs...)
	}
	ctx, stop := jointContext(jobs)
	res, err := q.send(ctx, jobs[0].mode, jobs[0].english, segs)
	stop()
	if err == nil && len(res) != len(segs) {
		err = fmt.Errorf("apertium APy: %d translations for %d segments", len(res), len(segs))
	}
	if errors.Is(err, httpx.ErrTooLarge) && len(jobs) > 1 {
		// Refused as too large: each chunk alone, as it came (batch.Run
		// halves what is still too large).
		for _, j := range jobs {
			q.run([]*apyJob{j})
		}
		return
	}
	at := 0
	for _, j := range jobs {
		if err != nil {
			j.err = err
		} else {
			j.res = res[at : at+len(j.segs) : at+len(j.segs)]
		}
		at += len(j.segs)
		close(j.done)
	}
}

// jointContext is cancelled when every job's context is; it carries the
// values of the first.
func jointContext(jobs []*apyJob) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(jobs[0].ctx))
	var left atomic.Int32
	left.Store(int32(len(jobs)))
	stops := make([]func() bool, len(jobs))
	for i, j := range jobs {
		stops[i] = context.AfterFunc(j.ctx, func() {
			if left.Add(-1) == 0 {
				cancel()
			}
		})
	}
	return ctx, func() {
		for _, s := range stops {
			s()
		}
		cancel()
	}
}
