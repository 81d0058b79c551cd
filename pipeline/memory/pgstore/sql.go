package pgstore

// The schema. locpipe_tm holds entries as the embedded store does (one row
// per sentence, language pair, origin, engine, glossary and neighbours);
// keys hold sha256 digests of the normalized texts, since a B-tree entry
// cannot hold an arbitrarily long sentence, and the texts are kept beside
// them. locpipe_tm_claims holds one row per machine key ever claimed: a
// claim is pending until the owner's Store marks it done, in the same
// transaction that writes the entry.
var schema = []string{
	`CREATE TABLE IF NOT EXISTS locpipe_tm (
		source_hash bytea       NOT NULL,
		source_lang text        NOT NULL,
		target_lang text        NOT NULL,
		origin      text        NOT NULL,
		engine      text        NOT NULL,
		glossary    text        NOT NULL,
		prev_hash   bytea       NOT NULL,
		next_hash   bytea       NOT NULL,
		source      text        NOT NULL,
		prev        text        NOT NULL,
		next        text        NOT NULL,
		target      text        NOT NULL,
		changed     timestamptz NOT NULL DEFAULT now(),
		PRIMARY KEY (source_hash, source_lang, target_lang, origin, engine, glossary, prev_hash, next_hash)
	)`,
	`CREATE TABLE IF NOT EXISTS locpipe_tm_claims (
		source_hash bytea       NOT NULL,
		source_lang text        NOT NULL,
		target_lang text        NOT NULL,
		engine      text        NOT NULL,
		glossary    text        NOT NULL,
		owner       text,
		claimed_at  timestamptz NOT NULL DEFAULT now(),
		done        boolean     NOT NULL DEFAULT false,
		PRIMARY KEY (source_hash, source_lang, target_lang, engine, glossary)
	)`,
	`CREATE INDEX IF NOT EXISTS locpipe_tm_claims_owner ON locpipe_tm_claims (owner)`,
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
const sqlMigrateLock = `SELECT pg_advisory_xact_lock(30521770363154533)`

const (
	sqlRegisterOwner = `INSERT INTO locpipe_tm_owners (owner) VALUES ($1)
		ON CONFLICT (owner) DO UPDATE SET heartbeat = now()`
	sqlForgetDead = `WITH dead AS (DELETE FROM locpipe_tm_owners WHERE heartbeat < now() - interval '1 day' RETURNING owner)
		DELETE FROM locpipe_tm_waits WHERE waiter IN (SELECT owner FROM dead)`
	sqlUnregisterOwner = `DELETE FROM locpipe_tm_owners WHERE owner = $1`
	sqlReleaseAll      = `DELETE FROM locpipe_tm_claims WHERE owner = $1 AND NOT done`
	sqlRelease         = `DELETE FROM locpipe_tm_claims
		WHERE source_hash = $1 AND source_lang = $2 AND target_lang = $3 AND engine = $4 AND glossary = $5
		AND owner = $6 AND NOT done`
)

// sqlCandidates lists every entry of a sentence, in any language pair:
// Lookup ranks them as the embedded store does.
const sqlCandidates = `SELECT source_lang, target_lang, origin, engine, glossary, prev_hash, next_hash, target, changed
	FROM locpipe_tm WHERE source_hash = $1`

// sqlClaim inserts a pending claim; it affects no row when the key was
// claimed before (pending or done).
const sqlClaim = `INSERT INTO locpipe_tm_claims (source_hash, source_lang, target_lang, engine, glossary, owner)
	VALUES ($1, $2, $3, $4, $5, $6)
	ON CONFLICT DO NOTHING`

// sqlClaimState reads a claim and whether it is stale: its owner silent
// for the lease ($6, milliseconds) or the claim older than the claim TTL
// ($7, milliseconds).
const sqlClaimState = `SELECT c.owner, c.claimed_at, c.done,
	(c.claimed_at < now() - $7::bigint * interval '1 millisecond'
		OR NOT EXISTS (SELECT 1 FROM locpipe_tm_owners o
			WHERE o.owner = c.owner AND o.heartbeat > now() - $6::bigint * interval '1 millisecond'))
	FROM locpipe_tm_claims c
	WHERE c.source_hash = $1 AND c.source_lang = $2 AND c.target_lang = $3 AND c.engine = $4 AND c.glossary = $5`

// sqlTakeover moves a claim to $6 only if it is still the one that was
// seen ($7 owner, $8 time, $9 done): of two owners taking over at once,
// one wins. A done claim whose entry is gone is taken over the same way.
const sqlTakeover = `UPDATE locpipe_tm_claims SET owner = $6, claimed_at = now(), done = false
	WHERE source_hash = $1 AND source_lang = $2 AND target_lang = $3 AND engine = $4 AND glossary = $5
	AND owner IS NOT DISTINCT FROM $7 AND claimed_at = $8 AND done = $9`

// sqlStore writes an entry and, for a machine entry ($14), marks its claim
// done ($15 engine, $16 glossary of the claim) in the same statement, so
// that a waiter sees both or neither, in one round trip. (A data-modifying
// WITH runs whether or not the main query reads it.)
const sqlStore = `WITH entry AS (
	INSERT INTO locpipe_tm
	(source_hash, source_lang, target_lang, origin, engine, glossary, prev_hash, next_hash, source, prev, next, target, changed)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, COALESCE($13::timestamptz, now()))
	ON CONFLICT (source_hash, source_lang, target_lang, origin, engine, glossary, prev_hash, next_hash) DO UPDATE
	SET source = EXCLUDED.source, target = EXCLUDED.target, changed = EXCLUDED.changed
	RETURNING 1
)
UPDATE locpipe_tm_claims SET done = true, owner = NULL
WHERE $14::boolean AND source_hash = $1 AND source_lang = $2 AND target_lang = $3
	AND engine = $15 AND glossary = $16 AND NOT done`

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

	sqlLen  = `SELECT count(*) FROM locpipe_tm`
	sqlEach = `SELECT source, source_lang, target_lang, engine, glossary, prev, next, origin, target, changed
		FROM locpipe_tm ORDER BY source_lang, source, target_lang, origin, engine, prev, next`
)
