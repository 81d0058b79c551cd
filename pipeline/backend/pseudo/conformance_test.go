package pseudo_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/enginetest"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
)

func TestConformance(t *testing.T) {
	enginetest.Contract(t, enginetest.Case{
		New: func(t *testing.T) backend.Translator {
			tr, err := pseudo.New(backend.Params{})
			require.NoError(t, err)
			return tr
		},
		Want: pseudo.Pseudo,
	})
}
