package check

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/locpipe/locpipe/internal/secret"
)

// Finding is one problem found in an edition. Its JSON form is part of the
// `check --format json` contract.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	// File is the edition (or, for missing-edition, the source) as a path
	// under the current directory; Line is 1-based, 0 for the whole file.
	File   string `json:"file"`
	Line   int    `json:"line"`
	Locale string `json:"locale"`
	// Segment is the offending text (a sentence, a term, a number), at most
	// MaxSegment bytes; "" for findings about the whole file.
	Segment string `json:"segment"`
	Message string `json:"message"`
	// Source and SourceLine locate the matching source text: every
	// finding about text has both (findings about a whole file have no
	// line).
	Source     string `json:"source,omitempty"`
	SourceLine int    `json:"source_line,omitempty"`
	// SegmentID is the id of the source segment concerned, as the manifest
	// and XLIFF write it ("u3.2"): for a finding about a whole paragraph,
	// its first segment. "" for findings about a whole file.
	SegmentID string `json:"segment_id,omitempty"`
	// Fingerprint identifies the finding across runs whatever its line: a
	// hash of rule, file, locale and segment. Baselines match on it.
	Fingerprint string `json:"fingerprint"`
}

// MaxSegment bounds Finding.Segment.
const MaxSegment = 200

// Summary counts a report's findings.
type Summary struct {
	Files     int            `json:"files"`    // source files checked
	Editions  int            `json:"editions"` // editions checked
	Findings  int            `json:"findings"`
	Errors    int            `json:"errors"`
	Warnings  int            `json:"warnings"`
	Notes     int            `json:"notes"`
	Baselined int            `json:"baselined"` // findings the baseline ignored
	ByRule    map[string]int `json:"by_rule"`
}

// Report is the result of a check. Its JSON form is the `check --format
// json` contract: {"findings":[…],"summary":{…}}.
type Report struct {
	Findings []Finding `json:"findings"`
	Summary  Summary   `json:"summary"`
	// Checked lists the editions checked (for reports that show clean
	// editions as passing tests); not part of the JSON contract.
	Checked []Checked `json:"-"`
}

// Checked is one edition a check read.
type Checked struct {
	File   string // the edition
	Source string // its source
	Locale string
}

// Max returns the highest severity among the findings (Off when none).
func (r *Report) Max() Severity {
	m := Off
	for _, f := range r.Findings {
		m = max(m, f.Severity)
	}
	return m
}

// Failed reports whether a finding of at least severity failOn remains.
func (r *Report) Failed(failOn Severity) bool {
	if failOn == Off {
		failOn = Error
	}
	return r.Max() >= failOn
}

// finish sorts the findings, fills fingerprints and counts the summary.
func (r *Report) finish() {
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	sort.Slice(r.Checked, func(i, j int) bool { return r.Checked[i].File < r.Checked[j].File })
	for i := range r.Findings {
		f := &r.Findings[i]
		// A URL in the text may carry a password: never in a report.
		f.Segment = clip(secret.Text(f.Segment), MaxSegment)
		f.Message = secret.Text(f.Message)
		if f.Fingerprint == "" {
			f.Fingerprint = fingerprint(f)
		}
	}
	sort.SliceStable(r.Findings, func(i, j int) bool {
		a, b := r.Findings[i], r.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Rule != b.Rule {
			return ruleOrder(a.Rule) < ruleOrder(b.Rule)
		}
		if a.Locale != b.Locale {
			return a.Locale < b.Locale
		}
		return a.Message < b.Message
	})
	r.count()
}

func (r *Report) count() {
	s := &r.Summary
	s.Findings, s.Errors, s.Warnings, s.Notes = len(r.Findings), 0, 0, 0
	s.ByRule = map[string]int{}
	for _, f := range r.Findings {
		s.ByRule[f.Rule]++
		switch f.Severity {
		case Error:
			s.Errors++
		case Warning:
			s.Warnings++
		case Note:
			s.Notes++
		}
	}
}

func ruleOrder(id string) int {
	for i, r := range Rules() {
		if r.ID == id {
			return i
		}
	}
	return len(Rules())
}

func fingerprint(f *Finding) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s", f.Rule, f.File, f.Locale, strings.Join(strings.Fields(f.Segment), " "))
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// clip shortens s to at most n bytes on a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// Baseline is a set of known findings to ignore, read from an earlier
// `check --format json` report.
type Baseline struct {
	counts map[string]int // fingerprint → occurrences still to ignore
}

// ErrBadBaseline is wrapped when a baseline file cannot be read as a report.
var ErrBadBaseline = errors.New("check: invalid baseline")

// LoadBaseline reads a JSON report written by `check --format json`.
func LoadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, ErrBadBaseline, err)
	}
	b := &Baseline{counts: map[string]int{}}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Rule == "" {
			return nil, fmt.Errorf("%s: %w: finding %d has no rule", path, ErrBadBaseline, i+1)
		}
		if f.Fingerprint == "" {
			f.Fingerprint = fingerprint(f)
		}
		b.counts[f.Fingerprint]++
	}
	return b, nil
}

// Apply removes from r the findings the baseline knows, each baseline
// entry ignoring one occurrence, and counts them in the summary.
func (b *Baseline) Apply(r *Report) {
	if b == nil {
		return
	}
	left := map[string]int{}
	for k, v := range b.counts {
		left[k] = v
	}
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		if left[f.Fingerprint] > 0 {
			left[f.Fingerprint]--
			r.Summary.Baselined++
			continue
		}
		kept = append(kept, f)
	}
	r.Findings = kept
	r.count()
}
