package typography_test

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/typography"
)

func ExampleTypography_Apply() {
	ty := typography.Default()
	for _, lang := range []string{"en", "de", "uk", "fr", "pt-BR"} {
		out := ty.Apply(language.MustParse(lang), `"Kyiv's 'bravest' men," she said. Really?`)
		// Show the narrow no-break space of French.
		fmt.Printf("%-5s %s\n", lang, strings.ReplaceAll(out, "\u202F", "_"))
	}
	// Output:
	// en    “Kyiv’s ‘bravest’ men,” she said. Really?
	// de    „Kyiv’s ‚bravest‘ men,“ she said. Really?
	// uk    «Kyiv’s „bravest“ men,» she said. Really?
	// fr    «_Kyiv’s “bravest” men,_» she said. Really_?
	// pt-BR “Kyiv’s ‘bravest’ men,” she said. Really?
}
