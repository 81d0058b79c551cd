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
	origin, engine, gfp    string
	prevHash, nextHash     []byte
	target                 string
	changed                time.Time
}

// score ranks c for k (whose neighbours hash to prev and next); ok is false
// when c may not serve k.
func (c *candidate) score(k memory.Key, prev, next []byte) (int, bool) {
	return memory.Rank(k, memory.Candidate{
		SourceLang: c.sourceLang, TargetLang: c.targetLang, Origin: c.origin, Engine: c.engine, Glossary: c.gfp,
		SamePrev: bytes.Equal(prev, c.prevHash), SameNext: bytes.Equal(next, c.nextHash),
	})
}
