package xliff

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
)

// TestOASISSuite runs the OASIS XLIFF 2.1 core test suite: every valid file
// is accepted, every invalid one rejected with a file:line message.
func TestOASISSuite(t *testing.T) {
	dir := shared.Path(t, "fixtures", "xliff-2.1")
	valid, err := filepath.Glob(filepath.Join(dir, "valid", "*.xlf"))
	require.NoError(t, err)
	invalid, err := filepath.Glob(filepath.Join(dir, "invalid", "*.xlf"))
	require.NoError(t, err)
	require.NotEmpty(t, valid)
	require.NotEmpty(t, invalid)

	xsd := filepath.Join(dir, "schemas", "xliff_core_2.0.xsd")
	xmllint, _ := exec.LookPath("xmllint")
	xsdPassed, caughtBeyondXSD := 0, 0
	accepted := 0
	for _, f := range valid {
		t.Run("valid/"+filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			_, err = Parse(filepath.Base(f), data)
			if assert.NoError(t, err) {
				accepted++
			}
		})
	}
	rejected, beyondSchema := 0, 0
	for _, f := range invalid {
		t.Run("invalid/"+filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			_, err = Parse(filepath.Base(f), data)
			if !assert.Error(t, err) {
				return
			}
			rejected++
			var e *Error
			require.True(t, errors.As(err, &e))
			assert.Equal(t, filepath.Base(f), e.File)
			assert.Positive(t, e.Line)
			t.Log(err)
			if _, schema := Validate(filepath.Base(f), data); schema == 0 {
				beyondSchema++
			}
			if xmllint != "" {
				out, err := exec.Command(xmllint, "--noout", "--schema", xsd, f).CombinedOutput()
				if err == nil {
					xsdPassed++
					caughtBeyondXSD++ // the reader rejected it above
				} else {
					_ = out
				}
			}
		})
	}
	t.Logf("valid accepted %d/%d; invalid rejected %d/%d, of which %d by the specification's constraints beyond the schema",
		accepted, len(valid), rejected, len(invalid), beyondSchema)
	if xmllint != "" {
		t.Logf("xmllint --schema: %d invalid files pass the XSD alone; the reader rejects %d of them", xsdPassed, caughtBeyondXSD)
	}
}
