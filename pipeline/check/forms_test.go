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

// Issue 20: "Kiev's mayor" through Apertium into Catalan came back as
// "Kyivha el batlle" (the possessive read as "has" and glued to the
// term): an error, not a glossary-missing warning.
func TestPossessiveDamage(t *testing.T) {
	src := "Kiev's mayor said the city is safe.\n\nThe Kiev's metro has reopened.\n\nKiev has a new mayor."
	runRuleCases(t, []ruleCase{
		{name: "ca glued", to: "ca", src: src, ed: "Kyivha el batlle va dir que la ciutat és segur.\n\nEl Kyivha el metro ha reobert.\n\nKyiv té un batlle nou.", rule: RulePlaceholder, want: 2, line: 1},
		{name: "ca glued is not a missing term", to: "ca", src: src, ed: "Kyivha el batlle va dir que la ciutat és segur.\n\nEl Kyivha el metro ha reobert.\n\nKyiv té un batlle nou.", rule: RuleGlossaryMissing, want: 0},
		{name: "ca right", to: "ca", src: src, ed: "L'alcalde de Kyiv va dir que la ciutat és segura.\n\nEl metro de Kyiv ha reobert.\n\nKyiv té un batlle nou.", rule: RulePlaceholder, want: 0},
		{name: "de derived adjective", to: "de", src: src, ed: "Der Kyjiwer Bürgermeister sagte, die Stadt sei sicher.\n\nDie Kyjiwer U-Bahn fährt wieder.\n\nKyjiw hat einen neuen Bürgermeister.", rule: RulePlaceholder, want: 0},
		{name: "de genitive", to: "de", src: src, ed: "Kyjiws Bürgermeister sagte, die Stadt sei sicher.\n\nDie U-Bahn Kyjiws fährt wieder.\n\nKyjiw hat einen neuen Bürgermeister.", rule: RulePlaceholder, want: 0},
		{name: "uk adjective", to: "uk", src: src, ed: "Київський мер заявив, що місто безпечне.\n\nКиївське метро знову працює.\n\nКиїв має нового мера.", rule: RulePlaceholder, want: 0},
	})
	got := newTestChecker().CheckEdition(pair("txt", "en", "ca", src, "Kyivha el batlle va dir que la ciutat és segur.\n\nEl metro ha reobert.\n\nKyiv té un batlle nou."))
	require.Equal(t, 1, ruleCount(got, RulePlaceholder), describe(got))
	for _, f := range got {
		if f.Rule == RulePlaceholder {
			assert.Equal(t, Error, f.Severity)
			assert.Equal(t, "Kyivha", f.Segment)
			assert.Contains(t, f.Message, `"Kiev's"`)
			assert.Equal(t, 1, f.SourceLine)
			assert.Equal(t, "u1.1", f.SegmentID)
		}
	}
}

// Issue 20: translate and check make one decision about exceptions. Where
// the glossary says "Chernobyl disaster" keeps its name (en, de, fr),
// translate leaves it to the engine and check accepts what it wrote; where
// it does not (es), translate writes Chernóbil and check wants it.
func TestExceptionsSharedWithTranslate(t *testing.T) {
	src := "The Chernobyl disaster\n\nThe Chernobyl disaster of 1986 emptied the town of Chernobyl."
	runRuleCases(t, []ruleCase{
		{name: "de keeps the disaster's name", to: "de", src: src,
			ed: "Die Tschernobyl-Katastrophe\n\nDie Chernobyl-Katastrophe von 1986 leerte die Stadt Tschornobyl.", rule: RuleGlossaryDeprecated, want: 0},
		{name: "de keeps the disaster's name: nothing missing", to: "de", src: src,
			ed: "Die Tschernobyl-Katastrophe\n\nDie Chernobyl-Katastrophe von 1986 leerte die Stadt Tschornobyl.", rule: RuleGlossaryMissing, want: 0},
		{name: "de the town still needs its name", to: "de", src: src,
			ed: "Die Tschernobyl-Katastrophe\n\nDie Chernobyl-Katastrophe von 1986 leerte die Stadt Chernobyl.", rule: RuleGlossaryDeprecated, want: 1, line: 3},
		{name: "es names the town", to: "es", src: src,
			ed: "El desastre de Chernobyl\n\nEl desastre de Chernobyl de 1986 vació la ciudad de Chernóbil.", rule: RuleGlossaryDeprecated, want: 2, line: 1},
		{name: "es as translate writes it", to: "es", src: src,
			ed: "El desastre de Chernóbil\n\nEl desastre de Chernóbil de 1986 vació la ciudad de Chernóbil.", rule: RuleGlossaryDeprecated, want: 0},
		{name: "en house style keeps the disaster", to: "en", src: src, ed: src, rule: RuleGlossaryDeprecated, want: 1, line: 3},
	})
}
