package main

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/internal/fsutil"
	"github.com/locpipe/locpipe/pipeline/check"
	"github.com/locpipe/locpipe/pipeline/edition"
)

type checkOptions struct {
	format   string
	rules    string
	failOn   string
	baseline string
	report   string
	color    string
	annotate string
	summary  string
}

func newCheckCommand(a *app) *cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:   "check [--format text|json|junit|sarif|github] [--annotate source|edition|auto] [--out DIR] PATH...",
		Short: "Check the editions of every article under PATH: the CI gate",
		Long: `Check reads the editions that translate wrote under --out (or that people
wrote in the same layout) and reports, per edition, segments left untranslated,
deprecated or missing glossary terms, lost inline codes, numbers that differ from
the source, words the engine did not know, and missing, stale or empty editions.

PATH... are the source paths, as given to translate. The locales checked are
--to, else those of the manifest in --out, else the locale directories of --out.
Give the same glossary flags as to translate: a changed glossary makes every
edition stale.

Rules (default severity): untranslated (error), glossary-deprecated (error),
glossary-missing (warning), placeholder (error: also a term glued to the next
word; repairs made during translation are notes), numbers (warning), unknown-words (warning), missing-edition (error),
stale-edition (error), empty (error), parse (error). --rules changes them:
  --rules untranslated=off,numbers=error     --rules all=off,untranslated

CI: --format github writes workflow annotations, grouped so that GitHub's
limit of 10 per kind and step hides none, and appends a Markdown summary to
$GITHUB_STEP_SUMMARY; --format sarif is for code scanning, junit for test
reports (a passing test per clean edition). --annotate chooses whether they
point at the edition or at the source line.

Exit status: 0 when no finding of severity --fail-on (default error) remains
after --baseline, 1 when one does, 2 on bad usage or input.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig(cmd)
			if err != nil {
				return err
			}
			return runCheck(cmd.Context(), a, cfg, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "report format: "+strings.Join(check.Formats, ", "))
	f.String("out", "out", "output directory holding the editions and the manifest")
	f.StringSlice("to", nil, "locales expected (default: the manifest's)")
	f.String("from", "", "source language when neither the manifest nor the document says (default en)")
	f.String("layout", edition.DefaultLayout, "edition path pattern, for editions the manifest does not record")
	f.StringArray("glossary", nil, "glossary file, layered over the built-in one (repeatable), as for translate")
	f.Bool("no-glossary", false, "use no glossary at all, as for translate")
	f.Int("jobs", 4, "source files checked at once")
	segmentFlags(f)
	f.StringVar(&o.rules, "rules", "", "rule severities: id=off|note|warning|error|on, comma-separated; \"all\" for every rule")
	f.StringVar(&o.failOn, "fail-on", "", "lowest severity that fails the check (exit 1): error, warning or note (default error, or check.fail_on)")
	f.StringVar(&o.baseline, "baseline", "", "JSON report of known findings to ignore (from --format json; default check.baseline)")
	f.StringVar(&o.report, "report", "", "write the report to this file instead of standard output")
	f.StringVar(&o.color, "color", "auto", "colour the text report: auto, always, never")
	f.StringVar(&o.annotate, "annotate", "auto", "where github, sarif and junit findings point: source (the source line), edition, or auto (the edition when git tracks it, else the source)")
	f.StringVar(&o.summary, "summary", "", "also write a Markdown summary to this file (with --format github it is appended to $GITHUB_STEP_SUMMARY when set)")
	return cmd
}

func runCheck(ctx context.Context, a *app, cfg *config.Config, o checkOptions, paths []string) error {
	st, err := checkSettingsOf(a, cfg, &o)
	if err != nil {
		return err
	}
	g, err := loadGlossary(cfg)
	if err != nil {
		return err
	}
	if _, err := os.Stat(cfg.Out); err != nil {
		return usageErr(fmt.Errorf("--out %s: %w", cfg.Out, err))
	}
	rep, err := check.Run(ctx, check.Options{
		Out:          cfg.Out,
		Layout:       cfg.Layout,
		Locales:      cfg.ToTags,
		From:         cfg.FromTag,
		Glossary:     g,
		Formats:      formats(cfg),
		Segmentation: a.seg,
		Severities:   st.sev,
		Jobs:         cfg.Jobs,
		Logger:       a.logger(cfg.LogLevel, false),
	}, paths)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		return usageErr(err)
	}
	st.base.Apply(rep)
	wopts := check.WriteOptions{Color: st.color, Severities: st.sev, Version: readVersion().Short(), FailOn: st.failOn, Annotate: st.annotate}
	if st.annotate == check.AnnotateAuto {
		wopts.Tracked = check.GitTracked(ctx, cfg.Out)
	}
	if err := writeCheckReport(a, o, rep, wopts); err != nil {
		return err
	}
	if rep.Failed(st.failOn) {
		return findingsErr(nil)
	}
	return nil
}

// checkSettings are check's flags and configuration, validated.
type checkSettings struct {
	sev      check.Severities
	failOn   check.Severity
	base     *check.Baseline
	annotate check.Annotate
	color    bool
}

// checkSettingsOf validates the flags (the configuration's check.* keys
// filling what they leave unset) before anything is read.
func checkSettingsOf(a *app, cfg *config.Config, o *checkOptions) (checkSettings, error) {
	var st checkSettings
	if !slices.Contains(check.Formats, o.format) {
		return st, usageErr(fmt.Errorf("--format %q: want one of %s", o.format, strings.Join(check.Formats, ", ")))
	}
	// Rules from the configuration's check.rules first, then --rules.
	var fromConfig []string
	for id, level := range cfg.Check.Rules {
		fromConfig = append(fromConfig, id+"="+level)
	}
	sort.Strings(fromConfig)
	sev, err := check.ParseRules(nil, strings.Join(fromConfig, ","))
	if err != nil {
		return st, usageErr(fmt.Errorf("check.rules: %w", err))
	}
	if st.sev, err = check.ParseRules(sev, o.rules); err != nil {
		return st, usageErr(err)
	}
	o.failOn = cmp.Or(o.failOn, cfg.Check.FailOn, "error")
	o.baseline = cmp.Or(o.baseline, cfg.Check.Baseline)
	st.failOn, err = check.ParseSeverity(o.failOn)
	if err != nil || st.failOn == check.Off {
		return st, usageErr(fmt.Errorf("--fail-on %q: want error, warning or note", o.failOn))
	}
	if o.baseline != "" {
		if st.base, err = check.LoadBaseline(o.baseline); err != nil {
			return st, usageErr(err)
		}
	}
	if st.annotate, err = check.ParseAnnotate(o.annotate); err != nil {
		return st, usageErr(fmt.Errorf("--annotate: %w", err))
	}
	switch o.color {
	case "always":
		st.color = true
	case "never":
	case "auto":
		st.color = o.report == "" && isTerminal(a.stdout) && a.getenv("NO_COLOR") == ""
	default:
		return st, usageErr(fmt.Errorf("--color %q: want auto, always or never", o.color))
	}
	return st, nil
}

// writeCheckReport writes the report to --report (atomically) or stdout,
// and the Markdown summaries.
func writeCheckReport(a *app, o checkOptions, rep *check.Report, wopts check.WriteOptions) error {
	var buf bytes.Buffer
	if err := check.Write(&buf, o.format, rep, wopts); err != nil {
		return err
	}
	if err := writeSummaries(a, o, rep, wopts); err != nil {
		return err
	}
	if o.report == "" {
		_, err := a.stdout.Write(buf.Bytes())
		return err
	}
	if dir := filepath.Dir(o.report); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return usageErr(fmt.Errorf("--report: %w", err))
		}
	}
	if err := fsutil.WriteFile(o.report, buf.Bytes(), 0o644); err != nil {
		return usageErr(fmt.Errorf("--report: %w", err))
	}
	return nil
}

// writeSummaries writes the Markdown summary to --summary, and appends it
// to $GITHUB_STEP_SUMMARY with --format github.
func writeSummaries(a *app, o checkOptions, rep *check.Report, wopts check.WriteOptions) error {
	var md bytes.Buffer
	if err := check.WriteStepSummary(&md, rep, wopts); err != nil {
		return err
	}
	if o.summary != "" {
		if err := fsutil.WriteFile(o.summary, md.Bytes(), 0o644); err != nil {
			return usageErr(fmt.Errorf("--summary: %w", err))
		}
	}
	if p := a.getenv("GITHUB_STEP_SUMMARY"); p != "" && o.format == "github" {
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
		}
		_, err = f.Write(md.Bytes())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
		}
	}
	return nil
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
