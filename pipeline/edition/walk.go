package edition

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/manifest"
)

// File is one file found under the input paths.
type File struct {
	// Path is the file as found: the argument itself, or the argument
	// joined with the path walked below it.
	Path string
	// Rel is the path relative to its root, slash-separated: the layout's
	// {path}. A file given as an argument is its own root: Rel is its base
	// name.
	Rel string
	// Arg is true for a file named as an argument rather than found in a
	// directory.
	Arg bool
}

// WalkOptions configure Walk.
type WalkOptions struct {
	// Out is the output directory: never walked as input. "" is none.
	Out string
	// Logger, when set, hears what the walk passes over that a user may
	// have meant as input: output directories of earlier runs and
	// symbolic links that are not followed (warnings), and links that are
	// (info).
	Logger *slog.Logger
}

// Walk calls fn for every file under paths, in order: a file argument is
// its own root; directories are walked in lexical order. Below a root,
// hidden entries (a name starting with "."), the output directory and the
// output directories of earlier runs (they hold a manifest:
// manifest.IsOutputDir) are skipped, and so is anything that is not a
// regular file. A symbolic link to a regular file inside its root is
// followed (the file is walked under the link's name); any other link is
// skipped and reported. An error from fn, or ctx ending, stops the walk.
func Walk(ctx context.Context, paths []string, opts WalkOptions, fn func(File) error) error {
	absOut := ""
	if opts.Out != "" {
		absOut, _ = filepath.Abs(opts.Out)
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	for _, root := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		st, err := os.Stat(root)
		if err != nil {
			return fmt.Errorf("%s: %w", root, err)
		}
		if !st.IsDir() {
			if err := fn(File{Path: root, Rel: filepath.Base(root), Arg: true}); err != nil {
				return err
			}
			continue
		}
		w := walker{root: root, absOut: absOut, log: log, fn: fn}
		if err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("walk %s: %w", p, err)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			return w.visit(p, d)
		}); err != nil {
			return err
		}
	}
	return nil
}

// walker walks one root.
type walker struct {
	root, absOut string
	realRoot     string // the root with its links resolved, once needed
	log          *slog.Logger
	fn           func(File) error
}

func (w *walker) visit(p string, d fs.DirEntry) error {
	if p != w.root && strings.HasPrefix(d.Name(), ".") {
		if d.IsDir() {
			return filepath.SkipDir
		}
		return nil
	}
	if d.IsDir() {
		if abs, _ := filepath.Abs(p); w.absOut != "" && abs == w.absOut {
			return filepath.SkipDir
		}
		if manifest.IsOutputDir(p) {
			w.log.Warn("skipped: the output directory of an earlier run (it holds a locpipe manifest), not input", "dir", p)
			return filepath.SkipDir
		}
		return nil
	}
	if d.Type()&fs.ModeSymlink != 0 {
		if !w.followLink(p) {
			return nil
		}
	} else if !d.Type().IsRegular() {
		return nil
	}
	rel, err := filepath.Rel(w.root, p)
	if err != nil {
		return err
	}
	return w.fn(File{Path: p, Rel: filepath.ToSlash(rel)})
}

// followLink reports whether the symbolic link at p leads to a regular
// file inside the root, and says what it does with the link.
func (w *walker) followLink(p string) bool {
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		w.log.Warn("skipped: a broken symbolic link", "file", p)
		return false
	}
	st, err := os.Stat(target)
	switch {
	case err != nil || !(st.Mode().IsRegular() || st.IsDir()):
		w.log.Warn("skipped: a symbolic link to something that is not a file", "file", p, "target", target)
		return false
	case st.IsDir():
		w.log.Warn("skipped: a symbolic link to a directory (not followed)", "file", p, "target", target)
		return false
	}
	if w.realRoot == "" {
		if w.realRoot, err = filepath.EvalSymlinks(w.root); err != nil {
			w.realRoot = w.root
		}
		w.realRoot, _ = filepath.Abs(w.realRoot)
	}
	abs, _ := filepath.Abs(target)
	if rel, err := filepath.Rel(w.realRoot, abs); err != nil || !filepath.IsLocal(rel) {
		w.log.Warn("skipped: a symbolic link out of the input directory", "file", p, "target", target, "root", w.root)
		return false
	}
	w.log.Info("followed a symbolic link inside the input directory", "file", p, "target", target)
	return true
}

// Articles lists the articles under paths: the files Walk finds that a
// format of formats reads (by extension). A file named as an argument is
// listed whatever its extension, so that the caller reports the one it
// cannot read instead of passing over it in silence. A nil formats is
// format.Default().
func Articles(ctx context.Context, paths []string, opts WalkOptions, formats *format.Registry) ([]File, error) {
	if formats == nil {
		formats = format.Default()
	}
	var out []File
	err := Walk(ctx, paths, opts, func(f File) error {
		if f.Arg || IsArticle(formats, f.Path) {
			out = append(out, f)
		}
		return nil
	})
	return out, err
}

// IsArticle reports whether a format of formats reads the file at path (by
// its extension). translate copies the other files unchanged; every other
// command passes over them.
func IsArticle(formats *format.Registry, path string) bool {
	_, _, err := formats.Lookup(path, "auto")
	return err == nil
}
