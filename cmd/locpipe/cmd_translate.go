package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/locales"
	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/edition"
)

type translateOptions struct {
	json, quiet, dryRun, force, explain bool
	// allowPartial writes editions whose segments failed (see
	// pipeline.Options.AllowPartial).
	allowPartial bool
	// fromFlag: --from was given, and wins over the documents' own
	// declarations; a from in the configuration or environment is only the
	// default for documents that declare nothing.
	fromFlag bool
}

func newTranslateCommand(a *app) *cobra.Command {
	var o translateOptions
	cmd := &cobra.Command{
		Use:   "translate --to L[,L...] [flags] PATH...",
		Short: "Write a localized edition of every article under PATH for each target language",
		Long: `Translate parses every article under PATH (plain text, Markdown, HTML), splits it
into sentences, protects glossary terms and inline markup, translates through the
translation memory and the chosen engine, and writes one edition per file and
target language under --out, with a manifest that check reads.

Translating to the document's own language applies the glossary only: the
house-style edition. Editions whose source, glossary and engine settings are
unchanged since the last run are not rewritten.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig(cmd)
			if err != nil {
				return err
			}
			o.fromFlag = cmd.Flags().Changed("from")
			if off, _ := cmd.Flags().GetBool("no-typography"); off {
				cfg.Typography = false
			}
			return a.localizeErr(runTranslate(cmd.Context(), a, cfg, o, args))
		},
	}
	f := cmd.Flags()
	f.String("from", "", "source language (default: the document's declaration, then en)")
	f.StringSlice("to", nil, "target languages, BCP 47 tags (comma-separated or repeated)")
	f.String("backend", "pseudo", "translation engine, one of those locpipe backends lists")
	f.String("out", "out", "output directory")
	f.String("layout", edition.DefaultLayout, "edition path pattern: {locale} {path} {dir} {name} {stem} {ext}")
	f.StringArray("glossary", nil, "glossary file, layered over the built-in one (repeatable)")
	f.Bool("no-glossary", false, "use no glossary at all, not even the built-in one")
	f.Bool("no-memory", false, "bypass the persistent translation memory")
	f.Int("jobs", 4, "files translated at once")
	f.Int("batch-size", pipeline.DefaultBatchSize, "segments per engine request")
	f.String("format", "auto", "input format: auto (by extension), txt, md, html")
	segmentFlags(f)
	f.String("shard", "", "translate only shard I of N (\"I/N\", 0 ≤ I < N); with --shards N alone, I is $JOB_COMPLETION_INDEX")
	f.Int("shards", 0, "number of shards when the index comes from $JOB_COMPLETION_INDEX (Kubernetes Indexed Job)")
	f.BoolVar(&o.dryRun, "dry-run", false, "write nothing and contact no engine: report the segments and characters a real run would send")
	f.BoolVar(&o.explain, "explain", false, "say, per edition, why it is rewritten or left (with --json: the \"explain\" list)")
	f.BoolVar(&o.force, "force", false, "rewrite editions even when nothing changed")
	f.BoolVar(&o.allowPartial, "allow-partial", false, "write an edition even when some of its segments failed (their source text kept, each recorded as failed in the manifest); without it the previous edition stays")
	f.BoolVar(&o.json, "json", false, "print the run summary as JSON on stdout")
	f.BoolVar(&o.quiet, "quiet", false, "print nothing but errors")
	f.Bool("notice", false, "add the machine-translation notice, in the edition's language, to every edition (with --force to add it to editions already up to date)")
	f.Bool("no-typography", false, "keep the engine's quotation marks and spaces instead of the locale's typography (with --force to redo editions already up to date)")
	return cmd
}

// loadGlossary layers the built-in glossary (unless disabled) and the
// configured files.
func loadGlossary(cfg *config.Config) (*glossary.Glossary, error) {
	if cfg.NoGlossary {
		if len(cfg.Glossaries) > 0 {
			return nil, usageErr(errors.New("--no-glossary and --glossary contradict each other"))
		}
		return nil, nil
	}
	layers := []*glossary.Glossary{glossary.Builtin()}
	for _, p := range cfg.Glossaries {
		g, err := glossary.Load(p)
		if err != nil {
			return nil, usageErr(err)
		}
		layers = append(layers, g)
	}
	return glossary.Merge(layers...), nil
}

// newTranslator builds the configured engine, with the run's glossary and
// logger, and returns the fingerprint of its settings that shape the output.
func newTranslator(a *app, cfg *config.Config, g *glossary.Glossary, log *slog.Logger) (backend.Translator, string, error) {
	e, err := a.engines().Engine(cfg.Backend)
	if err != nil {
		return nil, "", usageErr(err)
	}
	opts := backend.Options(cfg.Engines[cfg.Backend])
	t, err := e.Make(backend.Params{Options: opts, Glossary: g, Logger: log})
	if err != nil {
		return nil, "", usageErr(err)
	}
	return t, e.Fingerprint(opts), nil
}

// closeEngine stops what an engine keeps running (the apertium command's
// pipelines), if it keeps anything.
func closeEngine(t pipeline.Translator) {
	if c, ok := t.(io.Closer); ok {
		_ = c.Close()
	}
}

// runOptions are the options of a translate run the configuration gives,
// but for the engine, the memory, the shard and progress: translate and
// review's re-render share them.
func runOptions(a *app, cfg *config.Config, o translateOptions, g *glossary.Glossary) pipeline.Options {
	fromTag, defaultFrom := cfg.FromTag, language.English
	if !o.fromFlag && cfg.FromTag != (language.Tag{}) {
		fromTag, defaultFrom = language.Tag{}, cfg.FromTag
	}
	return pipeline.Options{
		From:         fromTag,
		DefaultFrom:  defaultFrom,
		To:           cfg.ToTags,
		Backend:      cfg.Backend,
		Glossary:     g,
		Formats:      formats(cfg),
		Segmentation: a.seg,
		Format:       cfg.Format,
		Out:          cfg.Out,
		Layout:       cfg.Layout,
		Jobs:         cfg.Jobs,
		BatchSize:    cfg.BatchSize,
		DryRun:       o.dryRun,
		Force:        o.force,
		Explain:      o.explain,
		AllowPartial: o.allowPartial,
		Logger:       a.logger(cfg.LogLevel, o.quiet),
		Typography:   typographyFor(cfg),
		Notice:       noticeFor(cfg),
		Presentation: fmt.Sprintf("notice=%t,typography=%t,data=%s", cfg.Notice, cfg.Typography, locales.DataFingerprint()),
	}
}

func runTranslate(ctx context.Context, a *app, cfg *config.Config, o translateOptions, paths []string) error {
	if len(cfg.ToTags) == 0 {
		return usageErr(errors.New("no target language: give --to L[,L...] (or `to:` in the configuration)"))
	}
	g, err := loadGlossary(cfg)
	if err != nil {
		return err
	}
	opts := runOptions(a, cfg, o, g)
	if opts.Translator, opts.Settings, err = newTranslator(a, cfg, g, opts.Logger); err != nil {
		return err
	}
	defer closeEngine(opts.Translator)
	if opts.Shard, err = shardOf(a, cfg); err != nil {
		return err
	}
	mem, closeMem, err := openMemory(ctx, cfg)
	if err != nil {
		return usageErr(err)
	}
	defer closeMem()
	opts.Memory = mem
	prog := newProgress(a, o.quiet || o.json)
	opts.Progress = prog.update
	sum, err := pipeline.Run(ctx, opts, paths)
	prog.done()
	if err != nil {
		var fe *pipeline.FileError
		if errors.As(err, &fe) || errors.Is(err, edition.ErrOutsideOut) {
			return usageErr(err)
		}
		if sum == nil {
			return usageErr(err)
		}
		return findingsErr(err)
	}
	return reportRun(a, cfg, o, sum)
}

// reportRun prints a run's summary and per-file errors and gives its exit
// status: 2 when nothing but bad input was found, 1 for per-file errors or
// failed segments, 0 otherwise.
func reportRun(a *app, cfg *config.Config, o translateOptions, sum *pipeline.Summary) error {
	code := exitOK
	if len(sum.Errors) > 0 {
		code = exitFindings
		allInput := true
		for _, fe := range sum.Errors {
			allInput = allInput && fe.Input
		}
		if allInput && sum.Editions == 0 && sum.Unchanged == 0 && sum.Copied == 0 {
			code = exitUsage // nothing but bad input: one clear line each, no summary
		}
	}
	if code != exitUsage {
		if o.json {
			if err := json.NewEncoder(a.stdout).Encode(sum); err != nil {
				return err
			}
		} else if !o.quiet {
			for _, e := range sum.Explain {
				line := e.Output + ": " + e.Action
				if len(e.Why) > 0 {
					line += " (" + strings.Join(e.Why, "; ") + ")"
				}
				fmt.Fprintln(a.stderr, line)
			}
			fmt.Fprintln(a.stderr, humanSummary(a.localizer(), sum, cfg.Backend, o.dryRun))
		}
	}
	for _, fe := range sum.Errors {
		fmt.Fprintln(a.stderr, errorLine(a.localizer(), fe.Msg))
	}
	if code != exitOK {
		return &exitError{code: code}
	}
	if sum.Failed > 0 && sum.Unpublished > 0 {
		return findingsErr(fmt.Errorf("%d segments could not be translated, so %d editions were not written (the previous edition, if any, stays; the manifest records each failure; --allow-partial writes them with the source text); first: %s", sum.Failed, sum.Unpublished, sum.FirstFailure))
	}
	if sum.Failed > 0 {
		return findingsErr(fmt.Errorf("%d segments could not be translated; their source text was kept (see the manifest); first: %s", sum.Failed, sum.FirstFailure))
	}
	return nil
}

// shardOf returns the shard this run translates: --shard I/N, or
// $JOB_COMPLETION_INDEX of N = --shards, or every file.
func shardOf(a *app, cfg *config.Config) (pipeline.Shard, error) {
	if cfg.Shard != "" {
		s, err := pipeline.ParseShard(cfg.Shard)
		if err != nil {
			return s, usageErr(err)
		}
		return s, nil
	}
	if cfg.Shards > 1 {
		idx := a.getenv("JOB_COMPLETION_INDEX")
		if idx == "" {
			return pipeline.Shard{}, usageErr(errors.New("--shards needs --shard I/N or $JOB_COMPLETION_INDEX"))
		}
		s, err := pipeline.ParseShard(idx + "/" + strconv.Itoa(cfg.Shards))
		if err != nil {
			return s, usageErr(fmt.Errorf("JOB_COMPLETION_INDEX: %w", err))
		}
		return s, nil
	}
	return pipeline.Shard{}, nil
}
