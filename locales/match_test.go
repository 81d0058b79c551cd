package locales_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/locales"
)

func TestMatcher(t *testing.T) {
	avail := []language.Tag{
		language.English, language.MustParse("pt"), language.MustParse("pt-PT"), language.French,
		language.Russian, language.MustParse("nb"), language.MustParse("ca"), language.MustParse("zh-Hant"),
	}
	m := locales.NewMatcher(avail, map[language.Tag][]language.Tag{
		language.MustParse("nn"): {language.MustParse("nb")},
	})
	tests := []struct {
		want  string
		match string // "" for no match
	}{
		{"en", "en"},
		{"en-GB", "en"},
		{"pt-BR", "pt"},
		{"pt-PT", "pt-PT"},
		{"pt-AO", "pt-PT"}, // CLDR parent of African Portuguese is pt-PT
		{"fr-CA", "fr"},
		{"ca-ES-valencia", "ca"},
		{"nn", "nb"},    // explicit fallback
		{"nn-NO", "nb"}, // through the parent's fallback
		{"be", ""},      // never Russian without an explicit fallback
		{"uk", ""},
		{"es", ""}, // not Catalan, not Portuguese
		{"zh-TW", "zh-Hant"},
		{"ja", ""},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			i, ok := m.Match(language.MustParse(tc.want))
			if tc.match == "" {
				assert.False(t, ok)
				assert.Equal(t, -1, i)
				return
			}
			if assert.True(t, ok) {
				assert.Equal(t, tc.match, avail[i].String())
			}
		})
	}
	i, ok := locales.NewMatcher(nil, nil).Match(language.English)
	assert.False(t, ok)
	assert.Equal(t, -1, i)
}

func TestDisplayName(t *testing.T) {
	tests := []struct {
		lang, in, want string
	}{
		{"es", "es", "español"},
		{"en", "fr", "anglais"},
		{"de", "de", "Deutsch"},
		{"en", "uk", "англійська"},
		{"uk", "uk", "українська"},
		{"ru", "pl", "rosyjski"},
		{"fr", "ca", "francès"},
		{"pt-BR", "en", "Brazilian Portuguese"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, locales.DisplayName(language.MustParse(tc.lang), language.MustParse(tc.in)), "%s in %s", tc.lang, tc.in)
	}
	assert.Equal(t, "portugais", locales.LanguageName(language.MustParse("pt-BR"), language.French))
}

func TestFormatInt(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1234567, "1,234,567"},
		{"de", 1234567, "1.234.567"},
		{"es", 1234567, "1.234.567"},
		{"fr", 1234567, "1\u00a0234\u00a0567"}, // x/text's CLDR tables: no-break space
		{"uk", 1234567, "1\u00a0234\u00a0567"},
		{"en", 7, "7"},
		{"fr", -1000, "-1\u00a0000"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, locales.FormatInt(language.MustParse(tc.lang), tc.n), tc.lang)
	}
}

func TestDataFingerprint(t *testing.T) {
	fp := locales.DataFingerprint()
	assert.Regexp(t, `^[0-9a-f]{12}$`, fp)
	assert.Equal(t, fp, locales.DataFingerprint(), "stable")
}
