package main

import (
	"bytes"
	"context"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/glossary"
)

func newGlossaryImportCommand(a *app) *cobra.Command {
	var o glossaryConvertOptions
	cmd := &cobra.Command{
		Use:   "import [--format tbx|csv|tsv] [--from L --to L] [--out FILE.yaml] FILE",
		Short: "Convert a TBX, CSV or TSV termbase into a native YAML glossary",
		Long: `Import reads TBX (v3 or the older martif, TBX-Basic statuses), CSV or TSV in the
concept layout (a header with id and language columns) or DeepL's two-column
layout (source, target[, source language, target language]; give --from and
--to when the file does not name its languages), and prints native YAML.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGlossaryImport(cmd.Context(), a, o, args[0])
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "", "input format: tbx, csv, tsv, yaml (default: by extension)")
	cmd.Flags().StringVar(&o.from, "from", "", "source language of a two-column (DeepL) file")
	cmd.Flags().StringVar(&o.to, "to", "", "target language of a two-column (DeepL) file")
	cmd.Flags().StringVarP(&o.out, "out", "o", "", "write to FILE instead of standard output")
	return cmd
}

func runGlossaryImport(_ context.Context, a *app, o glossaryConvertOptions, path string) error {
	f := glossary.FormatOf(path)
	if o.format != "" {
		var err error
		if f, err = glossary.ParseFormat(o.format); err != nil {
			return usageErr(err)
		}
	}
	opts, err := o.importOptions()
	if err != nil {
		return err
	}
	name, data, err := readInput(a, path)
	if err != nil {
		return usageErr(err)
	}
	g, err := glossary.Decode(name, data, f, opts)
	if err != nil {
		return usageErr(err)
	}
	var b bytes.Buffer
	if err := glossary.WriteYAML(&b, g); err != nil {
		return err
	}
	return writeOutput(a, o.out, b.Bytes())
}
