package check

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
)

// SARIF 2.1.0, written directly: only what code scanning reads, nothing
// empty (a library writing every default made 62 KB of 40 results), on
// one line. A result leaves out its level when it is its rule's default.

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
	ID                   string      `json:"id"`
	ShortDescription     sarifText   `json:"shortDescription"`
	Help                 sarifText   `json:"help"`
	DefaultConfiguration sarifConfig `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Level   string `json:"level"`
	Enabled *bool  `json:"enabled,omitempty"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	Level               string            `json:"level,omitempty"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
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
	run := sarifRun{Tool: sarifTool{Driver: sarifDriver{
		Name: "locpipe", Version: opts.Version, InformationURI: "https://github.com/locpipe/locpipe",
	}}, Results: []sarifResult{}}
	defaults := map[string]string{}
	for _, rule := range Rules() {
		sev := rule.Severity
		if opts.Severities != nil {
			sev = opts.Severities.Of(rule.ID)
		}
		conf := sarifConfig{Level: sarifLevel(sev)}
		if sev == Off {
			f := false
			conf = sarifConfig{Level: sarifLevel(rule.Severity), Enabled: &f}
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID: rule.ID, ShortDescription: sarifText{rule.Summary}, Help: sarifText{rule.Help}, DefaultConfiguration: conf,
		})
		defaults[rule.ID] = conf.Level
	}
	for _, f := range rep.Findings {
		file, line, note := opts.place(f)
		uri := sarifURI(file)
		msg := note + f.Message
		if f.Segment != "" {
			msg += ": " + f.Segment
		}
		if note == "" && f.Locale != "" && !strings.Contains(msg, f.Locale) {
			msg = "[" + f.Locale + "] " + msg
		}
		res := sarifResult{
			RuleID: f.Rule, Message: sarifText{msg},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifactLocation{URI: uri},
			}}},
			PartialFingerprints: map[string]string{"locpipeFingerprint/v1": f.Fingerprint},
		}
		if lv := sarifLevel(f.Severity); lv != defaults[f.Rule] {
			res.Level = lv
		}
		if line > 0 {
			res.Locations[0].PhysicalLocation.Region = &sarifRegion{StartLine: line}
		}
		run.Results = append(run.Results, res)
	}
	data, err := json.Marshal(sarifLog{Schema: sarifSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}})
	if err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
