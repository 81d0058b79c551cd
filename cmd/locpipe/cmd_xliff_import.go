package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/review"
)

type xliffImportOptions struct {
	json    bool
	readers []review.Reader // nil: review.DefaultReaders
	kind    string          // "XLIFF", "PO": for the summary line
}

func newXLIFFImportCommand(a *app) *cobra.Command {
	var memFile string
	var o xliffImportOptions
	cmd := &cobra.Command{
		Use:   "import [flags] FILE.xlf|DIR...",
		Short: "Learn the reviewed translations of XLIFF files and re-render the editions",
		Long: `Import validates each file (XLIFF 2.0, 2.1 and 2.2: the core and the
specification's constraints; XLIFF 1.2, 1.1: the 1.2 schema's structure; any
encoding; .po files as po import reads them), matches its documents to the
editions in the manifest by path and locale, and checks every segment id, unit
and source text against the edition's source. Targets of segments in state
reviewed or final (in 1.2: approved="yes", or state final or signed-off, what
Translate Toolkit writes) are stored in the translation memory as human
translations, keyed as translate keys the sentence, and the affected editions
are re-rendered. Unknown or changed segments, and targets that lose, add or
repeat an inline code of their source, are reported with file:line and never
applied; the rest of the file is. Run it from the directory translate ran in,
with the same --out and --layout.`,
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

// xliffImportSummary is the JSON form of an import.
type xliffImportSummary = review.ImportSummary

func runXLIFFImport(ctx context.Context, a *app, cfg *config.Config, o xliffImportOptions, args []string) error {
	if cfg.NoMemory {
		return usageErr(errors.New("import teaches the translation memory: it cannot run with --no-memory"))
	}
	files, err := review.Files(args, o.readers)
	if err != nil {
		return usageErr(err)
	}
	m, err := review.LoadManifest(cfg.Out)
	if err != nil {
		return usageErr(err)
	}
	g, err := loadGlossary(cfg)
	if err != nil {
		return err
	}
	mem, err := openStore(ctx, cfg)
	if err != nil {
		return usageErr(err)
	}
	defer mem.Close()
	sum, err := review.Import(ctx, files, review.ImportOptions{
		Out: cfg.Out, Manifest: m, Glossary: g, Formats: formats(cfg), Segmentation: a.seg, Memory: mem, Readers: o.readers,
		Render: func(ctx context.Context, eds []*manifest.Edition) (*pipeline.Summary, error) {
			return rerender(ctx, a, cfg, g, mem, eds)
		},
	})
	switch {
	case errors.Is(err, review.ErrNoEditions) || errors.Is(err, review.ErrLayout) || sum == nil:
		return usageErr(err)
	case err != nil:
		return err
	}
	printImport(a, cfg, o, sum)
	switch {
	case len(sum.Invalid) > 0 && sum.Files == 0:
		return &exitError{code: exitUsage}
	case len(sum.Invalid) > 0 || len(sum.Problems) > 0 || (sum.Render != nil && len(sum.Render.Errors) > 0):
		return findingsErr(nil)
	}
	return nil
}

// printImport prints what an import did: the invalid files, the summary
// (JSON on stdout with --json), the problems.
func printImport(a *app, cfg *config.Config, o xliffImportOptions, sum *review.ImportSummary) {
	for _, inv := range sum.Invalid {
		fmt.Fprintln(a.stderr, inv)
	}
	if o.json {
		_ = json.NewEncoder(a.stdout).Encode(sum)
	} else {
		kind := o.kind
		if kind == "" {
			kind = "XLIFF"
		}
		fmt.Fprintf(a.stderr, "%d %s files read: %d reviewed translations learned", sum.Files, kind, sum.Learned)
		if sum.Render != nil {
			fmt.Fprintf(a.stderr, "; %d editions re-rendered (%d segments sent to %s)", sum.Render.Editions, sum.Render.BackendSegments, cfg.Backend)
		}
		fmt.Fprintln(a.stderr)
	}
	for _, p := range sum.Problems {
		fmt.Fprintln(a.stderr, "locpipe:", p)
	}
	if sum.Render != nil {
		for _, fe := range sum.Render.Errors {
			fmt.Fprintln(a.stderr, errorLine(a.localizer(), fe.Msg))
		}
	}
}

// rerender renders the editions a review changed again, through
// pipeline.Run with translate's options, each with the engine its manifest
// record names, every sentence from mem.
func rerender(ctx context.Context, a *app, cfg *config.Config, g *glossary.Glossary, mem memoryStore, eds []*manifest.Edition) (*pipeline.Summary, error) {
	base := runOptions(a, cfg, translateOptions{quiet: true}, g)
	base.Memory = mem
	var mu sync.Mutex
	var made []pipeline.Translator
	defer func() {
		for _, t := range made {
			closeEngine(t)
		}
	}()
	return review.Rerender(ctx, base, func(name string) (pipeline.Translator, string, error) {
		c := *cfg
		c.Backend = name
		t, fp, err := newTranslator(a, &c, g, base.Logger)
		if err == nil {
			mu.Lock()
			made = append(made, t)
			mu.Unlock()
		}
		return t, fp, err
	}, eds)
}
