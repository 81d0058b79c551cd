package check

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Severity says how much a finding matters. The zero value, Off, disables a
// rule.
type Severity int

// Severities, from none to the most severe.
const (
	Off Severity = iota
	Note
	Warning
	Error
)

var severityNames = [...]string{Off: "off", Note: "note", Warning: "warning", Error: "error"}

func (s Severity) String() string {
	if s < Off || s > Error {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ErrBadSeverity is wrapped when a severity name is not one of off, note,
// warning, error.
var ErrBadSeverity = errors.New("check: unknown severity")

// ParseSeverity reads "off", "note", "warning" or "error" ("info" is a
// synonym of note, "warn" of warning).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "off", "none", "false":
		return Off, nil
	case "note", "info", "notice":
		return Note, nil
	case "warning", "warn":
		return Warning, nil
	case "error", "err":
		return Error, nil
	}
	return Off, fmt.Errorf("%w %q (want off, note, warning or error)", ErrBadSeverity, s)
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Rule ids. They are part of the output contract: CI configurations and
// baselines refer to them.
const (
	RuleUntranslated       = "untranslated"
	RuleGlossaryDeprecated = "glossary-deprecated"
	RuleGlossaryMissing    = "glossary-missing"
	RulePlaceholder        = "placeholder"
	RuleNumbers            = "numbers"
	RuleUnknownWords       = "unknown-words"
	RuleMissingEdition     = "missing-edition"
	RuleStaleEdition       = "stale-edition"
	RuleEmpty              = "empty"
	RuleParse              = "parse"
	RuleVerbatim           = "verbatim"
)

// Rule describes one check.
type Rule struct {
	ID       string
	Severity Severity // the default severity
	Summary  string   // one line: what the rule finds
	Help     string   // what the editor should do about it
}

// Rules lists every rule with its default severity, in report order.
//
// Errors fail a CI run by default: text left in the source language, a
// deprecated name, a broken inline code, a missing or stale edition, an
// empty or unreadable one. Warnings are what a careful editor reviews but a
// human translation may do on purpose: an admitted term instead of the
// preferred one, numbers written another way, words the engine did not know.
func Rules() []Rule {
	return []Rule{
		{RuleUntranslated, Error, "A segment is identical to its source or still in the source language.",
			"Translate the segment; names, numbers, URLs and code alone are never reported."},
		{RuleGlossaryDeprecated, Error, "A deprecated term, or a term of the source language, stands in the edition.",
			"Replace it with the glossary's preferred term for the edition's language."},
		{RuleGlossaryMissing, Warning, "The source names a glossary concept but the edition lacks the preferred term.",
			"Use the preferred term of the edition's language for the concept."},
		{RulePlaceholder, Error, "Inline codes or protected terms were lost, doubled, leaked or nested wrongly.",
			"Restore the markup of the source paragraph: every link, emphasis and code exactly once, properly nested."},
		{RuleVerbatim, Error, "A URL, domain, e-mail address, handle, hashtag, path or code token of the source is not verbatim in the edition.",
			"Write it exactly as the source does: translate never sends these to an engine, so an edit changed it."},
		{RuleNumbers, Warning, "The numbers of the edition differ from those of the source.",
			"Check every figure against the source; locale formats (3.5 / 3,5, 1,200 / 1 200) are accepted."},
		{RuleUnknownWords, Warning, "The engine marked words it did not know.",
			"Review the words: add names to the glossary or translate them by hand."},
		{RuleMissingEdition, Error, "An expected edition does not exist.",
			"Run locpipe translate for the locale, or remove the locale from --to."},
		{RuleStaleEdition, Error, "The source or the glossary changed since the edition was written.",
			"Run locpipe translate again (unchanged editions are skipped), or review the edition by hand."},
		{RuleEmpty, Error, "The edition, or a paragraph of it, is empty where the source has text.",
			"Translate the missing text."},
		{RuleParse, Error, "The edition cannot be read as its format.",
			"Fix the edition's encoding or markup so that it parses like its source."},
	}
}

// RuleByID returns the rule with id.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules() {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Severities maps rule ids to the severity in force.
type Severities map[string]Severity

// DefaultSeverities returns every rule at its default severity.
func DefaultSeverities() Severities {
	s := Severities{}
	for _, r := range Rules() {
		s[r.ID] = r.Severity
	}
	return s
}

// Of returns the severity of rule id (Off for an unknown id).
func (s Severities) Of(id string) Severity { return s[id] }

// ErrBadRules is wrapped by ParseRules errors.
var ErrBadRules = errors.New("check: invalid --rules")

// ParseRules applies a rules spec to base (which it does not change) and
// returns the result. The spec is a comma-separated list of id=severity,
// where severity is off, note, warning, error or on (the rule's default);
// a bare id means id=on, and "all" stands for every rule:
//
//	untranslated=off,numbers=error
//	all=off,untranslated,glossary-deprecated
func ParseRules(base Severities, spec string) (Severities, error) {
	out := Severities{}
	for k, v := range base {
		out[k] = v
	}
	if base == nil {
		out = DefaultSeverities()
	}
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		id, val, hasVal := strings.Cut(item, "=")
		id = strings.TrimSpace(id)
		val = strings.TrimSpace(val)
		if !hasVal {
			val = "on"
		}
		var ids []string
		if id == "all" {
			for _, r := range Rules() {
				ids = append(ids, r.ID)
			}
		} else if _, ok := RuleByID(id); ok {
			ids = []string{id}
		} else {
			return nil, fmt.Errorf("%w: unknown rule %q (known: %s)", ErrBadRules, id, strings.Join(ruleIDs(), ", "))
		}
		for _, id := range ids {
			if strings.EqualFold(val, "on") {
				r, _ := RuleByID(id)
				out[id] = r.Severity
				continue
			}
			sev, err := ParseSeverity(val)
			if err != nil {
				return nil, fmt.Errorf("%w: %s: %w", ErrBadRules, item, err)
			}
			out[id] = sev
		}
	}
	return out, nil
}

func ruleIDs() []string {
	var ids []string
	for _, r := range Rules() {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	return ids
}
