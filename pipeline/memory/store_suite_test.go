package memory_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/memory"
	"github.com/locpipe/locpipe/pipeline/memory/internal/storetest"
)

func TestSQLiteStoreSuite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) func(*testing.T) storetest.Store {
		path := filepath.Join(t.TempDir(), "tm.db")
		return func(t *testing.T) storetest.Store {
			s, err := memory.OpenSQLite(context.Background(), path)
			require.NoError(t, err)
			t.Cleanup(func() { s.Close() })
			return s
		}
	})
}
