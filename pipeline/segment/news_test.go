package segment_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/segment"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/news")

// line is one segment in the shape `locpipe segment` prints.
type line struct {
	Unit  int    `json:"unit"`
	Index int    `json:"index"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// TestNewsGolden segments the sample articles in testdata/news (the file
// name is the language) and compares the JSON Lines with the golden files;
// go test -run NewsGolden -update rewrites them.
func TestNewsGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "news", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			text := string(src)
			lang := strings.TrimSuffix(filepath.Base(f), ".txt")
			spans := segment.New(language.MustParse(lang)).Split(text)
			checkSpans(t, text, spans)
			var out bytes.Buffer
			enc := json.NewEncoder(&out)
			enc.SetEscapeHTML(false)
			for i, sp := range spans {
				require.NoError(t, enc.Encode(line{Unit: 0, Index: i, Text: text[sp.Start:sp.End], Start: sp.Start, End: sp.End}))
			}
			golden := strings.TrimSuffix(f, ".txt") + ".golden.jsonl"
			if *update {
				require.NoError(t, os.WriteFile(golden+".tmp", out.Bytes(), 0o644))
				require.NoError(t, os.Rename(golden+".tmp", golden))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test -run NewsGolden -update to create it")
			require.Equal(t, string(want), out.String())
		})
	}
}
