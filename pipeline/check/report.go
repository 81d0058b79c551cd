package check

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report"
	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

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
		return writeJUnit(w, rep)
	case "github":
		return writeGitHub(w, rep)
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

func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Note:
		return "note"
	}
	return "none"
}

// sarifURI is a finding's file as a SARIF artifact URI: relative paths stay
// relative and slash-separated (code scanning resolves them from the
// repository root: run check from there with relative paths); absolute
// paths become file: URIs.
func sarifURI(p string) string {
	p = filepath.ToSlash(filepath.Clean(p))
	if strings.HasPrefix(p, "/") {
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: p}).EscapedPath()
}

func writeSARIF(w io.Writer, rep *Report, opts WriteOptions) error {
	r := report.NewV210Report()
	run := sarif.NewRunWithInformationURI("locpipe", "https://github.com/locpipe/locpipe")
	if opts.Version != "" {
		run.Tool.Driver.WithVersion(opts.Version)
	}
	for _, rule := range Rules() {
		sev := rule.Severity
		if opts.Severities != nil {
			sev = opts.Severities.Of(rule.ID)
		}
		conf := sarif.NewReportingConfiguration().WithLevel(sarifLevel(sev))
		if sev == Off {
			conf.WithEnabled(false)
		}
		run.AddRule(rule.ID).
			WithShortDescription(sarif.NewMultiformatMessageString().WithText(rule.Summary)).
			WithFullDescription(sarif.NewMultiformatMessageString().WithText(rule.Summary)).
			WithHelp(sarif.NewMultiformatMessageString().WithText(rule.Help)).
			WithDefaultConfiguration(conf)
	}
	for _, f := range rep.Findings {
		uri := sarifURI(f.File)
		run.AddDistinctArtifact(uri)
		loc := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(uri))
		if f.Line > 0 {
			loc.WithRegion(sarif.NewRegion().WithStartLine(f.Line))
		}
		msg := f.Message
		if f.Segment != "" {
			msg += ": " + f.Segment
		}
		res := run.CreateResultForRule(f.Rule).
			WithLevel(sarifLevel(f.Severity)).
			WithMessage(sarif.NewTextMessage(msg)).
			AddLocation(sarif.NewLocationWithPhysicalLocation(loc)).
			WithPartialFingerprints(map[string]string{"locpipeFingerprint/v1": f.Fingerprint})
		pb := sarif.NewPropertyBag()
		pb.Add("locale", f.Locale)
		if f.Source != "" {
			pb.Add("source", f.Source)
		}
		res.WithProperties(pb)
	}
	r.AddRun(run)
	var buf bytes.Buffer
	if err := r.PrettyWrite(&buf); err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// JUnit XML: one test suite per checked file, one test case per finding,
// each failing, so that a CI test report shows every finding once.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func writeJUnit(w io.Writer, rep *Report) error {
	out := junitSuites{Name: "locpipe check"}
	idx := map[string]int{}
	for _, f := range rep.Findings {
		i, ok := idx[f.File]
		if !ok {
			i = len(out.Suites)
			idx[f.File] = i
			out.Suites = append(out.Suites, junitSuite{Name: f.File})
		}
		s := &out.Suites[i]
		text := fmt.Sprintf("%s:%d: %s [%s, %s]", f.File, f.Line, f.Message, f.Rule, f.Severity)
		if f.Segment != "" {
			text += "\n" + f.Segment
		}
		s.Cases = append(s.Cases, junitCase{
			Name:      fmt.Sprintf("%s line %d", f.Rule, f.Line),
			Classname: "locpipe.check." + f.Rule,
			File:      f.File,
			Line:      f.Line,
			Failure:   &junitFailure{Message: f.Message, Type: f.Severity.String() + ":" + f.Rule, Text: text},
		})
		s.Tests++
		s.Failures++
		out.Tests++
		out.Failures++
	}
	if len(out.Suites) == 0 {
		out.Suites = append(out.Suites, junitSuite{Name: "locpipe check", Tests: 1,
			Cases: []junitCase{{Name: fmt.Sprintf("%d editions clean", rep.Summary.Editions), Classname: "locpipe.check"}}})
		out.Tests = 1
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("junit: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// writeGitHub writes one GitHub Actions workflow command per finding:
// ::error file=…,line=…,title=…::message.
func writeGitHub(w io.Writer, rep *Report) error {
	var b bytes.Buffer
	for _, f := range rep.Findings {
		cmd := "notice"
		switch f.Severity {
		case Error:
			cmd = "error"
		case Warning:
			cmd = "warning"
		}
		props := "file=" + ghProp(filepath.ToSlash(f.File))
		if f.Line > 0 {
			props += fmt.Sprintf(",line=%d", f.Line)
		}
		props += ",title=" + ghProp("locpipe "+f.Rule+" ("+f.Locale+")")
		msg := f.Message
		if f.Segment != "" {
			msg += ": " + f.Segment
		}
		fmt.Fprintf(&b, "::%s %s::%s\n", cmd, props, ghData(msg))
	}
	_, err := w.Write(b.Bytes())
	return err
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a workflow command's property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
