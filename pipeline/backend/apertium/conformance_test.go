package apertium_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/apertium"
	"github.com/locpipe/locpipe/pipeline/backend/apertium/apytest"
	"github.com/locpipe/locpipe/pipeline/backend/internal/enginetest"
)

// TestConformance runs the engine contract against the real Apertium: the
// local command and an APy server on 127.0.0.1.
func TestConformance(t *testing.T) {
	for name, opts := range map[string]func(t *testing.T) backend.Options{
		"command": func(*testing.T) backend.Options { return backend.Options{} },
		"apy":     func(t *testing.T) backend.Options { return backend.Options{"url": apytest.Start(t)} },
	} {
		t.Run(name, func(t *testing.T) {
			needApertium(t)
			o := opts(t) // one APy server for the whole contract
			enginetest.Contract(t, enginetest.Case{New: func(t *testing.T) backend.Translator {
				tr, err := apertium.New(backend.Params{Options: o})
				require.NoError(t, err)
				return tr
			}})
		})
	}
}
