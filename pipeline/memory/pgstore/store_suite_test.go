package pgstore

import (
	"testing"

	"github.com/locpipe/locpipe/pipeline/memory/internal/storetest"
	"github.com/locpipe/locpipe/pipeline/memory/pgstore/pgtest"
)

// TestStoreSuite: the PostgreSQL memory passes the suite SQLite passes.
func TestStoreSuite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) func(*testing.T) storetest.Store {
		url := pgtest.URL(t)
		return func(t *testing.T) storetest.Store { return open(t, url, Options{}) }
	})
}
