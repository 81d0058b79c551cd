package pgstore

// The schema. Machine entries and claims share one table: a row whose
// target is NULL is a claim, held by claim_owner since claimed_at. Keys
// hold the sha256 of the normalized source (a B-tree entry cannot hold an
// arbitrarily long sentence); the sentence itself is kept beside it.
var schema = []string{
	`CREATE TABLE IF NOT EXISTS locpipe_tm (
		source_hash bytea       NOT NULL,
		source_lang text        NOT NULL,
		target_lang text        NOT NULL,
		engine      text        NOT NULL,
		glossary    text        NOT NULL,
		source      text        NOT NULL,
		target      text,
		origin      text        NOT NULL DEFAULT 'machine',
		claim_owner text,
		claimed_at  timestamptz,
		updated_at  timestamptz NOT NULL DEFAULT now(),
		PRIMARY KEY (source_lang, target_lang, source_hash, engine, glossary)
	)`,
	`CREATE INDEX IF NOT EXISTS locpipe_tm_claims ON locpipe_tm (claim_owner) WHERE target IS NULL`,
	`CREATE TABLE IF NOT EXISTS locpipe_tm_human (
		source_hash bytea       NOT NULL,
		source_lang text        NOT NULL,
		target_lang text        NOT NULL,
		source      text        NOT NULL,
		target      text        NOT NULL,
		updated_at  timestamptz NOT NULL DEFAULT now(),
		PRIMARY KEY (source_lang, target_lang, source_hash)
	)`,
	`CREATE TABLE IF NOT EXISTS locpipe_tm_owners (
		owner     text        PRIMARY KEY,
		started   timestamptz NOT NULL DEFAULT now(),
		heartbeat timestamptz NOT NULL DEFAULT now()
	)`,
	`CREATE TABLE IF NOT EXISTS locpipe_tm_waits (
		token  text        PRIMARY KEY,
		waiter text        NOT NULL,
		holder text        NOT NULL,
		since  timestamptz NOT NULL DEFAULT now()
	)`,
	`CREATE INDEX IF NOT EXISTS locpipe_tm_waits_waiter ON locpipe_tm_waits (waiter)`,
}

// sqlMigrateLock serializes schema creation between processes: concurrent
// CREATE TABLE IF NOT EXISTS can otherwise fail on a unique violation in
// the catalog. The number is "locpipe" in ASCII.
const sqlMigrateLock = `SELECT pg_advisory_xact_lock(0x6c6f6370697065)`

const (
	sqlRegisterOwner = `INSERT INTO locpipe_tm_owners (owner) VALUES ($1)
		ON CONFLICT (owner) DO UPDATE SET heartbeat = now()`
	sqlHeartbeat       = `UPDATE locpipe_tm_owners SET heartbeat = now() WHERE owner = $1`
	sqlUnregisterOwner = `DELETE FROM locpipe_tm_owners WHERE owner = $1`
	sqlReleaseAll      = `DELETE FROM locpipe_tm WHERE claim_owner = $1 AND target IS NULL`
	sqlRelease         = `DELETE FROM locpipe_tm
		WHERE source_lang = $2 AND target_lang = $3 AND source_hash = $1 AND engine = $4 AND glossary = $5
		AND claim_owner = $6 AND target IS NULL`
)

// sqlProbe reads everything Lookup needs in one round trip: the human
// entry, the machine row (entry or claim) and whether a claim is stale
// ($6 lease, $7 claim TTL, in milliseconds).
const sqlProbe = `SELECT h.target, m.source_hash IS NOT NULL, m.target, m.origin, m.claim_owner, m.claimed_at,
	COALESCE(m.claimed_at < now() - $7::bigint * interval '1 millisecond'
		OR NOT EXISTS (SELECT 1 FROM locpipe_tm_owners o
			WHERE o.owner = m.claim_owner AND o.heartbeat > now() - $6::bigint * interval '1 millisecond'), false)
FROM (SELECT 1) AS one
LEFT JOIN locpipe_tm_human h
	ON h.source_lang = $2 AND h.target_lang = $3 AND h.source_hash = $1
LEFT JOIN locpipe_tm m
	ON m.source_lang = $2 AND m.target_lang = $3 AND m.source_hash = $1 AND m.engine = $4 AND m.glossary = $5`

// sqlClaim inserts a pending row; it affects no row when someone else was
// first.
const sqlClaim = `INSERT INTO locpipe_tm
	(source_hash, source_lang, target_lang, engine, glossary, source, claim_owner, claimed_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, now())
	ON CONFLICT DO NOTHING`

// sqlTakeover moves a stale claim to $6, only if it is still the claim
// that was seen stale ($7 owner, $8 time): of two owners taking over at
// once, one wins.
const sqlTakeover = `UPDATE locpipe_tm SET claim_owner = $6, claimed_at = now()
	WHERE source_lang = $2 AND target_lang = $3 AND source_hash = $1 AND engine = $4 AND glossary = $5
	AND target IS NULL AND claim_owner = $7 AND claimed_at = $8`

const sqlStoreMachine = `INSERT INTO locpipe_tm
	(source_hash, source_lang, target_lang, engine, glossary, source, target, origin)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
	ON CONFLICT (source_lang, target_lang, source_hash, engine, glossary) DO UPDATE
	SET target = EXCLUDED.target, origin = EXCLUDED.origin, source = EXCLUDED.source,
		claim_owner = NULL, claimed_at = NULL, updated_at = now()`

const sqlStoreHuman = `INSERT INTO locpipe_tm_human (source_hash, source_lang, target_lang, source, target)
	VALUES ($1, $2, $3, $4, $5)
	ON CONFLICT (source_lang, target_lang, source_hash) DO UPDATE
	SET target = EXCLUDED.target, source = EXCLUDED.source, updated_at = now()`

const (
	sqlWaitStart = `INSERT INTO locpipe_tm_waits (token, waiter, holder) VALUES ($1, $2, $3)`
	sqlWaitEnd   = `DELETE FROM locpipe_tm_waits WHERE token = $1`
	// sqlWaitCycle reports whether $2 is reachable from $1 along the
	// wait-for edges of live owners ($3 lease in milliseconds): if so, $2
	// waiting for $1 would close a cycle.
	sqlWaitCycle = `WITH RECURSIVE reach(o) AS (
		SELECT $1::text
		UNION
		SELECT w.holder FROM locpipe_tm_waits w
		JOIN reach r ON w.waiter = r.o
		JOIN locpipe_tm_owners ow ON ow.owner = w.waiter
			AND ow.heartbeat > now() - $3::bigint * interval '1 millisecond'
	)
	SELECT EXISTS (SELECT 1 FROM reach WHERE o = $2)`
)
