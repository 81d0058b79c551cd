package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
)

// byBytes is an engine that takes batches by bytes and records each
// request's segments and bytes.
type byBytes struct {
	limit int
	mu    sync.Mutex
	reqs  [][2]int // segments, bytes
}

func (e *byBytes) Capabilities() backend.Capabilities {
	return backend.Capabilities{BatchBytes: e.limit}
}

func (e *byBytes) Translate(ctx context.Context, req backend.Request) ([]backend.Translation, error) {
	n := 0
	for _, s := range req.Segments {
		n += len(s.Text)
	}
	e.mu.Lock()
	e.reqs = append(e.reqs, [2]int{len(req.Segments), n})
	e.mu.Unlock()
	return pseudo.Translator{}.Translate(ctx, req)
}

// TestBatchBytes: an engine that declares BatchBytes gets a file's
// segments in batches of up to that many bytes, however many segments
// (more than the batch size) that is; one without gets the batch size.
func TestBatchBytes(t *testing.T) {
	var b strings.Builder
	for i := range 300 {
		fmt.Fprintf(&b, "Sentence number %d of the report was written. ", i)
		if i%10 == 9 {
			b.WriteString("\n\n")
		}
	}
	src := writeFiles(t, map[string]string{"a.txt": b.String()})
	for _, tc := range []struct {
		name  string
		limit int
	}{{"by bytes", 4000}, {"by segments", 0}} {
		t.Run(tc.name, func(t *testing.T) {
			eng := &byBytes{limit: tc.limit}
			sum, err := Run(context.Background(), Options{To: []language.Tag{language.Spanish}, Backend: "pseudo",
				Translator: eng, Out: filepath.Join(t.TempDir(), "out"), BatchSize: 16}, []string{src})
			require.NoError(t, err)
			require.Zero(t, sum.Failed)
			total := 0
			for _, r := range eng.reqs {
				total += r[0]
				if tc.limit > 0 {
					assert.LessOrEqual(t, r[1], tc.limit, "a batch over the engine's bytes")
				} else {
					assert.LessOrEqual(t, r[0], 16, "a batch over the batch size")
				}
			}
			assert.Equal(t, 300, total)
			if tc.limit > 0 {
				assert.Greater(t, eng.reqs[0][0], 16, "batches by bytes hold more than the batch size")
				assert.Len(t, eng.reqs, 4, "300 sentences of about 48 bytes in batches of 4000 bytes")
			}
		})
	}
}
