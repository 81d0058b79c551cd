package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/locpipe/locpipe/pipeline/format"
)

// Formats lists the report formats Write knows.
var Formats = []string{"text", "json", "sarif", "junit", "github"}

// WriteOptions change how a report is written.
type WriteOptions struct {
	Color   bool   // text: ANSI colours (for a terminal)
	Version string // the tool's version, for SARIF
	// Severities in force, for SARIF's rule configuration (rules turned
	// off are written disabled); nil means the defaults.
	Severities Severities
	// FailOn is the lowest severity that fails the check (Off: Error):
	// JUnit writes findings below it as passing test cases with output.
	FailOn Severity
	// Annotate says where the github, sarif and junit formats point a
	// finding: at the edition (AnnotateEdition, the zero value) or at the
	// source line (AnnotateSource). Tracked, when set with AnnotateAuto,
	// tells whether an edition is under version control: findings in
	// tracked editions point at them, the others at their source.
	Annotate Annotate
	Tracked  func(path string) bool
}

// Annotate is where CI annotations point (see WriteOptions.Annotate).
type Annotate int

// Annotation targets.
const (
	AnnotateEdition Annotate = iota
	AnnotateSource
	AnnotateAuto // the edition when Tracked says so, else the source
)

// ParseAnnotate reads "edition", "source" or "auto".
func ParseAnnotate(s string) (Annotate, error) {
	switch s {
	case "edition":
		return AnnotateEdition, nil
	case "source":
		return AnnotateSource, nil
	case "auto", "":
		return AnnotateAuto, nil
	}
	return 0, fmt.Errorf("%w %q (want source, edition or auto)", ErrBadAnnotate, s)
}

// ErrBadAnnotate is wrapped by ParseAnnotate errors.
var ErrBadAnnotate = errors.New("check: unknown annotation target")

// place is where an annotation of f points, and what it says of the other
// file: an annotation on the source names the edition and its line.
func (o WriteOptions) place(f Finding) (file string, line int, note string) {
	file, line, toSource := o.target(f)
	if toSource {
		where := f.File
		if f.Line > 0 {
			where = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		return file, line, fmt.Sprintf("[%s edition %s] ", f.Locale, where)
	}
	return file, line, ""
}

// target is the file and line an annotation of f points at, and whether
// that is f's source rather than its edition.
func (o WriteOptions) target(f Finding) (file string, line int, toSource bool) {
	toSource = f.Source != "" && f.SourceLine > 0 && f.Source != f.File
	switch o.Annotate {
	case AnnotateEdition:
		toSource = false
	case AnnotateAuto:
		toSource = toSource && (o.Tracked == nil || !o.Tracked(f.File))
	}
	if toSource {
		return f.Source, f.SourceLine, true
	}
	return f.File, f.Line, false
}

// Write writes rep in the named format: text (grouped by file), json (the
// DESIGN.md contract), sarif (2.1.0), junit (XML, one failure per finding)
// or github (workflow commands, one annotation a line).
func Write(w io.Writer, formatName string, rep *Report, opts WriteOptions) error {
	if rep.Findings == nil || rep.Summary.ByRule == nil {
		cp := *rep
		if cp.Findings == nil {
			cp.Findings = []Finding{}
		}
		if cp.Summary.ByRule == nil {
			cp.Summary.ByRule = map[string]int{}
		}
		rep = &cp
	}
	switch formatName {
	case "text", "":
		return writeText(w, rep, opts)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	case "sarif":
		return writeSARIF(w, rep, opts)
	case "junit":
		return writeJUnit(w, rep, opts)
	case "github":
		return writeGitHub(w, rep, opts)
	}
	return fmt.Errorf("report: %w %q (want %s)", format.ErrUnknownFormat, formatName, strings.Join(Formats, ", "))
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiDim    = "\x1b[2m"
)

func writeText(w io.Writer, rep *Report, opts WriteOptions) error {
	var b bytes.Buffer
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	file := "\x00"
	for _, f := range rep.Findings {
		if f.File != file {
			if file != "\x00" {
				b.WriteByte('\n')
			}
			file = f.File
			fmt.Fprintf(&b, "%s\n", paint(ansiBold, f.File))
		}
		sev := f.Severity.String()
		switch f.Severity {
		case Error:
			sev = paint(ansiRed, sev)
		case Warning:
			sev = paint(ansiYellow, sev)
		default:
			sev = paint(ansiBlue, sev)
		}
		pad := strings.Repeat(" ", max(0, 7-len(f.Severity.String())))
		fmt.Fprintf(&b, "  %5s  %s%s  %-19s  %s", lineLabel(f.Line), sev, pad, f.Rule, strings.Join(strings.Fields(f.Message), " "))
		if f.Segment != "" {
			fmt.Fprintf(&b, "\n         %s", paint(ansiDim, "│ "+strings.Join(strings.Fields(f.Segment), " ")))
		}
		b.WriteByte('\n')
	}
	s := rep.Summary
	if len(rep.Findings) > 0 {
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "%d files, %d editions checked: %d errors, %d warnings, %d notes", s.Files, s.Editions, s.Errors, s.Warnings, s.Notes)
	if s.Baselined > 0 {
		fmt.Fprintf(&b, " (%d known findings ignored by the baseline)", s.Baselined)
	}
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

func lineLabel(n int) string {
	if n <= 0 {
		return "-"
	}
	return fmt.Sprint(n)
}
