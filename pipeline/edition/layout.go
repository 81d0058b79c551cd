package edition

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// DefaultLayout places editions under a directory per locale.
const DefaultLayout = "{locale}/{path}"

// ErrOutsideOut is wrapped when a layout would place an edition outside
// the output directory.
var ErrOutsideOut = errors.New("edition: edition path outside the output directory")

// CheckLayout rejects a layout that cannot place editions inside the
// output directory, each at a path of its own.
func CheckLayout(layout string) error {
	if filepath.IsAbs(layout) || strings.HasPrefix(layout, "/") {
		return fmt.Errorf("layout %q: %w (it must be relative)", layout, ErrOutsideOut)
	}
	if !strings.Contains(layout, "{locale}") {
		return fmt.Errorf("layout %q must contain {locale}, or editions of different locales would overwrite each other", layout)
	}
	if !strings.Contains(layout, "{path}") && !strings.Contains(layout, "{stem}") && !strings.Contains(layout, "{name}") {
		return fmt.Errorf("layout %q must contain {path}, {name} or {stem}, or every file would be written to the same edition", layout)
	}
	return nil
}

// Path expands layout for the source path rel (slash-separated, relative
// to its root) and locale, and checks that the result stays inside the
// output directory. The result is relative to that directory and uses the
// system's separator. An empty layout is DefaultLayout.
func Path(layout, rel, locale string) (string, error) {
	if layout == "" {
		layout = DefaultLayout
	}
	dir, name := pathSplit(rel)
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	repl := strings.NewReplacer(
		"{locale}", locale,
		"{path}", rel,
		"{dir}", dir,
		"{name}", name,
		"{stem}", stem,
		"{ext}", ext,
	)
	p := repl.Replace(layout)
	clean := filepath.Clean(filepath.FromSlash(p))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) || clean == "." {
		return "", fmt.Errorf("%s: layout %q gives %q: %w", rel, layout, p, ErrOutsideOut)
	}
	return clean, nil
}

func pathSplit(rel string) (dir, name string) {
	i := strings.LastIndexByte(rel, '/')
	if i < 0 {
		return ".", rel
	}
	return rel[:i], rel[i+1:]
}
