package locales_test

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/locales"
)

func TestAlphabets(t *testing.T) {
	s, err := locales.LoadAlphabets(locales.Data())
	require.NoError(t, err)
	ru, uk := s.For(language.Russian), s.For(language.Ukrainian)
	require.NotNil(t, ru)
	require.NotNil(t, uk)
	for _, r := range "ыэъё" {
		assert.True(t, ru.Has(r))
		assert.False(t, uk.Has(r), string(r))
	}
	for _, r := range "іїєґ" {
		assert.False(t, ru.Has(r), string(r))
		assert.True(t, uk.Has(r))
	}
	assert.True(t, uk.Has('Ї'), "any case")
	assert.True(t, s.Close(language.Russian, language.Ukrainian))
	assert.True(t, s.Close(language.Ukrainian, language.Russian), "symmetric")
	assert.True(t, s.Close(language.MustParse("sr-Latn"), language.MustParse("sr-Cyrl")), "one language")
	assert.False(t, s.Close(language.English, language.Spanish))
	assert.NotNil(t, s.For(language.MustParse("sr-Latn")))
	assert.True(t, s.For(language.MustParse("sr-Latn")).Has('š'))
	assert.Nil(t, s.For(language.Japanese))

	_, err = locales.LoadAlphabets(fstest.MapFS{"letters/ru.yaml": {Data: []byte("letters: АБВ\n")}})
	require.ErrorIs(t, err, locales.ErrData)
	_, err = locales.LoadAlphabets(fstest.MapFS{"letters/ru.yaml": {Data: []byte("letters: абв\nclose: [not a tag]\n")}})
	require.ErrorIs(t, err, locales.ErrData)
}
