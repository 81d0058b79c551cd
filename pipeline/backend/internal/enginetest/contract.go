package enginetest

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/placeholder"
)

// Case is an engine under the contract every engine keeps, the trivial
// ones and the real ones (the Apertium command, an APy server) included.
type Case struct {
	// New returns the engine, built through its factory.
	New func(t *testing.T) backend.Translator
	// Source and Target are a pair the engine translates; zero: en → es.
	Source, Target language.Tag
	// Want, when set, is the exact output for a source text (fakes,
	// pseudo, identity); nil checks only the shape of a real engine's
	// output: one translation per segment, in order, placeholders kept.
	Want func(src string) string
}

// numbered are segments a real engine keeps apart: each has its own
// number, two inline codes and a term placeholder.
func numbered(n int) []backend.Segment {
	segs := make([]backend.Segment, n)
	for i := range segs {
		segs[i] = backend.Segment{ID: fmt.Sprintf("u%d", i), Text: fmt.Sprintf("The house %d is %sold%s in %s.", 101+i, c0, c1, t0)}
	}
	return segs
}

// Contract runs the part of the suite every engine passes: one
// translation per segment and in order, placeholders kept exactly once,
// an empty batch, cancellation, and concurrent use.
func Contract(t *testing.T, c Case) {
	ctx := context.Background()
	src, tgt := c.Source, c.Target
	if src == (language.Tag{}) {
		src, tgt = language.English, language.Spanish
	}
	req := func(segs []backend.Segment) backend.Request {
		return backend.Request{Source: src, Target: tgt, Segments: segs}
	}
	check := func(t *testing.T, segs []backend.Segment, res []backend.Translation) {
		t.Helper()
		require.Len(t, res, len(segs))
		for i, r := range res {
			require.NoError(t, r.Err, "segment %d", i)
			lost, extra := placeholder.Check(segs[i].Text, r.Text)
			assert.Empty(t, lost, "segment %d lost placeholders: %q", i, r.Text)
			assert.Empty(t, extra, "segment %d: %q", i, r.Text)
			n := regexp.MustCompile(`\b` + fmt.Sprint(101+i) + `\b`)
			assert.Regexp(t, n, r.Text, "segment %d in its place", i)
			if c.Want != nil {
				assert.Equal(t, c.Want(segs[i].Text), r.Text, "segment %d", i)
			}
		}
	}

	t.Run("one translation per segment, in order", func(t *testing.T) {
		tr := c.New(t)
		segs := numbered(9)
		res, err := tr.Translate(ctx, req(segs))
		require.NoError(t, err)
		check(t, segs, res)
	})

	t.Run("empty batch", func(t *testing.T) {
		res, err := c.New(t).Translate(ctx, req(nil))
		require.NoError(t, err)
		assert.Empty(t, res)
	})

	t.Run("cancelled", func(t *testing.T) {
		tr := c.New(t)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := tr.Translate(cctx, req(numbered(3)))
		require.Error(t, err)
		assert.True(t, errors.Is(err, context.Canceled), "%v", err)
	})

	t.Run("concurrent use", func(t *testing.T) {
		tr := c.New(t)
		var g errgroup.Group
		for range 4 {
			g.Go(func() error {
				segs := numbered(3)
				res, err := tr.Translate(ctx, req(segs))
				if err != nil {
					return err
				}
				check(t, segs, res)
				return nil
			})
		}
		require.NoError(t, g.Wait())
	})
}
