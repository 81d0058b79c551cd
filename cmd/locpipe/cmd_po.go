package main

import (
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/pipeline/review"
)

func newPOCommand(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "po",
		Short: "Export editions to gettext PO for Weblate, Pontoon and other PO tools, and import them back",
		Long: `The same review workflow as xliff, in gettext PO: export writes one PO file
per document and locale, import learns the approved translations and
re-renders the editions.`,
	}
	cmd.AddCommand(newPOExportCommand(a), newPOImportCommand(a))
	return cmd
}

func newPOExportCommand(a *app) *cobra.Command {
	var memFile, dir string
	cmd := &cobra.Command{
		Use:   "export [flags] [--to L,...]",
		Short: "Write one PO file per edition in the manifest",
		Long: `Export writes <dir>/<locale>/<path>.po for every edition of the manifest in
--out: one entry per sentence whose msgctxt is the segment id (sentences repeat
within an article), msgid the source and msgstr the memory's translation
(empty without one; a machine translation is flagged fuzzy), inline markup as
placeholders <cN>…</cM> and <cN/> (documented in the header comment), the
glossary terms a sentence carries as "#." comments and the document and
paragraph as "#:". msgfmt -c accepts the files. House-style editions have
nothing to review and are left out.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.tmConfig(cmd, memFile)
			if err != nil {
				return err
			}
			if dir == "" {
				dir = filepath.Join(cfg.Out, "po")
			}
			return runXLIFFExport(cmd.Context(), a, cfg, dir, review.Writers["po"])
		},
	}
	xliffFlags(cmd, &memFile)
	cmd.Flags().StringSlice("to", nil, "export only these locales (default: every edition)")
	cmd.Flags().StringVar(&dir, "dir", "", "directory for the PO files (default <out>/po)")
	return cmd
}

func newPOImportCommand(a *app) *cobra.Command {
	var memFile string
	o := xliffImportOptions{readers: []review.Reader{review.PO, review.XLIFF}, kind: "PO"}
	cmd := &cobra.Command{
		Use:   "import [flags] FILE.po|DIR...",
		Short: "Learn the approved translations of PO files and re-render the editions",
		Long: `Import reads PO files written by po export and edited in any PO tool (any
charset the header names; UTF-16 by its byte-order mark), finds each file's
edition by its header (X-Locpipe-Document, Language) and checks every entry's
msgctxt (the segment id) and msgid against the edition's source. An entry with
a translation that is not fuzzy, what Weblate and Pontoon write for an approved
string, is learned as a human translation; a fuzzy entry that was edited is
reported, so that no edit is lost silently. A translation that loses, adds or
repeats a placeholder of its source is refused for that entry with file:line,
the rest of the file applied. The affected editions are re-rendered.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.tmConfig(cmd, memFile)
			if err != nil {
				return err
			}
			return runXLIFFImport(cmd.Context(), a, cfg, o, args)
		},
	}
	xliffFlags(cmd, &memFile)
	cmd.Flags().BoolVar(&o.json, "json", false, "print the import summary as JSON on stdout")
	return cmd
}
