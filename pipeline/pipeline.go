package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/fsutil"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/memory"
)

// Translator is what the pipeline needs of a machine-translation engine.
type Translator interface {
	Translate(ctx context.Context, req backend.Request) ([]backend.Translation, error)
}

// Memory is what the pipeline needs of a translation memory.
type Memory interface {
	Lookup(ctx context.Context, k memory.Key) (memory.Entry, bool, error)
	Store(ctx context.Context, k memory.Key, e memory.Entry) error
}

// DefaultBatchSize is how many segments go to the engine in one request.
const DefaultBatchSize = 64

// Options configure a translate run.
type Options struct {
	// From is the source language; when it is the zero Tag, each document's
	// own declaration is used, then DefaultFrom.
	From        language.Tag
	DefaultFrom language.Tag
	// To lists the target languages: one edition per file and target.
	To []language.Tag

	Backend  string // engine name, recorded in the manifest and memory keys
	Settings string // fingerprint of the engine settings that shape its output
	// Presentation fingerprints what Typography and Notice do to an edition
	// (on or off, their data): an edition made with another one is rewritten.
	Presentation string
	Translator   Translator // the engine
	Glossary     *glossary.Glossary
	Memory       Memory // persistent translation memory; nil for none

	Formats *format.Registry // nil: format.Default()
	Format  string           // force a format ("" or "auto": by extension)
	// Segmentation splits the units into segments; the zero value is the
	// built-in rules. Its fingerprint joins Presentation in the manifest:
	// an edition split under other rules is made again.
	Segmentation edition.Segmentation

	Out       string // output directory
	Layout    string // edition path pattern; "" is edition.DefaultLayout
	Jobs      int    // files in flight; <1 means 4
	BatchSize int    // segments per engine request; <1 is DefaultBatchSize
	DryRun    bool   // translate but write nothing
	// AllowPartial writes an edition even when some of its segments failed
	// (their source text kept, each recorded as failed). Without it such an
	// edition is not written: the previous complete edition stays, and the
	// manifest records the failure (manifest.Edition.Unpublished).
	AllowPartial bool
	Force        bool // rewrite editions even when nothing changed
	// Explain lists, per edition, why it was redone or left
	// (Summary.Explain).
	Explain bool

	// Typography, when set, adapts a translated unit text to the target
	// locale's typography (quotation marks, spaces before punctuation). The
	// text holds inline-code marker runes, which it must leave alone.
	Typography func(lang language.Tag, text string) string
	// Notice, when set, adds the machine-translation notice to a rendered
	// edition of the given format ("txt", "md", "html").
	Notice func(formatName string, from, to language.Tag, edition []byte) ([]byte, error)

	// Shard selects a deterministic share of the files, for runs spread
	// over several machines; the zero value takes every file.
	Shard Shard
	// Editions, when set, limits the run to the editions it accepts, by
	// the file's path relative to its root (the manifest's path) and the
	// target locale: review re-renders only the editions a reviewer
	// changed. Files with no accepted edition are not read.
	Editions func(rel, locale string) bool
	// Progress, when set, is called after every file with the run's
	// counters so far. It may be called from several goroutines at once.
	Progress func(Progress)

	Logger *slog.Logger // nil: discard

	// partSize, when set, replaces partSize (tests of files of many parts).
	partSize int
}

// Progress is a snapshot of a run's counters.
type Progress struct {
	Files, TotalFiles                   int // TotalFiles is 0 until the count is known
	Editions, Unchanged, Segments       int
	MemoryHits, BackendSegments, Failed int
	Errors                              int
	Elapsed                             time.Duration
}

