package segment_test

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/segment"
)

func ExampleSegmenter_Split() {
	text := `Dr. Iryna Kovalenko runs a clinic near Zaporizhzhia. "We have what we need for now," she said. Aid groups in the U.S. pledged $1.5 bn. on Monday.`
	seg := segment.New(language.English)
	for i, sp := range seg.Split(text) {
		fmt.Printf("%d [%d:%d] %s\n", i, sp.Start, sp.End, text[sp.Start:sp.End])
	}
	// Output:
	// 0 [0:52] Dr. Iryna Kovalenko runs a clinic near Zaporizhzhia.
	// 1 [53:94] "We have what we need for now," she said.
	// 2 [95:145] Aid groups in the U.S. pledged $1.5 bn. on Monday.
}

func ExampleParseRules() {
	data := []byte(`
language: xx
abbreviations:
  titles: [capt]
sentence_starters: [Then]
`)
	rules, err := segment.ParseRules("xx.yaml", data, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	seg := segment.NewFromRules(language.Und, rules)
	text := "Capt. Ahab left. Then he came back."
	for _, sp := range seg.Split(text) {
		fmt.Println(text[sp.Start:sp.End])
	}
	// Output:
	// Capt. Ahab left.
	// Then he came back.
}

func ExampleSegmenter_WithSRX() {
	rules, err := segment.ParseSRX("labels.srx", []byte(`<srx version="2.0">
  <header cascade="yes"/>
  <body>
    <languagerules>
      <languagerule languagerulename="labels">
        <rule break="yes"><beforebreak>:</beforebreak><afterbreak>\s+\p{Lu}</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules><languagemap languagepattern=".*" languagerulename="labels"/></maprules>
  </body>
</srx>`))
	if err != nil {
		fmt.Println(err)
		return
	}
	seg := segment.New(language.English).WithSRX(rules, segment.SRXOver)
	text := "Update: Dr. Smith arrived. He spoke."
	for _, sp := range seg.Split(text) {
		fmt.Println(text[sp.Start:sp.End])
	}
	// Output:
	// Update:
	// Dr. Smith arrived.
	// He spoke.
}
