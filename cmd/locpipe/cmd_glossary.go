package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	"github.com/locpipe/locpipe/pipeline/fsutil"
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
			cfg, err := a.loadConfig(cmd)
			if err != nil {
				return err
			}
			g, err := glossaryLayers(cfg)
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

func readInput(a *app, path string) (string, []byte, error) {
	if path == "-" {
		b, err := io.ReadAll(a.stdin)
		return "<stdin>", b, err
	}
	b, err := os.ReadFile(path)
	return path, b, err
}

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
			cfg, err := a.loadConfig(cmd)
			if err != nil {
				return err
			}
			g, err := glossaryLayers(cfg)
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
	color := false
	switch o.color {
	case "always":
		color = true
	case "never":
	case "auto", "":
		if f, ok := a.stdout.(*os.File); ok && a.getenv("NO_COLOR") == "" && o.out == "" {
			color = isatty.IsTerminal(f.Fd())
		}
	default:
		return usageErr(fmt.Errorf("--color %q: want auto, always or never", o.color))
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
		f := file.Path
		src, err := os.ReadFile(f)
		if err != nil {
			return usageErr(err)
		}
		before := string(src)
		if old != nil {
			if before, _, err = applyDocument(old, reg, f, src, "auto", source); err != nil {
				return usageErr(err)
			}
		}
		after, flang, err := applyDocument(g, reg, f, src, "auto", source)
		if err != nil {
			return usageErr(err)
		}
		name := filepath.ToSlash(f)
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

func newGlossaryLintCommand(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "lint [--json] [--glossary FILE]... [--no-glossary] FILE...",
		Short: "Check glossary files: conflicts, cycles, dead exceptions, duplicates",
		Long: `Lint checks the glossary FILEs against the layers translate will use them with:
the built-in glossary (unless --no-glossary), the config's and --glossary files,
then the FILEs in order. It reports: a term whose concepts want different
preferred terms, a term deprecated in one concept and preferred in another,
rewrite cycles, exceptions that contain none of their concept's terms (and so
never apply), and duplicates; only findings that concern a concept of the
FILEs are reported (a file that conflicts with the built-in glossary is
reported at its own line). Each finding is printed as file:line: rule:
message. Exit 1 when there are findings.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig(cmd)
			if err != nil {
				return err
			}
			g, err := glossaryLayers(cfg)
			if err != nil {
				return err
			}
			return runGlossaryLint(cmd.Context(), a, g, asJSON, args)
		},
	}
	glossaryFlags(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, `print {"findings":[…]} as JSON`)
	return cmd
}

func runGlossaryLint(_ context.Context, a *app, base *glossary.Glossary, asJSON bool, files []string) error {
	var layers []*glossary.Glossary
	for _, f := range files {
		g, err := glossary.Load(f)
		if err != nil {
			return usageErr(err)
		}
		layers = append(layers, g)
	}
	findings := glossary.LintAgainst(base, layers...)
	if asJSON {
		if findings == nil {
			findings = []glossary.Finding{}
		}
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"findings": findings}); err != nil {
			return err
		}
	} else {
		for _, f := range findings {
			fmt.Fprintln(a.stdout, f)
		}
	}
	if len(findings) > 0 {
		return findingsErr(nil)
	}
	return nil
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

func newGlossaryImportCommand(a *app) *cobra.Command {
	var o glossaryConvertOptions
	cmd := &cobra.Command{
		Use:   "import [--format tbx|csv|tsv] [--from L --to L] [--out FILE.yaml] FILE",
		Short: "Convert a TBX, CSV or TSV termbase into a native YAML glossary",
		Long: `Import reads TBX (v3 or the older martif, TBX-Basic statuses), CSV or TSV in the
concept layout (a header with id and language columns) or DeepL's two-column
layout (source, target[, source language, target language]; give --from and
--to when the file does not name its languages), and prints native YAML.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGlossaryImport(cmd.Context(), a, o, args[0])
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "", "input format: tbx, csv, tsv, yaml (default: by extension)")
	cmd.Flags().StringVar(&o.from, "from", "", "source language of a two-column (DeepL) file")
	cmd.Flags().StringVar(&o.to, "to", "", "target language of a two-column (DeepL) file")
	cmd.Flags().StringVarP(&o.out, "out", "o", "", "write to FILE instead of standard output")
	return cmd
}

