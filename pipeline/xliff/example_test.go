package xliff_test

import (
	"fmt"
	"os"

	"github.com/locpipe/locpipe/pipeline/xliff"
)

func ExampleParse() {
	doc := `<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="es">
 <file id="f1">
  <unit id="u1">
   <segment id="u1.1" state="reviewed">
    <source>Kiev is the capital.</source>
    <target>Kiev es la capital.</target>
   </segment>
   <segment id="u1.1">
    <source>Again.</source>
   </segment>
  </unit>
 </file>
</xliff>`
	_, err := xliff.Parse("review.xlf", []byte(doc))
	fmt.Println(err)
	// Output: review.xlf:9: id "u1.1" used twice among the segments and ignorables of unit "u1"
}

func ExampleEncode() {
	doc := &xliff.Document{SrcLang: "en", TrgLang: "es", Files: []*xliff.File{{
		ID: "f1", Original: "en/a.txt",
		Units: []*xliff.Unit{{ID: "u1", Parts: []*xliff.Part{{
			ID: "u1.1", State: xliff.StateTranslated,
			Source: xliff.Content{{Kind: xliff.Text, Text: "Hello."}}, Target: xliff.Content{{Kind: xliff.Text, Text: "Hola."}}, HasTarget: true,
		}}}},
	}}}
	if err := xliff.Encode(os.Stdout, doc); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="es">
	//  <file id="f1" original="en/a.txt">
	//   <unit id="u1">
	//    <segment id="u1.1" state="translated">
	//     <source xml:space="preserve">Hello.</source>
	//     <target xml:space="preserve">Hola.</target>
	//    </segment>
	//   </unit>
	//  </file>
	// </xliff>
}
