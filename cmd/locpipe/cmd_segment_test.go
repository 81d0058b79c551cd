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

	shared "github.com/locpipe/locpipe/internal/testenv"
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

// TestSegmentCommandSRX loads an SRX file with --srx and with segment.srx
// in the configuration, exports the built-in rules with --export-srx and
// reads them back, and refuses bad SRX input with exit 2 before writing.
func TestSegmentCommandSRX(t *testing.T) {
	dir := t.TempDir()
	srx := filepath.Join(dir, "rules.srx")
	require.NoError(t, os.WriteFile(srx, []byte(`<?xml version="1.0"?>
<srx version="2.0"><header cascade="yes"/><body><languagerules>
<languagerule languagerulename="labels"><rule break="yes"><beforebreak>:</beforebreak><afterbreak>\s+\p{Lu}</afterbreak></rule></languagerule>
</languagerules><maprules><languagemap languagepattern=".*" languagerulename="labels"/></maprules></body></srx>
`), 0o644))
	in := "Note: Prices rise. Dr. Smith left.\n"
	lines := func(out string) []string {
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var sl segmentLine
			require.NoError(t, json.Unmarshal([]byte(l), &sl))
			got = append(got, sl.Text)
		}
		return got
	}
	code, out, errs := segMain(t, in, "segment", "--lang", "en", "--srx", srx, "-")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, []string{"Note:", "Prices rise.", "Dr. Smith left."}, lines(out))
	code, out, errs = segMain(t, in, "segment", "--lang", "en", "--srx", srx, "--srx-mode", "replace", "-")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, []string{"Note:", "Prices rise. Dr. Smith left."}, lines(out))

	cfg := filepath.Join(dir, "locpipe.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("segment:\n  srx: "+srx+"\n"), 0o644))
	code, out, errs = segMain(t, in, "--config", cfg, "segment", "--lang", "en", "-")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, []string{"Note:", "Prices rise.", "Dr. Smith left."}, lines(out))

	code, exported, errs := segMain(t, "", "segment", "--export-srx")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, exported, `<languagerule languagerulename="locpipe-en">`)
	exp := filepath.Join(dir, "export.srx")
	require.NoError(t, os.WriteFile(exp, []byte(exported), 0o644))
	code, out, errs = segMain(t, in, "segment", "--lang", "en", "--srx", exp, "-")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, []string{"Note: Prices rise.", "Dr. Smith left."}, lines(out))

	bad := filepath.Join(dir, "bad.srx")
	require.NoError(t, os.WriteFile(bad, []byte("<srx version=\"2.0\"><body><languagerules>\n<languagerule languagerulename=\"x\">\n<rule><beforebreak>(?&lt;=Mr)\\.</beforebreak></rule>\n</languagerule></languagerules></body></srx>"), 0o644))
	code, out, errs = segMain(t, in, "segment", "--srx", bad, "-")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, "bad.srx:3")
	assert.Contains(t, errs, "lookbehind")
	code, _, errs = segMain(t, in, "segment", "--srx-mode", "sideways", "--srx", srx, "-")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "over or replace")
}