func runGlossaryImport(_ context.Context, a *app, o glossaryConvertOptions, path string) error {
	f := glossary.FormatOf(path)
	if o.format != "" {
		var err error
		if f, err = glossary.ParseFormat(o.format); err != nil {
			return usageErr(err)
		}
	}
	opts, err := o.importOptions()
	if err != nil {
		return err
	}
	name, data, err := readInput(a, path)
	if err != nil {
		return usageErr(err)
	}
	g, err := glossary.Decode(name, data, f, opts)
	if err != nil {
		return usageErr(err)
	}
	var b bytes.Buffer
	if err := glossary.WriteYAML(&b, g); err != nil {
		return err
	}
	return writeOutput(a, o.out, b.Bytes())
}

func newGlossaryExportCommand(a *app) *cobra.Command {
	var o glossaryConvertOptions
	cmd := &cobra.Command{
		Use:   "export --format tbx|tbx-v2|csv|tsv|deepl [--from L --to L] [--out FILE] [FILE...]",
		Short: "Write glossary files (or the built-in glossary) as TBX, CSV or TSV",
		Long: `Export layers the glossary FILEs (any format; the built-in glossary when none is
given) and writes TBX-Basic v3 (valid against LTAC's TBX-Basic schema), or
CSV/TSV in the concept layout, both of which import reads back without loss.
--format tbx-v2 writes TBX-Basic v2 (martif), the TBX Translate Toolkit and
OmegaT read (--from and --to, when given, lead each entry: Translate Toolkit
reads the first two languages as source and target). --format deepl writes
DeepL's two-column CSV for one language pair (--from, --to); deepl-tsv its TSV.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGlossaryExport(cmd.Context(), a, o, args)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "tbx", "output format: tbx, tbx-v2, csv, tsv, yaml, deepl, deepl-tsv")
	cmd.Flags().StringVar(&o.from, "from", "", "source language (deepl; tbx-v2: written first)")
	cmd.Flags().StringVar(&o.to, "to", "", "target language (deepl; tbx-v2: written second)")
	cmd.Flags().StringVarP(&o.out, "out", "o", "", "write to FILE instead of standard output")
	return cmd
}

func runGlossaryExport(_ context.Context, a *app, o glossaryConvertOptions, files []string) error {
	layers := []*glossary.Glossary{}
	if len(files) == 0 {
		layers = append(layers, glossary.Builtin())
	}
	for _, f := range files {
		g, err := glossary.Load(f)
		if err != nil {
			return usageErr(err)
		}
		layers = append(layers, g)
	}
	g := glossary.Merge(layers...)
	var b bytes.Buffer
	switch o.format {
	case "tbx-v2":
		var lead []string
		for _, l := range []string{o.from, o.to} {
			if l == "" {
				continue
			}
			t, err := parseLocale(l)
			if err != nil {
				return err
			}
			lead = append(lead, t.String())
		}
		if err := glossary.WriteTBXv2(&b, g, lead...); err != nil {
			return err
		}
	case "deepl", "deepl-tsv":
		opts, err := o.importOptions()
		if err != nil {
			return err
		}
		if opts.Source == language.Und || opts.Target == language.Und {
			return usageErr(errors.New("--format deepl needs --from and --to"))
		}
		comma := ','
		if o.format == "deepl-tsv" {
			comma = '\t'
		}
		if err := glossary.WriteDeepL(&b, g, opts.Source, opts.Target, comma); err != nil {
			return err
		}
	default:
		f, err := glossary.ParseFormat(o.format)
		if err != nil {
			return usageErr(err)
		}
		if err := glossary.Encode(&b, g, f); err != nil {
			return err
		}
	}
	return writeOutput(a, o.out, b.Bytes())
}

func newGlossarySuggestCommand(a *app) *cobra.Command {
	var locale string
	cmd := &cobra.Command{
		Use:   "suggest [--locale L] [--glossary FILE]... PATH...",
		Short: "Find names spelt several ways, as YAML concepts, and those the glossary covers",
		Long: `Suggest reads the articles under PATH (their text only) and prints candidate
concepts in native YAML for proper nouns spelt in more than one way
(Zelensky / Zelenskyy / Zelenskiy, Kiev / Kyiv / Kiew / Kijów / Київ) that the
glossary does not cover yet, most frequent first. Spellings are compared by a
romanisation key (ie/y/yi/i, kh/h/ch, g/h, zh/z, ya/ia/ja, soft signs and
apostrophes, doubled letters, final -e/-ia) and a small edit distance on it;
names may be grouped across languages. Groups with a spelling the glossary
has are listed first, as comments, as already covered, with the spellings it
lacks. In each language the most frequent spelling is proposed as preferred;
an editor reviews and accepts.

The language of each article is --locale when given, else its declaration
(front matter, <html lang>), else a directory on its path named by a language
code (en/, uk/), else the configuration's from, else English.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig(cmd)
			if err != nil {
				return err
			}
			g, err := glossaryLayers(cfg)
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("locale") {
				locale = ""
			}
			return runGlossarySuggest(cmd.Context(), a, cfg, g, locale, args)
		},
	}
	glossaryFlags(cmd)
	cmd.Flags().StringVar(&locale, "locale", "en", "language of all the articles (default: each one's declaration, then its directory, then en)")
	return cmd
}

