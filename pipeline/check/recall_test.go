package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/internal/shared"
	"github.com/locpipe/locpipe/pipeline/segment"
)

// corpusSentences returns the sentences of the shared English corpus with
// enough ordinary words to be judged (see minLangIDWords).
func corpusSentences(t *testing.T) []string {
	t.Helper()
	dir := shared.Path(t, "corpus", "en")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	reg := format.Default()
	sg := segment.New(language.English)
	var out []string
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		parser, _, err := reg.Lookup(p, "")
		require.NoError(t, err)
		src, err := os.ReadFile(p)
		require.NoError(t, err)
		doc, err := parser.Parse(p, src)
		require.NoError(t, err)
		for _, u := range doc.Units {
			for _, sp := range sg.Split(u.Text) {
				s := strings.TrimSpace(stripMarks(u.Text[sp.Start:sp.End]))
				if contentWords(s) >= minLangIDWords && !strings.ContainsAny(s, "\n") {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// TestUntranslatedRecall appends every judgeable English sentence of the
// corpus to a paragraph of a pseudo and of a real edition, in three
// languages, and counts how many check catches. It also checks that the
// edition without the sentence has no untranslated finding.
func TestUntranslatedRecall(t *testing.T) {
	sentences := corpusSentences(t)
	require.NotEmpty(t, sentences)
	c := New(Options{Glossary: glossary.Builtin()})
	editions := map[string][3]string{
		"de": {titleDE, paraDE, numsDE},
		"fr": {titleFR, paraFR, numsFR},
		"uk": {titleUK, paraUK, numsUK},
	}
	for loc, parts := range editions {
		for _, kind := range []string{"real", "pseudo"} {
			p0 := parts
			if kind == "pseudo" {
				for i, s := range strings.Split(srcEN, "\n\n") {
					p0[i] = pseudo.Pseudo(s)
				}
			}
			clean := c.CheckEdition(pair("txt", "en", loc, srcEN, doc(p0[0], p0[1], p0[2])))
			require.Zero(t, ruleCount(clean, RuleUntranslated), "%s %s: %s", loc, kind, describe(clean))
			caught := 0
			for _, s := range sentences {
				got := c.CheckEdition(pair("txt", "en", loc, srcEN, doc(p0[0], p0[1]+" "+s, p0[2])))
				if ruleCount(got, RuleUntranslated) > 0 {
					caught++
				} else {
					t.Logf("%s %s missed: %s", loc, kind, s)
				}
			}
			t.Logf("%s %s edition: %d of %d appended English sentences caught", loc, kind, caught, len(sentences))
			assert.GreaterOrEqual(t, caught*100, len(sentences)*90, "%s %s recall", loc, kind)
		}
	}
}

// TestUntranslatedFalsePositives reads the shared corpus's Spanish and
// Russian articles as if they were editions of an English source: none of
// their sentences may be reported as still in English.
func TestUntranslatedFalsePositives(t *testing.T) {
	c := New(Options{Glossary: glossary.Builtin()})
	for _, loc := range []string{"es", "ru"} {
		dir := shared.Path(t, "corpus", loc)
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		for _, e := range entries {
			ed, err := os.ReadFile(filepath.Join(dir, e.Name()))
			require.NoError(t, err)
			fname := strings.TrimPrefix(filepath.Ext(e.Name()), ".")
			src := srcEN
			if fname == "md" {
				src = "# Title\n\n" + srcEN
			}
			got := c.CheckEdition(pair(fname, "en", loc, src, string(ed)))
			assert.Zero(t, ruleCount(got, RuleUntranslated), "%s: %s", e.Name(), describe(got))
		}
	}
}
