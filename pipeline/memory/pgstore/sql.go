package pgstore

// The schema (version 2, in locpipe_tm_meta). locpipe_tm holds entries as
// the embedded store does: one row per sentence, language pair, origin,
// engine (empty for human entries, which serve any), terms handed over
// (their 8-byte hash; \x00 for a row migrated from schema 1, whose terms
// are unknown) and, for human entries, neighbours (two 8-byte hashes);
// keys hold the first 16 bytes of the SHA-256 of the normalized source,
// since a B-tree entry cannot hold an arbitrarily long sentence, and the
// texts are kept beside them. locpipe_tm_claims holds one row per machine
// key ever claimed (the hash of the source and its terms): a claim is
// pending until the owner's Store marks it done, in the same statement that
// writes the entry.
var schema = []string{
	`CREATE TABLE IF NOT EXISTS locpipe_tm_meta (k text PRIMARY KEY, v text NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS locpipe_tm (
		source_hash bytea       NOT NULL,
		source_lang text        NOT NULL,
		target_lang text        NOT NULL,
		origin      text        NOT NULL,
		engine      text        NOT NULL,
		terms       bytea       NOT NULL,
		ctx         bytea       NOT NULL,
		source      text        NOT NULL,
		terms_text  text,
		target      text        NOT NULL,
		prev        text,
		next        text,
		changed     timestamptz NOT NULL DEFAULT now(),
		PRIMARY KEY (source_hash, source_lang, target_lang, origin, engine, terms, ctx)
	)`,
	`CREATE TABLE IF NOT EXISTS locpipe_tm_claims (
		claim_hash  bytea       NOT NULL,
		source_lang text        NOT NULL,
		target_lang text        NOT NULL,
		engine      text        NOT NULL,
		owner       text,
		claimed_at  timestamptz NOT NULL DEFAULT now(),
		done        boolean     NOT NULL DEFAULT false,
		PRIMARY KEY (claim_hash, source_lang, target_lang, engine)
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
	`INSERT INTO locpipe_tm_meta (k, v) VALUES ('schema', '2') ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v`,
}

// SchemaVersion is the layout Open writes.
const SchemaVersion = 2

// sqlIsSchema1 reports whether locpipe_tm is in the layout of schema 1
// (a glossary column, 32-byte hashes, texts of the neighbours).
const sqlIsSchema1 = `SELECT EXISTS (SELECT 1 FROM information_schema.columns
	WHERE table_schema = current_schema() AND table_name = 'locpipe_tm' AND column_name = 'glossary')`

const sqlSchemaVersion = `SELECT v FROM locpipe_tm_meta WHERE k = 'schema'`

// migrate1 converts schema 1 in place, in the migration's transaction: the
// new key's hashes are prefixes of the old ones (same normalized texts,
// same SHA-256), machine rows lose their glossary fingerprint and
// neighbours, and rows that then collide keep the newest. Claims are
// transient: the old table is dropped.
var migrate1 = []string{
	`ALTER TABLE locpipe_tm RENAME TO locpipe_tm_v1`,
	`ALTER TABLE locpipe_tm_v1 RENAME CONSTRAINT locpipe_tm_pkey TO locpipe_tm_v1_pkey`,
	`DROP TABLE IF EXISTS locpipe_tm_claims`,
}

// migrate1Copy runs after the schema-2 tables exist.
var migrate1Copy = []string{
	`INSERT INTO locpipe_tm (source_hash, source_lang, target_lang, origin, engine, terms, ctx, source, terms_text, target, prev, next, changed)
	SELECT DISTINCT ON (h, source_lang, target_lang, origin, eng, c)
		h, source_lang, target_lang, origin, eng, t, c, source, NULL, target, p, n, changed
	FROM (SELECT substring(source_hash from 1 for 16) AS h, source_lang, target_lang, origin,
			CASE WHEN origin = 'human' THEN '' ELSE engine END AS eng,
			CASE WHEN origin = 'human' THEN ''::bytea ELSE '\x00'::bytea END AS t,
			CASE WHEN origin = 'human' THEN substring(prev_hash from 1 for 8) || substring(next_hash from 1 for 8) ELSE ''::bytea END AS c,
			source, target,
			CASE WHEN origin = 'human' THEN prev END AS p,
			CASE WHEN origin = 'human' THEN next END AS n,
			changed
		FROM locpipe_tm_v1) old
	ORDER BY h, source_lang, target_lang, origin, eng, c, changed DESC`,
	`DROP TABLE locpipe_tm_v1`,
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
		WHERE claim_hash = $1 AND source_lang = $2 AND target_lang = $3 AND engine = $4
		AND owner = $5 AND NOT done`
)

