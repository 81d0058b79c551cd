package pgstore

import (
	"bytes"
	"time"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/memory"
)

// The ranking below mirrors the embedded store's (package memory,
// candidate.score and langScore, unexported there) so that a run gets the
// same answer from either memory. Keep the two in step.

// candidate is one stored row considered for a lookup.
type candidate struct {
	sourceLang, targetLang string
	origin, engine, gfp    string
	prevHash, nextHash     []byte
	target                 string
	changed                time.Time
}

// score ranks c for k (whose neighbours hash to prev and next); ok is false
// when c may not serve k. Human beats machine; then context (same
// neighbours), then the exact language tags; the caller breaks ties by
// recency.
func (c *candidate) score(k memory.Key, prev, next []byte) (int, bool) {
	ls := langScore(k.SourceLang, c.sourceLang)
	lt := langScore(k.TargetLang, c.targetLang)
	if ls == 0 || lt == 0 {
		return 0, false
	}
	s := 0
	if c.origin == memory.OriginHuman {
		s += 100
	} else if c.engine != k.Engine || c.gfp != k.Glossary {
		return 0, false
	}
	if bytes.Equal(prev, c.prevHash) {
		s += 10
	}
	if bytes.Equal(next, c.nextHash) {
		s += 10
	}
	return s + ls + lt, true
}

// langScore says how well a stored language tag serves a wanted one: 2 for
// the same tag, 1 when they share language and script and at most one of
// them names a region ("es" and "es-ES"), 0 otherwise ("pt-BR" and "pt-PT").
func langScore(want, have string) int {
	if want == have {
		return 2
	}
	w, err1 := language.Parse(want)
	h, err2 := language.Parse(have)
	if err1 != nil || err2 != nil {
		return 0
	}
	if w == h {
		return 2
	}
	wb, _ := w.Base()
	hb, _ := h.Base()
	if wb != hb {
		return 0
	}
	ws, wsc := w.Script()
	hs, hsc := h.Script()
	if ws != hs && wsc == language.Exact && hsc == language.Exact {
		return 0
	}
	_, wrc := w.Region()
	_, hrc := h.Region()
	if wrc == language.Exact && hrc == language.Exact {
		return 0 // two different regions
	}
	return 1
}
