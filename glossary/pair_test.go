package glossary

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

func TestProtectPair(t *testing.T) {
	g := Builtin()
	en, es, uk := language.English, language.Spanish, language.Ukrainian
	tests := []struct {
		name, src, tgt string
		to             language.Tag
		wantErr        error
	}{
		{"no term", "The army advanced.", "El ejército avanzó.", es, nil},
		{"term kept by the reviewer", "Shelling hit Kiev overnight.", "Los bombardeos alcanzaron Kiev por la noche.", es, nil},
		{"ukrainian term", "Shelling hit Kiev overnight.", "Обстріли влучили в Київ уночі.", uk, nil},
		{"term dropped", "Shelling hit Kiev overnight.", "Los bombardeos alcanzaron la capital.", es, ErrTermMissing},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			psrc, ptgt, err := g.ProtectPair(tc.src, tc.tgt, en, tc.to)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			p := g.Protect(tc.src, en, tc.to)
			assert.Equal(t, p.Text, psrc, "keyed as the pipeline keys it")
			assert.Equal(t, strings.Count(psrc, string(rune(PlaceholderBase))), strings.Count(ptgt, string(rune(PlaceholderBase))))
			restored, warnings := p.Restore(ptgt)
			assert.Empty(t, warnings)
			assert.Equal(t, tc.tgt, restored, "Restore gives the reviewer's sentence back")
		})
	}

	// The reviewer's inflected form is kept as written; a deprecated term
	// becomes the placeholder, so the glossary's term replaces it.
	psrc, ptgt, err := g.ProtectPair("Families returned north of Kiev.", "Родини повернулися на північ від Києва.", en, uk)
	require.NoError(t, err)
	assert.Equal(t, g.Protect("Families returned north of Kiev.", en, uk).Text, psrc)
	assert.Equal(t, "Родини повернулися на північ від Києва.", ptgt)
	assert.Equal(t, ptgt, g.Protect("Families returned north of Kiev.", en, uk).Fill(ptgt), "Fill keeps the reviewer's form")
	de := language.German
	_, ptgt, err = g.ProtectPair("Shelling hit Kiev overnight.", "Beschuss traf Kiews Vororte.", en, de)
	require.NoError(t, err)
	assert.Equal(t, "Beschuss traf \U000F0000 Vororte.", ptgt)
	assert.Equal(t, "Beschuss traf Kyjiw Vororte.", g.Protect("Shelling hit Kiev overnight.", en, de).Fill(ptgt), "a deprecated term gives way to the glossary's")

	psrc, ptgt, err = (*Glossary)(nil).ProtectPair("Kiev.", "Kiev.", en, es)
	require.NoError(t, err)
	assert.Equal(t, "Kiev.", psrc)
	assert.Equal(t, "Kiev.", ptgt)
}
