package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVersionOf(t *testing.T) {
	tests := []struct {
		name        string
		bi          debug.BuildInfo
		line, short string
	}{
		{"release", debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.4.0"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}}},
			"v1.4.0 (revision 0123456789abcdef0123, 2026-12-01T10:00:00Z) go1.26.0", "v1.4.0"},
		{"checkout, dirty", debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}},
			"(devel) (revision 0123456789abcdef0123, modified) go1.26.0", "0123456789ab-dirty"},
		{"no vcs", debug.BuildInfo{Main: debug.Module{}},
			"(devel) (revision unknown: built without VCS information)", "(devel)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := versionOf(&tt.bi)
			assert.Equal(t, tt.line, v.String())
			assert.Equal(t, tt.short, v.Short())
		})
	}
}

// TestVersionFlag builds the binary with VCS stamping and reads --version:
// in a clone it names HEAD (and a pseudo-version made from it); in a linked work tree (which the go command
// cannot stamp) it says the revision is unknown.
func TestVersionFlag(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("install git")
	}
	bin := filepath.Join(t.TempDir(), "locpipe")
	cmd := exec.Command("go", "build", "-buildvcs=auto", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	got, err := exec.Command(bin, "--version").Output()
	require.NoError(t, err)
	line := strings.TrimSpace(string(got))
	require.True(t, strings.HasPrefix(line, "locpipe "), line)
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		assert.Contains(t, line, "revision unknown")
		return
	}
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	require.NoError(t, err)
	if st, err := os.Stat(filepath.Join(strings.TrimSpace(string(top)), ".git")); err == nil && st.IsDir() {
		assert.Contains(t, line, "(revision "+strings.TrimSpace(string(head)))
	} else {
		assert.Contains(t, line, "revision unknown")
	}
}

// TestHelpHasNoBackQuotedValueNames: pflag takes a back-quoted word of a
// usage string as the flag's value name ("--backend locpipe backends").
func TestHelpHasNoBackQuotedValueNames(t *testing.T) {
	for _, sub := range []string{"translate", "check", "segment", "xliff", "glossary", "tm", "manifest"} {
		code, stdout, _ := runMain(t, sub, "--help")
		require.Equal(t, 0, code, sub)
		for _, l := range strings.Split(stdout, "\n") {
			l = strings.TrimSpace(l)
			if strings.HasPrefix(l, "-") {
				assert.NotContains(t, l, "`", sub)
				assert.NotRegexp(t, `^(-\w, )?--[\w-]+ locpipe`, l, sub)
			}
		}
	}
}
