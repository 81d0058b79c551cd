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

	shared "github.com/locpipe/locpipe/internal/testenv"
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

// TestBrowserReview loads the review page of the corpus, filters it to the
// untranslated finding, then corrects and approves a segment on the served
// page and sees the edition change.
func TestBrowserReview(t *testing.T) {
	dir, src, out := reviewCorpus(t)
	ctx := browser(t)
	page := filepath.Join(dir, "review.html")
	r := runCLI(t, "", "review", "--out", out, "-o", page, src)
	require.Equal(t, 0, r.code, r.stderr)

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(fileURL(page)),
		chromedp.WaitVisible(chromedp.CSS("tr.row")),
	))
	all := segmentCount(t, out, "")
	assert.Equal(t, all, eval[int](t, ctx, `document.querySelectorAll("tr.row").length`))
	screenshot(t, ctx, "review.png")
	require.NoError(t, chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#f-rule"), "untranslated")))
	eval[int](t, ctx, `document.querySelector("#f-rule").dispatchEvent(new Event("change")); 0`)
	assert.Equal(t, 1, eval[int](t, ctx, `document.querySelectorAll("tr.row:not(.hidden)").length`))
	assert.Equal(t, "1 segment(s) shown", text(t, ctx, "#f-count"))
	flagged := text(t, ctx, `tr.row:not(.hidden) td.cell.has-findings`)
	assert.Contains(t, flagged, strings.TrimSpace(englishSentence))
	assert.Contains(t, flagged, "untranslated")
	screenshot(t, ctx, "review-untranslated.png")
	// The finding is on the Spanish edition: filtered to uk, nothing shows;
	// uk alone with every rule shows every row, without the es column.
	require.NoError(t, chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#f-locale"), "uk")))
	eval[int](t, ctx, `document.querySelector("#f-locale").dispatchEvent(new Event("change")); 0`)
	assert.Equal(t, 0, eval[int](t, ctx, `document.querySelectorAll("tr.row:not(.hidden)").length`))
	require.NoError(t, chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#f-rule"), "")))
	eval[int](t, ctx, `document.querySelector("#f-rule").dispatchEvent(new Event("change")); 0`)
	assert.Equal(t, all, eval[int](t, ctx, `document.querySelectorAll("tr.row:not(.hidden)").length`))
	assert.Equal(t, 0, eval[int](t, ctx, `document.querySelectorAll("td.cell[data-locale=es]:not(.hidden)").length`))
	require.NoError(t, chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#f-file"), "2022-05-12-grain-exports.html")))
	eval[int](t, ctx, `document.querySelector("#f-file").dispatchEvent(new Event("change")); 0`)
	assert.Equal(t, segmentCount(t, out, "2022-05-12-grain-exports.html"), eval[int](t, ctx, `document.querySelectorAll("tr.row:not(.hidden)").length`))
	assert.Equal(t, 1, eval[int](t, ctx, `document.querySelectorAll("section.file:not(.hidden)").length`))

	// The served page: correct a segment and approve it.
	base := servedReview(t, "--out", out, src)
	const fixed = "Більшість нових прибулих — жінки та діти."
	cell := `tr[data-file="2022-06-20-refugees-count.txt"][data-id="u3.1"] td.cell[data-locale="uk"]`
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(base),
		chromedp.WaitVisible(chromedp.CSS(cell+" .b-edit")),
		chromedp.Click(chromedp.CSS(cell+" .b-edit")),
		chromedp.WaitVisible(chromedp.CSS(cell+" textarea")),
		chromedp.SetValue(chromedp.CSS(cell+" textarea"), fixed),
		chromedp.Click(chromedp.CSS(cell+" .b-approve")),
		chromedp.WaitVisible(chromedp.CSS(cell+" .status.human")),
	))
	assert.Equal(t, "human", text(t, ctx, cell+" .status"))
	assert.Equal(t, fixed, text(t, ctx, cell+" .text"))
	assert.Contains(t, text(t, ctx, cell+" .msg"), "approved")
	data, err := os.ReadFile(filepath.Join(out, "uk", "2022-06-20-refugees-count.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(data), fixed, "the edition is written again")
	require.NoError(t, chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS(cell))))
	screenshot(t, ctx, "review-served.png", true)

	// A reload shows the edition as it now is.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base), chromedp.WaitVisible(chromedp.CSS(cell+" .text"))))
	assert.Equal(t, fixed, text(t, ctx, cell+" .text"))
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
