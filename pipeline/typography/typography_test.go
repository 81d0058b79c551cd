package typography_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/locales"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/typography"
)

const (
	nnbsp = "\u202F"
	nbsp  = "\u00A0"
)

func TestTypography(t *testing.T) {
	ty := typography.Default()
	tests := []struct {
		name, lang, in, want string
	}{
		{"en straight", "en", `He said "yes."`, `He said “yes.”`},
		{"en nested", "en", `"She said 'no' twice," he wrote.`, `“She said ‘no’ twice,” he wrote.`},
		{"en apostrophes", "en", `Don't touch Kiev's rock'n'roll, the boys' toys, 'tis the '90s.`, `Don’t touch Kiev’s rock’n’roll, the boys’ toys, ’tis the ’90s.`},
		{"en-GB single outside", "en-GB", `"Quote 'inner'"`, `‘Quote “inner”’`},
		{"fr guillemets and spaces", "fr", `Il a dit "oui".`, `Il a dit «` + nnbsp + `oui` + nnbsp + `».`},
		{"fr replaces inner spaces", "fr", `« oui »`, `«` + nnbsp + `oui` + nnbsp + `»`},
		{"fr punctuation", "fr", `Quoi? Vraiment! Note: fin; ok`, `Quoi` + nnbsp + `? Vraiment` + nnbsp + `! Note` + nbsp + `: fin` + nnbsp + `; ok`},
		{"fr existing space replaced", "fr", `Quoi ? Note : fin`, `Quoi` + nnbsp + `? Note` + nbsp + `: fin`},
		{"fr ?! stays together", "fr", `Quoi?!`, `Quoi` + nnbsp + `?!`},
		{"fr time and ratio", "fr", `à 10:30, 3:2`, `à 10:30, 3:2`},
		{"fr question in quote", "fr", `"Quoi?"`, `«` + nnbsp + `Quoi` + nnbsp + `?` + nnbsp + `»`},
		{"fr nested", "fr", `"a 'b' c"`, `«` + nnbsp + `a “b” c` + nnbsp + `»`},
		{"fr elision", "fr", `l'armée d'Ukraine`, `l’armée d’Ukraine`},
		{"fr line start punctuation", "fr", "? seul", "? seul"},
		{"de", "de", `"Ja," sagte er, "'nein' ist falsch."`, `„Ja,“ sagte er, „‚nein‘ ist falsch.“`},
		{"de from English curly", "de", `“Ja” und ‘nein’`, `„Ja“ und „nein“`},
		{"pl", "pl", `"Tak 'nie'"`, `„Tak «nie»”`},
		{"uk no spaces", "uk", `Він сказав: "так".`, `Він сказав: «так».`},
		{"uk from French", "uk", `« так »`, `«так»`},
		{"ru nested", "ru", `"Он сказал 'да'"`, `«Он сказал „да“»`},
		{"pt-BR uses pt", "pt-BR", `"sim"`, `“sim”`},
		{"pt-PT own data", "pt-PT", `"sim"`, `«sim»`},
		{"es", "es", `"sí"`, `«sí»`},
		{"no data: unchanged", "ja", `"hai" isn't`, `"hai" isn't`},
		{"URL untouched", "fr", `See "http://x.org/a?b='c'&d=1" now!`, `See «` + nnbsp + `http://x.org/a?b='c'&d=1` + nnbsp + `» now` + nnbsp + `!`},
		{"URL then sentence punctuation", "fr", `Vu http://x.org/a?b=1? Oui.`, `Vu http://x.org/a?b=1` + nnbsp + `? Oui.`},
		{"upper-case WWW untouched", "fr", `WWW.EXAMPLE.ORG/Q?X=1 ok`, `WWW.EXAMPLE.ORG/Q?X=1 ok`},
		{"www and mail untouched", "fr", `www.example.org/q?x=1 or a'b@example.org: ok`, `www.example.org/q?x=1 or a'b@example.org` + nbsp + `: ok`},
		{"markers around quotes", "de", "\uE000\"Kyiv\"\uE001 und \"\uE002x\uE003\"", "\uE000„Kyiv“\uE001 und „\uE002x\uE003“"},
		{"marker before punctuation", "fr", "\uE000Note\uE001: voir", "\uE000Note\uE001" + nbsp + ": voir"},
		{"fr close after marker", "fr", "\"\uE000x\uE001\"", "«" + nnbsp + "\uE000x\uE001" + nnbsp + "»"},
		{"pseudo text", "fr", `["Ŵé ļéƒţ," šáîð Öļéñá? ·····]`, `[«` + nnbsp + `Ŵé ļéƒţ,` + nnbsp + `» šáîð Öļéñá` + nnbsp + `? ·····]`},
		{"pseudo text de", "de", `["Ŵé ļéƒţ," šáîð Öļéñá. ···] ["Î ðîð ñöţ." ···]`, `[„Ŵé ļéƒţ,“ šáîð Öļéñá. ···] [„Î ðîð ñöţ.“ ···]`},
		{"unmatched opening (multi-paragraph quote)", "de", `"First paragraph`, `„First paragraph`},
		{"lone quote with spaces", "en", `a " b`, `a " b`},
		{"empty", "fr", ``, ``},
		{"invalid UTF-8 kept", "fr", "a\xff\"b\"", "a\xff«" + nnbsp + "b" + nnbsp + "»"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ty.Apply(language.MustParse(tc.lang), tc.in)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, got, ty.Apply(language.MustParse(tc.lang), got), "idempotent")
		})
	}
}

