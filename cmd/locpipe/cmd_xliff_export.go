package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/pipeline/review"
)

func newXLIFFExportCommand(a *app) *cobra.Command {
	var memFile, dir, version string
	cmd := &cobra.Command{
		Use:   "export [flags] [--version 1.2|2.0|2.1|2.2] [--to L,...]",
		Short: "Write one XLIFF file (2.1 unless --version says) per edition in the manifest",
		Long: `Export reads the manifest in --out and each edition's source, and writes
<dir>/<locale>/<path>.xlf: one unit per paragraph, one segment per sentence
(ids are the manifest's), the current translation from the memory as target
(state translated, or reviewed for a human one; initial without one), inline
markup as <ph>/<pc>/<sc>/<ec> with its original data, and a note for every
glossary term a sentence carries. House-style editions (the source language)
have nothing to review and are left out.

--version 1.2 writes XLIFF 1.2, what most CAT tools read: a <group> per
paragraph and one <trans-unit> per sentence (the unit other tools count and
edit; its id is the segment id), inline markup as <g>/<x>/<bx>/<ex>, reviewed
translations approved="yes" state="final", machine ones state="translated",
each glossary note on its trans-unit. --version 2.2 writes XLIFF 2.2 in its
own namespace; 2.0 and 2.1 share one.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w, err := review.WriterFor(version)
			if err != nil || version == "" || !strings.HasPrefix(w.Name, "XLIFF") {
				return usageErr(fmt.Errorf("--version %q: want 1.2, 2.0, 2.1 or 2.2", version))
			}
			cfg, err := a.tmConfig(cmd, memFile)
			if err != nil {
				return err
			}
			if dir == "" {
				dir = filepath.Join(cfg.Out, "xliff")
			}
			return runXLIFFExport(cmd.Context(), a, cfg, dir, w)
		},
	}
	xliffFlags(cmd, &memFile)
	cmd.Flags().StringVar(&version, "version", "2.1", "XLIFF version: 1.2, 2.0, 2.1 or 2.2")
	cmd.Flags().StringSlice("to", nil, "export only these locales (default: every edition)")
	cmd.Flags().StringVar(&dir, "dir", "", "directory for the XLIFF files (default <out>/xliff)")
	return cmd
}

func runXLIFFExport(ctx context.Context, a *app, cfg *config.Config, dir string, w review.Writer) error {
	m, err := review.LoadManifest(cfg.Out)
	if err != nil {
		return usageErr(err)
	}
	g, err := loadGlossary(cfg)
	if err != nil {
		return err
	}
	opts := review.ExportOptions{Out: cfg.Out, Manifest: m, Dir: dir, Locales: cfg.ToTags, Glossary: g, Formats: formats(cfg), Segmentation: a.seg, Writer: w}
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
	kind := w.Name
	if strings.HasPrefix(kind, "XLIFF") {
		kind = "XLIFF"
	}
	fmt.Fprintf(a.stderr, "%d %s files written to %s", sum.Written, kind, sum.Dir)
	if kind != w.Name {
		fmt.Fprintf(a.stderr, " (%s)", w.Name)
	}
	if sum.Skipped > 0 {
		fmt.Fprintf(a.stderr, " (%d house-style editions have nothing to review)", sum.Skipped)
	}
	fmt.Fprintln(a.stderr)
	if len(sum.Failures) > 0 {
		return findingsErr(nil)
	}
	return nil
}
