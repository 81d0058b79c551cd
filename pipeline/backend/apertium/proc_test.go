//go:build unix

package apertium_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/apertium"
)

// fakeStage is a stage for a mode of our own: it echoes every
// NUL-terminated block, crashes on one that holds CRASH (as Debian's
// rus-ukr tagger does) and hangs on one that holds HANG.
const fakeStage = `#!/bin/bash
while IFS= read -r -d '' block; do
  case "$block" in
    *CRASH*) echo "Segmentation fault (core dumped) in fake-stage" >&2; exit 139 ;;
    *HANG*) sleep 30 ;;
  esac
  printf '%s\0' "$block"
done
`

// fakeEngine is the apertium command with an eng-spa mode whose pipeline
// is two fake stages.
func fakeEngine(t *testing.T, opts backend.Options) *apertium.Translator {
	t.Helper()
	for _, tool := range []string{"bash", "apertium", "apertium-wblank-mode"} {
		if _, err := exec.LookPath(tool); err != nil {
			shared.Skip(t, "install apertium (Debian) and bash")
		}
	}
	dir := t.TempDir()
	stage := filepath.Join(dir, "fake-stage")
	require.NoError(t, os.WriteFile(stage, []byte(fakeStage), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "eng-spa.mode"), []byte(stage+" | "+stage+"\n"), 0o644))
	o := backend.Options{"modes_dir": dir}
	for k, v := range opts {
		o[k] = v
	}
	tr, err := apertium.New(backend.Params{Options: o})
	require.NoError(t, err)
	t.Cleanup(func() { _ = tr.(*apertium.Translator).Close() })
	return tr.(*apertium.Translator)
}

func translate(ctx context.Context, tr backend.Translator, texts ...string) ([]backend.Translation, error) {
	req := backend.Request{Source: language.English, Target: language.Spanish}
	for i, s := range texts {
		req.Segments = append(req.Segments, backend.Segment{ID: fmt.Sprint("s", i), Text: s})
	}
	return tr.Translate(ctx, req)
}

func TestPersistentCrashThenRestart(t *testing.T) {
	tr := fakeEngine(t, nil)
	ctx := context.Background()
	res, err := translate(ctx, tr, "The first report.")
	require.NoError(t, err)
	assert.Equal(t, "The first report.", res[0].Text)
	first := tr.Pids()
	require.Len(t, first, 2)

	res, err = translate(ctx, tr, "A report that will CRASH the stage.")
	require.NoError(t, err, "a failed batch marks its segments")
	require.Error(t, res[0].Err)
	assert.Contains(t, res[0].Err.Error(), "fake-stage")
	assert.Contains(t, res[0].Err.Error(), "Segmentation fault")

	res, err = translate(ctx, tr, "The report after the crash.")
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	assert.Equal(t, "The report after the crash.", res[0].Text)
	assert.NotEqual(t, first, tr.Pids(), "a new pipeline")
	for _, pid := range first {
		assert.ErrorIs(t, syscall.Kill(pid, 0), syscall.ESRCH, "stage %d of the crashed pipeline is gone", pid)
	}
}

func TestPersistentCancelRestarts(t *testing.T) {
	tr := fakeEngine(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := translate(ctx, tr, "This report will HANG the stage.")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	res, err := translate(context.Background(), tr, "The next report.")
	require.NoError(t, err)
	require.NoError(t, res[0].Err)
	assert.Equal(t, "The next report.", res[0].Text)
}

func TestPersistentTimeout(t *testing.T) {
	tr := fakeEngine(t, backend.Options{"timeout": "500ms"})
	res, err := translate(context.Background(), tr, "This report will HANG the stage.")
	require.NoError(t, err)
	require.Error(t, res[0].Err)
	assert.Contains(t, res[0].Err.Error(), "no reply in 500ms")
	res, err = translate(context.Background(), tr, "The next report.")
	require.NoError(t, err)
	assert.Equal(t, "The next report.", res[0].Text)
}

// TestPersistentConcurrent: many callers share the pipelines; every reply
// goes to the caller whose block it is.
func TestPersistentConcurrent(t *testing.T) {
	tr := fakeEngine(t, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				texts := []string{fmt.Sprintf("Caller %d says %d.", w, i), fmt.Sprintf("And then %d, %d.", w, i)}
				res, err := translate(context.Background(), tr, texts...)
				if err == nil && (res[0].Text != texts[0] || res[1].Text != texts[1]) {
					err = fmt.Errorf("caller %d got %q for %q", w, []string{res[0].Text, res[1].Text}, texts)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	assert.LessOrEqual(t, len(tr.Pids()), 2*2, "at most concurrency (2) pipelines of 2 stages")
}

// TestCloseLeavesNoChild: after Close no stage of the real eng-spa
// pipeline is left, and the engine refuses further work.
func TestCloseLeavesNoChild(t *testing.T) {
	needApertium(t)
	tr, err := apertium.New(backend.Params{})
	require.NoError(t, err)
	res, err := translate(context.Background(), tr, "The soldiers returned home.")
	require.NoError(t, err)
	assert.Contains(t, res[0].Text, "soldados")
	pids := tr.(*apertium.Translator).Pids()
	require.NotEmpty(t, pids)
	require.NoError(t, tr.(*apertium.Translator).Close())
	for _, pid := range pids {
		assert.ErrorIs(t, syscall.Kill(pid, 0), syscall.ESRCH, "stage %d left running", pid)
	}
	res, err = translate(context.Background(), tr, "Another sentence.")
	if err == nil {
		err = res[0].Err
	}
	assert.True(t, errors.Is(err, apertium.ErrClosed), "%v", err)
}
