package pgstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/locpipe/locpipe/pipeline/memory"
)

// Defaults of Options.
const (
	DefaultLease    = 30 * time.Second
	DefaultClaimTTL = 2 * time.Minute
	// DefaultMaxPoll caps the interval between two polls of a waiting Lookup.
	DefaultMaxPoll = 500 * time.Millisecond
)

// Options tune a Store. The zero value is ready to use.
type Options struct {
	// Lease is how long a Store's heartbeat stays valid: the claims of an
	// owner silent for longer (a crashed shard) are taken over. Heartbeats
	// are sent every Lease/3. 0 is DefaultLease.
	Lease time.Duration
	// ClaimTTL bounds how long one claim makes others wait, even while its
	// owner is alive: a translation that failed is never stored. A claim
	// taken over from a live owner costs one duplicate engine request, no
	// more. 0 is DefaultClaimTTL.
	ClaimTTL time.Duration
	// MaxPoll caps the back-off between two polls of a waiting Lookup.
	// 0 is DefaultMaxPoll.
	MaxPoll time.Duration
	// Owner names this Store in the claims table; "" is host-pid-random.
	// Two Stores must never share an owner name.
	Owner string
	// Logger receives warnings (a failed heartbeat) and debug lines; nil
	// discards them.
	Logger *slog.Logger
}

// Stats counts what a Store's claims did, for logs and tests.
type Stats struct {
	Claims    int64 // misses this Store claimed: its caller translates them
	Waits     int64 // Lookups that waited for another owner's claim
	WaitHits  int64 // waits that ended with the other owner's translation
	Takeovers int64 // stale claims taken over
	Cycles    int64 // waits not started because they would close a cycle
}

// Store is a translation memory in PostgreSQL. It is safe for concurrent
// use by many goroutines and many processes.
type Store struct {
	pool   *pgxpool.Pool
	owner  string
	opts   Options
	secret string // the DSN's password, scrubbed from every error
	log    *slog.Logger

	stop   context.CancelFunc
	done   chan struct{}
	closed sync.Once

	claims, waits, waitHits, takeovers, cycles atomic.Int64
}

// ErrBadURL is wrapped when the connection URL cannot be used.
var ErrBadURL = errors.New("pgstore: bad connection URL")

// Open connects to the PostgreSQL at url (postgres://user@host/db?…),
// creates the tables if needed and starts the heartbeat. Close it.
func Open(ctx context.Context, url string) (*Store, error) {
	return OpenOptions(ctx, url, Options{})
}

// OpenOptions is Open with Options.
func OpenOptions(ctx context.Context, dsn string, opts Options) (*Store, error) {
	secret := password(dsn)
	if opts.Lease <= 0 {
		opts.Lease = DefaultLease
	}
	if opts.ClaimTTL <= 0 {
		opts.ClaimTTL = DefaultClaimTTL
	}
	if opts.MaxPoll <= 0 {
		opts.MaxPoll = DefaultMaxPoll
	}
	if opts.Owner == "" {
		opts.Owner = defaultOwner()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, scrub(fmt.Errorf("%w %s: %w", ErrBadURL, redactURL(dsn), err), secret)
	}
	if cfg.ConnConfig.Password != "" {
		secret = cfg.ConnConfig.Password
	}
	if _, set := cfg.ConnConfig.RuntimeParams["synchronous_commit"]; !set {
		// The memory is a cache: a server crash may lose the last moments
		// of stores (they are translated again), never consistency. Not
		// waiting for the disk on every commit makes a new sentence about
		// 5 times cheaper. ?synchronous_commit=on in the URL restores it.
		cfg.ConnConfig.RuntimeParams["synchronous_commit"] = "off"
	}
	where := fmt.Sprintf("%s@%s:%d/%s", cfg.ConnConfig.User, cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, scrub(fmt.Errorf("pgstore: connect to %s: %w", where, err), secret)
	}
	s := &Store{pool: pool, owner: opts.Owner, opts: opts, secret: secret, log: opts.Logger.With("memory", "postgres", "owner", opts.Owner)}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, s.wrap(fmt.Sprintf("create tables in %s", where), err)
	}
	if _, err := pool.Exec(ctx, sqlRegisterOwner, s.owner); err != nil {
		pool.Close()
		return nil, s.wrap(fmt.Sprintf("register owner in %s", where), err)
	}
	// Owners silent for a day crashed long ago: forget them and their
	// wait records (their pending claims are taken over when met).
	if _, err := pool.Exec(ctx, sqlForgetDead); err != nil {
		s.log.Warn("translation memory: could not forget dead owners", "error", s.wrap("clean up", err))
	}
	hctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	s.stop, s.done = stop, make(chan struct{})
	go s.heartbeat(hctx)
	return s, nil
}

// Owner is the name of this Store in the claims table.
func (s *Store) Owner() string { return s.owner }

// Stats returns the claim counters so far.
func (s *Store) Stats() Stats {
	return Stats{
		Claims:    s.claims.Load(),
		Waits:     s.waits.Load(),
		WaitHits:  s.waitHits.Load(),
		Takeovers: s.takeovers.Load(),
		Cycles:    s.cycles.Load(),
	}
}

