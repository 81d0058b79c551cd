package check

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/edition"
)

// shortCase is a document of short paragraphs, its translation, and the
// paragraphs left in the source language.
type shortCase struct {
	from, to   string
	src, trans []string // paragraph by paragraph
}

// leave returns the edition with paragraph i left as its source.
func (sc shortCase) leave(i int) string {
	ed := append([]string(nil), sc.trans...)
	ed[i] = sc.src[i]
	return strings.Join(ed, "\n\n")
}

// Issue 20: short sentences left in the source language are caught, with
// their line, source line and segment id; their translations are not.
func TestUntranslatedShortSegments(t *testing.T) {
	cases := map[string]shortCase{
		"en-es": {from: "en", to: "es",
			src: []string{"Schools reopened.", "The mayor resigned.", "Prices rose again.", "Talks resume today.",
				"Roads are closed.", "Police made arrests.", "It rained all day.", "Trains were delayed."},
			trans: []string{"Las escuelas reabrieron.", "El alcalde dimitió.", "Los precios volvieron a subir.", "Las conversaciones se reanudan hoy.",
				"Las carreteras están cortadas.", "La policía hizo detenciones.", "Llovió todo el día.", "Los trenes se retrasaron."}},
		"ru-uk": {from: "ru", to: "uk",
			src: []string{"Школы снова открылись.", "Мэр подал в отставку.", "Цены снова выросли.", "Переговоры возобновятся сегодня.",
				"Дороги закрыты.", "Полиция провела аресты.", "Весь день шёл дождь.", "Поезда задерживались."},
			trans: []string{"Школи знову відкрилися.", "Мер подав у відставку.", "Ціни знову зросли.", "Переговори відновляться сьогодні.",
				"Дороги закриті.", "Поліція провела арешти.", "Увесь день ішов дощ.", "Потяги затримувалися."}},
	}
	c := newTestChecker()
	for name, sc := range cases {
		t.Run(name, func(t *testing.T) {
			src := strings.Join(sc.src, "\n\n")
			clean := c.CheckEdition(pair("txt", sc.from, sc.to, src, strings.Join(sc.trans, "\n\n")))
			require.Zero(t, ruleCount(clean, RuleUntranslated), describe(clean))
			caught := 0
			for i := range sc.src {
				got := c.CheckEdition(pair("txt", sc.from, sc.to, src, sc.leave(i)))
				if ruleCount(got, RuleUntranslated) == 0 {
					t.Logf("missed: %s", sc.src[i])
					continue
				}
				caught++
				f := got[0]
				require.Equal(t, RuleUntranslated, f.Rule, describe(got))
				assert.Equal(t, 2*i+1, f.Line)
				assert.Equal(t, 2*i+1, f.SourceLine)
				assert.Equal(t, "src.txt", f.Source)
				assert.Equal(t, edition.SegmentID("u"+strconv.Itoa(i+1), 0), f.SegmentID)
			}
			t.Logf("%s: %d of %d short sentences left in the source language caught", name, caught, len(sc.src))
			// Measured: en-es 8/8; ru-uk 7/8 ("Поезда задерживались." has no
			// letter Ukrainian lacks and whatlanggo reads it as Ukrainian).
			assert.GreaterOrEqual(t, caught, len(sc.src)-1)
		})
	}
}

// Names and numbers changed, the words left: still untranslated.
func TestUntranslatedNearlyIdentical(t *testing.T) {
	c := newTestChecker()
	got := c.CheckEdition(pair("txt", "en", "es", "Talks in Kiev resume.\n\nPrices rose 5% in 2022.",
		"Talks in Kyiv resume.\n\nLos precios subieron un 5 % en 2022."))
	require.Equal(t, 1, ruleCount(got, RuleUntranslated), describe(got))
	assert.Equal(t, 1, got[0].Line)
}

// Issue 20: a sr-Cyrl → sr-Latn edition still in Cyrillic is caught; its
// transliteration is not.
func TestUntranslatedScript(t *testing.T) {
	src := "Нова линија метроа\n\nГрадске власти су у понедељак отвориле нову линију метроа. Возови ће саобраћати сваких пет минута."
	latn := "Nova linija metroa\n\nGradske vlasti su u ponedeljak otvorile novu liniju metroa. Vozovi će saobraćati svakih pet minuta."
	c := newTestChecker()
	clean := c.CheckEdition(pair("txt", "sr-Cyrl", "sr-Latn", src, latn))
	assert.Zero(t, ruleCount(clean, RuleUntranslated), describe(clean))
	got := c.CheckEdition(pair("txt", "sr-Cyrl", "sr-Latn", src, src))
	require.Equal(t, 3, ruleCount(got, RuleUntranslated), describe(got))
	assert.Contains(t, got[0].Message, "Cyrillic script")
	assert.Contains(t, got[0].Message, "Latin")
	assert.Equal(t, []int{1, 3, 3}, []int{got[0].Line, got[1].Line, got[2].Line})
	assert.Equal(t, []string{"u1.1", "u2.1", "u2.2"}, []string{got[0].SegmentID, got[1].SegmentID, got[2].SegmentID})

	// English left in a Ukrainian edition, in a paragraph of its own.
	got = c.CheckEdition(pair("txt", "en", "uk", "Shelling\n\nThe shelling went on all night.", "Обстріли\n\nThe shelling went on all night, witnesses said."))
	require.Equal(t, 1, ruleCount(got, RuleUntranslated), describe(got))
	assert.Contains(t, got[0].Message, "Latin script")
}
