package format_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/locpipe/locpipe/pipeline/format"
)

// Parse a Markdown article, translate its units and render the edition.
func ExampleMarkdown() {
	src := "---\ntitle: Kiev today\ndate: 2022-04-03\n---\nLife returns to **Kiev**, [officials](https://example.org) say.\n"
	md := format.NewMarkdown(format.MarkdownOptions{Fields: []string{"title"}})
	doc, err := md.Parse("a.md", []byte(src))
	if err != nil {
		panic(err)
	}
	for _, u := range doc.Units {
		fmt.Printf("%s %s line %d: %q\n", u.ID, u.Kind, u.Line, u.Text)
	}
	tr := map[string]string{
		"u1": "Kyiv heute",
		"u2": "Das Leben kehrt nach \uE000Kyjiw\uE001 zurück, sagen \uE002Beamte\uE003.",
	}
	if err := doc.Render(os.Stdout, tr, format.RenderOptions{}); err != nil {
		panic(err)
	}
	// Output:
	// u1 meta:title line 2: "Kiev today"
	// u2 paragraph line 5: "Life returns to \ue000Kiev\ue001, \ue002officials\ue003 say."
	// ---
	// title: "Kyiv heute"
	// date: 2022-04-03
	// ---
	// Das Leben kehrt nach **Kyjiw** zurück, sagen [Beamte](https://example.org).
}

// Escaping: whatever an engine returns stays text in the edition.
func ExampleHTML() {
	doc, err := format.HTML{}.Parse("a.html", []byte(`<html lang="en"><p>Hello <b>world</b></p></html>`))
	if err != nil {
		panic(err)
	}
	fmt.Println(doc.Lang)
	var out strings.Builder
	tr := map[string]string{"u1": "<script>alert(1)</script> \uE000monde\uE001"}
	if err := doc.Render(&out, tr, format.RenderOptions{Lang: "fr"}); err != nil {
		panic(err)
	}
	fmt.Println(out.String())
	// Output:
	// en
	// <html lang="fr"><p>&lt;script&gt;alert(1)&lt;/script&gt; <b>monde</b></p></html>
}

// Repair a translation that lost a code.
func ExampleUnit_RepairCodes() {
	doc, err := format.HTML{}.Parse("a.html", []byte(`<p>See <a href="/x">the report</a>.</p>`))
	if err != nil {
		panic(err)
	}
	u := &doc.Units[0]
	text, warnings := u.RepairCodes("Voir le rapport.")
	fmt.Printf("%q\n", text)
	for _, w := range warnings {
		fmt.Println(w)
	}
	// Output:
	// "\ue000Voir le rapport.\ue001"
	// unit u1 line 1: inline code <a href="/x"> lost by the engine; placed at the start
	// unit u1 line 1: inline code </a> lost by the engine; placed at the end
}
