package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/pipeline/manifest"
)

func newManifestCommand(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "manifest",
		Short: "Work with translate manifests (join the manifests of shards)",
	}
	cmd.AddCommand(newManifestMergeCommand(a))
	return cmd
}

type mergeOptions struct {
	out     string
	partial bool
	json    bool
}

func newManifestMergeCommand(a *app) *cobra.Command {
	var o mergeOptions
	cmd := &cobra.Command{
		Use:   "merge --out DIR MANIFEST|DIR...",
		Short: "Join the manifests of shards into one, for check",
		Long: `Merge joins the manifests written by translate --shard I/N runs into one
manifest, DIR/` + manifest.FileName + `, that check reads like the manifest of
a single run.

Each argument is a manifest file, or a directory: its shard manifests
(` + shardGlob + `), else its ` + manifest.FileName + `. An edition found in
two manifests must be the same edition (same source, output and output
content); otherwise it is reported as a conflict and nothing is written.

Merge exits 1 without writing when it finds a conflict or when a shard of
I/N is missing (unless --partial). It also exits 1 when a shard did not
finish: its journal holds editions not yet folded into its manifest; they
are merged, and the shard should be run again. It exits 2 on a usage or
input error.`,
		Example: `  locpipe manifest merge --out out out
  locpipe manifest merge --out merged shard-0/ shard-1/ shard-2/
  locpipe manifest merge --out out a/locpipe-manifest.json b/locpipe-manifest.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.out == "" {
				return usageErr(errors.New("manifest merge: --out DIR is required"))
			}
			return a.runManifestMerge(cmd.Context(), o, args)
		},
	}
	cmd.Flags().StringVar(&o.out, "out", "", "directory to write the merged "+manifest.FileName+" into")
	cmd.Flags().BoolVar(&o.partial, "partial", false, "merge even when some shards of I/N are missing")
	cmd.Flags().BoolVar(&o.json, "json", false, "print the summary as JSON on stdout")
	return cmd
}

// shardGlob matches the manifests translate --shard writes.
var shardGlob = strings.TrimSuffix(manifest.FileName, ".json") + ".shard-*-of-*.json"

var shardName = regexp.MustCompile(`\.shard-(\d+)-of-(\d+)\.json$`)

// mergeSummary is the --json output.
type mergeSummary struct {
	Inputs        []string   `json:"inputs"`
	Editions      int        `json:"editions"`
	Duplicates    int        `json:"duplicates"` // the same edition in two manifests
	Conflicts     []conflict `json:"conflicts,omitempty"`
	MissingShards []string   `json:"missing_shards,omitempty"` // "2/4"
	Unfinished    []string   `json:"unfinished,omitempty"`     // manifests with a journal
	Output        string     `json:"output,omitempty"`         // empty when nothing was written
}

// conflict is one path and locale whose editions differ between manifests.
type conflict struct {
	Path     string    `json:"path"`
	Locale   string    `json:"locale"`
	Variants []variant `json:"variants"`
}

type variant struct {
	Manifest     string `json:"manifest"`
	SourceSHA256 string `json:"source_sha256"`
	Output       string `json:"output"`
	OutputSHA256 string `json:"output_sha256"`
}

// maxConflicts bounds the conflicts reported in detail.
const maxConflicts = 100

func (a *app) runManifestMerge(ctx context.Context, o mergeOptions, args []string) error {
	inputs, err := mergeInputs(args)
	if err != nil {
		return usageErr(err)
	}
	sum := mergeSummary{Inputs: inputs, MissingShards: missingShards(inputs)}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return usageErr(fmt.Errorf("manifest merge: %w", err))
	}

	// The merged manifest is built by the streaming manifest store under a
	// temporary name, then renamed: memory stays at about 100 bytes an
	// edition, and an existing manifest in --out is replaced whole.
	tmpName := fmt.Sprintf(".%s.merge-%d.json", strings.TrimSuffix(manifest.FileName, ".json"), os.Getpid())
	tmpPath := filepath.Join(o.out, tmpName)
	defer os.Remove(tmpPath)
	defer os.Remove(tmpPath + manifest.JournalSuffix)
	store, err := manifest.OpenStore(o.out, tmpName)
	if err != nil {
		return fmt.Errorf("manifest merge: %w", err)
	}
	defer store.Close()

	conflicting := map[string]bool{} // the first maxConflicts
	nconflicts := 0
	for _, in := range inputs {
		journal, err := eachEdition(in, func(e manifest.Edition) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if p, ok := store.Prev(e.Path, e.Locale); ok {
				if p.Same(e.SourceSHA256, e.Output, e.Backend, e.Settings, e.Presentation, e.Glossary) && p.OutputIs(e.OutputSHA256) {
					sum.Duplicates++
					return nil
				}
				if !conflicting[e.Key()] {
					nconflicts++
					if len(conflicting) < maxConflicts {
						conflicting[e.Key()] = true
						sum.Conflicts = append(sum.Conflicts, conflict{Path: e.Path, Locale: e.Locale})
					}
				}
				return nil
			}
			return store.Put(e)
		})
		if err != nil {
			if ctx.Err() != nil {
				return err
			}
			return usageErr(fmt.Errorf("manifest merge: %w", err))
		}
		if journal > 0 {
			sum.Unfinished = append(sum.Unfinished, in)
		}
	}
	sum.Editions = store.Len()

	switch {
	case len(sum.Conflicts) > 0:
		if err := describeConflicts(inputs, conflicting, sum.Conflicts); err != nil {
			return usageErr(fmt.Errorf("manifest merge: %w", err))
		}
	case len(sum.MissingShards) > 0 && !o.partial:
		// A manifest without some shards would make check pass on an
		// incomplete edition tree.
	default:
		out := filepath.Join(o.out, manifest.FileName)
		if store.Len() == 0 {
			if err := (&manifest.Manifest{}).Save(o.out); err != nil {
				return fmt.Errorf("manifest merge: %w", err)
			}
		} else {
			if err := store.Commit(); err != nil {
				return fmt.Errorf("manifest merge: %w", err)
			}
			if err := os.Chmod(tmpPath, 0o644); err != nil {
				return fmt.Errorf("manifest merge: %w", err)
			}
			if err := os.Rename(tmpPath, out); err != nil {
				return fmt.Errorf("manifest merge: %w", err)
			}
		}
		sum.Output = out
	}

	if o.json {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return err
		}
	} else {
		printMergeSummary(a.stderr, sum)
	}
	switch {
	case len(sum.Conflicts) > 0:
		return findingsErr(fmt.Errorf("%d conflicting editions: nothing written", nconflicts))
	case len(sum.MissingShards) > 0 && !o.partial:
		return findingsErr(fmt.Errorf("missing shards %s: nothing written (--partial to merge without them)", strings.Join(sum.MissingShards, ", ")))
	case len(sum.Unfinished) > 0:
		return findingsErr(fmt.Errorf("%d shards did not finish: run them again", len(sum.Unfinished)))
	}
	return nil
}

func printMergeSummary(w io.Writer, s mergeSummary) {
	for _, c := range s.Conflicts {
		fmt.Fprintf(w, "conflict: %s [%s] differs between manifests:\n", c.Path, c.Locale)
		for _, v := range c.Variants {
			fmt.Fprintf(w, "  %s: source %s, output %s (%s)\n", v.Manifest, short(v.SourceSHA256), v.Output, short(v.OutputSHA256))
		}
	}
	for _, m := range s.MissingShards {
		fmt.Fprintf(w, "missing: no manifest for shard %s\n", m)
	}
	for _, u := range s.Unfinished {
		fmt.Fprintf(w, "unfinished: %s has a journal: that shard did not finish\n", u)
	}
	if s.Output != "" {
		fmt.Fprintf(w, "merged %d editions from %d manifests into %s (%d duplicates)\n", s.Editions, len(s.Inputs), s.Output, s.Duplicates)
	}
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// mergeInputs expands the arguments into manifest files, in order.
func mergeInputs(args []string) ([]string, error) {
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
		shards, err := filepath.Glob(filepath.Join(arg, shardGlob))
		if err != nil {
			return nil, err
		}
		sortShards(shards)
		if len(shards) == 0 {
			p := filepath.Join(arg, manifest.FileName)
			if _, err := os.Stat(p); err != nil {
				return nil, fmt.Errorf("manifest merge: %s holds no manifest (%s or %s)", arg, manifest.FileName, shardGlob)
			}
			shards = []string{p}
		}
		for _, p := range shards {
			add(p)
		}
	}
	return out, nil
}

// sortShards orders shard manifests by N, then I, numerically.
func sortShards(paths []string) {
	key := func(p string) (int, int) {
		m := shardName.FindStringSubmatch(p)
		if m == nil {
			return 0, 0
		}
		i, _ := strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[2])
		return n, i
	}
	sort.SliceStable(paths, func(a, b int) bool {
		na, ia := key(paths[a])
		nb, ib := key(paths[b])
		if na != nb {
			return na < nb
		}
		return ia < ib
	})
}

// missingShards lists the shards I/N absent from inputs for every N some
// input is a shard of.
func missingShards(inputs []string) []string {
	have := map[int]map[int]bool{}
	for _, p := range inputs {
		m := shardName.FindStringSubmatch(filepath.Base(p))
		if m == nil {
			continue
		}
		i, _ := strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[2])
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
func describeConflicts(inputs []string, keys map[string]bool, cs []conflict) error {
	vs := map[string][]variant{}
	for _, in := range inputs {
		if _, err := eachEdition(in, func(e manifest.Edition) error {
			if keys[e.Key()] {
				vs[e.Key()] = append(vs[e.Key()], variant{Manifest: in, SourceSHA256: e.SourceSHA256, Output: e.Output, OutputSHA256: e.OutputSHA256})
			}
			return nil
		}); err != nil {
			return err
		}
	}
	for i := range cs {
		cs[i].Variants = vs[cs[i].Path+"\x00"+cs[i].Locale]
	}
	return nil
}

// eachEdition calls fn with every edition of the manifest at path, one at
// a time (a manifest of millions of editions is never held in memory),
// then with those of its journal, if a run left one. It returns how many
// came from the journal.
func eachEdition(path string, fn func(manifest.Edition) error) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, errors.Unwrap(err))
	}
	defer f.Close()
	if err := manifest.Decode(f, func(e *manifest.Edition, _, _ int64) error { return fn(*e) }); err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	j, err := os.Open(path + manifest.JournalSuffix)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path+manifest.JournalSuffix, err)
	}
	defer j.Close()
	n := 0
	_, err = manifest.DecodeJournal(j, func(e *manifest.Edition, _, _ int64) error { n++; return fn(*e) })
	if err != nil {
		return n, fmt.Errorf("%s: %w", path+manifest.JournalSuffix, err)
	}
	return n, nil
}