// Close stops the heartbeat, gives up the claims this Store still holds
// (others waiting for them take them over at once) and disconnects.
func (s *Store) Close() error {
	var err error
	s.closed.Do(func() {
		s.stop()
		<-s.done
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, e := s.pool.Exec(ctx, sqlReleaseAll, s.owner); e != nil {
			err = s.wrap("release claims", e)
		}
		if _, e := s.pool.Exec(ctx, sqlUnregisterOwner, s.owner); e != nil && err == nil {
			err = s.wrap("unregister owner", e)
		}
		s.pool.Close()
	})
	return err
}

// heartbeat tells the other owners this Store is alive, every Lease/3.
func (s *Store) heartbeat(ctx context.Context) {
	defer close(s.done)
	t := time.NewTicker(s.opts.Lease / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			// An upsert, so that an owner row removed meanwhile comes back.
			if _, err := s.pool.Exec(ctx, sqlRegisterOwner, s.owner); err != nil && ctx.Err() == nil {
				s.log.Warn("translation memory heartbeat failed", "error", s.wrap("heartbeat", err))
			}
		}
	}
}

// migrate creates the tables, once, whoever else is opening at the moment.
func (s *Store) migrate(ctx context.Context) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // after Commit it is a no-op
	if _, err := tx.Exec(ctx, sqlMigrateLock); err != nil {
		return err
	}
	var v1 bool
	if err := tx.QueryRow(ctx, sqlIsSchema1).Scan(&v1); err != nil {
		return err
	}
	if v1 {
		s.log.Info("translation memory: migrating schema 1 to 2")
		for _, stmt := range migrate1 {
			if _, err := tx.Exec(ctx, stmt); err != nil {
				return fmt.Errorf("migrate schema 1: %w", err)
			}
		}
	}
	if _, err := tx.Exec(ctx, schema[0]); err != nil {
		return err
	}
	var v string
	if err := tx.QueryRow(ctx, sqlSchemaVersion).Scan(&v); err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	if v != "" && v != "2" {
		return fmt.Errorf("%w (%s)", ErrNewerSchema, v)
	}
	for _, stmt := range schema[1:] {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return err
		}
	}
	if v1 {
		for _, stmt := range migrate1Copy {
			if _, err := tx.Exec(ctx, stmt); err != nil {
				return fmt.Errorf("migrate schema 1: %w", err)
			}
		}
	}
	return tx.Commit(ctx)
}

// ErrNewerSchema is returned for a memory written by a newer locpipe.
var ErrNewerSchema = errors.New("pgstore: the memory was written by a newer locpipe (schema version above 2)")

// keyArgs are a key's digests: of the normalized source (the entry
// key), of the source with its terms (the claim key), of the terms, and of
// the normalized neighbours (the context of a human entry).
type keyArgs struct {
	src, prev, next string
	hash, claim     []byte
	terms, ctx      []byte
	k               memory.Key
}

func newKeyArgs(k memory.Key) keyArgs {
	a := keyArgs{src: memory.Normalize(k.Source), prev: memory.Normalize(k.Prev), next: memory.Normalize(k.Next), k: k}
	h := memory.SourceHash(k)
	a.hash = h[:]
	a.terms = memory.TermsHash(k.Terms)
	c := sha256.Sum256([]byte(a.src + "\x00" + memory.JoinTerms(k.Terms)))
	a.claim = c[:memory.HashSize]
	a.ctx = append(memory.ContextHash(a.prev), memory.ContextHash(a.next)...)
	return a
}

// Store records a translation of k. A human entry is stored for any engine
// and terms (those fields are cleared) and then wins over machine ones;
// a machine entry also marks k's claim done, in the same transaction, so
// that owners waiting for it find it. Storing again under the same key and
// neighbours replaces the translation.
func (s *Store) Store(ctx context.Context, k memory.Key, e memory.Entry) error {
	return s.StoreAll(ctx, []memory.Record{{Key: k, Entry: e}})
}

