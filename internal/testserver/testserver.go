package testserver

import (
	"context"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/locpipe/locpipe/internal/procgroup"
)

// FreePort returns a TCP port free on 127.0.0.1 at the time of the call; it
// fails the test when there is none. prefix names the caller in the message.
func FreePort(tb testing.TB, prefix string) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("%s: free port: %v", prefix, err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Ready is a readiness probe: it reports whether the server answers.
type Ready func(ctx context.Context) bool

// GetOK is a probe that sends GET url with header and wants 200 OK.
func GetOK(url string, header http.Header) Ready {
	return func(ctx context.Context) bool {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return false
		}
		for k, vs := range header {
			req.Header[k] = vs
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}
}

// Start starts cmd in its own process group, stops the group when the test
// ends (SIGTERM, then SIGKILL after 5 s) and polls ready every 100 ms until
// it reports true. It fails the test, with what the process wrote so far,
// when the process exits first or is not ready within wait. prefix names the
// caller and what the server in the messages; Start sets cmd.Stdout and
// cmd.Stderr.
func Start(tb testing.TB, prefix, what string, cmd *exec.Cmd, wait time.Duration, ready Ready) {
	tb.Helper()
	logs := &logWriter{}
	cmd.Stdout, cmd.Stderr = logs, logs
	procgroup.Own(cmd)
	if err := cmd.Start(); err != nil {
		tb.Fatalf("%s: starting %s: %v", prefix, what, err)
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
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	for {
		if ready(ctx) {
			logs.stop()
			return
		}
		select {
		case <-done:
			tb.Fatalf("%s: %s exited before it was ready: %s", prefix, what, logs.String())
		case <-ctx.Done():
			tb.Fatalf("%s: %s not ready after %v: %s", prefix, what, wait, logs.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// logWriter collects the server's output until it is ready (for the
// messages of Start), then drops it, so that a long test does not hold the
// log of every request.
type logWriter struct {
	mu      sync.Mutex
	b       strings.Builder
	stopped bool
}

func (w *logWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.stopped {
		w.b.Write(p)
	}
	return len(p), nil
}

func (w *logWriter) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stopped = true
	w.b.Reset()
}

func (w *logWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}
