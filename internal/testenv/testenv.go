// Package testenv is the test environment rule: it finds the workplace's
// shared directory (../shared beside the repository) that holds the seed
// article, the multilingual corpus and the external fixtures (tests read
// those files from there, never from a copy), and says whether a test that
// needs something outside Go (a Debian package, a server) skips or fails
// (LOCPIPE_REQUIRE_ALL=1, as in CI).
package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// Required reports whether tests that need external things (the shared
// directory, Debian packages, servers) must fail instead of skipping. CI
// sets LOCPIPE_REQUIRE_ALL=1.
func Required() bool { return os.Getenv("LOCPIPE_REQUIRE_ALL") == "1" }

// Find returns the shared directory: $LOCPIPE_SHARED when set, otherwise the
// first directory named "shared" (holding fixtures/) beside the working
// directory or one of its parents. ok is false when there is none.
func Find() (string, bool) {
	if d := os.Getenv("LOCPIPE_SHARED"); d != "" {
		return d, true
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		cand := filepath.Join(dir, "shared")
		if st, err := os.Stat(filepath.Join(cand, "fixtures")); err == nil && st.IsDir() {
			return cand, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Dir returns the shared directory, or skips the test (fails it when
// Required) when it cannot be found.
func Dir(tb testing.TB) string {
	tb.Helper()
	d, ok := Find()
	if !ok {
		Skip(tb, "the shared directory (../shared beside the repository, or $LOCPIPE_SHARED) is not there")
	}
	return d
}

// Path returns a path inside the shared directory (see Dir).
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	return filepath.Join(append([]string{Dir(tb)}, elem...)...)
}

// Skip skips the test with the reason, or fails it when Required: use it for
// every test that needs something outside Go (a Debian package, a server).
func Skip(tb testing.TB, reason string) {
	tb.Helper()
	if Required() {
		tb.Fatalf("required by LOCPIPE_REQUIRE_ALL=1 but unavailable: %s", reason)
	}
	tb.Skip(reason)
}