// TestTypographyShippedLocales checks that every shipped file loads and that
// the locales have their quotation marks.
func TestTypographyShippedLocales(t *testing.T) {
	ty := typography.Default()
	want := map[string]string{"en": "“x”", "fr": "«" + nnbsp + "x" + nnbsp + "»", "de": "„x“", "uk": "«x»", "ru": "«x»", "pl": "„x”", "es": "«x»", "ca": "«x»"}
	for lang, w := range want {
		assert.Equal(t, w, ty.Apply(language.MustParse(lang), `"x"`), lang)
	}
	assert.GreaterOrEqual(t, len(ty.Tags()), len(want))
}

func TestMarkerRangeMatchesFormat(t *testing.T) {
	// Typography's idea of inline-code markers is pipeline/format's, wide
	// codes (past 4,096 in a unit) included.
	ty := typography.Default().For(language.German)
	for _, id := range []int{0, 4095, 4096, format.MaxCodes - 1} {
		m := string(format.CodeRune(id))
		assert.Equal(t, m+"„Kyiv“"+m, ty.Apply(m+`"Kyiv"`+m), "code %d", id)
	}
}

func TestTypographyRulesValidation(t *testing.T) {
	tests := []struct {
		name  string
		rules locales.TypographyRules
	}{
		{"empty open", locales.TypographyRules{Quotes: []locales.QuotePair{{Close: "»"}}}},
		{"space not space", locales.TypographyRules{Quotes: []locales.QuotePair{{Open: "«", Close: "»", Space: "x"}}}},
		{"long apostrophe", locales.TypographyRules{Apostrophe: "’’"}},
		{"space_before key", locales.TypographyRules{SpaceBefore: map[string]string{"?!": " "}}},
		{"space_before newline", locales.TypographyRules{SpaceBefore: map[string]string{"?": "\n"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := typography.New(language.French, tc.rules)
			assert.Error(t, err)
		})
	}
}

func TestNilTypographerIsIdentity(t *testing.T) {
	var ty *typography.Typographer
	assert.Equal(t, `"x"`, ty.Apply(`"x"`))
	assert.Nil(t, typography.Default().For(language.Japanese))
}

// markers returns the inline-code marker runes of s, in order.
func markers(s string) []rune {
	var m []rune
	for _, r := range s {
		if _, ok := format.IsCodeRune(r); ok {
			m = append(m, r)
		}
	}
	return m
}

func FuzzTypography(f *testing.F) {
	for _, s := range []string{
		`He said "yes 'no'"!`, "« oui » ? Note: x", "\uE000\"a\"\uE001: b", `l'armée d'"Ukraine"`,
		"http://x.org/?a=\"b\" c@d.org", "[\"Ŵé ļéƒţ,\" šáîð?]", "„x“ ‚y‘ “z” ‘w’", "a\n? b\n\"c", "\"\"''\"'",
	} {
		f.Add(s, uint8(0))
	}
	ty := typography.Default()
	langs := []language.Tag{language.English, language.French, language.German, language.Ukrainian, language.Polish, language.MustParse("en-GB")}
	f.Fuzz(func(t *testing.T, s string, li uint8) {
		lang := langs[int(li)%len(langs)]
		got := ty.Apply(lang, s)
		require.Equal(t, markers(s), markers(got), "inline-code markers kept in order")
		require.Equal(t, got, ty.Apply(lang, got), "idempotent")
		if utf8.ValidString(s) {
			require.True(t, utf8.ValidString(got))
		}
		require.Equal(t, strings.Count(s, "\n"), strings.Count(got, "\n"), "lines kept")
	})
}
