package glossary_test

import (
	"fmt"
	"os"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
)

func ExampleGlossary_Apply() {
	g := glossary.Builtin()
	out, changes := g.Apply("KIEV: Kiev's Kiev-based volunteers, not Chicken Kiev. See www.kiev.ua.", language.English)
	fmt.Println(out)
	fmt.Println(len(changes), "changes")
	// Output:
	// KYIV: Kyiv's Kyiv-based volunteers, not Chicken Kiev. See www.kiev.ua.
	// 3 changes
}

func ExampleGlossary_Protect() {
	g := glossary.Builtin()
	p := g.Protect("Из Киева выехали следователи.", language.Russian, language.Ukrainian)
	// An engine translates p.Text, keeping the placeholder rune…
	translated := "З " + string(p.Terms[0].Placeholder) + " виїхали слідчі."
	out, warnings := p.Restore(translated)
	fmt.Println(out, len(warnings))
	// Output: З Києва виїхали слідчі. 0
}

func ExampleParse() {
	g, err := glossary.Parse("house.yaml", []byte(`version: 1
concepts:
  - id: zelensky
    terms:
      en: {preferred: Zelensky, deprecated: [Zelenskyy, Zelenskiy]}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := glossary.Merge(glossary.Builtin(), g).Apply("Zelenskiy visited Kharkov.", language.English)
	fmt.Println(out)
	// Output: Zelensky visited Kharkiv.
}

func ExampleLint() {
	g, _ := glossary.Parse("bad.yaml", []byte(`version: 1
concepts:
  - id: kyiv
    terms:
      en: {preferred: Kyiv, deprecated: [Kiev]}
  - id: kiev
    terms:
      en: {preferred: Kiev}
`))
	for _, f := range glossary.Lint(g) {
		fmt.Println(f)
	}
	// Output:
	// bad.yaml:5: deprecated-in-one: en term "Kiev" is deprecated in concept "kyiv" but preferred in concept "kiev" (bad.yaml:6)
}

func ExampleWriteCSV() {
	g, _ := glossary.Parse("g.yaml", []byte(`version: 1
concepts:
  - id: kyiv
    terms:
      en: {preferred: Kyiv, deprecated: [Kiev]}
`))
	_ = glossary.WriteCSV(os.Stdout, g, ',')
	// Output:
	// id,note,exceptions,case_sensitive,do_not_translate,en,en:deprecated
	// kyiv,,,,,Kyiv,Kiev
}

// A change of policy, word by word and per concept.
func ExampleComparer() {
	g := glossary.Builtin()
	before := "From Kiev to Lvov.\nChicken Kiev stays.\n"
	after, _ := g.Apply(before, language.English)
	fd := glossary.Comparer{Lang: language.English, New: g}.File("a.txt", before, after)
	for _, o := range fd.Occurrences {
		fmt.Printf("line %d: %s: %q → %q kept=%v\n", o.Line, o.Concept, o.Old, o.New, o.Kept)
	}
	_ = glossary.WriteStat(os.Stdout, []glossary.FileDiff{fd})
	// Output:
	// line 1: kyiv: "Kiev" → "Kyiv" kept=false
	// line 1: lviv: "Lvov" → "Lviv" kept=false
	// line 2: kyiv: "Chicken Kiev" → "Chicken Kiev" kept=true
	//  a.txt |   2  kyiv ×1, lviv ×1, 1 kept
	//  kyiv: Kiev → Kyiv: 1 change(s) in 1 file(s)
	//  lviv: Lvov → Lviv: 1 change(s) in 1 file(s)
	//  1 file(s) changed, 2 occurrence(s), 1 kept by exceptions
}

func ExampleNonProse() {
	text := "Write to kiev.desk@example.com, see www.example.org/help or #KyivNotKiev, and set --region=donbass."
	for _, sp := range glossary.NonProse(text) {
		fmt.Println(text[sp.Start:sp.End])
	}
	// Output:
	// kiev.desk@example.com
	// www.example.org/help
	// #KyivNotKiev
	// --region=donbass
}
