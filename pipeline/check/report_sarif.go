package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
)

// SARIF 2.1.0, written directly, on one line, with only what the schema
// requires and GitHub code scanning reads
// (docs.github.com, "SARIF support for code scanning"):
//
//   - rules: only those the results use, each with its id, short
//     description and help; the default level only when it is not SARIF's
//     default (warning). A result names its rule by ruleId alone: the spec
//     (§3.27.5) requires it, and a ruleIndex would repeat it (GitHub's own
//     example warns that the two can disagree). A result gives its level
//     only when it differs from its rule's.
//   - a result: a short message, the file and the line. The message does not
//     repeat what the location says (the file, the locale when the path
//     names it) and quotes the offending text only when the message does
//     not already, its first words up to sarifQuote bytes. On a source line,
//     the findings of several editions alike but for their locale are one
//     result naming the editions.
//   - every location keeps its artifactLocation.uri: code scanning requires
//     it (an index into run.artifacts is not enough).
//   - no partialFingerprints: code scanning only uses
//     primaryLocationLineHash, which github/codeql-action/upload-sarif
//     computes from the annotated file (and warns about when a tool's value
//     differs); locpipe's own fingerprint is in the JSON report, where
//     baselines read it.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifText    `json:"shortDescription"`
	Help                 sarifText    `json:"help"`
	DefaultConfiguration *sarifConfig `json:"defaultConfiguration,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	Level     string          `json:"level,omitempty"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

const sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

// sarifQuote bounds the offending text a SARIF message quotes: the first
// words, enough to find the sentence on the line (the alert shows the line
// itself), short enough for an alert's title.
const sarifQuote = 40

// sarifDefaultLevel is the level SARIF implies when a rule gives none.
const sarifDefaultLevel = "warning"

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

// sarifBody is a result's text but for the editions it concerns: what is
// wrong, the locale when neither the path nor the message names it, and
// the offending text when the message does not quote it.
func sarifBody(f Finding, file string, toSource bool) string {
	msg := strings.Join(strings.Fields(f.Message), " ")
	if seg := strings.Join(strings.Fields(f.Segment), " "); seg != "" && !strings.Contains(msg, seg) {
		msg += ": " + clipWords(seg, sarifQuote)
	}
	if !toSource && f.Locale != "" && !pathNames(file, f.Locale) && !strings.Contains(msg, f.Locale) {
		return "[" + f.Locale + "] " + msg
	}
	return msg
}

// sarifEdition names the edition of a finding shown on its source: its
// locale, and its line when that is not the source's.
func sarifEdition(f Finding) string {
	if f.Line > 0 && f.Line != f.SourceLine {
		return f.Locale + " (line " + strconv.Itoa(f.Line) + ")"
	}
	return f.Locale
}

// sarifMessage is a result's text: the editions it concerns, when it is
// shown on their source, then body.
func sarifMessage(editions []string, body string) string {
	switch len(editions) {
	case 0:
		return body
	case 1:
		return editions[0] + " edition: " + body
	}
	return strings.Join(editions, ", ") + " editions: " + body
}

// pathNames reports whether one of p's directories or its base name
// without extension is elem.
func pathNames(p, elem string) bool {
	parts := strings.Split(filepath.ToSlash(p), "/")
	last := len(parts) - 1
	parts[last] = strings.TrimSuffix(parts[last], filepath.Ext(parts[last]))
	for _, s := range parts {
		if strings.EqualFold(s, elem) {
			return true
		}
	}
	return false
}

// clipWords shortens s to at most n bytes like clip, at a word boundary
// when one falls in the second half.
func clipWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	if sp := strings.LastIndexByte(s[:cut+1], ' '); sp > n/2 {
		return s[:sp] + "…"
	}
	return clip(s, n)
}

func writeSARIF(w io.Writer, rep *Report, opts WriteOptions) error {
	run := sarifRun{Tool: sarifTool{Driver: sarifDriver{
		Name: "locpipe", Version: opts.Version, InformationURI: "https://github.com/locpipe/locpipe",
		Rules: []sarifRule{},
	}}, Results: make([]sarifResult, 0, len(rep.Findings))}
	defaults := map[string]string{} // rule id → its level in the run, once listed
	seen := map[string]int{}        // result key → index in Results
	var editions [][]string         // per result, the editions it names
	var bodies []string             // per result, its text but for those
	for _, f := range rep.Findings {
		if _, listed := defaults[f.Rule]; !listed {
			rule, known := RuleByID(f.Rule)
			if !known {
				rule = Rule{ID: f.Rule, Severity: f.Severity, Summary: f.Rule, Help: f.Rule}
			}
			sev := rule.Severity
			if opts.Severities != nil {
				if s := opts.Severities.Of(rule.ID); s != Off {
					sev = s
				}
			}
			r := sarifRule{ID: rule.ID, ShortDescription: sarifText{rule.Summary}, Help: sarifText{rule.Help}}
			defaults[rule.ID] = sarifLevel(sev)
			if lv := defaults[rule.ID]; lv != sarifDefaultLevel {
				r.DefaultConfiguration = &sarifConfig{Level: lv}
			}
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, r)
		}
		file, line, toSource := opts.target(f)
		body := sarifBody(f, file, toSource)
		level := ""
		if lv := sarifLevel(f.Severity); lv != defaults[f.Rule] {
			level = lv
		}
		// Findings of several editions on one source line, alike but for
		// their locale, are one result naming the editions (code scanning
		// would merge them anyway: one rule, one line, one fingerprint).
		key := fmt.Sprintf("%s\x00%d\x00%s\x00%s\x00%s", file, line, f.Rule, level, body)
		if i, ok := seen[key]; ok {
			if toSource {
				editions[i] = append(editions[i], sarifEdition(f))
			}
			continue
		}
		seen[key] = len(run.Results)
		var eds []string
		if toSource {
			eds = []string{sarifEdition(f)}
		}
		editions = append(editions, eds)
		bodies = append(bodies, body)
		res := sarifResult{
			RuleID: f.Rule, Level: level,
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifactLocation{URI: sarifURI(file)},
			}}},
		}
		if line > 0 {
			res.Locations[0].PhysicalLocation.Region = &sarifRegion{StartLine: line}
		}
		run.Results = append(run.Results, res)
	}
	for i := range run.Results {
		run.Results[i].Message = sarifText{sarifMessage(editions[i], bodies[i])}
	}
	// Written whole, so that a failure leaves no partial log; without
	// HTML escaping (\u003c for <), which JSON does not need.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(sarifLog{Schema: sarifSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}}); err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}
