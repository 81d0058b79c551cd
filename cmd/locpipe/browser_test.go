package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/pipeline/testshared"
)

// browser starts Debian's headless Chromium for one test, or skips (fails
// under LOCPIPE_REQUIRE_ALL=1) when it is not installed.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		shared.Skip(t, "install chromium (Debian package chromium) for the browser tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.WindowSize(1400, 1000),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	tctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
		cancelAlloc()
	})
	require.NoError(t, chromedp.Do(tctx), "starting %s", path)
	return tctx
}

// artifact is where a test keeps a screenshot: $LOCPIPE_ARTIFACTS (CI sets
// it to ci-artifacts/ in the repository) or the test's temporary directory.
func artifact(t *testing.T, name string) string {
	t.Helper()
	dir := os.Getenv("LOCPIPE_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	p := filepath.Join(dir, name)
	t.Logf("screenshot: %s", p)
	return p
}

// screenshot keeps the whole page as a PNG; viewport: only what is in view.
func screenshot(t *testing.T, ctx context.Context, name string, viewport ...bool) {
	t.Helper()
	shot := chromedp.FullScreenshot(100) // quality 100: PNG
	if len(viewport) > 0 && viewport[0] {
		shot = chromedp.CaptureScreenshot()
	}
	png, err := chromedp.Run(ctx, shot)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(artifact(t, name), png, 0o644))
}

func fileURL(p string) string {
	abs, _ := filepath.Abs(p)
	return "file://" + filepath.ToSlash(abs)
}

// TestBrowserGlossaryDiff loads the HTML glossary diff of the corpus in
// Chromium: every changed file has a section, Kiev and Kyiv are marked,
// and a summary link leads to its occurrence.
func TestBrowserGlossaryDiff(t *testing.T) {
	corpus := shared.Path(t, "corpus")
	ctx := browser(t)
	page := filepath.Join(t.TempDir(), "diff.html")
	r := runCLI(t, "", "glossary", "diff", "--format", "html", "-o", page, corpus)
	require.Equal(t, 0, r.code, r.stderr)

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(fileURL(page)),
		chromedp.WaitVisible(chromedp.CSS("section.file")),
	))
	assert.Equal(t, 4, eval[int](t, ctx, `document.querySelectorAll("section.file").length`))
	assert.Equal(t, 11, eval[int](t, ctx, `document.querySelectorAll("del[data-concept=kyiv]").length`))
	assert.Equal(t, "Kiev", text(t, ctx, `del[data-concept=kyiv]`))
	assert.Equal(t, "Kyiv", text(t, ctx, `ins[data-concept=kyiv]`))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`tr[data-concept=kyiv] td.refs a`))))
	assert.Equal(t, "#f0-o0 DEL", eval[string](t, ctx, `location.hash + " " + document.querySelector(":target").tagName`))
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(fileURL(page)), chromedp.WaitVisible(chromedp.CSS("section.file"))))
	screenshot(t, ctx, "glossary-diff.png")
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	require.NoError(t, err, js)
	return v
}

func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	require.NoError(t, err, css)
	return strings.TrimSpace(v)
}
