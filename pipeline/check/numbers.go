package check

import (
	"regexp"
	"strings"
)

// numberRE finds a number: digits with the separators locales use inside
// numbers (. , no-break spaces, the Swiss apostrophe). A plain space is not
// one: "in 2022 5 people" holds two numbers.
var numberRE = regexp.MustCompile(`\d(?:[\d.,\x{00A0}\x{202F}\x{2009}'’]*\d)?`)

// number is one number of a text with the values it may stand for.
type number struct {
	text   string
	values []string // canonical readings: "1200", "3.5"
}

// numbers extracts the numbers of s (URLs excluded).
func numbers(s string) []number {
	s = stripURLs(stripMarks(s))
	var out []number
	for _, m := range numberRE.FindAllString(s, -1) {
		out = append(out, number{text: m, values: readings(m)})
	}
	return out
}

// readings returns the canonical values a number token can mean in some
// locale: with '.' as the decimal mark, with ',' as the decimal mark, or as
// a whole number grouped by thousands. A reading whose group separators do
// not stand before exactly three digits is not one.
func readings(tok string) []string {
	var out []string
	add := func(v string, ok bool) {
		if !ok {
			return
		}
		for _, o := range out {
			if o == v {
				return
			}
		}
		out = append(out, v)
	}
	add(reading(tok, '.'))
	add(reading(tok, ','))
	add(reading(tok, 0))
	if len(out) == 0 {
		// No locale reads it: compare its digits.
		out = append(out, strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, tok))
	}
	return out
}

// reading reads tok with dec as its decimal mark (0: none).
func reading(tok string, dec rune) (string, bool) {
	var intPart, frac strings.Builder
	seenDec := false
	group := -1 // digits since the last group separator, -1 before any
	for _, r := range tok {
		switch {
		case r >= '0' && r <= '9':
			if seenDec {
				frac.WriteRune(r)
			} else {
				intPart.WriteRune(r)
				if group >= 0 {
					group++
				}
			}
		case r == dec && !seenDec:
			if group >= 0 && group != 3 {
				return "", false
			}
			seenDec = true
		default: // a group separator
			if seenDec || (group >= 0 && group != 3) {
				return "", false
			}
			group = 0
		}
	}
	if group >= 0 && group != 3 {
		return "", false
	}
	in := strings.TrimLeft(intPart.String(), "0")
	if in == "" {
		in = "0"
	}
	fr := strings.TrimRight(frac.String(), "0")
	if fr != "" {
		return in + "." + fr, true
	}
	return in, true
}

// matches reports whether two numbers can be the same value.
func (a number) matches(b number) bool {
	for _, x := range a.values {
		for _, y := range b.values {
			if x == y {
				return true
			}
		}
	}
	return false
}

// diffNumbers returns the numbers of src with no match in ed (missing) and
// those of ed with no match in src (extra), pairing them greedily.
func diffNumbers(src, ed []number) (missing, extra []string) {
	used := make([]bool, len(ed))
	for _, s := range src {
		found := false
		for j, e := range ed {
			if !used[j] && s.matches(e) {
				used[j] = true
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, s.text)
		}
	}
	for j, e := range ed {
		if !used[j] {
			extra = append(extra, e.text)
		}
	}
	return missing, extra
}
