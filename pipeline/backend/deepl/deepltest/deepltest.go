package deepltest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/internal/testserver"
)

// EnvDir names a copy of the mock with its node_modules installed (.ci/run
// prepares one); without it the first test run copies the mock into the
// user's cache directory and runs npm ci there once.
const EnvDir = "LOCPIPE_DEEPL_MOCK_DIR"

const install = "install nodejs and npm (Debian) for DeepL's mock server"

var prepare sync.Mutex

// Start runs the mock and returns its base URL (http://127.0.0.1:PORT). It
// skips the test (fails it under LOCPIPE_REQUIRE_ALL=1) when Node.js, npm
// or the shared directory is missing, or the mock's packages cannot be
// installed.
func Start(tb testing.TB) string {
	tb.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		shared.Skip(tb, install)
	}
	dir := mockDir(tb)
	spec := shared.Path(tb, "tools", "deepl-openapi", "openapi.yaml")
	port, proxy := testserver.FreePort(tb, "deepltest"), testserver.FreePort(tb, "deepltest")
	cmd := exec.Command(node, "index.js")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		fmt.Sprintf("DEEPL_MOCK_SERVER_PORT=%d", port),
		fmt.Sprintf("DEEPL_MOCK_PROXY_SERVER_PORT=%d", proxy),
		"VALIDATE_REQUESTS=1", "VALIDATE_RESPONSES=1",
		"DEEPL_MOCK_SPEC_PATH="+spec)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	testserver.Start(tb, "deepltest", "the mock", cmd, 60*time.Second, testserver.GetOK(base+"/v2/usage", http.Header{
		"Authorization": {"DeepL-Auth-Key deepltest"},
		"User-Agent":    {"locpipe-deepltest"},
	}))
	return base
}

// mockDir returns a directory holding the mock with its packages.
func mockDir(tb testing.TB) string {
	tb.Helper()
	if d := os.Getenv(EnvDir); d != "" {
		if _, err := os.Stat(filepath.Join(d, "node_modules")); err != nil {
			tb.Fatalf("deepltest: $%s=%s has no node_modules: run npm ci --omit=dev there", EnvDir, d)
		}
		return d
	}
	src := shared.Path(tb, "tools", "deepl-mock")
	lock, err := os.ReadFile(filepath.Join(src, "package-lock.json"))
	if err != nil {
		shared.Skip(tb, "DeepL's mock is not in the shared directory: "+err.Error())
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		shared.Skip(tb, install)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	sum := sha256.Sum256(lock)
	dir := filepath.Join(cache, "locpipe", "deepl-mock-"+hex.EncodeToString(sum[:6]))
	prepare.Lock()
	defer prepare.Unlock()
	if _, err := os.Stat(filepath.Join(dir, ".ready")); err == nil {
		return dir
	}
	// Prepare in a fresh directory, then move it in place: an interrupted
	// install never looks ready.
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".deepl-mock-")
	if err != nil {
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			tb.Fatalf("deepltest: %v", err)
		}
		if tmp, err = os.MkdirTemp(filepath.Dir(dir), ".deepl-mock-"); err != nil {
			tb.Fatalf("deepltest: %v", err)
		}
	}
	defer os.RemoveAll(tmp)
	if err := os.CopyFS(tmp, os.DirFS(src)); err != nil {
		tb.Fatalf("deepltest: copying the mock: %v", err)
	}
	if err := filepath.WalkDir(tmp, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			mode := os.FileMode(0o644)
			if d.IsDir() {
				mode = 0o755
			}
			err = os.Chmod(p, mode) // shared/ is read-only
		}
		return err
	}); err != nil {
		tb.Fatalf("deepltest: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "ci", "--omit=dev", "--no-audit", "--no-fund")
	cmd.Dir = tmp
	if out, err := cmd.CombinedOutput(); err != nil {
		shared.Skip(tb, fmt.Sprintf("npm ci for DeepL's mock failed (%v): %s", err, lastLine(string(out))))
	}
	if err := os.WriteFile(filepath.Join(tmp, ".ready"), nil, 0o644); err != nil {
		tb.Fatalf("deepltest: %v", err)
	}
	_ = os.RemoveAll(dir)
	if err := os.Rename(tmp, dir); err != nil {
		tb.Fatalf("deepltest: %v", err)
	}
	return dir
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
