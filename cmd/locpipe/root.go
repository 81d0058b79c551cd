package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/internal/secret"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/all"
	"github.com/locpipe/locpipe/pipeline/edition"
)

// Exit codes, per the command-line contract.
const (
	exitOK       = 0
	exitFindings = 1 // findings, or a partial failure
	exitUsage    = 2 // bad usage or bad input
)

// exitError carries an exit code with the error that caused it.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageErr marks err as bad usage or bad input (exit 2).
func usageErr(err error) error { return &exitError{code: exitUsage, err: err} }

// findingsErr makes the command exit 1 with a message (or silently when err
// is nil: the output already said what was found).
func findingsErr(err error) error { return &exitError{code: exitFindings, err: err} }

// app is what every command shares: the streams, the environment, and how
// engines are built. Tests make their own.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	environ        []string
	configFile     string
	engines        func() *backend.Registry
	// seg is the segmentation rules of the configuration, set by
	// loadConfig: every command that splits sources splits with them.
	seg edition.Segmentation
}

func (a *app) getenv(key string) string {
	for _, kv := range a.environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v
		}
	}
	return ""
}

// loadConfig reads the configuration with the command's flags on top.
func (a *app) loadConfig(cmd *cobra.Command) (*config.Config, error) {
	c, err := config.Load(config.Options{File: a.configFile, Flags: cmd.Flags(), Environ: a.environ, Engines: a.engines().Sections()})
	if err != nil {
		return nil, usageErr(err)
	}
	if a.seg, err = loadSegmentation(c); err != nil {
		return nil, err
	}
	return c, nil
}

// logger returns the logger for a run: text lines on stderr.
func (a *app) logger(level string, quiet bool) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelWarn
	}
	if quiet {
		l = slog.LevelError
	}
	return slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: l}))
}

func newRootCommand(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:           "locpipe",
		Short:         "Turn a directory of news articles into localized editions",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       readVersion().String(),
	}
	root.SetVersionTemplate("locpipe {{.Version}}\n")
	root.PersistentFlags().StringVar(&a.configFile, "config", "", "configuration file (default: ./locpipe.yaml when present)")
	root.AddCommand(
		newTranslateCommand(a),
		newSegmentCommand(a),
		newGlossaryCommand(a),
		newBackendsCommand(a),
		newCheckCommand(a),
		newTMCommand(a),
		newXLIFFCommand(a),
		newPOCommand(a),
		newReviewCommand(a),
		newManifestCommand(a),
	)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErr(err) })
	return root
}

// testableMain runs the program and returns its exit code.
func testableMain(args []string, stdin io.Reader, stdout, stderr io.Writer, environ []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return mainContext(ctx, args, stdin, stdout, stderr, environ)
}

// mainContext runs the program until ctx is done (a served review stops
// then) and returns its exit code.
func mainContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, environ []string) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, environ: environ, engines: all.Registry}
	root := newRootCommand(a)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "locpipe:", secret.Text(ee.err.Error()))
		}
		return ee.code
	}
	// cobra's own errors (unknown command, bad arguments) are usage errors.
	fmt.Fprintln(stderr, "locpipe:", secret.Text(err.Error()))
	return exitUsage
}
