package format_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/format"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// corpusFiles lists the shared English corpus and the seeds.
func corpusFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, dir := range [][]string{{"corpus", "en"}, {"seeds"}} {
		d := shared.Path(t, dir...)
		entries, err := os.ReadDir(d)
		require.NoError(t, err)
		for _, e := range entries {
			if !e.IsDir() {
				files = append(files, filepath.Join(d, e.Name()))
			}
		}
	}
	sort.Strings(files)
	require.NotEmpty(t, files)
	return files
}

func parseFile(t *testing.T, path string) (*format.Document, []byte) {
	t.Helper()
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	p, _, err := format.Default().Lookup(path, "")
	require.NoError(t, err)
	doc, err := p.Parse(filepath.Base(path), src)
	require.NoError(t, err)
	return doc, src
}

// listing describes a document's units for the golden files.
func listing(doc *format.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "format: %s\nlang: %q\n", doc.Format, doc.Lang)
	for _, u := range doc.Units {
		fmt.Fprintf(&b, "%s %s line %d\n  text %q\n", u.ID, u.Kind, u.Line, u.Text)
		for _, c := range u.Codes {
			fmt.Fprintf(&b, "  code %d %s pair %d %q\n", c.ID, c.Kind, c.Pair, c.Data)
		}
	}
	return b.String()
}

func TestCorpusGolden(t *testing.T) {
	for _, path := range corpusFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc, _ := parseFile(t, path)
			got := listing(doc)
			golden := filepath.Join("testdata", filepath.Base(path)+".units")
			if *update {
				require.NoError(t, os.MkdirAll("testdata", 0o755))
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test -update to create the golden files")
			assert.Equal(t, string(want), got)
		})
	}
}

// TestCorpusIdentity: identity translations give every file back byte for
// byte, both with no translations and with every unit "translated" to its
// own text.
func TestCorpusIdentity(t *testing.T) {
	for _, path := range corpusFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc, src := parseFile(t, path)
			var out bytes.Buffer
			require.NoError(t, doc.Render(&out, nil, format.RenderOptions{}))
			assert.Equal(t, string(src), out.String())

			same := map[string]string{}
			for _, u := range doc.Units {
				same[u.ID] = u.Text
			}
			out.Reset()
			require.NoError(t, doc.Render(&out, same, format.RenderOptions{}))
			assert.Equal(t, string(src), out.String())
		})
	}
}

// TestUnitLines: every unit's Line is the line of its Raw text in the source.
func TestUnitLines(t *testing.T) {
	for _, path := range corpusFiles(t) {
		doc, src := parseFile(t, path)
		off := 0
		for _, p := range doc.Skeleton {
			if p.Unit < 0 {
				off += len(p.Text)
				continue
			}
			u := doc.Units[p.Unit]
			assert.Equal(t, 1+bytes.Count(src[:off], []byte("\n")), u.Line, "%s %s", path, u.ID)
			assert.Equal(t, u.Raw, string(src[off:off+len(u.Raw)]))
			off += len(u.Raw)
		}
	}
}
