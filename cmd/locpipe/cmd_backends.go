package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/locpipe/locpipe/pipeline/backend"
)

type backendsOptions struct {
	json    bool
	timeout time.Duration
}

// engineStatus is one line of `locpipe backends`.
type engineStatus struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Configured  bool     `json:"configured"`
	Reachable   bool     `json:"reachable"`
	Status      string   `json:"status"`
	Pairs       []string `json:"pairs"` // "en-es"; nil with AnyPair when the engine takes any pair
	AnyPair     bool     `json:"any_pair,omitempty"`
	// Options are the engine's declared settings (never their values).
	Options []backend.Option `json:"options"`
}

func newBackendsCommand(a *app) *cobra.Command {
	var o backendsOptions
	cmd := &cobra.Command{
		Use:   "backends",
		Short: "List the translation engines, their language pairs and whether each is reachable now",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBackends(cmd.Context(), a, cmd, o)
		},
	}
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON: [{name, description, configured, reachable, status, pairs, options: [{name, default, help, secret, shapes_output}]}]")
	cmd.Flags().DurationVar(&o.timeout, "timeout", 5*time.Second, "how long to wait for each engine to answer")
	return cmd
}

func runBackends(ctx context.Context, a *app, cmd *cobra.Command, o backendsOptions) error {
	cfg, err := a.loadConfig(cmd)
	if err != nil {
		return err
	}
	engines := a.engines().Engines()
	out := make([]engineStatus, len(engines))
	var g errgroup.Group
	for i, e := range engines {
		opts := backend.Options{}
		for k, v := range cfg.Engines[e.Name] {
			opts[k] = v
		}
		g.Go(func() error {
			out[i] = probe(ctx, e, opts, o.timeout)
			return nil
		})
	}
	_ = g.Wait()
	if o.json {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ENGINE\tSTATUS\tPAIRS\tDESCRIPTION")
	for _, s := range out {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", s.Name, s.Status, pairsSummary(s), s.Description)
	}
	return w.Flush()
}

// probe builds an engine from its settings and asks it whether it is
// reachable and which pairs it translates.
func probe(ctx context.Context, e backend.Engine, opts backend.Options, timeout time.Duration) engineStatus {
	s := engineStatus{Name: e.Name, Description: e.Description, Options: e.Options}
	if s.Options == nil {
		s.Options = []backend.Option{}
	}
	tr, err := e.Make(backend.Params{Options: opts})
	if err != nil {
		s.Status = "not configured: " + err.Error()
		return s
	}
	s.Configured = true
	defer closeEngine(tr)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if p, ok := tr.(backend.Pinger); ok {
		if err := p.Ping(ctx); err != nil {
			s.Status = "unreachable: " + err.Error()
			return s
		}
	}
	s.Reachable = true
	s.Status = "ok"
	p, ok := tr.(backend.Pairer)
	if !ok {
		s.AnyPair = true
		return s
	}
	pairs, err := p.Pairs(ctx)
	if err != nil {
		s.Status = "ok (pairs unknown: " + err.Error() + ")"
		return s
	}
	for _, pr := range pairs {
		s.Pairs = append(s.Pairs, pr.Source.String()+"-"+pr.Target.String())
	}
	sort.Strings(s.Pairs)
	return s
}

// pairsSummary shows the first pairs of an engine and how many more.
func pairsSummary(s engineStatus) string {
	switch {
	case s.AnyPair:
		return "any"
	case len(s.Pairs) == 0:
		return "-"
	case len(s.Pairs) > 6:
		return strings.Join(s.Pairs[:6], " ") + fmt.Sprintf(" +%d", len(s.Pairs)-6)
	}
	return strings.Join(s.Pairs, " ")
}
