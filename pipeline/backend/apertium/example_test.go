package apertium_test

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/backend/apertium"
)

func ExampleMode() {
	installed := []string{"eng-cat", "eng-cat_valencia", "eng-spa", "spa-eng", "spa-eng_US"}
	for _, pair := range [][2]string{{"en", "es"}, {"es", "en-US"}, {"en", "ca-ES-valencia"}, {"en", "fr"}} {
		mode, err := apertium.Mode(language.MustParse(pair[0]), language.MustParse(pair[1]), installed)
		fmt.Println(mode, err != nil)
	}
	// Output:
	// eng-spa false
	// spa-eng_US false
	// eng-cat_valencia false
	//  true
}

func ExampleStripMarks() {
	text, unknown := apertium.StripMarks("Zelensky urged troops.", "*Zelensky Instó tropas.")
	fmt.Println(text, unknown)
	// Output: Zelensky Instó tropas. [Zelensky]
}
