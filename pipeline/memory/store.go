package memory

import (
	"time"

	"golang.org/x/text/language"
)

// Origins of an entry. A human translation (reviewed in XLIFF, or imported
// from another tool's memory) wins over a machine one and matches whatever
// engine the run uses, best between the same neighbours; a machine
// translation matches only the same engine and settings, sent the same
// terms, and is kept once per sentence (the engine saw the sentence alone).
const (
	OriginMachine = "machine"
	OriginHuman   = "human"
)

// Record is a stored translation with its key, as listed for export and
// given for import.
type Record struct {
	Key
	Entry
	Changed time.Time // when the entry was last stored (UTC)
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

// Candidate is what ranking needs to know of a stored entry considered for a
// lookup. Every store ranks with Rank, so that a run gets the same answer
// from any memory.
type Candidate struct {
	SourceLang, TargetLang string
	Origin, Engine         string
	// SameTerms: the entry's engine was sent the lookup's terms, or bare
	// placeholders (an entry migrated from schema 1, UnknownTerms).
	SameTerms          bool
	SamePrev, SameNext bool // its neighbours are those of the lookup
}

// Rank scores c for a lookup of k; ok is false when c may not serve k.
// Human beats machine (which serves only its own engine and settings, sent
// the same terms); then context (same neighbours), then the exact language
// tags; callers break ties by recency.
func Rank(k Key, c Candidate) (int, bool) {
	ls := langScore(k.SourceLang, c.SourceLang)
	lt := langScore(k.TargetLang, c.TargetLang)
	if ls == 0 || lt == 0 {
		return 0, false
	}
	s := 0
	if c.Origin == OriginHuman {
		s += 100
	} else if c.Engine != k.Engine || !c.SameTerms {
		return 0, false
	}
	if c.SamePrev {
		s += 10
	}
	if c.SameNext {
		s += 10
	}
	return s + ls + lt, true
}
