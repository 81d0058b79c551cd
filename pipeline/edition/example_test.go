package edition_test

import (
	"fmt"
	"path/filepath"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
)

func ExamplePath() {
	for _, layout := range []string{edition.DefaultLayout, "{dir}/{stem}.{locale}{ext}", "../{locale}/{path}"} {
		p, err := edition.Path(layout, "world/kyiv.md", "uk")
		fmt.Println(filepath.ToSlash(p), err != nil)
	}
	// Output:
	// uk/world/kyiv.md false
	// world/kyiv.uk.md false
	//  true
}

func ExampleSplit() {
	p, _, _ := format.Default().Lookup("a.md", "")
	doc, _ := p.Parse("a.md", []byte("---\nlang: uk\n---\n\nОбстріл біля Києва. Посадовці це підтвердили.\n"))
	from, err := edition.Source{Default: language.English}.Of("a.md", doc)
	fmt.Println(from, err)
	for _, s := range edition.Split(doc, from) {
		fmt.Printf("%s %q\n", s.ID, s.Text)
	}
	fmt.Println(edition.SameLanguage(from, language.MustParse("uk-UA")), edition.SameLanguage(language.MustParse("sr-Cyrl"), language.MustParse("sr-Latn")))
	// Output:
	// uk <nil>
	// u1.1 "Обстріл біля Києва."
	// u1.2 "Посадовці це підтвердили."
	// true false
}
