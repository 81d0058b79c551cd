package batch_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/batch"
	"github.com/locpipe/locpipe/pipeline/backend/internal/httpx"
)

func segs(sizes ...int) []backend.Segment {
	out := make([]backend.Segment, len(sizes))
	for i, n := range sizes {
		out[i] = backend.Segment{ID: fmt.Sprint(i), Text: strings.Repeat("a", n)}
	}
	return out
}

func shape(chunks [][]backend.Segment) []int {
	var out []int
	for _, c := range chunks {
		out = append(out, len(c))
	}
	return out
}

func TestChunks(t *testing.T) {
	tests := []struct {
		name  string
		sizes []int
		lim   batch.Limits
		want  []int
	}{
		{"no limit", []int{1, 2, 3}, batch.Limits{}, []int{3}},
		{"count", []int{1, 1, 1, 1, 1}, batch.Limits{MaxSegments: 2}, []int{2, 2, 1}},
		{"bytes", []int{4, 4, 4, 1}, batch.Limits{MaxBytes: 8}, []int{2, 2}},
		{"oversized alone", []int{2, 20, 2}, batch.Limits{MaxBytes: 8}, []int{1, 1, 1}},
		{"both", []int{1, 1, 1, 9, 1}, batch.Limits{MaxSegments: 2, MaxBytes: 10}, []int{2, 2, 1}},
		{"empty", nil, batch.Limits{MaxSegments: 2}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, shape(batch.Chunks(segs(tt.sizes...), tt.lim, nil)))
		})
	}
}

func TestRunSplitsTooLarge(t *testing.T) {
	var mu sync.Mutex
	var sent []int
	fn := func(_ context.Context, ss []backend.Segment) ([]backend.Translation, error) {
		mu.Lock()
		sent = append(sent, len(ss))
		mu.Unlock()
		if len(ss) > 2 {
			return nil, fmt.Errorf("HTTP 413: %w", httpx.ErrTooLarge)
		}
		out := make([]backend.Translation, len(ss))
		for i, s := range ss {
			out[i].Text = strings.ToUpper(s.Text) + s.ID
		}
		return out, nil
	}
	res, err := batch.Run(context.Background(), segs(1, 2, 3, 4, 5, 6, 7), batch.Limits{MaxSegments: 7}, nil, fn)
	require.NoError(t, err)
	for i, r := range res {
		require.NoError(t, r.Err)
		assert.Equal(t, strings.Repeat("A", i+1)+fmt.Sprint(i), r.Text, "order kept")
	}
	assert.Equal(t, []int{7, 3, 1, 2, 4, 2, 2}, sent)
}

func TestRunFailuresPerSegment(t *testing.T) {
	boom := errors.New("boom")
	fn := func(_ context.Context, ss []backend.Segment) ([]backend.Translation, error) {
		if ss[0].ID == "2" {
			return nil, boom
		}
		if ss[0].ID == "4" {
			return make([]backend.Translation, 1), nil // wrong count
		}
		return make([]backend.Translation, len(ss)), nil
	}
	res, err := batch.Run(context.Background(), segs(1, 1, 1, 1, 1, 1), batch.Limits{MaxSegments: 2, Concurrency: 3}, nil, fn)
	require.NoError(t, err)
	var failed []string
	for i, r := range res {
		if r.Err != nil {
			failed = append(failed, fmt.Sprint(i))
			assert.Contains(t, r.Err.Error(), "segment "+fmt.Sprint(i))
		}
	}
	assert.Equal(t, []string{"2", "3", "4", "5"}, failed)
	assert.ErrorIs(t, res[2].Err, boom)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = batch.Run(ctx, segs(1), batch.Limits{}, nil, func(ctx context.Context, ss []backend.Segment) ([]backend.Translation, error) {
		return nil, ctx.Err()
	})
	require.ErrorIs(t, err, context.Canceled)
}

func TestRunSkipsUntranslatable(t *testing.T) {
	in := []backend.Segment{{ID: "a", Text: "  "}, {ID: "b", Text: "Hello"}, {ID: "c", Text: "\ue000 2024 — \ue001"}}
	var got []string
	res, err := batch.Run(context.Background(), in, batch.Limits{}, nil, func(_ context.Context, ss []backend.Segment) ([]backend.Translation, error) {
		out := make([]backend.Translation, len(ss))
		for i, s := range ss {
			got = append(got, s.ID)
			out[i].Text = "Hola"
		}
		return out, nil
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"b"}, got, "only b reaches the engine")
	assert.Equal(t, []string{"  ", "Hola", "\ue000 2024 — \ue001"}, []string{res[0].Text, res[1].Text, res[2].Text})
}