// pathLanguage returns the language named by a directory of path (the
// nearest one, "corpus/uk/a.txt" → uk), or Und.
func pathLanguage(path string) language.Tag {
	dir := filepath.Dir(filepath.ToSlash(path))
	for dir != "." && dir != "/" && dir != "" {
		b := filepath.Base(dir)
		if n := len(b); n == 2 || n == 5 && (b[2] == '-' || b[2] == '_') {
			if t, err := language.Parse(strings.ReplaceAll(b, "_", "-")); err == nil {
				if base, conf := t.Base(); conf == language.Exact && len(base.String()) == 2 {
					return t
				}
			}
		}
		dir = filepath.Dir(dir)
	}
	return language.Und
}

func runGlossarySuggest(ctx context.Context, a *app, cfg *config.Config, g *glossary.Glossary, locale string, paths []string) error {
	forced, err := parseLocale(locale)
	if err != nil {
		return err
	}
	reg := formats(cfg)
	files, err := edition.Articles(ctx, paths, edition.WalkOptions{}, reg)
	if err != nil {
		return usageErr(err)
	}
	var texts []glossary.Text
	for _, file := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		f := file.Path
		src, err := os.ReadFile(f)
		if err != nil {
			return usageErr(err)
		}
		parser, _, err := reg.Lookup(f, "auto")
		if err != nil {
			return usageErr(err)
		}
		doc, err := parser.Parse(f, src)
		if err != nil {
			return usageErr(err)
		}
		def := pathLanguage(f)
		if def == language.Und {
			def = cfg.FromTag
		}
		lang, err := edition.Source{Forced: forced, Default: def}.Of(f, doc)
		if err != nil {
			return usageErr(err)
		}
		// Units, each on the line it starts at, so positions name the file line.
		var b strings.Builder
		line := 1
		for _, u := range doc.Units {
			for line < u.Line {
				b.WriteByte('\n')
				line++
			}
			t := strings.Map(func(r rune) rune {
				if _, ok := format.IsCodeRune(r); ok {
					return ' '
				}
				return r
			}, u.Text)
			b.WriteString(t)
			b.WriteByte(' ')
			line += strings.Count(t, "\n")
		}
		texts = append(texts, glossary.Text{Name: filepath.ToSlash(f), Text: b.String(), Lang: lang})
	}
	var b bytes.Buffer
	if err := glossary.WriteSuggestions(&b, glossary.Suggest(g, language.English, texts)); err != nil {
		return err
	}
	_, err = a.stdout.Write(b.Bytes())
	return err
}
