package pipeline

import (
	"context"
	"sync"

	"github.com/locpipe/locpipe/pipeline/memory"
)

// DefaultRunCache is how many translations a run keeps at hand so that a
// sentence repeated across nearby files goes to the engine once, even with
// no persistent memory.
const DefaultRunCache = 4096

// runCache is a bounded, approximately least-recently-used map: two
// generations, the older dropped whole when the newer fills up. Memory stays
// flat however large the corpus, and lookups and stores cost one or two map
// operations. It is safe for concurrent use.
//
// It also knows which sentences a file is sending to the engine right now
// (flights), so that another file waits for that translation instead of
// sending the sentence again.
type runCache struct {
	mu        sync.Mutex
	half      int
	cur, prev map[string]memory.Entry
	flights   map[string]*flight
}

// flight is a sentence being translated by one file of the run.
type flight struct {
	key  string
	done chan struct{}
	once sync.Once
}

func newRunCache(capacity int) *runCache {
	if capacity < 2 {
		capacity = 2
	}
	return &runCache{half: capacity / 2, cur: map[string]memory.Entry{}, prev: map[string]memory.Entry{}, flights: map[string]*flight{}}
}

// lookupOrClaim returns the cached translation of k; or, when another file
// is translating it, that file's flight (owner false); or else a new flight
// the caller owns and must release.
func (c *runCache) lookupOrClaim(k memory.Key) (e memory.Entry, ok bool, f *flight, owner bool) {
	key := cacheKey(k)
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.getLocked(key); ok {
		return e, true, nil, false
	}
	if f, busy := c.flights[key]; busy {
		return memory.Entry{}, false, f, false
	}
	f = &flight{key: key, done: make(chan struct{})}
	c.flights[key] = f
	return memory.Entry{}, false, f, true
}

// release ends a flight, storing its translation when there is one (nil:
// it failed, and waiters must translate the sentence themselves). Releasing
// twice is harmless.
func (c *runCache) release(f *flight, e *memory.Entry) {
	f.once.Do(func() {
		c.mu.Lock()
		if e != nil {
			c.putLocked(f.key, *e)
		}
		delete(c.flights, f.key)
		c.mu.Unlock()
		close(f.done)
	})
}

// wait waits until no file is translating k any more and returns its
// translation if one was stored.
func (c *runCache) wait(ctx context.Context, k memory.Key) (memory.Entry, bool, error) {
	key := cacheKey(k)
	for {
		c.mu.Lock()
		if e, ok := c.getLocked(key); ok {
			c.mu.Unlock()
			return e, true, nil
		}
		f, busy := c.flights[key]
		c.mu.Unlock()
		if !busy {
			return memory.Entry{}, false, nil
		}
		select {
		case <-f.done:
		case <-ctx.Done():
			return memory.Entry{}, false, ctx.Err()
		}
	}
}

func (c *runCache) getLocked(key string) (memory.Entry, bool) {
	if e, ok := c.cur[key]; ok {
		return e, true
	}
	if e, ok := c.prev[key]; ok {
		c.putLocked(key, e) // promote
		return e, true
	}
	return memory.Entry{}, false
}

func cacheKey(k memory.Key) string { return memory.ExactKey(k) }

func (c *runCache) putLocked(key string, e memory.Entry) {
	if len(c.cur) >= c.half {
		c.prev, c.cur = c.cur, make(map[string]memory.Entry, c.half)
	}
	c.cur[key] = e
}
