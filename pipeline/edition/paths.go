package edition

import (
	"errors"
	"fmt"
	"hash/fnv"
	"path/filepath"
)

// ErrCollision is wrapped by a *CollisionError.
var ErrCollision = errors.New("edition: two editions at one path")

// Target is one edition of one source file.
type Target struct {
	Source string // the source file as found (File.Path)
	Locale string
}

// CollisionError is two editions that a layout places at one path: two
// sources with the same relative path under two roots, or a layout that
// drops the locale or part of the path.
type CollisionError struct {
	Path          string // the edition path, relative to the output directory
	First, Second Target
}

func (e *CollisionError) Error() string {
	if e.First.Source == e.Second.Source {
		return fmt.Sprintf("the %s and %s editions of %s would both be written to %s: the layout must keep locales apart", e.First.Locale, e.Second.Locale, e.First.Source, filepath.ToSlash(e.Path))
	}
	return fmt.Sprintf("%s and %s would both be written to %s (%s): give them different relative paths, translate them separately, or use a layout that keeps them apart", e.First.Source, e.Second.Source, filepath.ToSlash(e.Path), e.Second.Locale)
}

func (e *CollisionError) Unwrap() error { return ErrCollision }

// Paths places the editions of a run and finds the collisions, before
// anything is written. It keeps 16 bytes of hash per edition and the path
// of every source, so its memory is linear in the corpus, not in the text.
type Paths struct {
	layout  string
	seen    map[[16]byte]target
	sources []string
	locales []string
	locIdx  map[string]uint16
}

type target struct {
	source int32
	locale uint16
}

// NewPaths returns an empty set of edition paths for layout ("" is
// DefaultLayout).
func NewPaths(layout string) *Paths {
	return &Paths{layout: layout, seen: map[[16]byte]target{}, locIdx: map[string]uint16{}}
}

// Add places the editions of f in every locale. A path outside the output
// directory is an ErrOutsideOut error; a path another edition already has
// is a *CollisionError naming both.
func (ps *Paths) Add(f File, locales []string) error {
	src := int32(len(ps.sources))
	ps.sources = append(ps.sources, f.Path)
	for _, loc := range locales {
		p, err := Path(ps.layout, f.Rel, loc)
		if err != nil {
			return err
		}
		h := fnv.New128a()
		h.Write([]byte(p))
		var key [16]byte
		h.Sum(key[:0])
		li, ok := ps.locIdx[loc]
		if !ok {
			li = uint16(len(ps.locales))
			ps.locIdx[loc] = li
			ps.locales = append(ps.locales, loc)
		}
		if prev, dup := ps.seen[key]; dup {
			return &CollisionError{Path: p, First: Target{Source: ps.sources[prev.source], Locale: ps.locales[prev.locale]}, Second: Target{Source: f.Path, Locale: loc}}
		}
		ps.seen[key] = target{source: src, locale: li}
	}
	return nil
}