// Summary reports a run. Its JSON form is the `translate --json` contract.
type Summary struct {
	Files           int   `json:"files"`
	Editions        int   `json:"editions"` // editions written (or that would be, with DryRun)
	Unchanged       int   `json:"unchanged"`
	Segments        int   `json:"segments"`
	MemoryHits      int   `json:"memory_hits"`
	BackendSegments int   `json:"backend_segments"`
	Failed          int   `json:"failed"`
	ElapsedMS       int64 `json:"elapsed_ms"`
	Copied          int   `json:"copied,omitempty"`
	// Unpublished counts the editions not written because segments failed
	// (see Options.AllowPartial).
	Unpublished int `json:"unpublished,omitempty"`
	// Chars counts the characters of the text sent to the engine (with
	// DryRun: that a real run would send, after memory hits); Sent splits
	// segments and characters by engine and locale.
	Chars  int          `json:"chars"`
	Sent   []Sent       `json:"sent,omitempty"`
	Errors []*FileError `json:"errors,omitempty"`
	// FirstFailure names the first segment the engine failed on and why
	// (every failure is in the manifest).
	FirstFailure string `json:"first_failure,omitempty"`
	// Explain says, per edition, why it was redone or left (Options.Explain).
	Explain []Explanation `json:"explain,omitempty"`
}

// Explanation is why one edition was redone or left.
type Explanation struct {
	Path   string `json:"path"`   // the source, relative to its root
	Locale string `json:"locale"` // the edition's
	Output string `json:"output"` // the edition, relative to the output directory
	// Action: "unchanged" (skipped), "written", "rendered, same bytes"
	// (redone from the memory, the file already held it), "would be
	// written" (dry run).
	Action string `json:"action"`
	// Why lists what changed: "new edition", "source changed", "engine
	// changed", "engine settings changed", "presentation changed", "glossary
	// concept X changed" (or "now applies", "no longer applies"), "output
	// path changed", "the edition file is missing or was edited", "segments
	// failed last time", "forced (--force)".
	Why []string `json:"why,omitempty"`
}

// Sent is what a run sends (or, dry, would send) to an engine for one
// locale.
type Sent struct {
	Engine   string `json:"engine"`
	Locale   string `json:"locale"`
	Segments int    `json:"segments"`
	Chars    int    `json:"chars"`
}

// FileError is a failure confined to one file; the run goes on without it.
type FileError struct {
	File  string `json:"file"`
	Input bool   `json:"input"` // the file itself is bad (not UTF-8, unparsable)
	Err   error  `json:"-"`
	Msg   string `json:"error"`
}

func (e *FileError) Error() string { return e.Msg }
func (e *FileError) Unwrap() error { return e.Err }

// input is one file found by the walk.
type input struct {
	path string // as found: the argument or the argument joined with the walked path
	rel  string // relative to its root, slash-separated: the layout's {path}
}

type counters struct {
	files, editions, unchanged, segments, hits, backend, failed, copied, unpublished atomic.Int64
}

// Run translates every file under paths into every target language.
// Per-file failures are collected in the summary and do not stop the other
// files; the returned error is for what stops the run as a whole.
func Run(ctx context.Context, opts Options, paths []string) (*Summary, error) {
	start := time.Now()
	if err := opts.check(paths); err != nil {
		return nil, err
	}
	if err := checkPaths(ctx, paths, opts); err != nil {
		return nil, err
	}
	from := opts.From
	if from == (language.Tag{}) {
		from = opts.DefaultFrom
	}
	if !opts.DryRun { // a dry run contacts no engine
		if err := Preflight(ctx, opts.Translator, opts.Backend, from, opts.To); err != nil {
			return nil, err
		}
	}
	name := opts.Shard.manifestName()
	if !opts.DryRun {
		release, err := lockOut(ctx, opts, name)
		if err != nil {
			return nil, err
		}
		defer release()
	}
	var store *manifest.Store
	var err error
	if opts.DryRun {
		store, err = manifest.OpenReadOnly(opts.Out, name)
	} else {
		store, err = manifest.OpenStore(opts.Out, name)
	}
	if err != nil {
		return nil, err
	}
	defer store.Close()
	// Fingerprints are computed once per run, not per edition.
	r := &run{opts: opts, store: store, tm: newRunCache(DefaultRunCache), start: start, gfp: opts.Glossary.Fingerprint(), caps: capabilities(opts.Translator)}
	if opts.Progress != nil {
		go r.countFiles(ctx, paths)
	}
	runErr := r.files(ctx, paths)
	if !opts.DryRun {
		// Even a cancelled run commits what it finished.
		if err := store.Commit(); err != nil && runErr == nil {
			runErr = err
		}
	}
	return r.summary(), runErr
}

