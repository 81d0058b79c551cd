package pseudo_test

import (
	"fmt"

	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
)

func ExamplePseudo() {
	fmt.Println(pseudo.Pseudo("Write to help@example.org today."))
	// Output: [Ŵŕîţé ţö help@example.org ţöðáý. ····]
}