// StoreAll records many translations in one transaction (imports). A
// record's Changed, when set, is kept as the entry's time.
func (s *Store) StoreAll(ctx context.Context, recs []memory.Record) error {
	if len(recs) == 0 {
		return nil
	}
	args := make([]keyArgs, len(recs))
	for i, r := range recs {
		args[i] = newKeyArgs(r.Key)
		if err := validEntry(args[i], r.Entry); err != nil {
			return err
		}
	}
	argv := func(i int) []any {
		a, r := args[i], recs[i]
		k := r.Key
		engine, terms, cx := k.Engine, a.terms, []byte{}
		var termsText, prev, next *string
		if r.Origin == memory.OriginHuman {
			// Serves any engine and terms; kept per context.
			engine, terms, cx = "", []byte{}, a.ctx
			prev, next = &a.prev, &a.next
		} else if len(k.Terms) > 0 {
			t := memory.JoinTerms(k.Terms)
			termsText = &t
		}
		var changed *time.Time
		if !r.Changed.IsZero() {
			changed = &r.Changed
		}
		return []any{a.hash, k.SourceLang, k.TargetLang, r.Origin, engine, terms,
			cx, k.Source, termsText, r.Target, prev, next, changed,
			r.Origin == memory.OriginMachine, a.claim, k.Engine}
	}
	failed := func(i int, err error) error {
		k := recs[i].Key
		return s.wrap(fmt.Sprintf("store %s→%s %q", k.SourceLang, k.TargetLang, clip(args[i].src)), err)
	}
	if len(recs) == 1 {
		// One statement: atomic without a transaction, one round trip.
		if _, err := s.pool.Exec(ctx, sqlStore, argv(0)...); err != nil {
			return failed(0, err)
		}
		return nil
	}
	// Imports: one transaction, statements sent in batches (pipelined)
	// rather than one round trip each.
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return s.wrap("store", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // after Commit it is a no-op
	const chunk = 1000
	for start := 0; start < len(recs); start += chunk {
		end := min(start+chunk, len(recs))
		b := &pgx.Batch{}
		for i := start; i < end; i++ {
			b.Queue(sqlStore, argv(i)...)
		}
		br := tx.SendBatch(ctx, b)
		for i := start; i < end; i++ {
			if _, err := br.Exec(); err != nil {
				br.Close()
				return failed(i, err)
			}
		}
		if err := br.Close(); err != nil {
			return s.wrap("store", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return s.wrap("store", err)
	}
	return nil
}

// Each calls fn with every stored entry, ordered as the embedded store
// orders them (source language, sentence, target language…), until fn
// returns an error. It streams: the memory may be larger than RAM.
func (s *Store) Each(ctx context.Context, fn func(memory.Record) error) error {
	rows, err := s.pool.Query(ctx, sqlEach)
	if err != nil {
		return s.wrap("list", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r memory.Record
		var terms, prev, next *string
		if err := rows.Scan(&r.Source, &terms, &r.SourceLang, &r.TargetLang, &r.Engine, &prev, &next, &r.Origin, &r.Target, &r.Changed); err != nil {
			return s.wrap("list", err)
		}
		if terms != nil {
			r.Terms = memory.SplitTerms(*terms)
		}
		if prev != nil {
			r.Prev = *prev
		}
		if next != nil {
			r.Next = *next
		}
		r.Changed = r.Changed.UTC()
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return s.wrap("list", err)
	}
	return nil
}

// validEntry applies the embedded store's rules (package memory).
func validEntry(a keyArgs, e memory.Entry) error {
	switch {
	case e.Origin != memory.OriginHuman && e.Origin != memory.OriginMachine:
		return fmt.Errorf("pgstore: %w: origin %q (want %q or %q)", memory.ErrInvalidEntry, e.Origin, memory.OriginHuman, memory.OriginMachine)
	case a.src == "":
		return fmt.Errorf("pgstore: %w: empty source", memory.ErrInvalidEntry)
	case a.k.SourceLang == "" || a.k.TargetLang == "":
		return fmt.Errorf("pgstore: %w: %q: no language pair", memory.ErrInvalidEntry, clip(a.src))
	}
	return nil
}

// Flush is there for the memory's store suite: every Store is committed
// before it returns (claims need it), so there is nothing to flush.
func (s *Store) Flush(context.Context) error { return nil }

// Len returns the number of stored entries.
func (s *Store) Len(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, sqlLen).Scan(&n); err != nil {
		return 0, s.wrap("count", err)
	}
	return n, nil
}

// Release gives up this Store's claim on k, when the caller will not store
// a translation for it (the engine failed): others waiting for it take it
// over at once instead of after ClaimTTL.
func (s *Store) Release(ctx context.Context, k memory.Key) error {
	a := newKeyArgs(k)
	if _, err := s.pool.Exec(ctx, sqlRelease, a.claim, k.SourceLang, k.TargetLang, k.Engine, s.owner); err != nil {
		return s.wrap(fmt.Sprintf("release %q", clip(a.src)), err)
	}
	return nil
}

// wrap names the operation, and scrubs the password from err's text.
func (s *Store) wrap(op string, err error) error {
	return scrub(fmt.Errorf("pgstore: %s: %w", op, err), s.secret)
}

// clip shortens a sentence for an error message.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}

func defaultOwner() string {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}

// password is the password of a URL-form DSN, or "".
func password(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return ""
	}
	p, _ := u.User.Password()
	return p
}

// redactURL returns dsn with its password replaced, for messages.
func redactURL(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

// scrubbed is an error whose text never shows the secret. It still
// unwraps to the original, so errors.Is and errors.As work.
type scrubbed struct {
	err    error
	secret string
}

func (e *scrubbed) Error() string {
	return strings.ReplaceAll(e.err.Error(), e.secret, "xxxxx")
}

func (e *scrubbed) Unwrap() error { return e.err }

func scrub(err error, secret string) error {
	if err == nil || secret == "" {
		return err
	}
	return &scrubbed{err: err, secret: secret}
}
