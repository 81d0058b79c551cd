package format

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// RepairCodes returns text, a translation of u.Text, with every inline code
// of u present exactly once and in a valid nesting, plus one human-readable
// warning for each repair it made.
//
// Markers of codes the unit does not have are removed; a code written twice
// keeps its first occurrence; a paired code whose partner is missing, comes
// first, or crosses another pair loses both halves, which are then put back
// around the text like every code the translation lost: opening codes at the
// start and closing codes at the end (so the pair wraps the text and nests
// validly), standalone codes at the end. A valid translation comes back
// unchanged with no warnings.
func (u *Unit) RepairCodes(text string) (string, []string) {
	var warns []string
	warn := func(format string, args ...any) {
		warns = append(warns, fmt.Sprintf("unit %s line %d: ", u.ID, u.Line)+fmt.Sprintf(format, args...))
	}
	n := len(u.Codes)
	if n == 0 && !hasCodeRune(text) {
		return text, nil
	}

	// Pass 1: the markers as they stand, without unknown ids and repeats.
	type mark struct {
		id       int
		from, to int // byte range of the marker in text
	}
	var marks []mark
	seen := make([]bool, n)
	var drop []mark // markers to cut out of the text
	for i, r := range text {
		id, ok := IsCodeRune(r)
		if !ok {
			continue
		}
		m := mark{id, i, i + utf8.RuneLen(r)}
		switch {
		case id >= n:
			warn("unknown inline code U+%04X removed", r)
			drop = append(drop, m)
		case seen[id]:
			warn("inline code %s duplicated by the engine; extra copy removed", codeLabel(u.Codes[id]))
			drop = append(drop, m)
		default:
			seen[id] = true
			marks = append(marks, m)
		}
	}

	// Pass 2: keep a pair only when it closes the innermost open pair.
	kept := make([]bool, n)
	present := make([]bool, n)
	var stack []int
	for _, m := range marks {
		c := u.Codes[m.id]
		present[m.id] = true
		switch {
		case c.Kind == Open && validPair(u, m.id):
			stack = append(stack, m.id)
		case c.Kind == Close && validPair(u, m.id):
			if len(stack) > 0 && stack[len(stack)-1] == c.Pair {
				stack = stack[:len(stack)-1]
				kept[m.id], kept[c.Pair] = true, true
				continue
			}
			// A crossing or early close: its opener (if open) is dropped too.
			for j := len(stack) - 1; j >= 0; j-- {
				if stack[j] == c.Pair {
					stack = append(stack[:j], stack[j+1:]...)
					break
				}
			}
		default: // standalone, or a pair the unit itself records badly
			kept[m.id] = true
		}
	}
	for _, m := range marks {
		if !kept[m.id] {
			drop = append(drop, m)
		}
	}

	// Rebuild: text without dropped markers, missing codes at the ends.
	var b strings.Builder
	var head, tail []int
	for id := 0; id < n; id++ {
		if kept[id] {
			continue
		}
		c := u.Codes[id]
		how := "lost by the engine"
		if present[id] {
			how = "out of order in the translation"
		}
		switch {
		case c.Kind == Open && validPair(u, id):
			head = append(head, id)
			warn("inline code %s %s; placed at the start", codeLabel(c), how)
		case c.Kind == Close && validPair(u, id):
			tail = append(tail, id) // reversed below to nest inside-out
			warn("inline code %s %s; placed at the end", codeLabel(c), how)
		default:
			tail = append(tail, id)
			warn("inline code %s %s; placed at the end", codeLabel(c), how)
		}
	}
	if len(warns) == 0 {
		return text, nil
	}
	for _, id := range head {
		b.WriteRune(CodeRune(id))
	}
	dropped := map[int]bool{}
	for _, m := range drop {
		dropped[m.from] = true
	}
	for i, r := range text {
		if dropped[i] {
			continue
		}
		b.WriteRune(r)
	}
	// Closing codes go in the reverse order of their openers in head, so
	// head[0] … head[k] text close(head[k]) … close(head[0]) nests.
	var closes, singles []int
	for _, id := range tail {
		if u.Codes[id].Kind == Close && validPair(u, id) {
			closes = append(closes, id)
		} else {
			singles = append(singles, id)
		}
	}
	for _, id := range singles {
		b.WriteRune(CodeRune(id))
	}
	for i := len(head) - 1; i >= 0; i-- {
		for _, id := range closes {
			if u.Codes[id].Pair == head[i] {
				b.WriteRune(CodeRune(id))
			}
		}
	}
	return b.String(), warns
}

// validPair reports whether code id is one half of a well-formed pair.
func validPair(u *Unit, id int) bool {
	c := u.Codes[id]
	if c.Pair < 0 || c.Pair >= len(u.Codes) || c.Pair == id {
		return false
	}
	p := u.Codes[c.Pair]
	if p.Pair != id {
		return false
	}
	return (c.Kind == Open && p.Kind == Close) || (c.Kind == Close && p.Kind == Open)
}

func hasCodeRune(s string) bool {
	for _, r := range s {
		if _, ok := IsCodeRune(r); ok {
			return true
		}
	}
	return false
}

// codeLabel shortens a code's markup for a warning.
func codeLabel(c Code) string {
	d := strings.Join(strings.Fields(c.Data), " ")
	if utf8.RuneCountInString(d) > 40 {
		r := []rune(d)
		d = string(r[:39]) + "…"
	}
	if d == "" {
		d = fmt.Sprintf("#%d", c.ID)
	}
	return d
}
