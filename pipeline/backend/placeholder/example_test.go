package placeholder_test

import (
	"fmt"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/placeholder"
)

func ExampleToMarkup() {
	link := placeholder.Rune(placeholder.Code, 0)
	end := placeholder.Rune(placeholder.Code, 1)
	term := placeholder.Rune(placeholder.Term, 0)
	src := fmt.Sprintf("Read %cthe speech%c by %c & others.", link, end, term)

	sent := placeholder.ToMarkup(src)
	fmt.Println(sent)
	// What Apertium sends back for it:
	reply := `Leído <x id="c0"></x>el discurso<x id="c1"></x> por <x id="t0"></x> &amp; otros.`
	back := placeholder.FromMarkup(reply)
	fmt.Println(placeholder.Name(link), placeholder.Name(term), back == fmt.Sprintf("Leído %cel discurso%c por %c & otros.", link, end, term))
	// Output:
	// Read <x id="c0"/>the speech<x id="c1"/> by <x id="t0"/> &amp; others.
	// c0 t0 true
}

func ExampleRepair() {
	term := placeholder.Rune(placeholder.Term, 0)
	src := fmt.Sprintf("The army focused on %c.", term)
	// The engine lost the placeholder.
	fixed, warnings := placeholder.Repair(src, "El ejército se centró en.")
	fmt.Println(placeholder.ToTokens(fixed))
	fmt.Println(warnings)
	// Output:
	// El ejército se centró en ⟦t0⟧.
	// [protected term 0 lost by the engine; re-inserted]
}

func ExampleToInline() {
	term := placeholder.Rune(placeholder.Term, 0)
	seg := backend.Segment{Text: fmt.Sprintf("Residents return to %c's northern suburbs.", term), Terms: map[rune]string{term: "Kiev"}}
	fmt.Println(placeholder.ToInline(seg, placeholder.InlineOptions{}))
	// What Apertium en→es writes for it: the name where Spanish puts it.
	reply := `Regreso de residentes a los suburbios del norte de <span id="t0">Kiev</span>.`
	back, _ := placeholder.FromInline(seg, reply, placeholder.InlineOptions{})
	fmt.Println(back == fmt.Sprintf("Regreso de residentes a los suburbios del norte de %c.", term))
	// Output:
	// Residents return to <span id="t0">Kiev</span>&#39;s northern suburbs.
	// true
}
