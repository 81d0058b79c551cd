package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/format"
)

func TestHumanEditionAlignment(t *testing.T) {
	c := newTestChecker()
	const src = "# Return to Kyiv\n\nFamilies returned on Sunday.\n\nThe roads were still lined with 12 burnt-out vehicles.\n\nSappers worked ahead of the first convoys.\n"
	for _, tc := range []struct {
		name, to, ed string
		want         map[string][]int // rule → lines
	}{
		{"de paragraph added in the middle", "de",
			"# Rückkehr nach Kyjiw\n\nFamilien kehrten am Sonntag zurück.\n\nEin Absatz, den die Übersetzerin hinzufügte, mit 3 Zahlen.\n\nDie Straßen waren noch von 12 ausgebrannten Fahrzeugen gesäumt.\n\nMinenräumer arbeiteten vor den ersten Konvois.\n",
			map[string][]int{}},
		{"fr paragraph dropped", "fr",
			"# Retour à Kyiv\n\nLes familles sont revenues dimanche.\n\nDes démineurs travaillaient devant les premiers convois.\n",
			map[string][]int{RuleEmpty: {3}}},
		{"uk English paragraph added, soft line breaks", "uk",
			"# Повернення до Києва\n\nРодини повернулися в неділю.\n\nДороги досі були заставлені\n12 згорілими машинами. Officials said the roads\nwere safe again after the army left.\n\nСапери працювали попереду перших колон.\n",
			map[string][]int{RuleUntranslated: {6}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := c.CheckEdition(pair("md", "en", tc.to, src, tc.ed))
			lines := map[string][]int{}
			for _, f := range got {
				lines[f.Rule] = append(lines[f.Rule], f.Line)
			}
			require.Equal(t, len(tc.want), len(lines), describe(got))
			for rule, want := range tc.want {
				assert.Equal(t, want, lines[rule], describe(got))
			}
		})
	}
}

func TestAlignInOrder(t *testing.T) {
	// Very large documents are aligned kind by kind, in order.
	src := []string{"title", "paragraph", "paragraph", "heading"}
	ed := []string{"title", "paragraph", "heading", "paragraph", "paragraph"}
	got := alignInOrder(units(src...), units(ed...))
	assert.Equal(t, []pairing{{0, 0}, {1, 1}, {2, 3}, {3, 2}, {-1, 4}}, got)
}

func units(kinds ...string) []format.Unit {
	out := make([]format.Unit, len(kinds))
	for i, k := range kinds {
		out[i] = format.Unit{ID: "u" + string(rune('1'+i)), Kind: k}
	}
	return out
}
