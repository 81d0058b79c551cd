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
	if len(u.Codes) == 0 && !hasCodeRune(text) {
		return text, nil
	}
	r := &repair{u: u, text: text, n: len(u.Codes)}
	r.scan()
	r.nest()
	r.place()
	if len(r.warns) == 0 {
		return text, nil
	}
	return r.rebuild(), r.warns
}

// repair is the state of one RepairCodes call; its methods are the passes.
type repair struct {
	u     *Unit
	text  string
	n     int
	warns []string

	marks         []mark // the markers of known codes, first occurrences, in order
	drop          []mark // markers to cut out of the text
	kept, present []bool // by code id: kept where it stands; in the text at all
	head, closes  []int  // codes put back at the start, and closing codes at the end
	singles       []int  // standalone codes put back at the end
}

// mark is one code marker in the translation.
type mark struct {
	id       int
	from, to int // byte range of the marker in text
}

func (r *repair) warn(format string, args ...any) {
	r.warns = append(r.warns, fmt.Sprintf("unit %s line %d: ", r.u.ID, r.u.Line)+fmt.Sprintf(format, args...))
}

// scan takes the markers as they stand, without unknown ids and repeats.
func (r *repair) scan() {
	seen := make([]bool, r.n)
	for i, c := range r.text {
		id, ok := IsCodeRune(c)
		if !ok {
			continue
		}
		m := mark{id, i, i + utf8.RuneLen(c)}
		switch {
		case id >= r.n:
			r.warn("unknown inline code U+%04X removed", c)
			r.drop = append(r.drop, m)
		case seen[id]:
			r.warn("inline code %s duplicated by the engine; extra copy removed", codeLabel(r.u.Codes[id]))
			r.drop = append(r.drop, m)
		default:
			seen[id] = true
			r.marks = append(r.marks, m)
		}
	}
}

// nest keeps a pair only when it closes the innermost open pair.
func (r *repair) nest() {
	u := r.u
	r.kept, r.present = make([]bool, r.n), make([]bool, r.n)
	var stack []int
	for _, m := range r.marks {
		c := u.Codes[m.id]
		r.present[m.id] = true
		switch {
		case c.Kind == Open && validPair(u, m.id):
			stack = append(stack, m.id)
		case c.Kind == Close && validPair(u, m.id):
			if len(stack) > 0 && stack[len(stack)-1] == c.Pair {
				stack = stack[:len(stack)-1]
				r.kept[m.id], r.kept[c.Pair] = true, true
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
			r.kept[m.id] = true
		}
	}
	for _, m := range r.marks {
		if !r.kept[m.id] {
			r.drop = append(r.drop, m)
		}
	}
}

// place decides where each code not kept goes: opening codes at the start,
// closing and standalone codes at the end.
func (r *repair) place() {
	u := r.u
	for id := 0; id < r.n; id++ {
		if r.kept[id] {
			continue
		}
		c := u.Codes[id]
		how := "lost by the engine"
		if r.present[id] {
			how = "out of order in the translation"
		}
		switch {
		case c.Kind == Open && validPair(u, id):
			r.head = append(r.head, id)
			r.warn("inline code %s %s; placed at the start", codeLabel(c), how)
		case c.Kind == Close && validPair(u, id):
			r.closes = append(r.closes, id)
			r.warn("inline code %s %s; placed at the end", codeLabel(c), how)
		default:
			r.singles = append(r.singles, id)
			r.warn("inline code %s %s; placed at the end", codeLabel(c), how)
		}
	}
}

// rebuild writes the text without the dropped markers and with the codes
// placed at its ends. Closing codes go in the reverse order of their
// openers in head, so head[0] … head[k] text close(head[k]) … close(head[0])
// nests.
func (r *repair) rebuild() string {
	var b strings.Builder
	for _, id := range r.head {
		b.WriteRune(CodeRune(id))
	}
	dropped := make(map[int]bool, len(r.drop))
	for _, m := range r.drop {
		dropped[m.from] = true
	}
	for i, c := range r.text {
		if !dropped[i] {
			b.WriteRune(c)
		}
	}
	for _, id := range r.singles {
		b.WriteRune(CodeRune(id))
	}
	closeOf := make(map[int]int, len(r.closes)) // opener → its closing code
	for _, id := range r.closes {
		closeOf[r.u.Codes[id].Pair] = id
	}
	for i := len(r.head) - 1; i >= 0; i-- {
		if id, ok := closeOf[r.head[i]]; ok {
			b.WriteRune(CodeRune(id))
		}
	}
	return b.String()
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
