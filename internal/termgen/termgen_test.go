package termgen_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/termgen"
)

// The same n gives the same bytes, and the YAML and TBX files hold the same
// glossary: n concepts, 8 languages each.
func TestTermbase(t *testing.T) {
	assert.True(t, bytes.Equal(termgen.YAML(200), termgen.YAML(200)))
	assert.True(t, bytes.Equal(termgen.TBX(200), termgen.TBX(200)))
	y, err := glossary.Parse("t.yaml", termgen.YAML(200))
	require.NoError(t, err)
	x, err := glossary.ParseTBX("t.tbx", termgen.TBX(200))
	require.NoError(t, err)
	require.Len(t, y.Concepts, 200)
	for _, c := range y.Concepts {
		assert.Len(t, c.Terms, len(termgen.Langs), c.ID)
	}
	assert.Equal(t, y.Fingerprint(), x.Fingerprint(), "YAML and TBX hold the same concepts")
}
