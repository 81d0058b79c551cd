package segment

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// SRX is a parsed SRX 2.0 (or 1.0) document: named sets of break and
// no-break rules, and the map that picks the sets for a language. It is
// immutable and safe for concurrent use.
type SRX struct {
	name    string
	sum     string // sha256 of the document, hex
	cascade bool
	sets    map[string][]srxRule
	maps    []srxMap
}

type srxMap struct {
	pattern *regexp.Regexp
	set     string
}

// SRXMode says how a segmenter combines SRX rules with its built-in rules.
type SRXMode uint8

const (
	// SRXOver tries the SRX rules first wherever they apply (at a stop,
	// and wherever a break rule matches) and leaves every other decision
	// to the built-in rules.
	SRXOver SRXMode = iota
	// SRXReplace segments with the SRX rules alone, as an SRX engine
	// (Okapi, OmegaT) does.
	SRXReplace
)

// ParseSRXMode reads "over" or "replace".
func ParseSRXMode(s string) (SRXMode, error) {
	switch s {
	case "", "over":
		return SRXOver, nil
	case "replace":
		return SRXReplace, nil
	}
	return 0, fmt.Errorf("segment: SRX mode %q: want over or replace", s)
}

func (m SRXMode) String() string {
	if m == SRXReplace {
		return "replace"
	}
	return "over"
}

// maxSRXBytes bounds an SRX file.
const maxSRXBytes = 16 << 20

// LoadSRX reads and parses the SRX file at path.
func LoadSRX(path string) (*SRX, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("segment: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSRXBytes+1))
	if err != nil {
		return nil, fmt.Errorf("segment: %s: %w", path, err)
	}
	if len(data) > maxSRXBytes {
		return nil, &RuleError{File: path, Msg: fmt.Sprintf("larger than %d bytes", maxSRXBytes)}
	}
	return ParseSRX(path, data)
}

// ParseSRX parses an SRX document; name is used in errors, which are
// *RuleError values with the line of the culprit. Patterns are Java
// regular expressions: those Go's regexp reads differently (lookaround,
// possessive quantifiers, class intersection…) are refused.
func ParseSRX(name string, data []byte) (*SRX, error) {
	sum := sha256.Sum256(data)
	x := &SRX{name: name, sum: hex.EncodeToString(sum[:]), cascade: true, sets: map[string][]srxRule{}}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	// line counts the newlines up to the decoder's offset, incrementally.
	lineAt, lineOff := 1, 0
	line := func() int {
		off := int(dec.InputOffset())
		if off > len(data) {
			off = len(data)
		}
		if off > lineOff {
			lineAt += bytes.Count(data[lineOff:off], []byte("\n"))
			lineOff = off
		}
		return lineAt
	}
	fail := func(l int, format string, args ...any) error {
		return &RuleError{File: name, Line: l, Msg: fmt.Sprintf(format, args...)}
	}
	var (
		stack             []string
		set               string
		inRule            bool
		ruleBrk           bool
		ruleLine          int
		before, after     strings.Builder
		hasBefore, hasAft bool
		text              *strings.Builder
		sawRoot           bool
		mapLines          = map[string]int{}
	)
	for {
		l := line()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, fail(se.Line, "bad XML: %s", se.Msg)
			}
			return nil, fail(l, "bad XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			el := t.Name.Local
			attr := func(k string) (string, bool) {
				for _, a := range t.Attr {
					if a.Name.Local == k && a.Name.Space == "" {
						return a.Value, true
					}
				}
				return "", false
			}
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			stack = append(stack, el)
			if len(stack) > 64 {
				return nil, fail(l, "elements nested too deep")
			}
			switch {
			case len(stack) == 1:
				if el != "srx" {
					return nil, fail(l, "root element is <%s>, want <srx>", el)
				}
				sawRoot = true
				if v, _ := attr("version"); v != "2.0" && v != "1.0" {
					return nil, fail(l, "SRX version %q: want 2.0 (or 1.0)", v)
				}
			case el == "header" && parent == "srx":
				if v, ok := attr("cascade"); ok {
					switch v {
					case "yes":
					case "no":
						x.cascade = false
					default:
						return nil, fail(l, "cascade=%q: want yes or no", v)
					}
				}
			case el == "languagerule" && parent == "languagerules":
				v, ok := attr("languagerulename")
				if !ok || v == "" {
					return nil, fail(l, "<languagerule> without languagerulename")
				}
				if _, dup := x.sets[v]; dup {
					return nil, fail(l, "languagerule %q defined twice", v)
				}
				set = v
				x.sets[v] = nil
			case el == "rule" && parent == "languagerule":
				inRule, ruleLine, ruleBrk = true, l, true
				before.Reset()
				after.Reset()
				hasBefore, hasAft = false, false
				if v, ok := attr("break"); ok {
					switch v {
					case "yes":
					case "no":
						ruleBrk = false
					default:
						return nil, fail(l, "break=%q: want yes or no", v)
					}
				}
			case el == "beforebreak" && inRule:
				text, hasBefore = &before, true
			case el == "afterbreak" && inRule:
				text, hasAft = &after, true
			case el == "languagemap" && parent == "maprules":
				pat, _ := attr("languagepattern")
				rn, ok := attr("languagerulename")
				if !ok {
					return nil, fail(l, "<languagemap> without languagerulename")
				}
				re2, err := javaToRE2(pat)
				if err == nil {
					var re *regexp.Regexp
					if re, err = regexp.Compile(`(?i)\A(?:` + re2 + `)\z`); err == nil {
						x.maps = append(x.maps, srxMap{pattern: re, set: rn})
						if _, seen := mapLines[rn]; !seen {
							mapLines[rn] = l
						}
						break
					}
				}
				return nil, fail(l, "languagepattern: %v", err)
			}
		case xml.CharData:
			if text != nil {
				text.Write(t)
			}
		case xml.EndElement:
			el := t.Name.Local
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			switch el {
			case "beforebreak", "afterbreak":
				text = nil
			case "rule":
				if !inRule {
					break
				}
				inRule = false
				if !hasBefore && !hasAft {
					return nil, &RuleError{File: name, Line: ruleLine, Msg: "bad rule", Err: errNoPattern}
				}
				r, err := compileRule(ruleBrk, before.String(), after.String(), ruleLine)
				if err != nil {
					return nil, &RuleError{File: name, Line: ruleLine, Msg: "bad rule", Err: err}
				}
				x.sets[set] = append(x.sets[set], r)
			case "languagerule":
				set = ""
			}
		}
	}
	if !sawRoot {
		return nil, fail(1, "no <srx> element")
	}
	for rn, l := range mapLines {
		if _, ok := x.sets[rn]; !ok {
			return nil, fail(l, "languagemap names languagerule %q, which is not defined", rn)
		}
	}
	return x, nil
}

