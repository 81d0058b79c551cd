package locales_test

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/locales"
)

func TestInflectorIsForm(t *testing.T) {
	tests := []struct {
		lang       string
		term, word string
		want       bool
	}{
		{"uk", "Донбас", "Донбас", true},
		{"uk", "Донбас", "Донбасу", true},
		{"uk", "Донбас", "ДОНБАСІ", true},
		{"uk", "Донбас", "Донбасом", true},
		// Russian spellings are not Ukrainian forms.
		{"uk", "Донбас", "Донбасс", false},
		{"uk", "Донбас", "Донбасса", false},
		{"uk", "Донбас", "Донбассе", false},
		{"uk", "Донбас", "Донбассом", false},
		{"uk", "Одеса", "Одесі", true},
		{"uk", "Одеса", "Одессы", false},
		{"uk", "Одеса", "Одес", false}, // a bare stem is not a form
		{"pl", "Donbas", "Donbasu", true},
		{"pl", "Donbas", "Donbasie", true},
		{"pl", "Donbas", "Donbass", false},
		{"pl", "Warszawa", "Warszawy", true},
		{"pl", "Warszawa", "Warszawie", true},
		{"ru", "Донбасс", "Донбасса", true},
		{"ru", "Донбасс", "Донбас", false},
		{"de", "Kyjiw", "Kyjiws", true},
		{"de", "Kyjiw", "Kyjiwer", false},
		{"en", "Kyiv", "Kyiv", true},
		{"en", "Kyiv", "Kyivha", false}, // no English data: the term only
		{"pt-BR", "Kyiv", "Kyivs", false},
		{"uk", "Ки", "Киа", false}, // shorter than min_stem
	}
	inf := locales.DefaultInflections()
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.word, func(t *testing.T) {
			assert.Equal(t, tt.want, inf.For(language.MustParse(tt.lang)).IsForm(tt.term, tt.word))
		})
	}
}

func TestInflectionData(t *testing.T) {
	inf, err := locales.LoadInflections(locales.Data())
	require.NoError(t, err)
	for _, tag := range []string{"uk", "ru", "pl", "cs", "de", "sr", "bg"} {
		assert.NotNil(t, inf.For(language.MustParse(tag)), tag)
	}
	assert.NotNil(t, inf.For(language.MustParse("sr-Latn")))
	assert.False(t, inf.For(language.English).IsForm("Kyiv", "Kyivs"), "English names do not inflect")
	assert.Nil(t, inf.For(language.Japanese))

	bad := fstest.MapFS{"inflection/xx-bad-tag.yaml": {Data: []byte("endings: [a]\n")}}
	_, err = locales.LoadInflections(bad)
	require.ErrorIs(t, err, locales.ErrData)
	unknown := fstest.MapFS{"inflection/pl.yaml": {Data: []byte("endings: [a]\nsuffixes: [b]\n")}}
	_, err = locales.LoadInflections(unknown)
	require.ErrorIs(t, err, locales.ErrData)
	spaced := fstest.MapFS{"inflection/pl.yaml": {Data: []byte("endings: [\"a b\"]\n")}}
	_, err = locales.LoadInflections(spaced)
	require.ErrorIs(t, err, locales.ErrData)
}

func TestInflectorIsDerived(t *testing.T) {
	inf := locales.DefaultInflections()
	for _, tt := range []struct {
		lang, term, word string
		want             bool
	}{
		{"de", "Kyjiw", "Kyjiwer", true},
		{"de", "Kyjiw", "Kyjiwerinnen", true},
		{"uk", "Київ", "київський", true},
		{"uk", "Київ", "київському", true},
		{"uk", "Одеса", "одеський", true},
		{"en", "Kyiv", "Kyivan", true},
		{"en", "Kyiv", "Kyivha", false},
		{"ca", "Kyiv", "Kyivha", false},
		{"de", "Kyjiw", "Kyjiwhat", false},
	} {
		assert.Equal(t, tt.want, inf.For(language.MustParse(tt.lang)).IsDerived(tt.term, tt.word), "%s %s", tt.lang, tt.word)
	}
}
