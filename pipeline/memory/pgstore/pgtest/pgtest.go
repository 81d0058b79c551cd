// Package pgtest gives tests a PostgreSQL schema of their own on the
// server named by LOCPIPE_TEST_POSTGRES_URL (.ci/postgres.sh starts one on
// 127.0.0.1 and prints the URL). Without it, tests skip, or fail when
// LOCPIPE_REQUIRE_ALL=1.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	shared "github.com/locpipe/locpipe/internal/testenv"
)

// EnvURL names the environment variable holding the server's URL.
const EnvURL = "LOCPIPE_TEST_POSTGRES_URL"

// URL returns a connection URL whose search_path is a new, empty schema,
// dropped when the test ends.
func URL(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(EnvURL)
	if base == "" {
		shared.Skip(tb, "set "+EnvURL+" to a PostgreSQL on 127.0.0.1 (apt-get install postgresql; .ci/postgres.sh prints one)")
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s is not a URL", EnvURL) // the value may hold a password: never print it
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "locpipe_test_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		tb.Fatalf("connect to %s: %v", u.Redacted(), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
