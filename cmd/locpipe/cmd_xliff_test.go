package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTMAndXLIFFUsageErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	notXML := filepath.Join(dir, "x.tmx")
	require.NoError(t, os.WriteFile(notXML, []byte("hello"), 0o644))
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"tm import bad origin", []string{"tm", "import", "--origin", "robot", notXML}, 2, `--origin "robot"`},
		{"tm import not TMX", []string{"tm", "import", "--out", empty, notXML}, 2, "x.tmx:1: no <tmx> element"},
		{"tm import missing file", []string{"tm", "import", "--out", empty, filepath.Join(dir, "nope.tmx")}, 2, "nope.tmx"},
		{"tm export no memory", []string{"tm", "export", "--out", empty}, 2, "no translation memory at"},
		{"xliff export no manifest", []string{"xliff", "export", "--out", empty}, 2, "no editions in"},
		{"xliff import no manifest", []string{"xliff", "import", "--out", empty, notXML}, 2, "no editions in"},
		{"tm unknown flag", []string{"tm", "export", "--bogus"}, 2, "unknown flag"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, nil, tc.args...)
			assert.Equal(t, tc.code, r.code, r.stderr)
			assert.Contains(t, r.stderr, tc.want)
		})
	}
	_, err := os.Stat(empty)
	assert.True(t, os.IsNotExist(err), "failed commands create nothing")

	r := run(t, []string{"LOCPIPE_NO_MEMORY=true"}, "xliff", "import", "--out", empty, notXML)
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "cannot run with --no-memory")
}
