package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
)

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
			cfg, g, err := a.glossaryConfig(cmd)
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
		texts = append(texts, glossary.Text{Name: filepath.ToSlash(f), Text: unitsByLine(doc), Lang: lang})
	}
	var b bytes.Buffer
	if err := glossary.WriteSuggestions(&b, glossary.Suggest(g, language.English, texts)); err != nil {
		return err
	}
	_, err = a.stdout.Write(b.Bytes())
	return err
}

// unitsByLine is the text of doc's units, each on the line it starts at
// (inline codes as spaces), so that positions in it name the file's lines.
func unitsByLine(doc *format.Document) string {
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
	return b.String()
}
