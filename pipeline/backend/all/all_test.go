package all_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/all"
)

func TestRegistry(t *testing.T) {
	assert.Equal(t, []string{"apertium", "deepl", "identity", "libretranslate", "openai", "pseudo"}, all.Registry().Names())
}

// Every engine declares its options once, with help, a secret never
// hashed, and declarations its factory decodes: building an engine with no
// settings may fail for a missing required setting, never for a
// declaration without a field.
func TestDeclaredOptions(t *testing.T) {
	t.Setenv("LOCPIPE_DEEPL_API_KEY", "")
	t.Setenv("DEEPL_AUTH_KEY", "")
	for _, e := range all.Registry().Engines() {
		seen := map[string]bool{}
		for _, o := range e.Options {
			assert.False(t, seen[o.Name], "%s.%s declared twice", e.Name, o.Name)
			seen[o.Name] = true
			assert.NotEmpty(t, o.Help, "%s.%s has help", e.Name, o.Name)
			assert.False(t, o.Secret && o.Shapes, "%s.%s: a secret is never part of the fingerprint", e.Name, o.Name)
		}
		_, err := e.Make(backend.Params{})
		if err != nil {
			assert.NotContains(t, err.Error(), "declared", e.Name)
			assert.NotContains(t, err.Error(), "bad default", e.Name)
		}
		// With every option at its declared default, explicitly.
		defaults := backend.Options{}
		for _, o := range e.Options {
			if o.Default != "" {
				defaults[o.Name] = o.Default
			}
		}
		_, err2 := e.Make(backend.Params{Options: defaults})
		assert.Equal(t, err == nil, err2 == nil, "%s: %v / %v", e.Name, err, err2)
		_, err = e.Make(backend.Params{Options: backend.Options{"no_such_option": 1}})
		assert.True(t, errors.Is(err, backend.ErrUnknownOption), "%s: %v", e.Name, err)
	}
}
