package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/pipeline/testshared"
)

func segMain(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := testableMain(args, strings.NewReader(stdin), &out, &errb, []string{})
	return code, out.String(), errb.String()
}

func TestSegmentCommandOffsets(t *testing.T) {
	files, err := filepath.Glob(shared.Path(t, "corpus", "*", "*"))
	require.NoError(t, err)
	files = append(files, shared.Path(t, "seeds", "000_06f146a24096290a.txt"))
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			code, out, errs := segMain(t, "", "segment", f)
			require.Equal(t, 0, code, errs)
			sc := bufio.NewScanner(strings.NewReader(out))
			sc.Buffer(nil, 1<<20)
			last, n := 0, 0
			for sc.Scan() {
				var l segmentLine
				require.NoError(t, json.Unmarshal(sc.Bytes(), &l))
				require.GreaterOrEqual(t, l.Start, last, "in order, not overlapping: %s", sc.Text())
				require.LessOrEqual(t, l.End, len(src))
				assert.Equal(t, string(src[l.Start:l.End]), l.Text)
				assert.NotEmpty(t, strings.TrimSpace(l.Text))
				last = l.End
				n++
			}
			assert.Positive(t, n)
		})
	}
}

func TestSegmentCommandStdinAndErrors(t *testing.T) {
	code, out, _ := segMain(t, "Dr. Smith arrived. He spoke.\n", "segment", "--lang", "en", "-")
	require.Equal(t, 0, code)
	assert.Equal(t, `{"unit":"u1","index":0,"text":"Dr. Smith arrived.","start":0,"end":18}
{"unit":"u1","index":1,"text":"He spoke.","start":19,"end":28}
`, out)

	code, _, errs := segMain(t, "x", "segment", "--lang", "xx", "-")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, `unknown locale "xx"`)
	code, _, errs = segMain(t, "", "segment", filepath.Join(t.TempDir(), "missing.txt"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "missing.txt")
}
