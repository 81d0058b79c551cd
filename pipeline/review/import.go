package review

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/memory"
	"github.com/locpipe/locpipe/pipeline/xliff"
)

// Reader reads one kind of reviewed file into the review model, the xliff
// document model: segment ids, units, sources, targets and states.
type Reader struct {
	Name string   // "XLIFF 2"
	Exts []string // file name extensions, lower case with the dot: ".xlf"
	// Parse reads a file in any encoding. A file that is not valid is an
	// error; an xliff.Errors lists every problem.
	Parse func(name string, data []byte) (*xliff.Document, error)
}

// XLIFF is the reader of XLIFF files: 2.0, 2.1 and 2.2, and 1.2 (1.1,
// 1.0), each validated (xliff.Parse).
var XLIFF = Reader{Name: "XLIFF", Exts: []string{".xlf", ".xliff"}, Parse: xliff.Parse}

// DefaultReaders read XLIFF (every version) and PO files.
var DefaultReaders = []Reader{XLIFF, PO}

// Store is what import needs of a translation memory: lookups, to tell an
// edit from the translation the reviewer was shown, and a bulk store.
type Store interface {
	Lookuper
	StoreAll(ctx context.Context, recs []memory.Record) error
}

// ImportOptions configure Import.
type ImportOptions struct {
	Out      string             // the output directory translate wrote
	Manifest *manifest.Manifest // its manifest; nil: LoadManifest(Out)
	Glossary *glossary.Glossary // the glossary in force (as for translate)
	Formats  *format.Registry   // nil: format.Default()
	// Segmentation is the rules translate split with; zero: built-in.
	Segmentation edition.Segmentation
	Memory       Store    // learns the reviewed translations
	Readers      []Reader // nil: DefaultReaders
	// Render re-renders the editions that learned a translation; nil: they
	// are not re-rendered (Rerender is the usual one).
	Render func(ctx context.Context, eds []*manifest.Edition) (*pipeline.Summary, error)
}

// ImportSummary reports an import; its JSON form is `xliff import --json`.
type ImportSummary struct {
	Files    int               `json:"files"`   // files read
	Learned  int               `json:"learned"` // reviewed translations stored
	Problems []string          `json:"problems,omitempty"`
	Invalid  []string          `json:"invalid,omitempty"` // files not read: what is wrong in them
	Render   *pipeline.Summary `json:"rerender,omitempty"`
}

// Files expands args (files, and directories walked for the readers'
// extensions) into the files to import, in order.
func Files(args []string, readers []Reader) ([]string, error) {
	if readers == nil {
		readers = DefaultReaders
	}
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
			if _, ok := readerFor(readers, p); ok && !d.IsDir() {
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

// readerFor is the reader of the file at name, by extension; a file no
// reader claims goes to the first one.
func readerFor(readers []Reader, name string) (Reader, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	for _, r := range readers {
		if slices.Contains(r.Exts, ext) {
			return r, true
		}
	}
	return readers[0], false
}

// Import learns the reviewed translations of files into opts.Memory, then
// re-renders the editions they change. What is not applied is listed in
// the summary's problems, files that are not valid in its invalid; the
// error is for what stops the import as a whole.
func Import(ctx context.Context, files []string, opts ImportOptions) (*ImportSummary, error) {
	im, err := newImporter(opts)
	if err != nil {
		return nil, err
	}
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return im.sum, err
		}
		if err := im.file(ctx, name); err != nil {
			return im.sum, err
		}
	}
	return im.finish(ctx)
}

// ImportDocuments is Import for reviewed documents already read (the
// review page's approvals): name stands for their file in problems.
func ImportDocuments(ctx context.Context, name string, docs []*xliff.Document, opts ImportOptions) (*ImportSummary, error) {
	im, err := newImporter(opts)
	if err != nil {
		return nil, err
	}
	for _, doc := range docs {
		im.sum.Files++
		for _, f := range doc.Files {
			if err := im.xfile(ctx, name, doc, f); err != nil {
				return im.sum, err
			}
		}
	}
	return im.finish(ctx)
}

func newImporter(opts ImportOptions) (*importer, error) {
	if opts.Memory == nil {
		return nil, errors.New("review: import needs a translation memory")
	}
	if opts.Readers == nil {
		opts.Readers = DefaultReaders
	}
	m := opts.Manifest
	if m == nil {
		var err error
		if m, err = LoadManifest(opts.Out); err != nil {
			return nil, err
		}
	}
	return &importer{opts: opts, m: m, sum: &ImportSummary{}, affected: map[string]*manifest.Edition{}}, nil
}

