package edition_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
)

func TestSegmentation(t *testing.T) {
	dir := t.TempDir()
	write := func(name, rule string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(`<srx version="2.0"><body><languagerules><languagerule languagerulename="r">`+rule+
			`</languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="r"/></maprules></body></srx>`), 0o644))
		return p
	}
	colon := write("colon.srx", `<rule break="yes"><beforebreak>:</beforebreak><afterbreak>\s</afterbreak></rule>`)
	p, _, err := format.Default().Lookup("a.txt", "")
	require.NoError(t, err)
	doc, err := p.Parse("a.txt", []byte("Note: Prices rise. Smith left.\n"))
	require.NoError(t, err)
	texts := func(s edition.Segmentation) []string {
		var out []string
		for _, sg := range s.Split(doc, language.English) {
			out = append(out, sg.Text)
		}
		return out
	}

	builtin, err := edition.LoadSegmentation("", "")
	require.NoError(t, err)
	assert.Equal(t, "", builtin.Fingerprint())
	assert.Equal(t, "built-in", builtin.String())
	assert.Equal(t, texts(edition.Segmentation{}), texts(builtin))
	assert.Equal(t, []string{"Note: Prices rise.", "Smith left."}, texts(builtin))

	over, err := edition.LoadSegmentation(colon, "over")
	require.NoError(t, err)
	assert.Equal(t, []string{"Note:", "Prices rise.", "Smith left."}, texts(over))
	replace, err := edition.LoadSegmentation(colon, "replace")
	require.NoError(t, err)
	assert.Equal(t, []string{"Note:", "Prices rise. Smith left."}, texts(replace))

	// The fingerprint is the file's contents and the mode, not its name.
	assert.Regexp(t, `^srx:[0-9a-f]{64}:over$`, over.Fingerprint())
	assert.NotEqual(t, over.Fingerprint(), replace.Fingerprint())
	same, err := edition.LoadSegmentation(write("copy.srx", `<rule break="yes"><beforebreak>:</beforebreak><afterbreak>\s</afterbreak></rule>`), "")
	require.NoError(t, err)
	assert.Equal(t, over.Fingerprint(), same.Fingerprint())
	other, err := edition.LoadSegmentation(write("other.srx", `<rule break="yes"><beforebreak>;</beforebreak><afterbreak>\s</afterbreak></rule>`), "")
	require.NoError(t, err)
	assert.NotEqual(t, over.Fingerprint(), other.Fingerprint())

	for _, tc := range []struct{ path, mode, want string }{
		{"", "replace", "without an SRX file"},
		{colon, "sideways", "want over or replace"},
		{filepath.Join(dir, "none.srx"), "", "none.srx"},
		{write("bad.srx", `<rule><beforebreak>(?&lt;=Mr)\.</beforebreak></rule>`), "", "bad.srx:1"},
	} {
		_, err := edition.LoadSegmentation(tc.path, tc.mode)
		require.Error(t, err, tc)
		assert.Contains(t, err.Error(), tc.want)
	}
}
