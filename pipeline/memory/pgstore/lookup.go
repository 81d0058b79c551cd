package pgstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/cenkalti/backoff/v5"

	"github.com/locpipe/locpipe/pipeline/memory"
)

// probe is one read of a key's rows.
type probe struct {
	human     *string
	found     bool // a machine row (entry or claim) exists
	target    *string
	origin    *string
	owner     *string
	claimedAt *time.Time
	stale     bool
}

func (s *Store) probe(ctx context.Context, a keyArgs) (probe, error) {
	var p probe
	err := s.pool.QueryRow(ctx, sqlProbe, a.hash, a.k.SourceLang, a.k.TargetLang, a.k.Engine, a.k.Glossary,
		s.opts.Lease.Milliseconds(), s.opts.ClaimTTL.Milliseconds()).
		Scan(&p.human, &p.found, &p.target, &p.origin, &p.owner, &p.claimedAt, &p.stale)
	return p, err
}

// Lookup returns the stored translation of k: a human entry for k's
// sentence and language pair, else a machine entry for the same engine and
// glossary. On a miss it claims k for the caller, who is expected to
// translate it and Store the translation (or Release k). When another
// owner holds the claim, Lookup waits until that owner stores it (a hit),
// gives it up or goes silent (a miss, and the claim passes to the caller),
// or ctx ends (ctx's error).
func (s *Store) Lookup(ctx context.Context, k memory.Key) (memory.Entry, bool, error) {
	a := newKeyArgs(k)
	fail := func(op string, err error) (memory.Entry, bool, error) {
		return memory.Entry{}, false, s.wrap(fmt.Sprintf("%s %s→%s %q", op, k.SourceLang, k.TargetLang, clip(a.src)), err)
	}
	var (
		w      *wait
		waited bool
		bo     = &backoff.ExponentialBackOff{InitialInterval: 5 * time.Millisecond, RandomizationFactor: 0.5, Multiplier: 1.6, MaxInterval: s.opts.MaxPoll}
	)
	defer func() { w.end(s) }()
	for {
		p, err := s.probe(ctx, a)
		if err != nil {
			return fail("look up", err)
		}
		switch {
		case p.human != nil:
			if waited {
				s.waitHits.Add(1)
			}
			return memory.Entry{Target: *p.human, Origin: OriginHuman}, true, nil
		case p.found && p.target != nil:
			if waited {
				s.waitHits.Add(1)
			}
			e := memory.Entry{Target: *p.target, Origin: "machine"}
			if p.origin != nil {
				e.Origin = *p.origin
			}
			return e, true, nil
		case !p.found:
			tag, err := s.pool.Exec(ctx, sqlClaim, a.hash, k.SourceLang, k.TargetLang, k.Engine, k.Glossary, a.src, s.owner)
			if err != nil {
				return fail("claim", err)
			}
			if tag.RowsAffected() == 1 {
				s.claims.Add(1)
				return memory.Entry{}, false, nil
			}
			continue // someone else claimed it first: read their row
		case p.owner == nil || *p.owner == s.owner:
			// Ours already: the pipeline is asking again for a sentence it
			// is about to translate (a repeat in the same file, or another
			// file in flight). Waiting for ourselves would never end.
			return memory.Entry{}, false, nil
		case p.stale:
			tag, err := s.pool.Exec(ctx, sqlTakeover, a.hash, k.SourceLang, k.TargetLang, k.Engine, k.Glossary, s.owner, *p.owner, *p.claimedAt)
			if err != nil {
				return fail("take over", err)
			}
			if tag.RowsAffected() == 1 {
				s.takeovers.Add(1)
				s.log.Debug("took over a stale claim", "from", *p.owner, "source", clip(a.src))
				return memory.Entry{}, false, nil
			}
			continue
		}
		// A live owner is translating it: wait, unless that would close a
		// cycle of owners waiting for each other.
		if w == nil || w.holder != *p.owner {
			w.end(s)
			w = nil
			nw, cycle, err := s.startWait(ctx, *p.owner)
			if err != nil {
				return fail("wait", err)
			}
			if cycle {
				s.cycles.Add(1)
				s.log.Debug("not waiting: it would close a cycle", "holder", *p.owner, "source", clip(a.src))
				return memory.Entry{}, false, nil
			}
			w = nw
			if !waited {
				waited = true
				s.waits.Add(1)
			}
		}
		t := time.NewTimer(bo.NextBackOff())
		select {
		case <-ctx.Done():
			t.Stop()
			return memory.Entry{}, false, ctx.Err()
		case <-t.C:
		}
	}
}

// wait is a recorded wait-for edge: this Store waits for holder.
type wait struct {
	token, holder string
}

// startWait records that this Store waits for holder, then reports
// whether holder (transitively) waits for this Store. The edge is written
// before the cycle is looked for, so that of two owners closing a cycle at
// the same moment at least one sees it.
func (s *Store) startWait(ctx context.Context, holder string) (*wait, bool, error) {
	var b [12]byte
	_, _ = rand.Read(b[:])
	w := &wait{token: hex.EncodeToString(b[:]), holder: holder}
	if _, err := s.pool.Exec(ctx, sqlWaitStart, w.token, s.owner, holder); err != nil {
		return nil, false, err
	}
	var cycle bool
	if err := s.pool.QueryRow(ctx, sqlWaitCycle, holder, s.owner, s.opts.Lease.Milliseconds()).Scan(&cycle); err != nil {
		w.end(s)
		return nil, false, err
	}
	if cycle {
		w.end(s)
		return nil, true, nil
	}
	return w, false, nil
}

// end removes the wait-for edge; it runs even when the caller's context
// has ended.
func (w *wait) end(s *Store) {
	if w == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := s.pool.Exec(ctx, sqlWaitEnd, w.token); err != nil {
		s.log.Warn("translation memory: could not remove a wait record", "error", s.wrap("end wait", err))
	}
}
