package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/fsutil"
	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/check"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/review"
)

type reviewOptions struct {
	output, serve string
	allowRemote   bool
}

func newReviewCommand(a *app) *cobra.Command {
	var o reviewOptions
	var memFile string
	cmd := &cobra.Command{
		Use:   "review [--out DIR] [-o FILE | --serve 127.0.0.1:PORT] [--to L,...] [PATH...]",
		Short: "Review the editions in a browser: each source segment beside its translations",
		Long: `Review writes one self-contained HTML page (no script or style from elsewhere,
no network use) for the editions in --out: per source file, each segment beside
its edition segment in every locale, the glossary's names marked on both sides,
the findings of check on the segment they concern, the manifest's status of each
segment (translated, memory, human, failed), and filters by locale, rule and
file. PATH... (the source paths given to translate) restrict it to those
sources; the default is every edition of the manifest. The page is written to
-o FILE (default <out>/review.html).

With --serve ADDR the same page is served at http://ADDR/, where an editor
corrects a segment and approves it: the translation is stored in the memory as
a human translation (as xliff import stores a reviewed segment, with the same
checks), the edition is written again, and the page shows it; the next
translate keeps it. Two editors approving one segment are told: an approval made
against a segment that changed since it was shown is refused with the current
text. ADDR must be a loopback address unless --allow-remote; stop with Ctrl-C.
Run review from the directory translate ran in, with its glossary and layout.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.tmConfig(cmd, memFile)
			if err != nil {
				return err
			}
			return runReview(cmd.Context(), a, cfg, o, args)
		},
	}
	xliffFlags(cmd, &memFile)
	cmd.Flags().StringSlice("to", nil, "review only these locales (default: every edition but house-style ones)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write the page to FILE (default <out>/review.html)")
	cmd.Flags().StringVar(&o.serve, "serve", "", "serve the page at ADDR (host:port) and take approvals")
	cmd.Flags().BoolVar(&o.allowRemote, "allow-remote", false, "let --serve listen on an address other than loopback")
	return cmd
}

// reviewSetup is what both forms of review need.
type reviewSetup struct {
	page  review.PageOptions
	check func(ctx context.Context, source string) ([]check.Finding, error)
	g     *glossary.Glossary
	mem   memoryStore
	paths []string
}

func newReviewSetup(ctx context.Context, a *app, cfg *config.Config, paths []string, needMemory bool) (*reviewSetup, error) {
	m, err := review.LoadManifest(cfg.Out)
	if err != nil {
		return nil, usageErr(err)
	}
	g, err := loadGlossary(cfg)
	if err != nil {
		return nil, err
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return nil, usageErr(err)
		}
	}
	given := paths
	if len(paths) == 0 {
		paths = review.SourceRoots(m)
	}
	s := &reviewSetup{g: g, paths: paths}
	if needMemory && cfg.NoMemory {
		return nil, usageErr(errors.New("review --serve stores approvals in the translation memory: it cannot run with --no-memory"))
	}
	if !cfg.NoMemory {
		if s.mem, err = openStore(ctx, cfg); err != nil {
			return nil, usageErr(err)
		}
	}
	sev, err := configSeverities(cfg)
	if err != nil {
		return nil, err
	}
	s.page = review.PageOptions{Out: cfg.Out, Glossary: g, Formats: formats(cfg), Segmentation: a.seg, Locales: cfg.ToTags}
	s.page.Sources = given
	if s.mem != nil {
		s.page.Memory = s.mem
	}
	s.check = func(ctx context.Context, source string) ([]check.Finding, error) {
		ps := s.paths
		if source != "" {
			ps = []string{source}
		}
		rep, err := check.Run(ctx, check.Options{
			Out: cfg.Out, Layout: cfg.Layout, Locales: cfg.ToTags, From: cfg.FromTag,
			Glossary: g, Formats: formats(cfg), Segmentation: a.seg, Severities: sev, Jobs: cfg.Jobs,
		}, ps)
		if err != nil {
			return nil, err
		}
		return rep.Findings, nil
	}
	return s, nil
}

// configSeverities are check's rule severities from the configuration's
// check.rules, as check reads them.
func configSeverities(cfg *config.Config) (check.Severities, error) {
	var rules []string
	for id, level := range cfg.Check.Rules {
		rules = append(rules, id+"="+level)
	}
	sort.Strings(rules)
	sev, err := check.ParseRules(nil, strings.Join(rules, ","))
	if err != nil {
		return nil, usageErr(fmt.Errorf("check.rules: %w", err))
	}
	return sev, nil
}

func runReview(ctx context.Context, a *app, cfg *config.Config, o reviewOptions, paths []string) error {
	if o.serve != "" && o.output != "" {
		return usageErr(errors.New("--serve and -o contradict each other: the served page is not written"))
	}
	if o.serve != "" {
		if _, _, err := net.SplitHostPort(o.serve); err != nil {
			return usageErr(fmt.Errorf("--serve %q: want host:port (127.0.0.1:8080)", o.serve))
		}
		if !o.allowRemote && !review.IsLoopback(o.serve) {
			return usageErr(fmt.Errorf("--serve %s is not a loopback address: the page lets anyone who reaches it change editions (give --allow-remote to mean it)", o.serve))
		}
	}
	s, err := newReviewSetup(ctx, a, cfg, paths, o.serve != "")
	if err != nil {
		return err
	}
	if s.mem != nil {
		defer s.mem.Close()
	}
	if o.serve != "" {
		return serveReview(ctx, a, cfg, s, o.serve)
	}
	findings, err := s.check(ctx, "")
	if err != nil {
		return usageErr(err)
	}
	s.page.Findings = findings
	p, err := review.BuildPage(ctx, s.page)
	if err != nil {
		return usageErr(err)
	}
	var buf bytes.Buffer
	if err := review.WritePage(&buf, p, review.WriteOptions{}); err != nil {
		return err
	}
	out := o.output
	if out == "" {
		out = filepath.Join(cfg.Out, "review.html")
	}
	if err := fsutil.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return usageErr(err)
	}
	n, nf := 0, 0
	for _, f := range p.Files {
		for _, r := range f.Rows {
			n++
			for _, c := range r.Cells {
				if len(c.Findings) > 0 {
					nf++
					break
				}
			}
		}
	}
	fmt.Fprintf(a.stderr, "review page written to %s: %d files, %d segments, %d with findings\n", out, len(p.Files), n, nf)
	for _, pr := range p.Problems {
		fmt.Fprintln(a.stderr, "locpipe:", pr)
	}
	return nil
}

// newReviewServer is the review server of s: approvals learned into s.mem
// and the editions re-rendered as xliff import re-renders them.
func newReviewServer(a *app, cfg *config.Config, s *reviewSetup, loopback bool) (*review.Server, error) {
	return review.NewServer(review.ServerOptions{
		LoopbackHosts: loopback,
		Page:          s.page,
		Check:         s.check,
		Import: review.ImportOptions{
			Out: cfg.Out, Glossary: s.g, Formats: formats(cfg), Segmentation: a.seg, Memory: s.mem,
			Render: func(ctx context.Context, eds []*manifest.Edition) (*pipeline.Summary, error) {
				return rerender(ctx, a, cfg, s.g, s.mem, eds)
			},
		},
		Logger: a.logger(cfg.LogLevel, false),
	})
}

func serveReview(ctx context.Context, a *app, cfg *config.Config, s *reviewSetup, addr string) error {
	srv, err := newReviewServer(a, cfg, s, review.IsLoopback(addr))
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return usageErr(fmt.Errorf("--serve: %w", err))
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(a.stderr, "review page at http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		// Requests under way get a moment to finish; a browser tab that keeps a
		// connection open must not turn Ctrl-C into a failure.
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := hs.Shutdown(sctx); !errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return hs.Close()
	}
}
