package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/pipeline/fsutil"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/memory"
	"github.com/locpipe/locpipe/pipeline/review"
)

func newTMCommand(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tm",
		Short: "Import and export the translation memory (TMX 1.4b)",
		Long: `The translation memory holds every translation locpipe made or learned, so that
nothing is translated twice. It lives in <out>/locpipe-memory.db unless
memory.path says otherwise. TMX moves it to and from other tools.`,
	}
	cmd.AddCommand(newTMImportCommand(a), newTMExportCommand(a))
	return cmd
}

// memoryFlags are the flags that locate the memory (config reads --out).
func memoryFlags(cmd *cobra.Command, file *string) {
	cmd.Flags().String("out", "out", "output directory, where the memory lives by default")
	cmd.Flags().StringVar(file, "memory", "", "memory file (default: memory.path, else <out>/"+MemoryFile+")")
}

func (a *app) tmConfig(cmd *cobra.Command, file string) (*config.Config, error) {
	cfg, err := a.loadConfig(cmd)
	if err != nil {
		return nil, err
	}
	if file != "" {
		cfg.Memory.Path = file
		cfg.Memory.URL = ""
	}
	return cfg, nil
}

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
		inline, _, err := review.Inlines(ctx, m, g, formats(cfg))
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
