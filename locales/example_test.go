package locales_test

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/locales"
)

func ExampleBundle_NoticeText() {
	text, lang := locales.DefaultBundle().NoticeText(language.English, language.German)
	fmt.Println(lang, text)
	// Output:
	// de Dieser Artikel wurde maschinell übersetzt. Originalsprache: Englisch.
}

func ExampleNewLocalizer() {
	l := locales.NewLocalizer("pl_PL.UTF-8")
	for _, n := range []int{1, 3, 5, 12, 22} {
		fmt.Println(l.N(locales.MsgSummaryFiles, n, nil))
	}
	// Output:
	// 1 plik
	// 3 pliki
	// 5 plików
	// 12 plików
	// 22 pliki
}

func ExampleDisplayName() {
	fmt.Println(locales.DisplayName(language.Spanish, language.Spanish))
	fmt.Println(locales.DisplayName(language.English, language.Ukrainian))
	fmt.Println(locales.LanguageName(language.MustParse("en-US"), language.French))
	// Output:
	// español
	// англійська
	// anglais
}

func ExampleMatcher() {
	avail := []language.Tag{language.English, language.MustParse("pt"), language.Russian}
	m := locales.NewMatcher(avail, nil)
	for _, want := range []string{"pt-BR", "en-AU", "be"} {
		if i, ok := m.Match(language.MustParse(want)); ok {
			fmt.Println(want, "→", avail[i])
		} else {
			fmt.Println(want, "→ none")
		}
	}
	// Output:
	// pt-BR → pt
	// en-AU → en
	// be → none
}
