package main

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/internal/fsutil"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/memory"
	"github.com/locpipe/locpipe/pipeline/review"
)

func newTMExportCommand(a *app) *cobra.Command {
	var file, output string
	cmd := &cobra.Command{
		Use:   "export [flags]",
		Short: "Write the whole memory as TMX 1.4b",
		Long: `Export writes every entry of the memory as one TMX unit, with locpipe's keys
(origin, engine, glossary fingerprint, neighbours) as x-locpipe-* properties.
For the sentences of the editions in --out (translated with the glossary in
force), glossary terms are written as their text in <hi type="x-locpipe-term">
and inline markup as <bpt>/<ept>, <ph> or <it> holding the original code, so
that other tools read the text whole; other entries keep empty typed <ph>
placeholders. tm import reads both back to the same entries.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.tmConfig(cmd, file)
			if err != nil {
				return err
			}
			return runTMExport(cmd.Context(), a, cfg, output)
		},
	}
	memoryFlags(cmd, &file)
	glossaryFlags(cmd)
	segmentFlags(cmd.Flags())
	cmd.Flags().StringVarP(&output, "output", "o", "-", "TMX file to write, - for stdout")
	return cmd
}

func runTMExport(ctx context.Context, a *app, cfg *config.Config, output string) error {
	if cfg.Memory.URL == "" {
		if _, err := os.Stat(memoryPath(cfg)); err != nil {
			return usageErr(fmt.Errorf("no translation memory at %s (translate first, or give --memory)", memoryPath(cfg)))
		}
	}
	s, err := openStore(ctx, cfg)
	if err != nil {
		return usageErr(err)
	}
	defer s.Close()
	// The editions in --out know the text of the glossary terms and the
	// markup of the codes of their sentences: with them, other tools read
	// the export's text whole.
	var opts memory.ExportOptions
	if m, err := manifest.Load(cfg.Out); err == nil && len(m.Editions) > 0 {
		g, err := loadGlossary(cfg)
		if err != nil {
			return err
		}
		inline, _, err := review.Inlines(ctx, m, g, formats(cfg), a.seg)
		if err != nil {
			return err
		}
		opts.Inline = inline
	}
	if output == "-" {
		_, err := memory.WriteTMX(ctx, a.stdout, s, opts)
		return err
	}
	var buf bytes.Buffer
	n, err := memory.WriteTMX(ctx, &buf, s, opts)
	if err != nil {
		return err
	}
	if err := fsutil.WriteFile(output, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "%d translation units written to %s\n", n, output)
	return nil
}