// check fills in the defaults of o and checks what can be checked before
// anything is read: the engine, the targets, the layout, the paths and the
// shard.
func (o *Options) check(paths []string) error {
	if o.Translator == nil {
		return errors.New("pipeline: no translator")
	}
	if len(o.To) == 0 {
		return errors.New("pipeline: no target language")
	}
	if o.Formats == nil {
		o.Formats = format.Default()
	}
	if fp := o.Segmentation.Fingerprint(); fp != "" {
		o.Presentation += ",segment=" + fp
	}
	if o.Layout == "" {
		o.Layout = edition.DefaultLayout
	}
	if o.Jobs < 1 {
		o.Jobs = 4
	}
	if o.BatchSize < 1 {
		o.BatchSize = DefaultBatchSize
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.DefaultFrom == (language.Tag{}) {
		o.DefaultFrom = language.English
	}
	if err := edition.CheckLayout(o.Layout); err != nil {
		return err
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return &FileError{File: p, Input: true, Err: err, Msg: fmt.Sprintf("%s: no such file or directory", p)}
		}
	}
	return o.Shard.validate()
}

// lockOut takes the output directory's lock for the manifest name and
// removes what a killed run left there. release drops the lock, and the
// directory too when the run created it and wrote nothing: bad input
// produces no output at all.
func lockOut(ctx context.Context, opts Options, name string) (release func(), err error) {
	_, statErr := os.Stat(opts.Out)
	created := errors.Is(statErr, fs.ErrNotExist)
	lockName := "." + strings.TrimSuffix(name, ".json") + ".lock"
	lk, err := acquireLock(opts.Out, lockName)
	if err != nil {
		return nil, err
	}
	removeTemps(ctx, opts.Out, lockName, opts.Logger)
	return func() {
		if created {
			if entries, _ := os.ReadDir(opts.Out); len(entries) == 1 && entries[0].Name() == lockName {
				os.Remove(filepath.Join(opts.Out, lockName))
				os.Remove(opts.Out)
			}
		}
		lk.release()
	}, nil
}

// files translates every file under paths: a walker feeds opts.Jobs
// workers through a bounded channel. A file's own failure is recorded and
// the others go on; any other error stops the run.
func (r *run) files(ctx context.Context, paths []string) error {
	inputs := make(chan input, r.opts.Jobs)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		defer close(inputs)
		return walk(gctx, paths, r.opts, inputs)
	})
	for range r.opts.Jobs {
		g.Go(func() error {
			for in := range inputs {
				err := r.file(gctx, in)
				var fe *FileError
				if errors.As(err, &fe) {
					r.fail(fe)
				} else if err != nil {
					return err
				}
				r.progress()
			}
			return nil
		})
	}
	return g.Wait()
}

