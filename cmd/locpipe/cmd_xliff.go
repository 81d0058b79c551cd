package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/fsutil"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/memory"
	"github.com/locpipe/locpipe/pipeline/xliff"
)

func newXLIFFCommand(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "xliff",
		Short: "Export editions to XLIFF 2.1 for human review, and import the reviewed files",
		Long: `Reviewers fix editions in the tools they already use: export writes one XLIFF 2.1
file per document and locale, import takes the reviewed files back, teaches the
translation memory the reviewed sentences (as human translations, preferred
over machine ones) and re-renders the editions.`,
	}
	cmd.AddCommand(newXLIFFExportCommand(a), newXLIFFImportCommand(a))
	return cmd
}

func xliffFlags(cmd *cobra.Command, memFile *string) {
	memoryFlags(cmd, memFile)
	glossaryFlags(cmd)
	cmd.Flags().String("layout", edition.DefaultLayout, "edition path pattern the editions were written with")
	cmd.Flags().String("format", "auto", "input format: auto (by extension), txt, md, html")
}

func newXLIFFExportCommand(a *app) *cobra.Command {
	var memFile, dir string
	cmd := &cobra.Command{
		Use:   "export [flags] [--to L,...]",
		Short: "Write one XLIFF 2.1 file per edition in the manifest",
		Long: `Export reads the manifest in --out and each edition's source, and writes
<dir>/<locale>/<path>.xlf: one unit per paragraph, one segment per sentence
(ids are the manifest's), the current translation from the memory as target
(state translated, or reviewed for a human one; initial without one), inline
markup as <ph>/<pc>/<sc>/<ec> with its original data, and a note for every
glossary term a sentence carries. House-style editions (the source language)
have nothing to review and are left out.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.tmConfig(cmd, memFile)
			if err != nil {
				return err
			}
			if dir == "" {
				dir = filepath.Join(cfg.Out, "xliff")
			}
			return runXLIFFExport(cmd.Context(), a, cfg, dir)
		},
	}
	xliffFlags(cmd, &memFile)
	cmd.Flags().StringSlice("to", nil, "export only these locales (default: every edition)")
	cmd.Flags().StringVar(&dir, "dir", "", "directory for the XLIFF files (default <out>/xliff)")
	return cmd
}

func runXLIFFExport(ctx context.Context, a *app, cfg *config.Config, dir string) error {
	m, err := manifest.Load(cfg.Out)
	if err != nil {
		return usageErr(err)
	}
	if len(m.Editions) == 0 {
		return usageErr(fmt.Errorf("no editions in %s: translate first", filepath.Join(cfg.Out, manifest.FileName)))
	}
	g, err := loadGlossary(cfg)
	if err != nil {
		return err
	}
	var mem xliff.Lookuper
	if !cfg.NoMemory {
		s, err := openStore(ctx, cfg)
		if err != nil {
			return usageErr(err)
		}
		defer s.Close()
		mem = s
	}
	want := map[string]bool{}
	for _, t := range cfg.ToTags {
		want[t.String()] = true
	}
	reg := formats(cfg)
	written, skipped := 0, 0
	var failures []string
	for i := range m.Editions {
		ed := &m.Editions[i]
		if len(want) > 0 && !want[ed.Locale] {
			continue
		}
		src, err := os.ReadFile(ed.Source)
		if err != nil {
			failures = append(failures, fmt.Sprintf("%s: %v (run xliff export from the directory translate ran in)", ed.Source, errors.Unwrap(err)))
			continue
		}
		e, err := xliff.OpenEdition(ed, src, reg)
		if err != nil {
			failures = append(failures, err.Error())
			continue
		}
		if e.SameLanguage() {
			skipped++
			continue
		}
		f, err := e.Export(ctx, g, mem)
		if err != nil {
			if errors.Is(err, xliff.ErrStale) {
				failures = append(failures, err.Error())
				continue
			}
			return err
		}
		var buf bytes.Buffer
		doc := &xliff.Document{SrcLang: ed.SourceLocale, TrgLang: ed.Locale, Files: []*xliff.File{f}}
		if err := xliff.Encode(&buf, doc); err != nil {
			return err
		}
		path := filepath.Join(dir, ed.Locale, filepath.FromSlash(ed.Path)+".xlf")
		if err := fsutil.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return err
		}
		written++
	}
	for _, f := range failures {
		fmt.Fprintln(a.stderr, "locpipe:", f)
	}
	fmt.Fprintf(a.stderr, "%d XLIFF files written to %s", written, dir)
	if skipped > 0 {
		fmt.Fprintf(a.stderr, " (%d house-style editions have nothing to review)", skipped)
	}
	fmt.Fprintln(a.stderr)
	if len(failures) > 0 {
		return findingsErr(nil)
	}
	return nil
}

type xliffImportOptions struct {
	json bool
}

func newXLIFFImportCommand(a *app) *cobra.Command {
	var memFile string
	var o xliffImportOptions
	cmd := &cobra.Command{
		Use:   "import [flags] FILE.xlf|DIR...",
		Short: "Learn the reviewed translations of XLIFF files and re-render the editions",
		Long: `Import validates each file (XLIFF 2.x core and the specification's constraints;
any encoding), matches its documents to the editions in the manifest by path
and locale, and checks every segment id, unit and source text against the
edition's source. Targets of segments in state reviewed or final are stored
in the translation memory as human translations, keyed as translate keys the
sentence, and the affected editions are re-rendered. Unknown or changed
segments are reported and never applied. Run it from the directory translate
ran in, with the same --out and --layout.`,
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
type xliffImportSummary struct {
	Files    int               `json:"files"`
	Learned  int               `json:"learned"`
	Problems []string          `json:"problems,omitempty"`
	Render   *pipeline.Summary `json:"rerender,omitempty"`
}

func xliffFiles(args []string) ([]string, error) {
	var files []string
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, arg)
			continue
		}
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if ext := strings.ToLower(filepath.Ext(p)); !d.IsDir() && (ext == ".xlf" || ext == ".xliff") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

func sameTag(a, b string) bool {
	ta, err1 := language.Parse(a)
	tb, err2 := language.Parse(b)
	return err1 == nil && err2 == nil && ta == tb
}

func runXLIFFImport(ctx context.Context, a *app, cfg *config.Config, o xliffImportOptions, args []string) error {
	if cfg.NoMemory {
		return usageErr(errors.New("xliff import teaches the translation memory: it cannot run with --no-memory"))
	}
	files, err := xliffFiles(args)
	if err != nil {
		return usageErr(err)
	}
	m, err := manifest.Load(cfg.Out)
	if err != nil {
		return usageErr(err)
	}
	if len(m.Editions) == 0 {
		return usageErr(fmt.Errorf("no editions in %s: translate (and xliff export) first", filepath.Join(cfg.Out, manifest.FileName)))
	}
	g, err := loadGlossary(cfg)
	if err != nil {
		return err
	}
	reg := formats(cfg)
	mem, err := openStore(ctx, cfg)
	if err != nil {
		return usageErr(err)
	}
	defer mem.Close()
	sum := xliffImportSummary{}
	var recs []memory.Record
	affected := map[string]*manifest.Edition{}
	invalid := false
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return usageErr(err)
		}
		doc, err := xliff.Parse(name, data)
		if err != nil {
			var es xliff.Errors
			if errors.As(err, &es) {
				fmt.Fprint(a.stderr, es.String())
			} else {
				fmt.Fprintln(a.stderr, err)
			}
			invalid = true
			continue
		}
		sum.Files++
		for _, f := range doc.Files {
			ed := m.Find(f.Original, doc.TrgLang)
			if ed == nil {
				for i := range m.Editions {
					if c := &m.Editions[i]; c.Path == f.Original && sameTag(c.Locale, doc.TrgLang) {
						ed = c
					}
				}
			}
			if ed == nil {
				sum.Problems = append(sum.Problems, fmt.Sprintf("%s:%d: no %s edition of %q in the manifest: file not applied", name, f.Line, doc.TrgLang, f.Original))
				continue
			}
			if !sameTag(ed.SourceLocale, doc.SrcLang) {
				sum.Problems = append(sum.Problems, fmt.Sprintf("%s:%d: srcLang %s, but %s is in %s: file not applied", name, f.Line, doc.SrcLang, ed.Path, ed.SourceLocale))
				continue
			}
			src, err := os.ReadFile(ed.Source)
			if err != nil {
				sum.Problems = append(sum.Problems, fmt.Sprintf("%s:%d: %s: %v: file not applied", name, f.Line, ed.Source, errors.Unwrap(err)))
				continue
			}
			e, err := xliff.OpenEdition(ed, src, reg)
			if err != nil {
				sum.Problems = append(sum.Problems, fmt.Sprintf("%s:%d: %v: file not applied", name, f.Line, err))
				continue
			}
			if g.Fingerprint() != ed.Glossary {
				sum.Problems = append(sum.Problems, fmt.Sprintf("%s:%d: the glossary changed since the %s edition of %s was written (run translate first): file not applied", name, f.Line, ed.Locale, ed.Path))
				continue
			}
			r, probs := e.Reviewed(ctx, name, f, g, mem)
			for _, p := range probs {
				sum.Problems = append(sum.Problems, p.String())
			}
			if len(r) > 0 {
				recs = append(recs, r...)
				affected[ed.Key()] = ed
			}
		}
	}
	sum.Learned = len(recs)
	if len(recs) > 0 {
		err := mem.StoreAll(ctx, recs)
		if cerr := mem.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		rs, err := rerender(ctx, a, cfg, affected)
		if err != nil {
			return err
		}
		sum.Render = rs
	}
	if o.json {
		if err := json.NewEncoder(a.stdout).Encode(sum); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(a.stderr, "%d XLIFF files read: %d reviewed translations learned", sum.Files, sum.Learned)
		if sum.Render != nil {
			fmt.Fprintf(a.stderr, "; %d editions re-rendered (%d segments sent to %s)", sum.Render.Editions, sum.Render.BackendSegments, cfg.Backend)
		}
		fmt.Fprintln(a.stderr)
	}
	for _, p := range sum.Problems {
		fmt.Fprintln(a.stderr, "locpipe:", p)
	}
	switch {
	case invalid && sum.Files == 0:
		return &exitError{code: exitUsage}
	case invalid || len(sum.Problems) > 0:
		return findingsErr(nil)
	}
	return nil
}

// rerender runs translate again, forced, over the sources of the affected
// editions with the backend and settings recorded in the manifest, so that
// the editions show the reviewed sentences. Everything else comes from the
// memory: unchanged editions are rewritten byte for byte (hence not at all).
func rerender(ctx context.Context, a *app, cfg *config.Config, affected map[string]*manifest.Edition) (*pipeline.Summary, error) {
	type group struct {
		backend string
		locales map[string]language.Tag
		roots   map[string]bool
	}
	groups := map[string]*group{}
	for _, ed := range affected {
		layout := cfg.Layout
		if layout == "" {
			layout = edition.DefaultLayout
		}
		if p, err := edition.Path(layout, ed.Path, ed.Locale); err != nil || filepath.ToSlash(p) != ed.Output {
			return nil, usageErr(fmt.Errorf("%s: the %s edition is at %s, but --layout %q puts it elsewhere: give the layout translate used", ed.Path, ed.Locale, ed.Output, layout))
		}
		gr := groups[ed.Backend]
		if gr == nil {
			gr = &group{backend: ed.Backend, locales: map[string]language.Tag{}, roots: map[string]bool{}}
			groups[ed.Backend] = gr
		}
		tag, err := language.Parse(ed.Locale)
		if err != nil {
			return nil, err
		}
		gr.locales[ed.Locale] = tag
		gr.roots[sourceRoot(ed)] = true
	}
	total := &pipeline.Summary{}
	names := make([]string, 0, len(groups))
	for n := range groups {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		gr := groups[n]
		c := *cfg
		c.Backend = gr.backend
		c.ToTags = nil
		for _, t := range gr.locales {
			c.ToTags = append(c.ToTags, t)
		}
		sort.Slice(c.ToTags, func(i, j int) bool { return c.ToTags[i].String() < c.ToTags[j].String() })
		var roots []string
		for r := range gr.roots {
			roots = append(roots, r)
		}
		sort.Strings(roots)
		var out bytes.Buffer
		sub := *a
		sub.stdout = &out
		err := runTranslate(ctx, &sub, &c, translateOptions{json: true, force: true}, roots)
		var s pipeline.Summary
		if jerr := json.Unmarshal(out.Bytes(), &s); jerr == nil {
			total.Files += s.Files
			total.Editions += s.Editions
			total.Unchanged += s.Unchanged
			total.Segments += s.Segments
			total.MemoryHits += s.MemoryHits
			total.BackendSegments += s.BackendSegments
			total.Failed += s.Failed
			total.Errors = append(total.Errors, s.Errors...)
		}
		if err != nil {
			return total, fmt.Errorf("re-rendering the %s editions: %w", gr.backend, err)
		}
	}
	return total, nil
}

// sourceRoot is the path translate was given for an edition's source: the
// directory it walked (the source path without the edition's relative
// path), or the file itself.
func sourceRoot(ed *manifest.Edition) string {
	src := filepath.ToSlash(ed.Source)
	if strings.Contains(ed.Path, "/") && strings.HasSuffix(src, "/"+ed.Path) {
		return filepath.FromSlash(strings.TrimSuffix(src, "/"+ed.Path))
	}
	return ed.Source
}
