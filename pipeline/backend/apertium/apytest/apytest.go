package apytest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"testing"
	"time"

	"github.com/locpipe/locpipe/internal/procgroup"
	shared "github.com/locpipe/locpipe/internal/testenv"
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
	port, err := freePort()
	if err != nil {
		tb.Fatalf("apytest: free port: %v", err)
	}
	cmd := exec.Command(bin, "-p", fmt.Sprint(port), ModesDir)
	procgroup.Own(cmd)
	if err := cmd.Start(); err != nil {
		tb.Fatalf("apytest: starting %s: %v", bin, err)
	}
	pid := cmd.Process.Pid
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	tb.Cleanup(func() {
		procgroup.Signal(pid, false)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			procgroup.Signal(pid, true)
			<-done
		}
	})
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/listPairs", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
		select {
		case <-done:
			tb.Fatalf("apytest: apertium-apy exited before it was ready")
		case <-ctx.Done():
			tb.Fatalf("apytest: apertium-apy not ready after 30 s")
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
