package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStripURLs(t *testing.T) {
	for in, addr := range map[string]string{
		"see https://example.org/a?b=1 now":  "https://example.org/a?b=1",
		"write to help@example.org today":    "help@example.org",
		"a list at www.example.org/help.":    "www.example.org/help.",
		"posted at example.com/help, thanks": "example.com/help,",
		"no address here. Nor here.":         "",
	} {
		want := in
		if addr != "" {
			want = strings.Replace(in, addr, strings.Repeat(" ", len(addr)), 1)
		}
		assert.Equal(t, want, stripURLs(in), in)
	}
}

func TestContentWords(t *testing.T) {
	for in, want := range map[string]int{
		"Officials said the roads were safe again.": 7,
		"Volodymyr Zelensky, Olena Zelenska":        1, // a first word counts
		"UNHCR and ISW":                             1,
		"Мешканці повертаються додому":              3,
		"ウクライナの首都":                                  1,
	} {
		assert.Equal(t, want, contentWords(in), in)
	}
}

func TestIsPseudo(t *testing.T) {
	assert.True(t, isPseudo("Ṁöŕé ţĥáñ 5.2 ɱîļļîöñ ŕéƒûĝééš"))
	assert.False(t, isPseudo("Les familles ont commencé à revenir dimanche"))
	assert.False(t, isPseudo("Officials said the roads were safe"))
	assert.False(t, isPseudo("Мешканці повертаються"))
}
