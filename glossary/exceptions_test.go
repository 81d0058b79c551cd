package glossary

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// Issue 20: an exception applies where the glossary says it does. The
// built-in "Chernobyl disaster" keeps its name in English, German and
// French editions; a Spanish or Ukrainian edition names the town.
func TestExceptionsPerLanguage(t *testing.T) {
	g := Builtin()
	const text = "The Chernobyl disaster of 1986 closed Chernobyl."
	en := language.English
	tests := []struct {
		tgt  string
		kept bool // the disaster's Chernobyl is left to the engine
	}{
		{"en", true}, {"de", true}, {"fr", true}, {"es", false}, {"uk", false}, {"pl", false},
	}
	for _, tt := range tests {
		t.Run(tt.tgt, func(t *testing.T) {
			tgt := language.MustParse(tt.tgt)
			p := g.Protect(text, en, tgt)
			if tt.kept {
				require.Len(t, p.Terms, 1, p.Text)
				assert.True(t, strings.HasPrefix(p.Text, "The Chernobyl disaster"), p.Text)
				ex := g.Matcher(en).FindExceptions(text, tgt)
				require.Len(t, ex, 1)
				assert.Equal(t, "chornobyl", ex[0].Concept.ID)
				assert.Equal(t, "Chernobyl disaster", text[ex[0].Start:ex[0].End])
			} else {
				require.Len(t, p.Terms, 2, p.Text)
				assert.Empty(t, g.Matcher(en).FindExceptions(text, tgt))
			}
		})
	}
	// House style: English keeps the disaster's name and fixes the town's.
	out, _ := g.Apply(text, en)
	assert.Equal(t, "The Chernobyl disaster of 1986 closed Chornobyl.", out)
	// Concept-wide exceptions still apply everywhere.
	p := g.Protect("Chicken Kiev is back.", en, language.Spanish)
	assert.Empty(t, p.Terms)
}

func TestLanguageExceptionsRoundTrip(t *testing.T) {
	g, err := Parse("g.yaml", []byte(`version: 1
concepts:
  - id: chornobyl
    terms:
      en: {preferred: Chornobyl, deprecated: [Chernobyl], exceptions: ["Chernobyl disaster"]}
      es: {preferred: Chernóbil}
`))
	require.NoError(t, err)
	var csvOut bytes.Buffer
	require.NoError(t, WriteCSV(&csvOut, g, ','))
	assert.Contains(t, csvOut.String(), "en:exceptions")
	g2, err := ParseCSV("g.csv", csvOut.Bytes(), ',', ImportOptions{})
	require.NoError(t, err)
	assert.Equal(t, []string{"Chernobyl disaster"}, g2.Concepts[0].Terms["en"].Exceptions)
	var tbx bytes.Buffer
	require.NoError(t, WriteTBX(&tbx, g))
	g3, err := ParseTBX("g.tbx", tbx.Bytes())
	require.NoError(t, err)
	assert.Equal(t, []string{"Chernobyl disaster"}, g3.Concepts[0].Terms["en"].Exceptions)
	assert.Empty(t, g3.Concepts[0].Exceptions, "a language's exception stays the language's")
	assert.Equal(t, g.Fingerprint(), g3.Fingerprint())

	_, err = Parse("bad.yaml", []byte("version: 1\nconcepts:\n  - id: x\n    terms:\n      en: {preferred: X, exceptions: [\"\"]}\n"))
	require.ErrorIs(t, err, ErrInvalid)
}
