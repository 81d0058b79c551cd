package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/fsutil"
	"github.com/locpipe/locpipe/pipeline/edition"
)

type glossaryApplyOptions struct {
	locale, format string
	write          bool
}

func newGlossaryApplyCommand(a *app) *cobra.Command {
	var o glossaryApplyOptions
	cmd := &cobra.Command{
		Use:   "apply [--locale L] [--glossary FILE]... [--write] FILE|-",
		Short: "Print the document with the naming policy of its language applied",
		Long: `Apply rewrites admitted and deprecated terms to the preferred terms of the
document's own language (Kiev → Kyiv, KIEV → KYIV, Kiev's → Kyiv's), in the text
of the document only: markup, front-matter keys, URLs, e-mail addresses and code
are left as they are.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, g, err := a.glossaryConfig(cmd)
			if err != nil {
				return err
			}
			return runGlossaryApply(cmd.Context(), a, cfg, g, o, args[0])
		},
	}
	glossaryFlags(cmd)
	cmd.Flags().StringVar(&o.locale, "locale", "", "language of the document (default: its declaration, then en)")
	cmd.Flags().StringVar(&o.format, "format", "auto", "input format: auto (by extension; txt for stdin), txt, md, html")
	cmd.Flags().BoolVar(&o.write, "write", false, "rewrite FILE in place instead of printing it")
	return cmd
}

func runGlossaryApply(_ context.Context, a *app, cfg *config.Config, g *glossary.Glossary, o glossaryApplyOptions, path string) error {
	lang, err := parseLocale(o.locale)
	if err != nil {
		return err
	}
	name, src, err := readInput(a, path)
	if err != nil {
		return usageErr(err)
	}
	if path == "-" && (o.format == "" || o.format == "auto") {
		o.format = "txt"
	}
	out, _, err := applyDocument(g, formats(cfg), name, src, o.format, edition.Source{Forced: lang, Default: cfg.FromTag})
	if err != nil {
		return usageErr(err)
	}
	if o.write && path != "-" {
		if out == string(src) {
			return nil
		}
		return fsutil.WriteFile(path, []byte(out), 0o644)
	}
	_, err = io.WriteString(a.stdout, out)
	return err
}
