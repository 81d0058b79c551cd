package openai_test

import (
	"errors"
	"fmt"

	"github.com/locpipe/locpipe/pipeline/backend/openai"
	"github.com/locpipe/locpipe/pipeline/backend/placeholder"
)

func ExampleParseReply() {
	term := placeholder.Rune(placeholder.Term, 0)
	src := []string{fmt.Sprintf("Hello from %c.", term)}

	_, err := openai.ParseReply(`Sure! Here you go: Hola.`, src)
	fmt.Println(errors.Is(err, openai.ErrReply))

	_, err = openai.ParseReply(`{"translations":[{"id":"1","text":"Hola desde aquí."}]}`, src)
	fmt.Println(errors.Is(err, openai.ErrPlaceholders))

	out, err := openai.ParseReply(`{"translations":[{"id":"1","text":"Hola desde ⟦t0⟧."}]}`, src)
	fmt.Println(out[0] == fmt.Sprintf("Hola desde %c.", term), err)
	// Output:
	// true
	// true
	// true <nil>
}
