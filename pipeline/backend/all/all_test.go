package all_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/locpipe/locpipe/pipeline/backend/all"
)

func TestRegistry(t *testing.T) {
	assert.Equal(t, []string{"apertium", "deepl", "identity", "libretranslate", "openai", "pseudo"}, all.Registry().Names())
}
