package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
)

type glossaryDiffOptions struct {
	locale, color, format, out string
	against                    []string
	stat                       bool
}

func newGlossaryDiffCommand(a *app) *cobra.Command {
	var o glossaryDiffOptions
	cmd := &cobra.Command{
		Use:   "diff [--locale L] [--glossary FILE]... [--against OLD]... [--stat] [--format unified|html] [-o FILE] PATH...",
		Short: "Show, as a diff, what the glossary changes in the articles",
		Long: `Diff prints a unified diff of what "glossary apply" would change in every
article under PATH (file names in the headers, line numbers in the hunks; on a
terminal the changed words are highlighted). With --against OLD (repeatable:
the files are layered in order over the built-in glossary, as --glossary
files are), it shows instead what changing the glossary changes: the articles
as the old glossary writes them, against the articles as the current one
writes them.

--stat prints instead one line per file (occurrences changed, per concept)
and one per concept (replaced and written spellings, changes, files).
--format html writes one self-contained page (no script, no external asset):
a summary per concept linked to each occurrence, then per file the changed
lines with <del>/<ins> word marks and the exceptions that keep a term.
Exit 0 even when there are differences.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, g, err := a.glossaryConfig(cmd)
			if err != nil {
				return err
			}
			var old *glossary.Glossary
			if len(o.against) > 0 {
				var layers []*glossary.Glossary
				if !cfg.NoGlossary {
					layers = append(layers, glossary.Builtin())
				}
				for _, f := range o.against {
					og, err := glossary.Load(f)
					if err != nil {
						return usageErr(err)
					}
					layers = append(layers, og)
				}
				old = glossary.Merge(layers...)
			}
			return runGlossaryDiff(cmd.Context(), a, cfg, g, old, o, args)
		},
	}
	glossaryFlags(cmd)
	cmd.Flags().StringVar(&o.locale, "locale", "", "language of the articles (default: each one's declaration, then en)")
	cmd.Flags().StringArrayVar(&o.against, "against", nil, "an older glossary file: show what changing it changes (repeatable: layered in order)")
	cmd.Flags().StringVar(&o.color, "color", "auto", "colour the diff: auto (on a terminal, unless NO_COLOR is set), always, never")
	cmd.Flags().StringVar(&o.format, "format", "unified", "output: unified (a diff), html (one self-contained page)")
	cmd.Flags().StringVarP(&o.out, "out", "o", "", "write to FILE (atomically) instead of standard output")
	cmd.Flags().BoolVar(&o.stat, "stat", false, "print a summary per file and per concept instead of the diff")
	return cmd
}

func runGlossaryDiff(ctx context.Context, a *app, cfg *config.Config, g, old *glossary.Glossary, o glossaryDiffOptions, paths []string) error {
	lang, err := parseLocale(o.locale)
	if err != nil {
		return err
	}
	switch o.format {
	case "unified", "", "html":
	default:
		return usageErr(fmt.Errorf("--format %q: want unified or html", o.format))
	}
	color, err := o.useColor(a)
	if err != nil {
		return err
	}
	reg := formats(cfg)
	source := edition.Source{Forced: lang, Default: cfg.FromTag}
	files, err := edition.Articles(ctx, paths, edition.WalkOptions{}, reg)
	if err != nil {
		return usageErr(err)
	}
	var out bytes.Buffer
	var diffs []glossary.FileDiff
	for _, file := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		before, after, flang, err := diffTexts(g, old, reg, file.Path, source)
		if err != nil {
			return usageErr(err)
		}
		name := filepath.ToSlash(file.Path)
		if o.stat || o.format == "html" {
			diffs = append(diffs, glossary.Comparer{Lang: flang, New: g, Old: old}.File(name, before, after))
			continue
		}
		d := glossary.UnifiedDiff(name, before, after)
		if color {
			d = glossary.Colorize(d)
		}
		out.WriteString(d)
	}
	switch {
	case o.format == "html":
		note := "What the glossary changes in " + strings.Join(paths, ", ") + "."
		if old != nil {
			note = "What changing the glossary from " + strings.Join(o.against, ", ") + " to the current one changes in " + strings.Join(paths, ", ") + "."
		}
		if err := glossary.WriteDiffHTML(&out, glossary.DiffPage{Title: "Glossary diff", Note: note, Files: diffs}); err != nil {
			return err
		}
	case o.stat:
		if err := glossary.WriteStat(&out, diffs); err != nil {
			return err
		}
	}
	return writeOutput(a, o.out, out.Bytes())
}

// useColor says whether the diff is coloured: --color, or on a terminal
// unless NO_COLOR is set or the diff goes to a file.
func (o glossaryDiffOptions) useColor(a *app) (bool, error) {
	switch o.color {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		if f, ok := a.stdout.(*os.File); ok && a.getenv("NO_COLOR") == "" && o.out == "" {
			return isatty.IsTerminal(f.Fd()), nil
		}
		return false, nil
	}
	return false, usageErr(fmt.Errorf("--color %q: want auto, always or never", o.color))
}

// diffTexts reads the article at f and returns it as the glossary old
// writes it (or as it stands, without old) and as g writes it, with the
// language g applied.
func diffTexts(g, old *glossary.Glossary, reg *format.Registry, f string, source edition.Source) (before, after string, lang language.Tag, err error) {
	src, err := os.ReadFile(f)
	if err != nil {
		return "", "", lang, err
	}
	before = string(src)
	if old != nil {
		if before, _, err = applyDocument(old, reg, f, src, "auto", source); err != nil {
			return "", "", lang, err
		}
	}
	after, lang, err = applyDocument(g, reg, f, src, "auto", source)
	return before, after, lang, err
}
