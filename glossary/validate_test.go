package glossary

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The same rule, the same message, from every loader.
func TestOneValidationForEveryLoader(t *testing.T) {
	for _, c := range []struct {
		name, file, data, want string
		line                   int
	}{
		{"yaml empty exception", "a.yaml", "version: 1\nconcepts:\n  - id: x\n    terms: {en: {preferred: X}}\n    exceptions: [\" \"]\n", `"x": empty exception`, 3},
		{"yaml duplicate", "a.yaml", "version: 1\nconcepts:\n  - id: x\n    terms: {en: {preferred: X}}\n  - id: x\n    terms: {en: {preferred: Y}}\n", `duplicate id "x" (first at line 3)`, 5},
		{"csv duplicate", "a.csv", "id,en\nx,X\nx,Y\n", `duplicate id "x" (first at line 2)`, 3},
		{"tbx duplicate", "a.tbx", "<tbx><text><body>\n<conceptEntry id=\"x\"><langSec xml:lang=\"en\"><termSec><term>X</term></termSec></langSec></conceptEntry>\n<conceptEntry id=\"x\"><langSec xml:lang=\"en\"><termSec><term>Y</term></termSec></langSec></conceptEntry>\n</body></text></tbx>", `duplicate id "x" (first at line 2)`, 3},
		{"yaml no terms", "a.yaml", "version: 1\nconcepts:\n  - id: x\n", `"x" has no terms`, 3},
		{"csv no terms", "a.csv", "id,en\nx,\n", `"x" has no terms`, 2},
		{"tbx no terms", "a.tbx", "<tbx><text><body>\n<conceptEntry id=\"x\"></conceptEntry></body></text></tbx>", `"x" has no terms`, 2},
		{"tbx bad language", "a.tbx", "<tbx><text><body>\n<conceptEntry id=\"x\"><langSec xml:lang=\"english!\"><termSec><term>X</term></termSec></langSec></conceptEntry></body></text></tbx>", `"x": language "english!" is not a BCP 47 tag`, 2},
		{"yaml bad language", "a.yaml", "version: 1\nconcepts:\n  - id: x\n    terms: {english!: {preferred: X}}\n", `"x": language "english!" is not a BCP 47 tag`, 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode(c.file, []byte(c.data), FormatOf(c.file), ImportOptions{})
			require.ErrorIs(t, err, ErrInvalid)
			var le *LoadError
			require.True(t, errors.As(err, &le))
			assert.Equal(t, c.line, le.Line, err.Error())
			assert.Contains(t, err.Error(), c.want)
		})
	}
}