// summary reports the run so far.
func (r *run) summary() *Summary {
	p := r.snapshot()
	s := &Summary{
		Files:           p.Files,
		Editions:        p.Editions,
		Unchanged:       p.Unchanged,
		Segments:        p.Segments,
		MemoryHits:      p.MemoryHits,
		BackendSegments: p.BackendSegments,
		Failed:          p.Failed,
		Copied:          int(r.c.copied.Load()),
		Unpublished:     int(r.c.unpublished.Load()),
		Errors:          r.errs,
		FirstFailure:    r.firstFailure,
		ElapsedMS:       p.Elapsed.Milliseconds(),
	}
	s.Sent, s.Chars = r.sentSummary()
	sort.Slice(r.explained, func(i, j int) bool {
		a, b := r.explained[i], r.explained[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Locale < b.Locale
	})
	s.Explain = r.explained
	return s
}

type run struct {
	opts  Options
	gfp   string               // the glossary's fingerprint
	caps  backend.Capabilities // the engine's, read once
	c     counters
	tm    *runCache // this run's memory: a repeated sentence is translated once
	store *manifest.Store
	start time.Time
	total atomic.Int64 // files to do, once counted

	mu           sync.Mutex
	cost         map[string]*Sent // by locale
	explained    []Explanation
	errs         []*FileError
	firstFailure string // the first segment the engine failed on, and why
}

// capabilities returns what tr declares (backend.Describer), or none.
func capabilities(tr Translator) backend.Capabilities {
	if d, ok := tr.(backend.Describer); ok {
		return d.Capabilities()
	}
	return backend.Capabilities{}
}

// sent counts segments handed to the engine for locale to.
func (r *run) sent(to language.Tag, segs []backend.Segment) {
	n := 0
	for _, s := range segs {
		n += utf8.RuneCountInString(s.Text)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cost == nil {
		r.cost = map[string]*Sent{}
	}
	c := r.cost[to.String()]
	if c == nil {
		c = &Sent{Engine: r.opts.Backend, Locale: to.String()}
		r.cost[to.String()] = c
	}
	c.Segments += len(segs)
	c.Chars += n
}

// sentSummary lists the costs by locale, and the characters in all.
func (r *run) sentSummary() ([]Sent, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Sent
	total := 0
	for _, to := range r.opts.To {
		if c := r.cost[to.String()]; c != nil {
			out = append(out, *c)
			total += c.Chars
		}
	}
	return out, total
}

// progress reports the counters to Options.Progress.
func (r *run) progress() {
	if r.opts.Progress != nil {
		r.opts.Progress(r.snapshot())
	}
}

// snapshot returns the run's counters so far.
func (r *run) snapshot() Progress {
	r.mu.Lock()
	nerr := len(r.errs)
	r.mu.Unlock()
	return Progress{
		Files:           int(r.c.files.Load()),
		TotalFiles:      int(r.total.Load()),
		Editions:        int(r.c.editions.Load()),
		Unchanged:       int(r.c.unchanged.Load()),
		Segments:        int(r.c.segments.Load()),
		MemoryHits:      int(r.c.hits.Load()),
		BackendSegments: int(r.c.backend.Load()),
		Failed:          int(r.c.failed.Load()),
		Errors:          nerr,
		Elapsed:         time.Since(r.start),
	}
}

// countFiles counts the files of this run (this shard's share) so that
// progress can show a total and an ETA. It only reads directories.
func (r *run) countFiles(ctx context.Context, paths []string) {
	ch := make(chan input, 256)
	go func() {
		defer close(ch)
		_ = walk(ctx, paths, r.opts, ch)
	}()
	n := 0
	for range ch {
		n++
	}
	if ctx.Err() == nil {
		r.total.Store(int64(n))
	}
}

func (r *run) fail(fe *FileError) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fe)
	r.opts.Logger.Debug("file failed", "file", fe.File, "error", fe.Msg)
}

// checkPaths places every edition of the run (of every shard: two shards
// must not write one file either) before anything is written: a path
// outside the output directory, or one that two editions would share, stops
// the run. This walk reports what it skips; the others are silent.
func checkPaths(ctx context.Context, paths []string, opts Options) error {
	ps := edition.NewPaths(opts.Layout)
	return edition.Walk(ctx, paths, edition.WalkOptions{Out: opts.Out, Logger: opts.Logger}, func(f edition.File) error {
		locales := make([]string, 0, len(opts.To))
		for _, t := range opts.targets(f.Rel) {
			locales = append(locales, t.String())
		}
		return ps.Add(f, locales)
	})
}

