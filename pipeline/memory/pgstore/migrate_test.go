package pgstore

import (
	"context"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/memory"
	"github.com/locpipe/locpipe/pipeline/memory/pgstore/pgtest"
)

// schema1 is the layout of the previous release (locpipe_tm keyed by the
// full SHA-256 of the normalized texts and the glossary fingerprint), as
// its sql.go created it.
var schema1 = []string{
	`CREATE TABLE locpipe_tm (
		source_hash bytea NOT NULL, source_lang text NOT NULL, target_lang text NOT NULL, origin text NOT NULL,
		engine text NOT NULL, glossary text NOT NULL, prev_hash bytea NOT NULL, next_hash bytea NOT NULL,
		source text NOT NULL, prev text NOT NULL, next text NOT NULL, target text NOT NULL,
		changed timestamptz NOT NULL DEFAULT now(),
		PRIMARY KEY (source_hash, source_lang, target_lang, origin, engine, glossary, prev_hash, next_hash))`,
	`CREATE TABLE locpipe_tm_claims (
		source_hash bytea NOT NULL, source_lang text NOT NULL, target_lang text NOT NULL, engine text NOT NULL,
		glossary text NOT NULL, owner text, claimed_at timestamptz NOT NULL DEFAULT now(), done boolean NOT NULL DEFAULT false,
		PRIMARY KEY (source_hash, source_lang, target_lang, engine, glossary))`,
	`CREATE INDEX locpipe_tm_claims_owner ON locpipe_tm_claims (owner)`,
	`CREATE TABLE locpipe_tm_owners (owner text PRIMARY KEY, started timestamptz NOT NULL DEFAULT now(), heartbeat timestamptz NOT NULL DEFAULT now())`,
	`CREATE TABLE locpipe_tm_waits (token text PRIMARY KEY, waiter text NOT NULL, holder text NOT NULL, since timestamptz NOT NULL DEFAULT now())`,
	`CREATE INDEX locpipe_tm_waits_waiter ON locpipe_tm_waits (waiter)`,
}

// TestMigrateSchema1 writes a memory as the previous release did and opens
// it: it is migrated in place, and its translations serve their sentences.
func TestMigrateSchema1(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	conn, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	defer conn.Close(ctx)
	for _, stmt := range schema1 {
		_, err := conn.Exec(ctx, stmt)
		require.NoError(t, err)
	}
	d := func(s string) []byte { h := sha256.Sum256([]byte(s)); return h[:] }
	at := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	ins := func(src, sl, tl, origin, engine, gfp, prev, next, target string, changed time.Time) {
		_, err := conn.Exec(ctx, `INSERT INTO locpipe_tm VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
			d(src), sl, tl, origin, engine, gfp, d(prev), d(next), src, prev, next, target, changed)
		require.NoError(t, err)
	}
	ins("The army advanced.", "en", "es", "machine", "pseudo", "sha256:01", "", "", "old glossary", at)
	ins("The army advanced.", "en", "es", "machine", "pseudo", "sha256:02", "A.", "B.", "newest", at.Add(time.Hour))
	ins("Trains run to \U000F0000.", "en", "uk", "machine", "apertium@1", "sha256:01", "", "", "Потяги до \U000F0000.", at)
	ins("Reviewed.", "en", "es", "human", "", "", "Before.", "After.", "Revisado.", at)
	_, err = conn.Exec(ctx, `INSERT INTO locpipe_tm_claims (source_hash, source_lang, target_lang, engine, glossary, owner) VALUES ($1, 'en', 'es', 'pseudo', 'g', 'gone')`, d("x"))
	require.NoError(t, err)

	s := open(t, url, Options{})
	n, err := s.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, 3, n, "the two machine rows of one sentence become one")
	var v string
	require.NoError(t, conn.QueryRow(ctx, sqlSchemaVersion).Scan(&v))
	assert.Equal(t, "2", v)

	for _, tc := range []struct {
		k    memory.Key
		want string
	}{
		{memory.Key{Source: "The army advanced.", SourceLang: "en", TargetLang: "es", Engine: "pseudo"}, "newest"},
		{memory.Key{Source: "Trains run to \U000F0000.", Terms: []string{"Kiev"}, SourceLang: "en", TargetLang: "uk", Engine: "apertium@1"}, "Потяги до \U000F0000."},
		{memory.Key{Source: "Reviewed.", SourceLang: "en", TargetLang: "es", Engine: "deepl", Prev: "Before.", Next: "After."}, "Revisado."},
	} {
		e, ok, err := s.Lookup(ctx, tc.k)
		require.NoError(t, err)
		require.True(t, ok, tc.k.Source)
		assert.Equal(t, tc.want, e.Target)
	}
	// A new sentence is claimed and stored in the new layout.
	k := memory.Key{Source: "New.", Terms: []string{"Kyiv"}, SourceLang: "en", TargetLang: "es", Engine: "pseudo"}
	_, ok, err := s.Lookup(ctx, k)
	require.NoError(t, err)
	require.False(t, ok)
	require.NoError(t, s.Store(ctx, k, machine("Nuevo.")))
	require.NoError(t, s.Close())

	// Opened again: nothing to migrate, nothing lost.
	s2 := open(t, url, Options{})
	n, err = s2.Len(ctx)
	require.NoError(t, err)
	assert.Equal(t, 4, n)
	var recs []memory.Record
	require.NoError(t, s2.Each(ctx, func(r memory.Record) error { recs = append(recs, r); return nil }))
	var human memory.Record
	for _, r := range recs {
		if r.Origin == memory.OriginHuman {
			human = r
		}
	}
	assert.Equal(t, "Before.", human.Prev, "a human entry keeps its neighbours' text")
}
