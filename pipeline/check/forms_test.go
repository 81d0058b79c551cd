package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 20: a form belongs to a term only through the glossary's forms or
// the language's inflection, not because it starts like the term.
func TestTermsByWordForms(t *testing.T) {
	const srcRU = "Обстрелы в Донбассе\n\nОбстрелы Донбасса продолжились ночью. Власти Донбасса сообщили о жертвах.\n\nЖители уехали из Донбасса в Киев. Над Донбассом летали дроны. Донбасс остаётся зоной боёв."
	ukClean := "Обстріли на Донбасі\n\nОбстріли Донбасу тривали вночі. Влада Донбасу повідомила про жертви.\n\nМешканці виїхали з Донбасу до Києва. Над Донбасом літали дрони. Донбас залишається зоною боїв."
	ukRussianForms := "Обстріли в Донбассе\n\nОбстріли Донбасса тривали вночі. Влада Донбасу повідомила про жертви.\n\nМешканці виїхали з Донбасу до Києва. Над Донбассом літали дрони. Донбасс залишається зоною боїв."
	const srcEN = "Fighting in Donbas\n\nFighting continued in the Donbas overnight, officials said."
	runRuleCases(t, []ruleCase{
		{name: "uk clean", from: "ru", to: "uk", src: srcRU, ed: ukClean, rule: RuleGlossaryDeprecated, want: 0},
		{name: "uk clean has the terms", from: "ru", to: "uk", src: srcRU, ed: ukClean, rule: RuleGlossaryMissing, want: 0},
		{name: "uk Russian forms", from: "ru", to: "uk", src: srcRU, ed: ukRussianForms, rule: RuleGlossaryDeprecated, want: 4, line: 1},
		{name: "pl Donbass", to: "pl", src: srcEN, ed: "Walki w Donbasie\n\nWalki w Donbass trwały w nocy, podali urzędnicy.", rule: RuleGlossaryDeprecated, want: 1, line: 3},
		{name: "pl inflected preferred", to: "pl", src: srcEN, ed: "Walki w Donbasie\n\nWalki w Donbasie trwały w nocy, podali urzędnicy.", rule: RuleGlossaryDeprecated, want: 0},
		{name: "pl inflected preferred is present", to: "pl", src: srcEN, ed: "Walki w Donbasie\n\nWalki w Donbasie trwały w nocy, podali urzędnicy.", rule: RuleGlossaryMissing, want: 0},
	})
	c := newTestChecker()
	got := c.CheckEdition(pair("txt", "ru", "uk", srcRU, ukRussianForms))
	var terms []string
	for _, f := range got {
		if f.Rule == RuleGlossaryDeprecated {
			terms = append(terms, f.Segment)
			assert.Contains(t, f.Message, "Ukrainian edition")
			assert.NotZero(t, f.Line)
		}
	}
	require.ElementsMatch(t, []string{"Донбассе", "Донбасса", "Донбассом", "Донбасс"}, terms, describe(got))
	for _, f := range got {
		if f.Segment == "Донбассе" {
			assert.Contains(t, f.Message, `write "Донбасі"`) // the form with the same tag
		}
	}
	for _, f := range got {
		assert.False(t, strings.HasPrefix(f.Segment, "Донбасу"), describe(got))
	}
}
