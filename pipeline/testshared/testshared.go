// Package testshared gives tests outside pipeline/ (cmd, glossary, locales,
// config) the shared-directory helpers of pipeline/internal/shared: the
// seed, the corpus and the external fixtures beside the repository, and the
// skip-or-fail rule for tests that need a Debian package or a server.
package testshared

import (
	"testing"

	"github.com/locpipe/locpipe/pipeline/internal/shared"
)

// Required reports whether unavailable dependencies fail tests instead of
// skipping them (LOCPIPE_REQUIRE_ALL=1, as in CI).
func Required() bool { return shared.Required() }

// Find returns the shared directory, if there is one.
func Find() (string, bool) { return shared.Find() }

// Dir returns the shared directory or skips (fails when Required).
func Dir(tb testing.TB) string { tb.Helper(); return shared.Dir(tb) }

// Path returns a path inside the shared directory (see Dir).
func Path(tb testing.TB, elem ...string) string { tb.Helper(); return shared.Path(tb, elem...) }

// Skip skips the test with the reason, or fails it when Required.
func Skip(tb testing.TB, reason string) { tb.Helper(); shared.Skip(tb, reason) }