// removeTemps removes the temporary files a killed run left in out, unless
// another run (another shard) holds a lock there and may be writing.
func removeTemps(ctx context.Context, out, ownLock string, log *slog.Logger) {
	if othersRunning(out, ownLock) {
		return
	}
	removed, err := fsutil.RemoveTemps(ctx, out)
	if err != nil {
		log.Warn("removing the temporary files of an earlier run", "error", err)
	}
	if len(removed) > 0 {
		log.Info("removed the temporary files an interrupted run left", "files", len(removed), "first", removed[0])
	}
}

// walk sends every file under paths that belongs to the shard and has an
// edition to make.
func walk(ctx context.Context, paths []string, opts Options, ch chan<- input) error {
	return edition.Walk(ctx, paths, edition.WalkOptions{Out: opts.Out}, func(f edition.File) error {
		if !opts.Shard.has(f.Rel) || len(opts.targets(f.Rel)) == 0 {
			return nil
		}
		select {
		case ch <- input{path: f.Path, rel: f.Rel}:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
}

// targets are the languages of the editions of the file at rel this run
// makes: every target, or those Editions accepts.
func (o *Options) targets(rel string) []language.Tag {
	if o.Editions == nil {
		return o.To
	}
	var out []language.Tag
	for _, t := range o.To {
		if o.Editions(rel, t.String()) {
			out = append(out, t)
		}
	}
	return out
}

// file handles one source file: every edition of it.
func (r *run) file(ctx context.Context, in input) error {
	opts := r.opts
	src, err := r.read(in)
	if err != nil || src == nil {
		return err
	}
	src0, err := edition.Source{Forced: opts.From, Default: opts.DefaultFrom}.Resolve(in.path, src.lang)
	if err != nil {
		return &FileError{File: in.path, Input: true, Err: err, Msg: err.Error()}
	}
	from := src0.Tag
	switch {
	case src0.Mismatch():
		opts.Logger.Warn("the document declares one language but reads as another: the declaration wins (fix it, or give --from)",
			"file", in.path, "declared", from.String(), "reads_as", src0.Detected.String())
	case src0.How == edition.Detected:
		opts.Logger.Info("undeclared source language identified from the text", "file", in.path, "lang", from.String())
	}
	for _, to := range opts.targets(in.rel) {
		if err := r.edition(ctx, in, src, from, to); err != nil {
			return err
		}
	}
	return nil
}

// copyUnknown copies a file no format handles into every locale's place, so
// that nothing is dropped from an edition tree.
func (r *run) copyUnknown(in input, src []byte) error {
	r.opts.Logger.Warn("unknown format: copied unchanged", "file", in.path)
	for _, to := range r.opts.targets(in.rel) {
		rel, err := edition.Path(r.opts.Layout, in.rel, to.String())
		if err != nil {
			return &FileError{File: in.path, Err: err, Msg: err.Error()}
		}
		if r.opts.DryRun {
			continue
		}
		if _, err := writeIfChanged(filepath.Join(r.opts.Out, rel), src); err != nil {
			return &FileError{File: in.path, Err: err, Msg: err.Error()}
		}
	}
	r.c.copied.Add(1)
	return nil
}

// writeIfChanged writes data atomically unless the file already holds it,
// so that an unchanged edition keeps its modification time. It reports
// whether it wrote.
func writeIfChanged(path string, data []byte) (bool, error) {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	// Made durable in batches, before the journal records the edition
	// (manifest.Store.Sync).
	return true, fsutil.WriteFileNoSync(path, data, 0o644)
}

// commitIfChanged puts a streamed edition in place unless the file already
// holds the same bytes (so that an unchanged edition keeps its
// modification time).
func commitIfChanged(f *fsutil.File, path, sum string) (bool, error) {
	if old, err := os.Open(path); err == nil {
		h := sha256.New()
		_, cerr := io.Copy(h, old)
		old.Close()
		if cerr == nil && hex.EncodeToString(h.Sum(nil)) == sum {
			f.Abort()
			return false, nil
		}
	}
	return true, f.CommitNoSync() // made durable in batches (manifest.Store.Sync)
}
