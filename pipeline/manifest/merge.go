package manifest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Errors of a merge plan that forbid writing it (MergePlan.Err).
var (
	ErrConflict      = errors.New("manifest: conflicting editions")
	ErrMissingShards = errors.New("manifest: missing shards")
)

// maxConflicts bounds the conflicts a plan describes.
const maxConflicts = 100

// MergePlan is what joining manifests does: PlanMerge reads the inputs and
// decides, Write writes the merged manifest. Its JSON form is `manifest
// merge --json`.
type MergePlan struct {
	Inputs        []string   `json:"inputs"`
	Editions      int        `json:"editions"`
	Duplicates    int        `json:"duplicates"` // the same edition in two manifests
	Conflicts     []Conflict `json:"conflicts,omitempty"`
	MissingShards []string   `json:"missing_shards,omitempty"` // "2/4"
	Unfinished    []string   `json:"unfinished,omitempty"`     // manifests with a journal
	Output        string     `json:"output,omitempty"`         // empty until written
	// NConflicts counts every conflicting edition; Conflicts describes the
	// first 100.
	NConflicts int `json:"-"`

	keep map[string]*planned // edition key → the record that stays
}

type planned struct {
	input int // index in Inputs of the record kept (its first occurrence)
	prev  Prev
	done  bool
}

// Conflict is one path and locale whose editions differ between manifests.
type Conflict struct {
	Path     string    `json:"path"`
	Locale   string    `json:"locale"`
	Variants []Variant `json:"variants"`
}

// Variant is one manifest's record of a conflicting edition.
type Variant struct {
	Manifest     string `json:"manifest"`
	SourceSHA256 string `json:"source_sha256"`
	Output       string `json:"output"`
	OutputSHA256 string `json:"output_sha256"`
}

// MergeInputs expands the arguments of a merge into manifest files, in
// order: a file is itself; a directory gives its shard manifests (ordered
// by N, then I), else its FileName.
func MergeInputs(args []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		if !seen[abs] {
			seen[abs] = true
			out = append(out, p)
		}
	}
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil {
			return nil, fmt.Errorf("manifest merge: %s: no such file or directory", arg)
		}
		if !st.IsDir() {
			add(arg)
			continue
		}
		shards, err := ShardFiles(arg)
		if err != nil {
			return nil, err
		}
		if len(shards) == 0 {
			p := filepath.Join(arg, FileName)
			if _, err := os.Stat(p); err != nil {
				return nil, fmt.Errorf("manifest merge: %s holds no manifest (%s or %s)", arg, FileName, ShardGlob)
			}
			shards = []string{p}
		}
		for _, p := range shards {
			add(p)
		}
	}
	return out, nil
}

