package batch

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/sync/errgroup"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/httpx"
)

// Limits bound one chunk and how many run at once. Zero means no limit
// (Concurrency: 1).
type Limits struct {
	MaxSegments int
	MaxBytes    int
	Concurrency int
}

// Func translates one chunk; it returns one Translation per segment.
type Func func(ctx context.Context, segs []backend.Segment) ([]backend.Translation, error)

// Chunks splits segs greedily under lim; a segment larger than MaxBytes
// gets a chunk of its own. size measures a segment's cost in bytes as the
// engine will see it (nil: len(Text)).
func Chunks(segs []backend.Segment, lim Limits, size func(backend.Segment) int) [][]backend.Segment {
	if size == nil {
		size = func(s backend.Segment) int { return len(s.Text) }
	}
	var out [][]backend.Segment
	start, bytes := 0, 0
	for i, s := range segs {
		n := size(s)
		full := lim.MaxSegments > 0 && i-start >= lim.MaxSegments ||
			lim.MaxBytes > 0 && i > start && bytes+n > lim.MaxBytes
		if full {
			out = append(out, segs[start:i])
			start, bytes = i, 0
		}
		bytes += n
	}
	if start < len(segs) {
		out = append(out, segs[start:])
	}
	return out
}

// Run translates segs chunk by chunk with fn. A chunk that fails (after the
// retries fn makes) marks each of its segments with the error; a chunk
// refused as too large (httpx.ErrTooLarge) is halved and tried again. Run
// returns an error only when ctx ends.
//
// Segments with nothing to translate (white space, placeholders and
// punctuation only) are returned as they are, without asking the engine.
func Run(ctx context.Context, segs []backend.Segment, lim Limits, size func(backend.Segment) int, fn Func) ([]backend.Translation, error) {
	out := make([]backend.Translation, len(segs))
	var todo []backend.Segment
	var where []int
	for i, s := range segs {
		if !Translatable(s.Text) {
			out[i].Text = s.Text
			continue
		}
		todo = append(todo, s)
		where = append(where, i)
	}
	res := make([]backend.Translation, len(todo))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(lim.Concurrency, 1))
	offset := 0
	for _, chunk := range Chunks(todo, lim, size) {
		at := offset
		offset += len(chunk)
		g.Go(func() error {
			return run(gctx, chunk, res[at:at+len(chunk)], fn)
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for j, i := range where {
		out[i] = res[j]
	}
	return out, nil
}

// Translatable reports whether text holds a letter for an engine to
// translate.
func Translatable(text string) bool {
	return strings.IndexFunc(text, unicode.IsLetter) >= 0
}

func run(ctx context.Context, chunk []backend.Segment, dst []backend.Translation, fn Func) error {
	res, err := fn(ctx, chunk)
	if err == nil && len(res) != len(chunk) {
		err = fmt.Errorf("engine returned %d translations for %d segments", len(res), len(chunk))
	}
	if err == nil {
		copy(dst, res)
		return nil
	}
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	if errors.Is(err, httpx.ErrTooLarge) && len(chunk) > 1 {
		h := len(chunk) / 2
		if err := run(ctx, chunk[:h], dst[:h], fn); err != nil {
			return err
		}
		return run(ctx, chunk[h:], dst[h:], fn)
	}
	for i, s := range chunk {
		dst[i] = backend.Translation{Err: fmt.Errorf("segment %s: %w", s.ID, err)}
	}
	return nil
}
