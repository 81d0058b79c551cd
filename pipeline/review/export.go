package review

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/fsutil"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/xliff"
)

// ErrNoEditions is returned when the manifest records no edition.
var ErrNoEditions = errors.New("review: no editions in the manifest")

// ErrOutside is wrapped when a path read from a manifest or a reviewed file
// would lead out of its directory.
var ErrOutside = errors.New("review: path outside its directory")

// LoadManifest reads the manifest of the output directory out, which must
// record an edition (ErrNoEditions).
func LoadManifest(out string) (*manifest.Manifest, error) {
	m, err := manifest.Load(out)
	if err != nil {
		return nil, err
	}
	if len(m.Editions) == 0 {
		return nil, fmt.Errorf("%w %s: translate first", ErrNoEditions, filepath.Join(out, manifest.FileName))
	}
	return m, nil
}

// ExportOptions configure Export.
type ExportOptions struct {
	Out      string             // the output directory translate wrote
	Manifest *manifest.Manifest // its manifest; nil: LoadManifest(Out)
	Dir      string             // where the XLIFF files go; "" is <Out>/xliff
	Locales  []language.Tag     // export only these; none: every edition
	Glossary *glossary.Glossary // the glossary in force (as for translate)
	Formats  *format.Registry   // nil: format.Default()
	// Segmentation is the rules translate split with; zero: built-in.
	Segmentation edition.Segmentation
	Memory       Lookuper // the translations to show; nil: no targets
	// Writer is the file format; the zero Writer is XLIFF 2.1 (see
	// WriterFor and Writers).
	Writer Writer
}

// ExportSummary reports an export.
type ExportSummary struct {
	Dir      string
	Written  int      // XLIFF files written
	Skipped  int      // house-style editions: nothing to review
	Failures []string // editions that could not be exported, one line each
}

// Export writes <Dir>/<locale>/<path>.xlf for every edition of the
// manifest in Out (those of Locales only, when given). An edition whose
// source cannot be read or changed since it was written is a failure in
// the summary; the others are written. The error is for what stops the
// export as a whole.
func Export(ctx context.Context, opts ExportOptions) (*ExportSummary, error) {
	m := opts.Manifest
	if m == nil {
		var err error
		if m, err = LoadManifest(opts.Out); err != nil {
			return nil, err
		}
	}
	sum := &ExportSummary{Dir: opts.Dir}
	if sum.Dir == "" {
		sum.Dir = filepath.Join(opts.Out, "xliff")
	}
	want := map[string]bool{}
	for _, t := range opts.Locales {
		want[t.String()] = true
	}
	for i := range m.Editions {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		ed := &m.Editions[i]
		if len(want) > 0 && !want[ed.Locale] {
			continue
		}
		if err := exportOne(ctx, opts, sum, ed); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// exportOne exports one edition into sum.
func exportOne(ctx context.Context, opts ExportOptions, sum *ExportSummary, ed *manifest.Edition) error {
	w := opts.Writer
	if w.Encode == nil {
		w = Writers["xliff21"]
	}
	path, err := xliffPath(sum.Dir, ed, w.Ext)
	if err != nil {
		sum.Failures = append(sum.Failures, err.Error())
		return nil
	}
	src, err := os.ReadFile(ed.Source)
	if err != nil {
		sum.Failures = append(sum.Failures, fmt.Sprintf("%s: %v (run xliff export from the directory translate ran in)", ed.Source, errors.Unwrap(err)))
		return nil
	}
	e, err := OpenEdition(ed, src, opts.Formats, opts.Segmentation)
	if err != nil {
		sum.Failures = append(sum.Failures, err.Error())
		return nil
	}
	if e.SameLanguage() {
		sum.Skipped++
		return nil
	}
	f, err := e.Export(ctx, opts.Glossary, opts.Memory)
	if errors.Is(err, ErrStale) {
		sum.Failures = append(sum.Failures, err.Error())
		return nil
	}
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	doc := &xliff.Document{SrcLang: ed.SourceLocale, TrgLang: ed.Locale, Files: []*xliff.File{f}}
	if err := w.Encode(&buf, doc); err != nil {
		return err
	}
	if err := fsutil.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return err
	}
	sum.Written++
	return nil
}

// xliffPath is where the review file of ed goes: <dir>/<locale>/<path><ext>
// (ext .xlf or .po). The locale and path come from the manifest, which
// people can edit: one that is not a language tag, or a path that leaves
// dir, is refused.
func xliffPath(dir string, ed *manifest.Edition, ext string) (string, error) {
	if _, err := language.Parse(ed.Locale); err != nil {
		return "", fmt.Errorf("%s: manifest locale %q: %w", ed.Path, ed.Locale, ErrOutside)
	}
	rel := filepath.Join(ed.Locale, filepath.FromSlash(ed.Path)+ext)
	if !filepath.IsLocal(rel) {
		return "", fmt.Errorf("%s (%s): %w: the manifest's path leads out of %s", ed.Path, ed.Locale, ErrOutside, dir)
	}
	return filepath.Join(dir, rel), nil
}