// Fingerprint is the SHA-256 (hex) of the SRX document's bytes: two files
// with the same fingerprint segment alike.
func (x *SRX) Fingerprint() string { return x.sum }

// Name is the file name the SRX document was read from (as given to
// ParseSRX or LoadSRX).
func (x *SRX) Name() string { return x.name }

// RuleSets returns the names of the rule sets that apply to lang, in the
// order they are tried: every matching map entry when the file cascades,
// the first one otherwise.
func (x *SRX) RuleSets(lang language.Tag) []string {
	code := lang.String()
	var out []string
	for _, m := range x.maps {
		if m.pattern.MatchString(code) || m.pattern.MatchString(strings.ReplaceAll(code, "-", "_")) {
			if !slices.Contains(out, m.set) {
				out = append(out, m.set)
			}
			if !x.cascade {
				break
			}
		}
	}
	return out
}

func (x *SRX) rulesFor(lang language.Tag) []srxRule {
	var out []srxRule
	for _, s := range x.RuleSets(lang) {
		out = append(out, x.sets[s]...)
	}
	return out
}

// WithSRX returns a segmenter that applies the SRX rules x maps to the
// segmenter's language, over its built-in rules or instead of them. The
// spans keep the contract of Split.
func (s *Segmenter) WithSRX(x *SRX, mode SRXMode) *Segmenter {
	out := *s
	out.user = x.rulesFor(s.lang)
	out.mode = mode
	out.srxName = x.name
	return &out
}

// gapDecision returns the SRX decision for the white space between e and k
// (e == k when there is none): the decision of the first position in it,
// in text order, where a rule matches. Every position of a gap stands for
// the same break, since spans never start or end with white space.
func gapDecision(rules []srxRule, text string, e, k int, scratch *[]byte) (brk, ok bool) {
	for p := e; ; {
		if brk, ok := decideAt(rules, text, p, scratch); ok {
			return brk, true
		}
		if p >= k {
			return false, false
		}
		_, size := utf8.DecodeRuneInString(text[p:])
		p += size
	}
}

// srxBreaks splits spans where the SRX break rules say so: it finds the
// positions where a break rule matches and breaks at those whose gap
// decision is a break and that lie inside a span.
func srxBreaks(rules []srxRule, text string, spans []Span, scratch *[]byte) []Span {
	var pos []int
	for i := range rules {
		r := &rules[i]
		if !r.brk {
			continue
		}
		for _, m := range r.find.FindAllStringIndex(text, -1) {
			p := m[1]
			if r.before == nil {
				p = m[0]
			}
			pos = append(pos, p)
		}
	}
	if len(pos) == 0 {
		return spans
	}
	slices.Sort(pos)
	pos = slices.Compact(pos)
	out := make([]Span, 0, len(spans)+len(pos))
	j := 0
	lastGap := -1
	for _, sp := range spans {
		start := sp.Start
		for j < len(pos) && pos[j] < sp.End {
			p := pos[j]
			j++
			e, k := trimRight(text, p), skipSpace(text, p)
			if e <= start || k >= sp.End || e == lastGap {
				continue
			}
			if brk, ok := gapDecision(rules, text, e, k, scratch); !ok || !brk {
				lastGap = e
				continue
			}
			lastGap = e
			out = append(out, Span{Start: start, End: e})
			start = k
		}
		out = append(out, Span{Start: start, End: sp.End})
	}
	return out
}
