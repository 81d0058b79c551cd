package check

import (
	"regexp"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// numberRE finds a number: digits with the separators locales use inside
// numbers (. , spaces, no-break spaces, the Swiss apostrophe). A plain
// space groups thousands only where it is followed by exactly three digits
// (see splitSpaces): "in 2022 5 people" holds two numbers, "1 200" one.
var numberRE = regexp.MustCompile(`\d(?:[\d.,\x{00A0}\x{202F}\x{2009}'’ ]*\d)?`)

// number is one number of a text with the values it may stand for.
type number struct {
	text   string
	values []string // canonical readings: "1200", "3.5"
}

// numbers extracts the numbers of s (URLs excluded), read with the given
// decimal marks. A token no locale reads as one number (a date such as
// 03.04.2022) counts as the numbers between its separators.
func numbers(s string, marks ...rune) []number {
	s = stripURLs(stripMarks(s))
	if len(marks) == 0 {
		marks = []rune{'.', ','}
	}
	var out []number
	for _, m := range numberRE.FindAllString(s, -1) {
		for _, tok := range splitSpaces(m) {
			if len(readings(tok, anyMark)) > 0 {
				// One number in some locale; its values are those of the
				// given marks (perhaps none: it then matches only a number
				// written the same way).
				out = append(out, number{text: tok, values: readings(tok, marks)})
				continue
			}
			for _, part := range strings.FieldsFunc(tok, func(r rune) bool { return r < '0' || r > '9' }) {
				out = append(out, number{text: part, values: readings(part, marks)})
			}
		}
	}
	return out
}

var anyMark = []rune{'.', ','}

// decimalMark returns the decimal mark of a language ('.' or ','), from
// CLDR's number formats as x/text prints them.
func decimalMark(t language.Tag) rune {
	s := message.NewPrinter(t).Sprintf("%.1f", 1.5)
	if strings.ContainsRune(s, ',') || strings.ContainsRune(s, '٫') {
		return ','
	}
	return '.'
}

// splitSpaces splits a token at its plain spaces unless they all group
// thousands: every part after the first starts with exactly three digits
// and the first ends with one to three.
func splitSpaces(tok string) []string {
	if !strings.Contains(tok, " ") {
		return []string{tok}
	}
	parts := strings.Split(tok, " ")
	ok := true
	for i, p := range parts {
		if p == "" {
			ok = false
			break
		}
		if i == 0 {
			ok = ok && trailingDigits(p) >= 1 && trailingDigits(p) <= 3
		} else {
			ok = ok && leadingDigits(p) == 3
		}
	}
	if ok {
		return []string{tok}
	}
	var out []string
	for _, p := range parts {
		p = strings.TrimFunc(p, func(r rune) bool { return r < '0' || r > '9' })
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

func trailingDigits(s string) int {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] >= '0' && s[i] <= '9'; i-- {
		n++
	}
	return n
}

func leadingDigits(s string) int {
	n := 0
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n++
	}
	return n
}

// readings returns the canonical values a number token can mean with one of
// the decimal marks, or as a whole number grouped by thousands. A reading whose group separators do
// not stand before exactly three digits is not one.
func readings(tok string, marks []rune) []string {
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
	for _, m := range marks {
		add(reading(tok, m))
	}
	add(reading(tok, 0))
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
	if a.text == b.text {
		return true
	}
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
	done := make([]bool, len(src))
	// Numbers copied as they stand pair first, so that an ambiguous one
	// does not take another's partner.
	for i, s := range src {
		for j, e := range ed {
			if !used[j] && s.text == e.text {
				used[j], done[i] = true, true
				break
			}
		}
	}
	for i, s := range src {
		if done[i] {
			continue
		}
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
