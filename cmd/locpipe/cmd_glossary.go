package main

import (
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/fsutil"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
)

func newGlossaryCommand(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "glossary",
		Short: "Apply, review and maintain the naming glossary",
		Long: `The glossary is the newsroom's naming policy: concepts with preferred,
admitted and deprecated terms per language (see glossary/README.md).`,
	}
	cmd.AddCommand(
		newGlossaryApplyCommand(a),
		newGlossaryDiffCommand(a),
		newGlossaryLintCommand(a),
		newGlossaryImportCommand(a),
		newGlossaryExportCommand(a),
		newGlossarySuggestCommand(a),
	)
	return cmd
}

// glossaryFlags are the flags that choose the glossary layers; config reads
// them (--glossary, --no-glossary).
func glossaryFlags(cmd *cobra.Command) {
	cmd.Flags().StringArray("glossary", nil, "glossary file (.yaml, .csv, .tsv, .tbx) layered over the built-in one (repeatable)")
	cmd.Flags().Bool("no-glossary", false, "leave out the built-in glossary")
}

// glossaryLayers builds the glossary from the config: the built-in one
// (unless --no-glossary) and the --glossary files in order.
// glossaryConfig loads the configuration and the glossary layers a
// glossary command works with.
func (a *app) glossaryConfig(cmd *cobra.Command) (*config.Config, *glossary.Glossary, error) {
	cfg, err := a.loadConfig(cmd)
	if err != nil {
		return nil, nil, err
	}
	g, err := glossaryLayers(cfg)
	if err != nil {
		return nil, nil, err
	}
	return cfg, g, nil
}

func glossaryLayers(cfg *config.Config) (*glossary.Glossary, error) {
	var layers []*glossary.Glossary
	if !cfg.NoGlossary {
		layers = append(layers, glossary.Builtin())
	}
	for _, p := range cfg.Glossaries {
		g, err := glossary.Load(p)
		if err != nil {
			return nil, usageErr(err)
		}
		layers = append(layers, g)
	}
	return glossary.Merge(layers...), nil
}

func parseLocale(s string) (language.Tag, error) {
	if s == "" {
		return language.Und, nil
	}
	t, err := config.ParseTag(s)
	if err != nil {
		return language.Und, usageErr(err)
	}
	return t, nil
}

// applyDocument applies g to the text units of a document (so markup,
// front-matter keys, URLs in attributes and code stay as they are) and
// returns the rendered result and the language applied. The document's
// language follows the rule of translate (edition.Source).
func applyDocument(g *glossary.Glossary, reg *format.Registry, name string, src []byte, formatName string, source edition.Source) (string, language.Tag, error) {
	parser, _, err := reg.Lookup(name, formatName)
	if err != nil {
		return "", language.Und, err
	}
	doc, err := parser.Parse(name, src)
	if err != nil {
		return "", language.Und, err
	}
	lang, err := source.Of(name, doc)
	if err != nil {
		return "", language.Und, err
	}
	// Each unit's changes are written in place in its source bytes: line
	// breaks, escapes and markup stay as the editor wrote them.
	edits := map[string][]format.Edit{}
	for i := range doc.Units {
		u := &doc.Units[i]
		_, ch := g.Apply(u.Text, lang)
		for _, c := range ch {
			edits[u.ID] = append(edits[u.ID], format.Edit{Start: c.Start, End: c.End, New: c.New})
		}
	}
	var b strings.Builder
	if err := doc.RenderEdits(&b, edits, format.RenderOptions{}); err != nil {
		return "", lang, err
	}
	return b.String(), lang, nil
}

func readInput(a *app, path string) (string, []byte, error) {
	if path == "-" {
		b, err := io.ReadAll(a.stdin)
		return "<stdin>", b, err
	}
	b, err := os.ReadFile(path)
	return path, b, err
}

type glossaryConvertOptions struct {
	format, from, to, out string
}

func (o glossaryConvertOptions) importOptions() (glossary.ImportOptions, error) {
	var io glossary.ImportOptions
	var err error
	if o.from != "" {
		if io.Source, err = parseLocale(o.from); err != nil {
			return io, err
		}
	}
	if o.to != "" {
		if io.Target, err = parseLocale(o.to); err != nil {
			return io, err
		}
	}
	return io, nil
}

// writeOutput writes data to --out (atomically) or standard output.
func writeOutput(a *app, out string, data []byte) error {
	if out == "" || out == "-" {
		_, err := a.stdout.Write(data)
		return err
	}
	return fsutil.WriteFile(out, data, 0o644)
}
