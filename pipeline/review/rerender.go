package review

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/manifest"
)

// ErrLayout is wrapped when the layout given does not place an edition
// where the manifest says translate wrote it.
var ErrLayout = errors.New("review: the editions were written with another layout")

// EngineFunc builds the engine a manifest names: the translator and the
// fingerprint of the settings that shape its output.
type EngineFunc func(name string) (pipeline.Translator, string, error)

// Rerender renders eds again through pipeline.Run, forced, with the
// options of base (output directory, layout, glossary, memory, formats,
// typography, notice…) and, for each engine the manifest names, that
// engine: only those editions, through an editions filter. Every sentence
// comes from the memory, the reviewed ones included, so an edition whose
// text did not change is rewritten byte for byte (hence not at all).
func Rerender(ctx context.Context, base pipeline.Options, engine EngineFunc, eds []*manifest.Edition) (*pipeline.Summary, error) {
	type group struct {
		locales map[string]language.Tag
		roots   map[string]bool
		want    map[string]bool // path + "\x00" + locale
	}
	groups := map[string]*group{}
	for _, ed := range eds {
		if p, err := edition.Path(base.Layout, ed.Path, ed.Locale); err != nil || filepath.ToSlash(p) != ed.Output {
			return nil, fmt.Errorf("%s: the %s edition is at %s, but --layout %q puts it elsewhere: give the layout translate used: %w", ed.Path, ed.Locale, ed.Output, base.Layout, ErrLayout)
		}
		tag, err := language.Parse(ed.Locale)
		if err != nil {
			return nil, fmt.Errorf("%s: manifest locale %q: %w", ed.Path, ed.Locale, err)
		}
		gr := groups[ed.Backend]
		if gr == nil {
			gr = &group{locales: map[string]language.Tag{}, roots: map[string]bool{}, want: map[string]bool{}}
			groups[ed.Backend] = gr
		}
		gr.locales[tag.String()] = tag
		gr.roots[sourceRoot(ed)] = true
		gr.want[ed.Path+"\x00"+tag.String()] = true
	}
	total := &pipeline.Summary{}
	names := make([]string, 0, len(groups))
	for n := range groups {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		gr := groups[name]
		opts := base
		tr, settings, err := engine(name)
		if err != nil {
			return total, err
		}
		opts.Backend, opts.Translator, opts.Settings = name, tr, settings
		opts.Force, opts.DryRun = true, false
		opts.Shard = pipeline.Shard{}
		opts.To = nil
		for _, t := range gr.locales {
			opts.To = append(opts.To, t)
		}
		slices.SortFunc(opts.To, func(a, b language.Tag) int { return strings.Compare(a.String(), b.String()) })
		opts.Editions = func(rel, locale string) bool { return gr.want[rel+"\x00"+locale] }
		roots := make([]string, 0, len(gr.roots))
		for r := range gr.roots {
			roots = append(roots, r)
		}
		slices.Sort(roots)
		s, err := pipeline.Run(ctx, opts, roots)
		if s != nil {
			add(total, s)
		}
		if err != nil {
			return total, fmt.Errorf("re-rendering the %s editions: %w", name, err)
		}
	}
	return total, nil
}

func add(total, s *pipeline.Summary) {
	total.Files += s.Files
	total.Editions += s.Editions
	total.Unchanged += s.Unchanged
	total.Segments += s.Segments
	total.MemoryHits += s.MemoryHits
	total.BackendSegments += s.BackendSegments
	total.Failed += s.Failed
	total.Copied += s.Copied
	total.ElapsedMS += s.ElapsedMS
	total.Errors = append(total.Errors, s.Errors...)
	if total.FirstFailure == "" {
		total.FirstFailure = s.FirstFailure
	}
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
