package review

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/memory"
	"github.com/locpipe/locpipe/pipeline/xliff"
)

func TestWriterFor(t *testing.T) {
	for in, want := range map[string]string{"": "XLIFF 2.1", "xliff": "XLIFF 2.1", "1.2": "XLIFF 1.2", "xliff12": "XLIFF 1.2", "2.0": "XLIFF 2.0", "2.2": "XLIFF 2.2", "PO": "PO"} {
		w, err := WriterFor(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, w.Name, in)
	}
	_, err := WriterFor("3.0")
	assert.ErrorContains(t, err, `unknown export format "3.0" (want po, xliff12, xliff20, xliff21, xliff22)`)
}

// Every writer's files read back with the default readers, one segment per
// sentence, in the place the export puts them.
func TestExportEveryFormat(t *testing.T) {
	_, out := translated(t)
	for name, w := range Writers {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			sum, err := Export(context.Background(), ExportOptions{Out: out, Dir: dir, Locales: []language.Tag{language.Spanish}, Writer: w})
			require.NoError(t, err)
			assert.Equal(t, 2, sum.Written)
			files, err := Files([]string{dir}, nil)
			require.NoError(t, err)
			require.Len(t, files, 2)
			for _, f := range files {
				assert.True(t, strings.HasSuffix(f, w.Ext), f)
				data, err := os.ReadFile(f)
				require.NoError(t, err)
				r, _ := readerFor(DefaultReaders, f)
				d, err := r.Parse(f, data)
				require.NoError(t, err, string(data))
				assert.Equal(t, "es", d.TrgLang)
				assert.NotEmpty(t, d.Files[0].Original)
			}
		})
	}
}

func TestPOReaderNeedsLocpipeHeader(t *testing.T) {
	_, err := PO.Parse("x.po", []byte("msgid \"a\"\nmsgstr \"b\"\n"))
	assert.ErrorContains(t, err, "x.po:1: the header names no document")
	_, err = PO.Parse("y.po", []byte("msgid \"a\"\nmsgstr b\n"))
	assert.ErrorContains(t, err, "y.po:2: want a quoted string")
}

func TestInlines(t *testing.T) {
	_, out := translated(t)
	m, err := manifest.Load(out)
	require.NoError(t, err)
	inline, n, err := Inlines(context.Background(), m, nil, nil, edition.Segmentation{})
	require.NoError(t, err)
	assert.Positive(t, n)
	// A record of one of the editions' sentences is known; another is not.
	_, ok := inline(memory.Record{Key: memory.Key{Source: "Shelling near Kyiv.", SourceLang: "en", TargetLang: "es"}})
	assert.True(t, ok)
	_, ok = inline(memory.Record{Key: memory.Key{Source: "Not in the corpus.", SourceLang: "en", TargetLang: "es"}})
	assert.False(t, ok)
	// With a glossary, the editions written without it are not used.
	_, n, err = Inlines(context.Background(), m, glossary.Builtin(), nil, edition.Segmentation{})
	require.NoError(t, err)
	assert.Zero(t, n)
}

// A reviewed PO file goes through Reviewed like an XLIFF one: a target
// that loses a placeholder is refused for its entry, with the line.
func TestReviewedPOCodes(t *testing.T) {
	e := openMarkdown(t, "Read **the report** now. Then go.\n")
	probs := func(target string) []Problem {
		file := &xliff.File{Units: []*xliff.Unit{{ID: e.Doc.Units[0].ID, Parts: []*xliff.Part{{ID: e.Segs[0].ID, Line: 7, State: xliff.StateReviewed, HasTarget: true,
			Source: xliff.ContentsFromTexts([]string{e.Segs[0].Text}, e.Doc.Units[0].Codes)[0], Target: xliff.Content{{Kind: xliff.Text, Text: target}}}}}}}
		_, p := e.Reviewed(context.Background(), "a.po", file, nil, nil)
		return p
	}
	p := probs("Lea el informe ahora.")
	require.Len(t, p, 1)
	assert.Equal(t, `a.po:7: segment `+e.Segs[0].ID+`: target loses the inline codes "**", "**": not applied (keep each inline code of the source once, in the order the language needs)`, p[0].String())
}

// openMarkdown translates one Markdown source to es and opens its edition.
func openMarkdown(t *testing.T, text string) *Edition {
	t.Helper()
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "out")
	require.NoError(t, os.MkdirAll(src, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(src, "a.md"), []byte(text), 0o644))
	_, err := pipeline.Run(context.Background(), pipeline.Options{
		To: []language.Tag{language.Spanish}, Backend: "pseudo", Translator: pseudo.Translator{}, Out: out,
	}, []string{src})
	require.NoError(t, err)
	m, err := manifest.Load(out)
	require.NoError(t, err)
	ed := m.Find("a.md", "es")
	require.NotNil(t, ed)
	data, err := os.ReadFile(ed.Source)
	require.NoError(t, err)
	e, err := OpenEdition(ed, data, nil, edition.Segmentation{})
	require.NoError(t, err)
	return e
}
