package check_test

import (
	"fmt"
	"os"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/check"
)

// Check one human-written German edition against its English source.
func ExampleChecker_CheckEdition() {
	c := check.New(check.Options{Glossary: glossary.Builtin()})
	findings := c.CheckEdition(check.Pair{
		SourceName:  "en/kyiv.txt",
		EditionName: "out/de/kyiv.txt",
		Source:      []byte("Return to Kyiv\n\nFamilies returned to Kyiv on Sunday, officials said.\n"),
		Edition:     []byte("Rückkehr nach Kiev\n\nFamilien kehrten am Sonntag nach Kyjiw zurück. Officials said the roads were safe again.\n"),
		Format:      "txt",
		From:        language.English,
		To:          language.German,
	})
	for _, f := range findings {
		fmt.Printf("%s:%d %s %s\n", f.File, f.Line, f.Rule, f.Message)
	}
	// Output:
	// out/de/kyiv.txt:1 glossary-deprecated deprecated English term "Kiev" (kyiv) in a German edition: write "Kyjiw"
	// out/de/kyiv.txt:3 untranslated segment still in English: translate it
}

// Turn rules off or change their severity, as --rules does.
func ExampleParseRules() {
	sev, err := check.ParseRules(nil, "numbers=error,unknown-words=off")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sev.Of(check.RuleNumbers), sev.Of(check.RuleUnknownWords), sev.Of(check.RuleUntranslated))
	// Output: error off error
}

// Write a report in the GitHub workflow-command format.
func ExampleWrite() {
	rep := &check.Report{Findings: []check.Finding{{
		Rule: check.RuleUntranslated, Severity: check.Error, File: "out/de/a.txt", Line: 3, Locale: "de",
		Message: "segment still in English: translate it",
	}}}
	_ = check.Write(os.Stdout, "github", rep, check.WriteOptions{})
	// Output: ::error file=out/de/a.txt,line=3,title=locpipe untranslated (de)::segment still in English: translate it
}
