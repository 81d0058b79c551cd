package main

import (
	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/pipeline/edition"
)

func newXLIFFCommand(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "xliff",
		Short: "Export editions to XLIFF 2.1 for human review, and import the reviewed files",
		Long: `Reviewers fix editions in the tools they already use: export writes one XLIFF 2.1
file per document and locale, import takes the reviewed files back, teaches the
translation memory the reviewed sentences (as human translations, preferred
over machine ones) and re-renders the editions.`,
	}
	cmd.AddCommand(newXLIFFExportCommand(a), newXLIFFImportCommand(a))
	return cmd
}

func xliffFlags(cmd *cobra.Command, memFile *string) {
	memoryFlags(cmd, memFile)
	glossaryFlags(cmd)
	cmd.Flags().String("layout", edition.DefaultLayout, "edition path pattern the editions were written with")
	cmd.Flags().String("format", "auto", "input format: auto (by extension), txt, md, html")
	segmentFlags(cmd.Flags())
}
