package check

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/manifest"
)

// Options configure a check.
type Options struct {
	// Out is the output directory: the editions and the manifest.
	Out string
	// Layout places editions written by people (no manifest record);
	// "" is edition.DefaultLayout.
	Layout string
	// Locales are the editions expected of every source file. When empty,
	// the locales found in the manifest; failing that, the directories of
	// Out named like a language (with a layout starting with {locale}/).
	Locales []language.Tag
	// From is the source language when neither the manifest nor the
	// document says; the zero Tag is English.
	From language.Tag
	// Glossary is the glossary in force: its fingerprint is compared with
	// the manifest's (stale-edition) and its terms drive the glossary
	// rules. nil: no glossary.
	Glossary *glossary.Glossary
	// Formats parses sources and editions; nil is format.Default().
	Formats *format.Registry
	// Segmentation splits units into segments as translate split them
	// (the same SRX rules); the zero value is the built-in rules. A source
	// that splits otherwise than its manifest record says is a stale
	// edition.
	Segmentation edition.Segmentation
	// Severities turns rules on and off; nil is DefaultSeverities().
	Severities Severities
	// Jobs is how many source files are checked at once; <1 is GOMAXPROCS.
	Jobs   int
	Logger *slog.Logger
}

// Checker runs the rules. It is safe for concurrent use.
type Checker struct {
	glossary *glossary.Glossary
	formats  *format.Registry
	seg      edition.Segmentation
	sev      Severities
}

// New returns a Checker for opts' glossary, formats and severities.
func New(opts Options) *Checker {
	c := &Checker{glossary: opts.Glossary, formats: opts.Formats, seg: opts.Segmentation, sev: opts.Severities}
	if c.formats == nil {
		c.formats = format.Default()
	}
	if c.sev == nil {
		c.sev = DefaultSeverities()
	}
	return c
}

// ErrNoLocales is returned when the expected locales cannot be known.
var ErrNoLocales = errors.New("check: no locale to check: give --to, or check an output directory with a manifest")

// source is one source file found under the paths.
type source struct{ path, rel string }

