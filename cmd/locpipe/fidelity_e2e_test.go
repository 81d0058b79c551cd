package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/manifest"
)

// Issue 13: an engine that cannot do the run is found before anything is
// written — exit 2, one line, within seconds.
func TestTranslatePreflight(t *testing.T) {
	corpus := shared.Path(t, "corpus", "en")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closed := fmt.Sprintf("http://%s", l.Addr())
	require.NoError(t, l.Close()) // nothing listens there now
	cases := []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{"http engine on a closed port", []string{"LOCPIPE_LIBRETRANSLATE_URL=" + closed}, []string{"--backend", "libretranslate", "--to", "es"}, "connection refused"},
		{"deepl on a closed port", []string{"LOCPIPE_DEEPL_URL=" + closed, "LOCPIPE_DEEPL_API_KEY=k-secret"}, []string{"--backend", "deepl", "--to", "es"}, "connection refused"},
	}
	if _, err := exec.LookPath("apertium"); err == nil {
		cases = append(cases, struct {
			name string
			env  []string
			args []string
			want string
		}{"apertium without the pair", nil, []string{"--backend", "apertium", "--to", "de"}, "has no pair en→de"})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			start := time.Now()
			r := run(t, tc.env, append(append([]string{"translate"}, tc.args...), "--out", out, corpus)...)
			assert.Less(t, time.Since(start), 30*time.Second)
			assert.Equal(t, 2, r.code, r.stderr)
			assert.Contains(t, r.stderr, tc.want)
			assert.Equal(t, 1, strings.Count(strings.TrimSpace(r.stderr), "\n")+1, "one line: %q", r.stderr)
			assert.NotContains(t, r.stderr, "k-secret")
			_, err := os.Stat(out)
			assert.True(t, os.IsNotExist(err), "nothing written")
		})
	}
}

// Issue 13: Debian's rus-ukr pair crashes in its tagger; through the
// apertium command the run must not exit 0 with Russian text presented as
// a complete Ukrainian edition.
func TestTranslateCrashingEngineIsNoSuccess(t *testing.T) {
	if _, err := os.Stat("/usr/share/apertium/modes/rus-ukr.mode"); err != nil {
		shared.Skip(t, "install apertium and apertium-rus-ukr (Debian)")
	}
	corpus := shared.Path(t, "corpus", "ru")
	out := filepath.Join(t.TempDir(), "out")
	r := run(t, nil, "translate", "--backend", "apertium", "--from", "ru", "--to", "uk", "--no-memory", "--out", out, corpus)
	require.NotEqual(t, 0, r.code, r.stderr)
	m, err := manifest.Load(out)
	require.NoError(t, err)
	for _, e := range m.Editions {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(e.Output)))
		if err != nil {
			assert.True(t, e.Unpublished, "%s: no file, and the manifest says why", e.Output)
			continue
		}
		src, err := os.ReadFile(filepath.Join(corpus, filepath.FromSlash(e.Path)))
		require.NoError(t, err)
		failed := 0
		for _, s := range e.Segments {
			if s.Status == manifest.StatusFailed {
				failed++
			}
		}
		assert.False(t, string(data) == string(src) && failed == 0, "%s: the Russian source presented as complete", e.Output)
	}
	c := run(t, nil, "check", "--from", "ru", "--to", "uk", "--out", out, corpus)
	assert.NotEqual(t, 0, c.code, "check reports it: %s", c.stdout)
}
