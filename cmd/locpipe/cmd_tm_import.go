package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/pipeline/memory"
)

func newTMImportCommand(a *app) *cobra.Command {
	var file, origin string
	cmd := &cobra.Command{
		Use:   "import [flags] FILE.tmx...",
		Short: "Add the translations of TMX files to the memory",
		Long: `Import reads TMX files (1.4b; any encoding, UTF-16 included). Units from other
tools count as human translations (--origin machine to say otherwise): they
serve every engine and win over machine translations. Their glossary terms
are keyed as translate keys them, so a unit whose translation lacks the
glossary's term is skipped and reported. Their inline codes (bpt, ept, ph, it,
ut) become codes numbered in the order of the source, the translation's
matched by x (else i, else order); a translation with a code the source lacks
is skipped and reported. The memory keeps one translation per sentence:
alternative translations (a second <tuv> of a language, another unit with the
same sentence) are reported as dropped. Units written by locpipe tm export
come back exactly as they were.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if origin != memory.OriginHuman && origin != memory.OriginMachine {
				return usageErr(fmt.Errorf("--origin %q: want %s or %s", origin, memory.OriginHuman, memory.OriginMachine))
			}
			cfg, err := a.tmConfig(cmd, file)
			if err != nil {
				return err
			}
			return runTMImport(cmd.Context(), a, cfg, origin, args)
		},
	}
	memoryFlags(cmd, &file)
	glossaryFlags(cmd)
	cmd.Flags().StringVar(&origin, "origin", memory.OriginHuman, "origin of units without locpipe's x-locpipe-origin property: human (serves every engine) or machine (serves only the engine its x-locpipe-engine property names)")
	return cmd
}

func runTMImport(ctx context.Context, a *app, cfg *config.Config, origin string, files []string) error {
	g, err := loadGlossary(cfg)
	if err != nil {
		return err
	}
	var all []memory.Record
	nskipped := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return usageErr(err)
		}
		tm, err := memory.ReadTMX(f, data)
		if err != nil {
			return usageErr(err)
		}
		opts := memory.ImportOptions{Origin: origin}
		if g != nil {
			opts.Glossary = g
		}
		recs, skipped := tm.Records(opts)
		for _, s := range skipped {
			fmt.Fprintf(a.stderr, "locpipe: %s:%s (skipped)\n", f, s)
		}
		nskipped += len(skipped)
		all = append(all, recs...)
	}
	s, err := openStore(ctx, cfg)
	if err != nil {
		return usageErr(err)
	}
	defer s.Close()
	if err := s.StoreAll(ctx, all); err != nil {
		if errors.Is(err, memory.ErrInvalidEntry) {
			return usageErr(err)
		}
		return err
	}
	fmt.Fprintf(a.stderr, "%d translations imported, %d skipped\n", len(all), nskipped)
	if nskipped > 0 {
		return findingsErr(nil)
	}
	return nil
}
