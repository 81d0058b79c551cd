// Package all builds the registry of every engine locpipe ships. It is the
// one place engines are registered.
package all

import (
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/identity"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
)

// Registry returns a new registry holding every engine.
func Registry() *backend.Registry {
	r := backend.NewRegistry()
	r.Register(backend.Engine{Name: "pseudo", Description: "built-in pseudo-localization (accents, +30% length, brackets)", New: pseudo.New})
	r.Register(backend.Engine{Name: "identity", Description: "copies the source (glossary-only editions, tests)", New: identity.New})
	return r
}
