package glossary

import (
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// testGlossary is the built-in glossary with testdata/test-glossary.yaml over it.
func testGlossary(tb testing.TB) *Glossary {
	tb.Helper()
	g, err := Load(filepath.Join("testdata", "test-glossary.yaml"))
	require.NoError(tb, err)
	return Merge(Builtin(), g)
}

type matchCase struct {
	Name string  `yaml:"name"`
	Lang string  `yaml:"lang"`
	To   string  `yaml:"to"`
	In   string  `yaml:"in"`
	Want *string `yaml:"want"`
}

func loadCases(tb testing.TB) []matchCase {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "cases.yaml"))
	require.NoError(tb, err)
	var cases []matchCase
	require.NoError(tb, yaml.Unmarshal(data, &cases))
	return cases
}

// TestCases runs testdata/cases.yaml: the specification of matching.
func TestCases(t *testing.T) {
	g := testGlossary(t)
	cases := loadCases(t)
	perLang := map[string]int{}
	for _, c := range cases {
		perLang[c.Lang]++
		t.Run(c.Lang+"/"+c.Name, func(t *testing.T) {
			want := c.In
			if c.Want != nil {
				want = *c.Want
			}
			lang := language.MustParse(c.Lang)
			if c.To == "" {
				got, _ := g.Apply(c.In, lang)
				assert.Equal(t, want, got)
				return
			}
			p := g.Protect(c.In, lang, language.MustParse(c.To))
			got, warnings := p.Restore(p.Text)
			assert.Empty(t, warnings)
			assert.Equal(t, want, got)
		})
	}
	t.Logf("cases per language: %v (total %d)", perLang, len(cases))
	for _, l := range []string{"en", "uk", "ru", "de", "tr"} {
		assert.GreaterOrEqual(t, perLang[l], 8, "cases in %s", l)
	}
	assert.GreaterOrEqual(t, len(cases), 60)
}

// TestApplyKeepsBytesOutsideMatches checks every case's Apply output against
// its changes: the text between changes is the input's, byte for byte.
func TestApplyKeepsBytesOutsideMatches(t *testing.T) {
	g := testGlossary(t)
	for _, c := range loadCases(t) {
		if c.To != "" {
			continue
		}
		got, changes := g.Apply(c.In, language.MustParse(c.Lang))
		assert.Equal(t, c.In, undo(got, changes), c.Name)
	}
}

// undo rebuilds the input from Apply's output and its changes.
func undo(out string, changes []Change) string {
	var b []byte
	delta, pos := 0, 0
	for _, ch := range changes {
		start := ch.Start + delta
		b = append(b, out[pos:start]...)
		b = append(b, ch.Old...)
		pos = start + len(ch.New)
		delta += len(ch.New) - len(ch.Old)
	}
	return string(append(b, out[pos:]...))
}

func TestMatcherConcurrent(t *testing.T) {
	g := testGlossary(t)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				out, _ := g.Apply("Kiev, Kharkov and Odessa", language.English)
				assert.Equal(t, "Kyiv, Kharkiv and Odesa", out)
			}
		}()
	}
	wg.Wait()
	assert.Same(t, g.Matcher(language.English), g.Matcher(language.English))
}

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func updating() bool { return *update }
