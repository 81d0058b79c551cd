package identity_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/identity"
	"github.com/locpipe/locpipe/pipeline/backend/internal/enginetest"
)

func TestConformance(t *testing.T) {
	enginetest.Contract(t, enginetest.Case{
		New: func(t *testing.T) backend.Translator {
			tr, err := identity.New(backend.Params{})
			require.NoError(t, err)
			return tr
		},
		Want: func(s string) string { return s },
	})
}
