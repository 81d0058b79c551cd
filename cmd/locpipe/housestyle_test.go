package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
)

// TestHouseStyleOnlyNames: the English house-style edition of every file of
// the shared English corpus and the seeds, and of the cases in
// testdata/housestyle (wrapped paragraphs, lists, quotes, tables, escapes,
// entities, markup around names and exceptions), differs from its source
// only in names: the same white space, the same markup, the same escapes;
// and it is what glossary apply prints. The cases of testdata are golden
// files too (go test -update).
func TestHouseStyleOnlyNames(t *testing.T) {
	var files []string
	for _, d := range []string{"corpus/en", "seeds"} {
		fs, err := filepath.Glob(filepath.Join(shared.Path(t, d), "*"))
		require.NoError(t, err)
		require.NotEmpty(t, fs, d)
		files = append(files, fs...)
	}
	own, err := filepath.Glob(filepath.Join("testdata", "housestyle", "*"))
	require.NoError(t, err)
	for _, f := range own {
		if !strings.HasSuffix(f, ".golden") {
			files = append(files, f)
		}
	}
	changed := 0
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			out := t.TempDir()
			r := runCLI(t, "", "translate", "--to", "en", "--backend", "pseudo", "--out", out, f)
			require.Equal(t, 0, r.code, r.stderr)
			ed, err := os.ReadFile(filepath.Join(out, "en", filepath.Base(f)))
			require.NoError(t, err)
			onlyNames(t, string(src), string(ed))
			if string(ed) != string(src) {
				changed++
			}

			a := runCLI(t, "", "glossary", "apply", f)
			require.Equal(t, 0, a.code, a.stderr)
			assert.Equal(t, string(ed), a.stdout, "translate --to en and glossary apply agree")
			if strings.HasPrefix(f, "testdata") {
				golden(t, filepath.Join("..", "housestyle", filepath.Base(f)+".golden"), string(ed))
			}
		})
	}
	assert.Greater(t, changed, len(own), "the corpus has names to change")
}

// onlyNames checks that ed is src with some words changed: the same runs of
// white space in the same places, and in each changed word only letters
// (with apostrophes and hyphens) differ, never markup or punctuation.
func onlyNames(t *testing.T, src, ed string) {
	t.Helper()
	sw, ew := fieldsAndSpace(src), fieldsAndSpace(ed)
	require.Equal(t, len(sw), len(ew), "as many words and spaces")
	for i := range sw {
		if i%2 == 1 {
			require.Equal(t, sw[i], ew[i], "white space %d (before %q)", i, sw[min(i+1, len(sw)-1)])
			continue
		}
		if sw[i] == ew[i] {
			continue
		}
		// Within a word, the runs of what is not a letter (markup,
		// punctuation, escapes, entities) are the same.
		sr, er := nameRuns(sw[i]), nameRuns(ew[i])
		require.Equal(t, len(sr), len(er), "%q → %q", sw[i], ew[i])
		for k := range sr {
			if k%2 == 1 {
				assert.Equal(t, sr[k], er[k], "only letters change in %q → %q", sw[i], ew[i])
			}
		}
	}
}

// nameRuns cuts a word into alternating runs of letters (with apostrophes
// and hyphens) and of anything else, starting with a (possibly empty) run
// of letters.
func nameRuns(s string) []string {
	var out []string
	start, other := 0, false
	for i, r := range s {
		o := !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-'
		if o != other {
			out = append(out, s[start:i])
			start, other = i, o
		}
	}
	return append(out, s[start:])
}

// fieldsAndSpace cuts s into alternating words and white-space runs,
// starting with a (possibly empty) word.
func fieldsAndSpace(s string) []string {
	var out []string
	start, space := 0, false
	for i, r := range s {
		if sp := unicode.IsSpace(r); sp != space {
			out = append(out, s[start:i])
			start, space = i, sp
		}
	}
	return append(out, s[start:])
}
