package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/pipeline/review"
)

func newXLIFFExportCommand(a *app) *cobra.Command {
	var memFile, dir string
	cmd := &cobra.Command{
		Use:   "export [flags] [--to L,...]",
		Short: "Write one XLIFF 2.1 file per edition in the manifest",
		Long: `Export reads the manifest in --out and each edition's source, and writes
<dir>/<locale>/<path>.xlf: one unit per paragraph, one segment per sentence
(ids are the manifest's), the current translation from the memory as target
(state translated, or reviewed for a human one; initial without one), inline
markup as <ph>/<pc>/<sc>/<ec> with its original data, and a note for every
glossary term a sentence carries. House-style editions (the source language)
have nothing to review and are left out.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.tmConfig(cmd, memFile)
			if err != nil {
				return err
			}
			if dir == "" {
				dir = filepath.Join(cfg.Out, "xliff")
			}
			return runXLIFFExport(cmd.Context(), a, cfg, dir)
		},
	}
	xliffFlags(cmd, &memFile)
	cmd.Flags().StringSlice("to", nil, "export only these locales (default: every edition)")
	cmd.Flags().StringVar(&dir, "dir", "", "directory for the XLIFF files (default <out>/xliff)")
	return cmd
}

func runXLIFFExport(ctx context.Context, a *app, cfg *config.Config, dir string) error {
	m, err := review.LoadManifest(cfg.Out)
	if err != nil {
		return usageErr(err)
	}
	g, err := loadGlossary(cfg)
	if err != nil {
		return err
	}
	opts := review.ExportOptions{Out: cfg.Out, Manifest: m, Dir: dir, Locales: cfg.ToTags, Glossary: g, Formats: formats(cfg)}
	if !cfg.NoMemory {
		s, err := openStore(ctx, cfg)
		if err != nil {
			return usageErr(err)
		}
		defer s.Close()
		opts.Memory = s
	}
	sum, err := review.Export(ctx, opts)
	if err != nil {
		return err
	}
	for _, f := range sum.Failures {
		fmt.Fprintln(a.stderr, "locpipe:", f)
	}
	fmt.Fprintf(a.stderr, "%d XLIFF files written to %s", sum.Written, sum.Dir)
	if sum.Skipped > 0 {
		fmt.Fprintf(a.stderr, " (%d house-style editions have nothing to review)", sum.Skipped)
	}
	fmt.Fprintln(a.stderr)
	if len(sum.Failures) > 0 {
		return findingsErr(nil)
	}
	return nil
}
