package main

import (
	"bytes"
	"context"
	"errors"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
)

func newGlossaryExportCommand(a *app) *cobra.Command {
	var o glossaryConvertOptions
	cmd := &cobra.Command{
		Use:   "export --format tbx|tbx-v2|csv|tsv|deepl [--from L --to L] [--out FILE] [FILE...]",
		Short: "Write glossary files (or the built-in glossary) as TBX, CSV or TSV",
		Long: `Export layers the glossary FILEs (any format; the built-in glossary when none is
given) and writes TBX-Basic v3 (valid against LTAC's TBX-Basic schema), or
CSV/TSV in the concept layout, both of which import reads back without loss.
--format tbx-v2 writes TBX-Basic v2 (martif), the TBX Translate Toolkit and
OmegaT read (--from and --to, when given, lead each entry: Translate Toolkit
reads the first two languages as source and target). --format deepl writes
DeepL's two-column CSV for one language pair (--from, --to); deepl-tsv its TSV.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGlossaryExport(cmd.Context(), a, o, args)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "tbx", "output format: tbx, tbx-v2, csv, tsv, yaml, deepl, deepl-tsv")
	cmd.Flags().StringVar(&o.from, "from", "", "source language (deepl; tbx-v2: written first)")
	cmd.Flags().StringVar(&o.to, "to", "", "target language (deepl; tbx-v2: written second)")
	cmd.Flags().StringVarP(&o.out, "out", "o", "", "write to FILE instead of standard output")
	return cmd
}

func runGlossaryExport(_ context.Context, a *app, o glossaryConvertOptions, files []string) error {
	layers := []*glossary.Glossary{}
	if len(files) == 0 {
		layers = append(layers, glossary.Builtin())
	}
	for _, f := range files {
		g, err := glossary.Load(f)
		if err != nil {
			return usageErr(err)
		}
		layers = append(layers, g)
	}
	g := glossary.Merge(layers...)
	var b bytes.Buffer
	switch o.format {
	case "tbx-v2":
		var lead []string
		for _, l := range []string{o.from, o.to} {
			if l == "" {
				continue
			}
			t, err := parseLocale(l)
			if err != nil {
				return err
			}
			lead = append(lead, t.String())
		}
		if err := glossary.WriteTBXv2(&b, g, lead...); err != nil {
			return err
		}
	case "deepl", "deepl-tsv":
		opts, err := o.importOptions()
		if err != nil {
			return err
		}
		if opts.Source == language.Und || opts.Target == language.Und {
			return usageErr(errors.New("--format deepl needs --from and --to"))
		}
		comma := ','
		if o.format == "deepl-tsv" {
			comma = '\t'
		}
		if err := glossary.WriteDeepL(&b, g, opts.Source, opts.Target, comma); err != nil {
			return err
		}
	default:
		f, err := glossary.ParseFormat(o.format)
		if err != nil {
			return usageErr(err)
		}
		if err := glossary.Encode(&b, g, f); err != nil {
			return err
		}
	}
	return writeOutput(a, o.out, b.Bytes())
}
