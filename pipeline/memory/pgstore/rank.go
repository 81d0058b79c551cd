package pgstore

import (
	"bytes"
	"time"

	"github.com/locpipe/locpipe/pipeline/memory"
)

// Ranking is memory.Rank, the embedded store's, so that a run gets the same
// answer from either memory.

// candidate is one stored row considered for a lookup.
type candidate struct {
	sourceLang, targetLang string
	origin, engine         string
	terms, ctx             []byte
	target                 string
	changed                time.Time
}

// score ranks c for the lookup a; ok is false when c may not serve it.
func (c *candidate) score(a keyArgs) (int, bool) {
	mc := memory.Candidate{
		SourceLang: c.sourceLang, TargetLang: c.targetLang, Origin: c.origin, Engine: c.engine,
		SameTerms: bytes.Equal(c.terms, a.terms) || bytes.Equal(c.terms, memory.UnknownTerms),
	}
	if len(c.ctx) == 2*memory.ContextSize {
		mc.SamePrev = bytes.Equal(c.ctx[:memory.ContextSize], a.ctx[:memory.ContextSize])
		mc.SameNext = bytes.Equal(c.ctx[memory.ContextSize:], a.ctx[memory.ContextSize:])
	}
	return memory.Rank(a.k, mc)
}
