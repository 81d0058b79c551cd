package segment_test

import (
	"errors"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/locales"
	"github.com/locpipe/locpipe/pipeline/segment"
)

func TestEmbeddedRulesLoad(t *testing.T) {
	all, err := segment.LoadAll(locales.Data(), "segment")
	require.NoError(t, err)
	for _, l := range []string{"root", "en", "es", "fr", "de", "it", "pt", "ca", "pl", "ru", "uk", "zh", "ja", "ar", "hi", "el"} {
		assert.Contains(t, all, l)
	}
	assert.Equal(t, "pt", segment.New(language.MustParse("pt-BR")).Rules().Language())
	assert.Equal(t, "und", segment.New(language.MustParse("sw")).Rules().Language(), "unknown languages fall back to root")
}

func TestParseRulesErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
		line             int
	}{
		{"unknown field", "language: xx\nabbrevs: [a]\n", "bad YAML", 0},
		{"not YAML", "language: [\n", "bad YAML", 0},
		{"lookbehind", "language: xx\nrules:\n  - break: false\n    before: '(?<=Mr)\\.'\n", "(?<=", 3},
		{"class intersection", "language: xx\nrules:\n  - break: true\n    after: '[a-z&&[^b]]'\n", "&&", 3},
		{"bad regexp", "language: xx\nrules:\n  - break: true\n    after: '(a'\n", "missing closing )", 3},
		{"empty rule", "language: xx\nrules:\n  - break: true\n", "needs before or after", 3},
		{"letter as terminal", "language: xx\nterminals: \"a\"\n", "not punctuation", 0},
		{"punctuation as final letter", "language: xx\nfinal_letters: \".\"\n", "not a letter", 0},
		{"capital as nonfinal letter", "language: xx\nnonfinal_letters: \"F\"\n", "not a lower-case letter", 0},
		{"two words", "language: xx\nabbreviations:\n  titles: [\"a b\"]\n", "one word", 0},
		{"missing parent", "language: xx\ninherit: [nope]\n", "inherits \"nope\"", 0},
	}
	read := func(name string) ([]byte, error) { return nil, errors.New("no such file") }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := segment.ParseRules("xx.yaml", []byte(tt.data), read)
			require.Error(t, err)
			var re *segment.RuleError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, "xx.yaml", re.File)
			assert.Equal(t, tt.line, re.Line)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "segment: xx.yaml")
		})
	}
}

func TestLoadRulesFromUserFS(t *testing.T) {
	fsys := fstest.MapFS{
		"base.yaml": {Data: []byte("language: und\nabbreviations:\n  titles: [capt]\n")},
		"xx.yaml":   {Data: []byte("language: xx\ninherit: [base]\nsentence_starters: [Then]\n")},
		"loop.yaml": {Data: []byte("language: xx\ninherit: [loop]\n")},
	}
	r, err := segment.LoadRules(fsys, "xx")
	require.NoError(t, err)
	seg := segment.NewFromRules(language.Und, r)
	text := "Capt. Ahab left. Then he came back."
	spans := seg.Split(text)
	require.Len(t, spans, 2)
	assert.Equal(t, "Capt. Ahab left.", text[spans[0].Start:spans[0].End])

	_, err = segment.LoadRules(fsys, "zz")
	assert.ErrorIs(t, err, segment.ErrUnknownLanguage)
	_, err = segment.LoadRules(fsys, "loop")
	assert.ErrorContains(t, err, "inheritance cycle")
}

// FuzzParseRules feeds arbitrary bytes to the rule parser: it must return
// rules or a *RuleError, never panic, and the rules must split safely.
func FuzzParseRules(f *testing.F) {
	f.Add([]byte("language: xx\nterminals: \";\"\nabbreviations:\n  general: [etc]\nrules:\n  - break: false\n    before: 'x\\.$'\n"))
	f.Add([]byte("language: xx\nordinal_numbers: true\nspaced_closers: \"»\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := segment.ParseRules("f.yaml", data, nil)
		if err != nil {
			var re *segment.RuleError
			if !errors.As(err, &re) {
				t.Fatalf("error %v is not a *RuleError", err)
			}
			return
		}
		text := "Mr. X. etc. 1. a; b: c » d."
		checkSpans(t, text, segment.NewFromRules(language.Und, r).Split(text))
	})
}
