package pgstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/jackc/pgx/v5"

	"github.com/locpipe/locpipe/pipeline/memory"
)

// best returns the best stored entry for k, ranked as the embedded store
// ranks.
func (s *Store) best(ctx context.Context, a keyArgs) (memory.Entry, bool, error) {
	rows, err := s.pool.Query(ctx, sqlCandidates, a.hash)
	if err != nil {
		return memory.Entry{}, false, err
	}
	defer rows.Close()
	var best candidate
	bestScore := -1
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.sourceLang, &c.targetLang, &c.origin, &c.engine, &c.terms, &c.ctx, &c.target, &c.changed); err != nil {
			return memory.Entry{}, false, err
		}
		sc, ok := c.score(a)
		if !ok {
			continue
		}
		if sc > bestScore || (sc == bestScore && c.changed.After(best.changed)) {
			best, bestScore = c, sc
		}
	}
	if err := rows.Err(); err != nil {
		return memory.Entry{}, false, err
	}
	if bestScore < 0 {
		return memory.Entry{}, false, nil
	}
	return memory.Entry{Target: best.target, Origin: best.origin}, true, nil
}

// claimState is a read of a key's claim.
type claimState struct {
	owner     *string
	claimedAt time.Time
	done      bool
	stale     bool
}

// Lookup returns the best stored translation of k, as the embedded store
// does: a human one if any, whatever the engine, else a machine one of the
// same engine and settings, sent the same terms; among those, one seen between the
// same neighbours first, then the exact language tags, then the newest.
//
// On a miss it claims k's sentence for the caller, who is expected to
// translate it and Store the translation (or Release k). When another
// owner holds the claim, Lookup waits until that owner stores it (a hit),
// gives it up or goes silent (a miss, and the claim passes to the caller),
// or ctx ends (ctx's error).
func (s *Store) Lookup(ctx context.Context, k memory.Key) (memory.Entry, bool, error) {
	a := newKeyArgs(k)
	fail := func(op string, err error) (memory.Entry, bool, error) {
		return memory.Entry{}, false, s.wrap(fmt.Sprintf("%s %s→%s %q", op, k.SourceLang, k.TargetLang, clip(a.src)), err)
	}
	keyArgs := []any{a.claim, k.SourceLang, k.TargetLang, k.Engine}
	var (
		w       *wait
		waited  bool
		sawDone bool
		bo      = &backoff.ExponentialBackOff{InitialInterval: 5 * time.Millisecond, RandomizationFactor: 0.5, Multiplier: 1.6, MaxInterval: s.opts.MaxPoll}
	)
	defer func() { w.end(s) }()
	for {
		e, ok, err := s.best(ctx, a)
		if err != nil {
			return fail("look up", err)
		}
		if ok {
			if waited {
				s.waitHits.Add(1)
			}
			return e, true, nil
		}
		tag, err := s.pool.Exec(ctx, sqlClaim, append(keyArgs, s.owner)...)
		if err != nil {
			return fail("claim", err)
		}
		if tag.RowsAffected() == 1 {
			s.claims.Add(1)
			return memory.Entry{}, false, nil
		}
		var c claimState
		err = s.pool.QueryRow(ctx, sqlClaimState, append(keyArgs, s.opts.Lease.Milliseconds(), s.opts.ClaimTTL.Milliseconds())...).
			Scan(&c.owner, &c.claimedAt, &c.done, &c.stale)
		if errors.Is(err, pgx.ErrNoRows) {
			continue // released since: claim it
		}
		if err != nil {
			return fail("read claim", err)
		}
		if c.owner != nil && *c.owner == s.owner && !c.done {
			// Ours already: the pipeline is asking again for a sentence it
			// is about to translate (a repeat in the same file, or another
			// file in flight). Waiting for ourselves would never end.
			return memory.Entry{}, false, nil
		}
		if c.done && !sawDone {
			// Stored since the entry query: read it.
			sawDone = true
			continue
		}
		if c.done || c.stale {
			// Done though its entry is not there (deleted), or stale:
			// take it over.
			tag, err := s.pool.Exec(ctx, sqlTakeover, append(keyArgs, s.owner, c.owner, c.claimedAt, c.done)...)
			if err != nil {
				return fail("take over", err)
			}
			if tag.RowsAffected() == 1 {
				if !c.done {
					s.takeovers.Add(1)
					s.log.Debug("took over a stale claim", "from", deref(c.owner), "source", clip(a.src))
				}
				return memory.Entry{}, false, nil
			}
			continue
		}
		// A live owner is translating it: wait, unless that would close a
		// cycle of owners waiting for each other.
		holder := deref(c.owner)
		if w == nil || w.holder != holder {
			w.end(s)
			w = nil
			nw, cycle, err := s.startWait(ctx, holder)
			if err != nil {
				return fail("wait", err)
			}
			if cycle {
				s.cycles.Add(1)
				s.log.Debug("not waiting: it would close a cycle", "holder", holder, "source", clip(a.src))
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

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
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