// Run checks the editions in opts.Out of every file under paths. Problems
// with the editions are findings in the report; the error is for what
// stops the check (unreadable paths or manifest, no locale to check).
func Run(ctx context.Context, opts Options, paths []string) (*Report, error) {
	c := New(opts)
	if opts.Layout == "" {
		opts.Layout = edition.DefaultLayout
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.From == (language.Tag{}) {
		opts.From = language.English
	}
	man, err := loadManifests(opts.Out)
	if err != nil {
		return nil, err
	}
	index := make(map[string]*manifest.Edition, len(man.Editions))
	for i := range man.Editions {
		e := &man.Editions[i]
		if _, dup := index[e.Key()]; !dup {
			index[e.Key()] = e
		}
	}
	locales := opts.Locales
	if len(locales) == 0 {
		locales = manifestLocales(man)
	}
	if len(locales) == 0 {
		locales = discoverLocales(opts.Out, opts.Layout)
	}
	if len(locales) == 0 {
		return nil, ErrNoLocales
	}
	sources, err := walk(ctx, paths, opts.Out)
	if err != nil {
		return nil, err
	}
	gfp := opts.Glossary.Fingerprint()
	jobs := opts.Jobs
	if jobs < 1 {
		jobs = runtime.GOMAXPROCS(0)
	}
	rep := &Report{}
	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(jobs)
	for _, s := range sources {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			_, fname, err := c.formats.Lookup(s.path, "")
			if err != nil {
				opts.Logger.Debug("unknown format: not checked", "file", s.path)
				return nil
			}
			src, err := os.ReadFile(s.path)
			if err != nil {
				return fmt.Errorf("check: %w", err)
			}
			sum := manifest.Hash(src)
			var found []Finding
			var checked []Checked
			for _, loc := range locales {
				f, ed := c.checkOne(opts, index, s, src, sum, fname, gfp, loc)
				found = append(found, f...)
				if ed != "" {
					checked = append(checked, Checked{File: ed, Source: s.path, Locale: loc.String()})
				}
			}
			mu.Lock()
			defer mu.Unlock()
			rep.Summary.Files++
			rep.Summary.Editions += len(checked)
			rep.Checked = append(rep.Checked, checked...)
			rep.Findings = append(rep.Findings, found...)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rep.finish()
	return rep, nil
}

// checkOne checks the edition of one source in one locale; it returns the
// edition's path when it was read.
func (c *Checker) checkOne(opts Options, index map[string]*manifest.Edition, s source, src []byte, sum, fname, gfp string, loc language.Tag) ([]Finding, string) {
	locale := loc.String()
	rec := index[(&manifest.Edition{Path: s.rel, Locale: locale}).Key()]
	var rel string
	if rec != nil {
		rel = filepath.FromSlash(rec.Output)
		if !filepath.IsLocal(rel) { // an edited manifest: never read outside Out
			return []Finding{c.finding(RuleMissingEdition, s.path, locale, fmt.Sprintf("the manifest places the %s edition at %q, outside %s: translate it again", langName(loc), rec.Output, opts.Out))}, ""
		}
	} else {
		p, err := edition.Path(opts.Layout, s.rel, locale)
		if err != nil {
			return []Finding{c.finding(RuleMissingEdition, s.path, locale, err.Error())}, ""
		}
		rel = p
	}
	edPath := filepath.Join(opts.Out, rel)
	ed, err := os.ReadFile(edPath)
	if err != nil {
		msg := fmt.Sprintf("no %s edition: %s does not exist; run locpipe translate --to %s", langName(loc), edPath, locale)
		if !errors.Is(err, fs.ErrNotExist) {
			msg = fmt.Sprintf("the %s edition %s cannot be read: %v", langName(loc), edPath, err)
		}
		return c.keep([]Finding{c.finding(RuleMissingEdition, s.path, locale, msg)}), ""
	}
	var out []Finding
	from := opts.From
	if rec != nil && rec.SourceLocale != "" {
		if t, err := language.Parse(rec.SourceLocale); err == nil {
			from = t
		}
	} else if doc, err := c.parse(s.path, fname, src); err == nil {
		// The rule translate follows: the declaration, then opts.From; a
		// declaration that is not a language is refused.
		t, err := edition.Source{Default: opts.From}.Of(s.path, doc)
		if err != nil {
			return c.keep([]Finding{c.finding(RuleParse, s.path, locale, err.Error()+": translate refuses the document; fix its declaration")}), ""
		}
		from = t
	}
	if rec != nil {
		if rec.SourceSHA256 != sum {
			out = append(out, c.finding(RuleStaleEdition, edPath, locale,
				fmt.Sprintf("the source %s changed since this edition was written (%s): translate it again", s.path, rec.Written.Format("2006-01-02 15:04"))))
		} else if rec.Glossary != gfp {
			if why := c.glossaryChanges(opts, rec, s, src, fname, from, loc); len(why) > 0 {
				out = append(out, c.finding(RuleStaleEdition, edPath, locale,
					fmt.Sprintf("the glossary changed since this edition was written: %s: translate it again", strings.Join(why, ", "))))
			}
		}
		if rec.SourceSHA256 == sum {
			if msg := c.resplit(s.path, src, rec, from); msg != "" {
				out = append(out, c.finding(RuleStaleEdition, edPath, locale, msg))
			}
		}
	}
	out = append(out, c.CheckEdition(Pair{
		SourceName: s.path, EditionName: edPath, Source: src, Edition: ed,
		Format: fname, From: from, To: loc, Manifest: rec,
	})...)
	return c.keep(out), edPath
}

// glossaryChanges says which glossary changes touch the edition rec of s:
// the concepts it uses (manifest Concepts) against those the glossary
// applies to the source now (edition.GlossaryUse). None: translating it
// again would not change a byte, and the edition is not stale.
func (c *Checker) glossaryChanges(opts Options, rec *manifest.Edition, s source, src []byte, fname string, from, to language.Tag) []string {
	doc, err := c.parse(s.path, fname, src)
	if err != nil {
		return []string{fmt.Sprintf("the glossary changed (%s, now %s)", orNone(rec.Glossary), orNone(opts.Glossary.Fingerprint()))}
	}
	return edition.ConceptChanges(rec.Concepts, edition.GlossaryUse(opts.Glossary, doc, from, to))
}

// resplit splits the source as translate does now and compares the
// segments with those the manifest recorded: other segmentation rules
// (an SRX file, another locpipe) make other segments, and the edition is
// stale. It returns the finding's message, or "" when they agree or the
// source cannot be parsed (the parse rule says so).
func (c *Checker) resplit(path string, src []byte, rec *manifest.Edition, from language.Tag) string {
	doc, err := c.parse(path, rec.Format, src)
	if err != nil {
		return ""
	}
	segs := c.seg.Split(doc, from)
	if len(segs) != len(rec.Segments) {
		return fmt.Sprintf("the source splits into %d segments under the %s segmentation rules, the edition was made of %d: the segmentation changed since it was written; translate it again", len(segs), c.seg, len(rec.Segments))
	}
	for i, s := range segs {
		if r := rec.Segments[i]; s.ID != r.ID || manifest.HashString(s.Text) != r.SourceHash {
			return fmt.Sprintf("segment %s of the source is not the one the edition was made of under the %s segmentation rules: the segmentation changed since it was written; translate it again", s.ID, c.seg)
		}
	}
	return ""
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func (c *Checker) parse(name, fname string, src []byte) (*format.Document, error) {
	p, _, err := c.formats.Lookup(name, fname)
	if err != nil {
		return nil, err
	}
	return p.Parse(name, src)
}

func (c *Checker) finding(rule, file, locale, msg string) Finding {
	return Finding{Rule: rule, Severity: c.sev.Of(rule), File: file, Locale: locale, Message: msg}
}

// keep drops findings of rules that are off.
func (c *Checker) keep(fs []Finding) []Finding {
	out := fs[:0]
	for _, f := range fs {
		if f.Severity != Off {
			out = append(out, f)
		}
	}
	return out
}

// loadManifests reads the manifest of dir and the manifests of shards
// beside it into one.
func loadManifests(dir string) (*manifest.Manifest, error) {
	m, err := manifest.Load(dir)
	if err != nil {
		return nil, err
	}
	shards, _ := manifest.ShardFiles(dir)
	for _, p := range shards {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("manifest: %w", err)
		}
		var sm manifest.Manifest
		if err := json.Unmarshal(data, &sm); err != nil {
			return nil, fmt.Errorf("%s: %w: %v", p, manifest.ErrCorrupt, err)
		}
		m.Editions = append(m.Editions, sm.Editions...) // the first record of an edition wins
	}
	return m, nil
}

func manifestLocales(m *manifest.Manifest) []language.Tag {
	seen := map[string]bool{}
	var out []language.Tag
	for _, e := range m.Editions {
		if seen[e.Locale] {
			continue
		}
		seen[e.Locale] = true
		if t, err := language.Parse(e.Locale); err == nil {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// discoverLocales lists the directories of out named like a language, for
// layouts that start with {locale}/.
func discoverLocales(out, layout string) []language.Tag {
	if !strings.HasPrefix(layout, "{locale}/") {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return nil
	}
	var tags []language.Tag
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		t, err := language.Parse(e.Name())
		if err != nil {
			continue
		}
		if base, conf := t.Base(); conf != language.Exact || base.ISO3() == "" {
			continue
		}
		tags = append(tags, t)
	}
	return tags
}

// walk lists the source files under paths as translate walks them.
func walk(ctx context.Context, paths []string, out string) ([]source, error) {
	var files []source
	err := edition.Walk(ctx, paths, edition.WalkOptions{Out: out}, func(f edition.File) error {
		files = append(files, source{path: f.Path, rel: f.Rel})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("check: %w", err)
	}
	return files, nil
}
