package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/pipeline/fsutil"
)

func newGlossaryCommand(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "glossary",
		Short: "Apply, review and maintain the naming glossary",
	}
	cmd.AddCommand(newGlossaryApplyCommand(a))
	return cmd
}

func newGlossaryApplyCommand(a *app) *cobra.Command {
	var write bool
	var locale string
	cmd := &cobra.Command{
		Use:   "apply [--locale L] [--glossary FILE]... [--write] FILE|-",
		Short: "Print the document with the naming policy of its language applied",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig(cmd)
			if err != nil {
				return err
			}
			g, err := loadGlossary(cfg)
			if err != nil {
				return err
			}
			lang, err := config.ParseTag(locale)
			if err != nil {
				return usageErr(err)
			}
			var src []byte
			if args[0] == "-" {
				src, err = io.ReadAll(a.stdin)
			} else {
				src, err = os.ReadFile(args[0])
			}
			if err != nil {
				return usageErr(err)
			}
			out, _ := g.Apply(string(src), lang)
			if write && args[0] != "-" {
				return fsutil.WriteFile(args[0], []byte(out), 0o644)
			}
			_, err = fmt.Fprint(a.stdout, out)
			return err
		},
	}
	cmd.Flags().StringVar(&locale, "locale", "en", "language of the document")
	cmd.Flags().StringArray("glossary", nil, "glossary file, layered over the built-in one (repeatable)")
	cmd.Flags().Bool("no-glossary", false, "use no built-in glossary")
	cmd.Flags().BoolVar(&write, "write", false, "rewrite FILE in place instead of printing")
	return cmd
}
