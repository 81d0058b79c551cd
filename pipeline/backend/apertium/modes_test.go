package apertium_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/backend/apertium"
)

func TestMode(t *testing.T) {
	installed := []string{"cat-eng", "eng-cat", "eng-cat_valencia", "eng-spa", "en-gl", "spa-eng", "spa-eng_US"}
	tests := []struct {
		src, tgt, want string
	}{
		{"en", "es", "eng-spa"},
		{"es", "en", "spa-eng"},
		{"es", "en-US", "spa-eng_US"},
		{"es", "en-GB", "spa-eng"},
		{"en", "ca", "eng-cat"},
		{"en", "ca-ES-valencia", "eng-cat_valencia"},
		{"ca", "en", "cat-eng"},
		{"en", "gl", "en-gl"},
		{"en-GB", "es-ES", "eng-spa"},
	}
	for _, tt := range tests {
		t.Run(tt.src+"→"+tt.tgt, func(t *testing.T) {
			got, err := apertium.Mode(language.MustParse(tt.src), language.MustParse(tt.tgt), installed)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	_, err := apertium.Mode(language.English, language.French, installed)
	require.ErrorIs(t, err, apertium.ErrPairNotInstalled)
	assert.Contains(t, err.Error(), "eng-fra")
}

func TestParseMode(t *testing.T) {
	tests := []struct {
		mode, src, tgt string
		ok             bool
	}{
		{"eng-spa", "en", "es", true},
		{"spa-eng_US", "es", "en-US", true},
		{"eng-cat_valencia", "en", "ca-valencia", true},
		{"en-gl", "en", "gl", true},
		{"eng-spa-tagger", "", "", false},
		{"README", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			p, ok := apertium.ParseMode(tt.mode)
			require.Equal(t, tt.ok, ok)
			if ok {
				assert.Equal(t, tt.src, p.Source.String())
				assert.Equal(t, tt.tgt, p.Target.String())
			}
		})
	}
}

func TestStripMarks(t *testing.T) {
	tests := []struct {
		name, src, out, want string
		unknown              []string
	}{
		{"none", "Hello.", "Hola.", "Hola.", nil},
		{"unknown", "Zelensky urges.", "*Zelensky Insta.", "Zelensky Insta.", []string{"Zelensky"}},
		{"two and hyphen", "Mid-Kherson and Zaporizhzhia", "*Mid-Kherson y *Zaporizhzhia", "Mid-Kherson y Zaporizhzhia", []string{"Mid-Kherson", "Zaporizhzhia"}},
		{"after punctuation", "(Donbass)", "(*Donbass)", "(Donbass)", []string{"Donbass"}},
		{"generation mark", "the went", "el #ir", "el ir", nil},
		{"hashtag kept", "#StandWithUkraine now", "#StandWithUkraine ahora", "#StandWithUkraine ahora", nil},
		{"footnote star kept", "a *note", "un *note", "un *note", nil},
		{"arithmetic", "2 * 3", "2 * 3", "2 * 3", nil},
		{"inside word", "a*b", "a*b", "a*b", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, unk := apertium.StripMarks(tt.src, tt.out)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.unknown, unk)
		})
	}
}

func FuzzStripMarks(f *testing.F) {
	f.Add("Zelensky", "*Zelensky y *Kiev #x")
	f.Add("", "**a")
	f.Fuzz(func(t *testing.T, src, out string) {
		got, unk := apertium.StripMarks(src, out)
		if len(got) > len(out) {
			t.Fatalf("grew: %q → %q", out, got)
		}
		for _, w := range unk {
			if w == "" {
				t.Fatalf("empty unknown word from %q", out)
			}
		}
	})
}
