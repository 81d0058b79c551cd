package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/glossary"
)

func newGlossaryLintCommand(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "lint [--json] [--glossary FILE]... [--no-glossary] FILE...",
		Short: "Check glossary files: conflicts, cycles, dead exceptions, duplicates",
		Long: `Lint checks the glossary FILEs against the layers translate will use them with:
the built-in glossary (unless --no-glossary), the config's and --glossary files,
then the FILEs in order. It reports: a term whose concepts want different
preferred terms, a term deprecated in one concept and preferred in another,
rewrite cycles, exceptions that contain none of their concept's terms (and so
never apply), and duplicates; only findings that concern a concept of the
FILEs are reported (a file that conflicts with the built-in glossary is
reported at its own line). Each finding is printed as file:line: rule:
message. Exit 1 when there are findings.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, g, err := a.glossaryConfig(cmd)
			if err != nil {
				return err
			}
			return runGlossaryLint(cmd.Context(), a, g, asJSON, args)
		},
	}
	glossaryFlags(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, `print {"findings":[…]} as JSON`)
	return cmd
}

func runGlossaryLint(_ context.Context, a *app, base *glossary.Glossary, asJSON bool, files []string) error {
	var layers []*glossary.Glossary
	for _, f := range files {
		g, err := glossary.Load(f)
		if err != nil {
			return usageErr(err)
		}
		layers = append(layers, g)
	}
	findings := glossary.LintAgainst(base, layers...)
	if asJSON {
		if findings == nil {
			findings = []glossary.Finding{}
		}
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"findings": findings}); err != nil {
			return err
		}
	} else {
		for _, f := range findings {
			fmt.Fprintln(a.stdout, f)
		}
	}
	if len(findings) > 0 {
		return findingsErr(nil)
	}
	return nil
}
