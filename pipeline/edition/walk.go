package edition

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/locpipe/locpipe/pipeline/format"
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
}

// Walk calls fn for every file under paths, in order: a file argument is
// its own root; directories are walked in lexical order. Hidden entries
// (a name starting with ".") below a root and the output directory are
// skipped, and so is anything that is not a regular file. An error from fn,
// or ctx ending, stops the walk.
func Walk(ctx context.Context, paths []string, opts WalkOptions, fn func(File) error) error {
	absOut := ""
	if opts.Out != "" {
		absOut, _ = filepath.Abs(opts.Out)
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
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("walk %s: %w", p, err)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if p != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if abs, _ := filepath.Abs(p); absOut != "" && abs == absOut {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			return fn(File{Path: p, Rel: filepath.ToSlash(rel)})
		})
		if err != nil {
			return err
		}
	}
	return nil
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
