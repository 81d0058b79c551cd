package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

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
(` + manifest.ShardGlob + `), else its ` + manifest.FileName + `. An edition found in
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

func (a *app) runManifestMerge(ctx context.Context, o mergeOptions, args []string) error {
	inputs, err := manifest.MergeInputs(args)
	if err != nil {
		return usageErr(err)
	}
	plan, err := manifest.PlanMerge(ctx, inputs)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		return usageErr(err)
	}
	stop := plan.Err(o.partial)
	if stop == nil {
		if err := plan.Write(ctx, o.out); err != nil {
			return usageErr(err)
		}
	}
	if o.json {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(plan); err != nil {
			return err
		}
	} else {
		printMergeSummary(a.stderr, plan)
	}
	switch {
	case stop != nil:
		return findingsErr(stop)
	case len(plan.Unfinished) > 0:
		return findingsErr(fmt.Errorf("%d shards did not finish: run them again", len(plan.Unfinished)))
	}
	return nil
}

func printMergeSummary(w io.Writer, s *manifest.MergePlan) {
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