// finish stores what was learned and re-renders the editions it changes.
func (im *importer) finish(ctx context.Context) (*ImportSummary, error) {
	im.sum.Learned = len(im.recs)
	if len(im.recs) == 0 {
		return im.sum, nil
	}
	if err := im.opts.Memory.StoreAll(ctx, im.recs); err != nil {
		return im.sum, err
	}
	if im.opts.Render == nil {
		return im.sum, nil
	}
	eds := make([]*manifest.Edition, 0, len(im.affected))
	for _, ed := range im.affected {
		eds = append(eds, ed)
	}
	slices.SortFunc(eds, func(a, b *manifest.Edition) int { return strings.Compare(a.Key(), b.Key()) })
	rs, err := im.opts.Render(ctx, eds)
	im.sum.Render = rs
	return im.sum, err
}

// importer is the state of one Import.
type importer struct {
	opts     ImportOptions
	m        *manifest.Manifest
	sum      *ImportSummary
	recs     []memory.Record
	affected map[string]*manifest.Edition
}

func (im *importer) problem(format string, args ...any) {
	im.sum.Problems = append(im.sum.Problems, fmt.Sprintf(format, args...))
}

// file reads one reviewed file.
func (im *importer) file(ctx context.Context, name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	r, _ := readerFor(im.opts.Readers, name)
	doc, err := r.Parse(name, data)
	if err != nil {
		var es xliff.Errors
		if errors.As(err, &es) {
			im.sum.Invalid = append(im.sum.Invalid, strings.TrimSuffix(es.String(), "\n"))
		} else {
			im.sum.Invalid = append(im.sum.Invalid, err.Error())
		}
		return nil
	}
	im.sum.Files++
	for _, f := range doc.Files {
		if err := im.xfile(ctx, name, doc, f); err != nil {
			return err
		}
	}
	return nil
}

// xfile applies one <file> of a reviewed document.
func (im *importer) xfile(ctx context.Context, name string, doc *xliff.Document, f *xliff.File) error {
	ed := im.edition(f.Original, doc.TrgLang)
	if ed == nil {
		im.problem("%s:%d: no %s edition of %q in the manifest: file not applied", name, f.Line, doc.TrgLang, f.Original)
		return nil
	}
	if !sameTag(ed.SourceLocale, doc.SrcLang) {
		im.problem("%s:%d: srcLang %s, but %s is in %s: file not applied", name, f.Line, doc.SrcLang, ed.Path, ed.SourceLocale)
		return nil
	}
	src, err := os.ReadFile(ed.Source)
	if err != nil {
		im.problem("%s:%d: %s: %v: file not applied", name, f.Line, ed.Source, errors.Unwrap(err))
		return nil
	}
	e, err := OpenEdition(ed, src, im.opts.Formats, im.opts.Segmentation)
	if err != nil {
		im.problem("%s:%d: %v: file not applied", name, f.Line, err)
		return nil
	}
	if im.opts.Glossary.Fingerprint() != ed.Glossary {
		im.problem("%s:%d: the glossary changed since the %s edition of %s was written (run translate first): file not applied", name, f.Line, ed.Locale, ed.Path)
		return nil
	}
	recs, probs := e.Reviewed(ctx, name, f, im.opts.Glossary, im.opts.Memory)
	for _, p := range probs {
		im.sum.Problems = append(im.sum.Problems, p.String())
	}
	if len(recs) > 0 {
		im.recs = append(im.recs, recs...)
		im.affected[ed.Key()] = ed
	}
	return nil
}

// edition finds the edition of path in locale, the locale compared as a
// language tag (es-419 and es-419 written otherwise are one).
func (im *importer) edition(path, locale string) *manifest.Edition {
	if ed := im.m.Find(path, locale); ed != nil {
		return ed
	}
	var found *manifest.Edition
	for i := range im.m.Editions {
		if c := &im.m.Editions[i]; c.Path == path && sameTag(c.Locale, locale) {
			found = c
		}
	}
	return found
}

func sameTag(a, b string) bool {
	ta, err1 := language.Parse(a)
	tb, err2 := language.Parse(b)
	return err1 == nil && err2 == nil && ta == tb
}
