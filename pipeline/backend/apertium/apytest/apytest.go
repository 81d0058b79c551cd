package apytest

import (
	"fmt"
	"os/exec"
	"testing"
	"time"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/internal/testserver"
)

// ModesDir is where Debian installs Apertium's modes.
const ModesDir = "/usr/share/apertium/modes"

// Start runs apertium-apy on the installed modes and returns its base URL
// (http://127.0.0.1:PORT). It skips the test (fails it under
// LOCPIPE_REQUIRE_ALL=1) when apertium-apy is not installed.
func Start(tb testing.TB) string {
	tb.Helper()
	bin, err := exec.LookPath("apertium-apy")
	if err != nil {
		shared.Skip(tb, "install apertium-apy, apertium and apertium-eng-spa (Debian)")
	}
	port := testserver.FreePort(tb, "apytest")
	cmd := exec.Command(bin, "-p", fmt.Sprint(port), ModesDir)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	testserver.Start(tb, "apytest", "apertium-apy", cmd, 30*time.Second, testserver.GetOK(base+"/listPairs", nil))
	return base
}