// PlanMerge reads the manifests inputs (and their journals, if their runs
// did not finish), one edition at a time, and plans their merge: the first
// record of each edition stays; the same edition again is a duplicate; a
// different one is a conflict. Memory is about 100 bytes an edition.
func PlanMerge(ctx context.Context, inputs []string) (*MergePlan, error) {
	p := &MergePlan{Inputs: inputs, MissingShards: missingShards(inputs), keep: map[string]*planned{}}
	conflicting := map[string]bool{} // the first maxConflicts
	interned := map[string]string{}
	intern := func(v string) string {
		if w, ok := interned[v]; ok {
			return w
		}
		if len(interned) < 1024 {
			interned[v] = v
		}
		return v
	}
	for i, in := range inputs {
		journal, err := eachEdition(in, func(e *Edition) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			k := e.Key()
			prev := prevOf(e, intern)
			kept, ok := p.keep[k]
			if !ok {
				p.keep[k] = &planned{input: i, prev: prev}
				return nil
			}
			if kept.prev.Same(e.SourceSHA256, e.Output, e.Backend, e.Settings, e.Presentation, e.Glossary) && kept.prev.OutputIs(e.OutputSHA256) {
				p.Duplicates++
				return nil
			}
			if !conflicting[k] {
				p.NConflicts++
				if len(conflicting) < maxConflicts {
					conflicting[k] = true
					p.Conflicts = append(p.Conflicts, Conflict{Path: e.Path, Locale: e.Locale})
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("manifest merge: %w", err)
		}
		if journal > 0 {
			p.Unfinished = append(p.Unfinished, in)
		}
	}
	p.Editions = len(p.keep)
	if len(p.Conflicts) > 0 {
		if err := p.describeConflicts(conflicting); err != nil {
			return nil, fmt.Errorf("manifest merge: %w", err)
		}
	}
	return p, nil
}

// Err says why the plan must not be written: ErrConflict, or
// ErrMissingShards unless partial (a manifest without some shards would
// make check pass on an incomplete edition tree). Unfinished shards do not
// stop a merge: their journals are merged.
func (p *MergePlan) Err(partial bool) error {
	switch {
	case len(p.Conflicts) > 0:
		return fmt.Errorf("%w: %d, nothing written", ErrConflict, p.NConflicts)
	case len(p.MissingShards) > 0 && !partial:
		return fmt.Errorf("%w %s: nothing written (--partial to merge without them)", ErrMissingShards, strings.Join(p.MissingShards, ", "))
	}
	return nil
}

// Write writes the merged manifest, dir/FileName, reading the inputs again
// for the records the plan keeps. The manifest is built by the streaming
// store under a temporary name, then renamed: an existing manifest in dir
// is replaced whole, or not at all.
func (p *MergePlan) Write(ctx context.Context, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("manifest merge: %w", err)
	}
	out := filepath.Join(dir, FileName)
	if len(p.keep) == 0 {
		if err := (&Manifest{}).Save(dir); err != nil {
			return fmt.Errorf("manifest merge: %w", err)
		}
		p.Output = out
		return nil
	}
	tmpName := fmt.Sprintf(".%s.merge-%d.json", strings.TrimSuffix(FileName, ".json"), os.Getpid())
	tmpPath := filepath.Join(dir, tmpName)
	defer os.Remove(tmpPath)
	defer os.Remove(tmpPath + JournalSuffix)
	store, err := OpenStore(dir, tmpName)
	if err != nil {
		return fmt.Errorf("manifest merge: %w", err)
	}
	defer store.Close()
	for i, in := range p.Inputs {
		if _, err := eachEdition(in, func(e *Edition) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if k := p.keep[e.Key()]; k != nil && k.input == i && !k.done {
				k.done = true
				return store.Put(*e)
			}
			return nil
		}); err != nil {
			return fmt.Errorf("manifest merge: %w", err)
		}
	}
	if err := store.Commit(); err != nil {
		return fmt.Errorf("manifest merge: %w", err)
	}
	if err := os.Chmod(tmpPath, 0o644); err != nil {
		return fmt.Errorf("manifest merge: %w", err)
	}
	if err := os.Rename(tmpPath, out); err != nil {
		return fmt.Errorf("manifest merge: %w", err)
	}
	p.Output = out
	return nil
}

// missingShards lists the shards I/N absent from inputs for every N some
// input is a shard of.
func missingShards(inputs []string) []string {
	have := map[int]map[int]bool{}
	for _, p := range inputs {
		i, n, ok := ParseShardFileName(filepath.Base(p))
		if !ok {
			continue
		}
		if have[n] == nil {
			have[n] = map[int]bool{}
		}
		have[n][i] = true
	}
	ns := make([]int, 0, len(have))
	for n := range have {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	var out []string
	for _, n := range ns {
		for i := range n {
			if !have[n][i] {
				out = append(out, fmt.Sprintf("%d/%d", i, n))
			}
		}
	}
	return out
}

// describeConflicts reads the inputs again for the conflicting editions
// only, and lists every variant of each.
func (p *MergePlan) describeConflicts(keys map[string]bool) error {
	vs := map[string][]Variant{}
	for _, in := range p.Inputs {
		if _, err := eachEdition(in, func(e *Edition) error {
			if keys[e.Key()] {
				vs[e.Key()] = append(vs[e.Key()], Variant{Manifest: in, SourceSHA256: e.SourceSHA256, Output: e.Output, OutputSHA256: e.OutputSHA256})
			}
			return nil
		}); err != nil {
			return err
		}
	}
	for i := range p.Conflicts {
		c := &p.Conflicts[i]
		c.Variants = vs[(&Edition{Path: c.Path, Locale: c.Locale}).Key()]
	}
	return nil
}

// eachEdition calls fn with every edition of the manifest at path, one at
// a time (a manifest of millions of editions is never held in memory),
// then with those of its journal, if a run left one. It returns how many
// came from the journal.
func eachEdition(path string, fn func(*Edition) error) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, errors.Unwrap(err))
	}
	defer f.Close()
	if err := Decode(f, func(e *Edition, _, _ int64) error { return fn(e) }); err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	j, err := os.Open(path + JournalSuffix)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path+JournalSuffix, err)
	}
	defer j.Close()
	n := 0
	_, err = DecodeJournal(j, func(e *Edition, _, _ int64) error { n++; return fn(e) })
	if err != nil {
		return n, fmt.Errorf("%s: %w", path+JournalSuffix, err)
	}
	return n, nil
}
