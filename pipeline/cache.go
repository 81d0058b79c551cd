package pipeline

import (
	"strings"
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
type runCache struct {
	mu        sync.Mutex
	half      int
	cur, prev map[string]memory.Entry
}

func newRunCache(capacity int) *runCache {
	if capacity < 2 {
		capacity = 2
	}
	return &runCache{half: capacity / 2, cur: map[string]memory.Entry{}, prev: map[string]memory.Entry{}}
}

func cacheKey(k memory.Key) string {
	return strings.Join([]string{memory.Normalize(k.Source), k.SourceLang, k.TargetLang, k.Engine, k.Glossary}, "\x00")
}

func (c *runCache) lookup(k memory.Key) (memory.Entry, bool) {
	key := cacheKey(k)
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.cur[key]; ok {
		return e, true
	}
	if e, ok := c.prev[key]; ok {
		c.putLocked(key, e) // promote
		return e, true
	}
	return memory.Entry{}, false
}

func (c *runCache) store(k memory.Key, e memory.Entry) {
	key := cacheKey(k)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(key, e)
}

func (c *runCache) putLocked(key string, e memory.Entry) {
	if len(c.cur) >= c.half {
		c.prev, c.cur = c.cur, make(map[string]memory.Entry, c.half)
	}
	c.cur[key] = e
}
