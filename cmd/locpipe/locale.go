package main

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/locales"
	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/typography"
)

// typographyFor returns the typography hook of a run (quotation marks,
// apostrophes and spaces of the edition's locale), or nil when the
// configuration turns it off (typography: false, --no-typography).
func typographyFor(cfg *config.Config) func(language.Tag, string) string {
	if !cfg.Typography {
		return nil
	}
	return typography.Default().Apply
}

// noticeFor returns the notice hook of a run (the localized
// machine-translation notice), or nil unless the configuration asks for it
// (notice: true, --notice).
// A format with no notice placement (one registered after txt, md and html)
// keeps its editions as they are rather than failing them.
func noticeFor(cfg *config.Config) func(string, language.Tag, language.Tag, []byte) ([]byte, error) {
	if !cfg.Notice {
		return nil
	}
	return func(formatName string, from, to language.Tag, edition []byte) ([]byte, error) {
		text, tag := locales.DefaultBundle().NoticeText(from, to)
		out, err := format.PlaceNotice(formatName, edition, text, tag)
		if errors.Is(err, format.ErrUnknownFormat) {
			return edition, nil
		}
		return out, err
	}
}

// localizer writes the command line's own messages in the user's language:
// LC_ALL, LC_MESSAGES, then LANG; English by default.
func (a *app) localizer() *locales.Localizer {
	return locales.NewLocalizer(locales.LangFromEnv(a.getenv))
}

// errorLine prefixes an error message the way the user's language does
// ("locpipe: …", "locpipe : …").
func errorLine(l *locales.Localizer, msg string) string {
	return l.T(locales.MsgErrorPrefix, map[string]any{"Program": "locpipe", "Message": msg})
}

// localizeErr prints err with the localized prefix and returns an error
// that carries only the exit code, so that testableMain does not print it a
// second time.
func (a *app) localizeErr(err error) error {
	if err == nil {
		return nil
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err == nil {
			return err
		}
		fmt.Fprintln(a.stderr, errorLine(a.localizer(), ee.err.Error()))
		return &exitError{code: ee.code}
	}
	fmt.Fprintln(a.stderr, errorLine(a.localizer(), err.Error()))
	return &exitError{code: exitUsage}
}

// humanSummary is the run summary printed on stderr without --json, in the
// user's language: "3 files: 6 editions written, 0 unchanged; 42 segments
// (0 from memory, 42 sent to pseudo) in 12 ms".
func humanSummary(l *locales.Localizer, s *pipeline.Summary, engine string, dryRun bool) string {
	list := func(items ...string) string {
		return strings.Join(items, l.T(locales.MsgListSeparator, nil))
	}
	editions := []string{
		l.N(locales.MsgSummaryEditions, s.Editions, nil),
		l.N(locales.MsgSummaryUnchanged, s.Unchanged, nil),
	}
	if s.Copied > 0 {
		editions = append(editions, l.N(locales.MsgSummaryCopied, s.Copied, nil))
	}
	details := []string{
		l.N(locales.MsgSummaryMemory, s.MemoryHits, nil),
		l.N(locales.MsgSummarySent, s.BackendSegments, map[string]any{"Engine": engine}),
		l.N(locales.MsgSummaryChars, s.Chars, nil),
	}
	if s.Failed > 0 {
		details = append(details, l.N(locales.MsgSummaryFailed, s.Failed, nil))
	}
	line := l.T(locales.MsgSummaryLine, map[string]any{
		"Files":    l.N(locales.MsgSummaryFiles, s.Files, nil),
		"Editions": list(editions...),
		"Segments": l.N(locales.MsgSummarySegments, s.Segments, nil),
		"Details":  list(details...),
		"Elapsed":  l.N(locales.MsgSummaryElapsed, int(s.ElapsedMS), nil),
	})
	if dryRun {
		line += l.T(locales.MsgClauseSeparator, nil) + l.T(locales.MsgSummaryDryRun, nil)
	}
	if s.Editions == 0 && s.Unchanged > 0 && len(s.Errors) == 0 {
		line += l.T(locales.MsgClauseSeparator, nil) + l.T(locales.MsgSummaryNothingChanged, nil)
	}
	return line
}