// sqlCandidates lists every entry of a sentence, in any language pair:
// Lookup ranks them as the embedded store does.
const sqlCandidates = `SELECT source_lang, target_lang, origin, engine, terms, ctx, target, changed
	FROM locpipe_tm WHERE source_hash = $1`

// sqlClaim inserts a pending claim; it affects no row when the key was
// claimed before (pending or done).
const sqlClaim = `INSERT INTO locpipe_tm_claims (claim_hash, source_lang, target_lang, engine, owner)
	VALUES ($1, $2, $3, $4, $5)
	ON CONFLICT DO NOTHING`

// sqlClaimState reads a claim and whether it is stale: its owner silent
// for the lease ($5, milliseconds) or the claim older than the claim TTL
// ($6, milliseconds).
const sqlClaimState = `SELECT c.owner, c.claimed_at, c.done,
	(c.claimed_at < now() - $6::bigint * interval '1 millisecond'
		OR NOT EXISTS (SELECT 1 FROM locpipe_tm_owners o
			WHERE o.owner = c.owner AND o.heartbeat > now() - $5::bigint * interval '1 millisecond'))
	FROM locpipe_tm_claims c
	WHERE c.claim_hash = $1 AND c.source_lang = $2 AND c.target_lang = $3 AND c.engine = $4`

// sqlTakeover moves a claim to $5 only if it is still the one that was
// seen ($6 owner, $7 time, $8 done): of two owners taking over at once,
// one wins. A done claim whose entry is gone is taken over the same way.
const sqlTakeover = `UPDATE locpipe_tm_claims SET owner = $5, claimed_at = now(), done = false
	WHERE claim_hash = $1 AND source_lang = $2 AND target_lang = $3 AND engine = $4
	AND owner IS NOT DISTINCT FROM $6 AND claimed_at = $7 AND done = $8`

// sqlStore writes an entry and, for a machine entry ($14), marks its claim
// done ($15 claim hash, $16 engine of the claim) in the same statement, so
// that a waiter sees both or neither, in one round trip. (A data-modifying
// WITH runs whether or not the main query reads it.)
const sqlStore = `WITH entry AS (
	INSERT INTO locpipe_tm
	(source_hash, source_lang, target_lang, origin, engine, terms, ctx, source, terms_text, target, prev, next, changed)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, COALESCE($13::timestamptz, now()))
	ON CONFLICT (source_hash, source_lang, target_lang, origin, engine, terms, ctx) DO UPDATE
	SET source = EXCLUDED.source, terms_text = EXCLUDED.terms_text, target = EXCLUDED.target,
		prev = EXCLUDED.prev, next = EXCLUDED.next, changed = EXCLUDED.changed
	RETURNING 1
)
UPDATE locpipe_tm_claims SET done = true, owner = NULL
WHERE $14::boolean AND claim_hash = $15 AND source_lang = $2 AND target_lang = $3
	AND engine = $16 AND NOT done`

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
	sqlEach = `SELECT source, terms_text, source_lang, target_lang, engine, prev, next, origin, target, changed
		FROM locpipe_tm ORDER BY source_lang, source, target_lang, origin, engine, prev, next`
)
