package xliff

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/locpipe/locpipe/pipeline/format"
)

// Inline codes of a format.Unit map to XLIFF inline elements: code N is
// id "cN" with its markup in originalData as "dN". A standalone code is a
// <ph>; a paired code whose two ends are in one segment, properly nested,
// is a <pc> around its content; otherwise its ends are an <sc>/<ec> pair
// (isolated="yes" when the other end is not in the unit).

func codeID(n int) string { return "c" + strconv.Itoa(n) }
func dataID(n int) string { return "d" + strconv.Itoa(n) }

// DataID is the id of the originalData entry of a unit's n-th inline code
// ("d3"), as ContentsFromTexts refers to it.
func DataID(n int) string { return dataID(n) }

// ErrUnknownCode is wrapped when a target holds an inline element that
// does not stand for one of the unit's codes.
var ErrUnknownCode = errors.New("xliff: inline code not in the source document")

// token is a piece of a segment's text: text, or code id.
type token struct {
	text string
	code int // -1 for text
	seg  int
	pc   bool // an open matched by its close in the same segment (or that close)
	iso  bool // sc/ec whose other end is not in the unit, in order
}

// ContentsFromTexts converts the texts of one side of a unit (one text per
// segment or ignorable, with format code runes) into XLIFF content. A code
// that appears twice is kept once.
func ContentsFromTexts(texts []string, codes []format.Code) []Content {
	var toks []token
	seen := map[int]bool{}
	for si, t := range texts {
		start := 0
		for i, r := range t {
			id, ok := format.IsCodeRune(r)
			if !ok {
				continue
			}
			if i > start {
				toks = append(toks, token{text: t[start:i], code: -1, seg: si})
			}
			start = i + len(string(r))
			if id >= len(codes) || seen[id] {
				continue // unknown or duplicated by an engine: dropped
			}
			seen[id] = true
			toks = append(toks, token{code: id, seg: si})
		}
		if start < len(t) {
			toks = append(toks, token{text: t[start:], code: -1, seg: si})
		}
	}
	// Paired codes within one segment, properly nested: <pc>.
	var stack []int
	for i := range toks {
		if i > 0 && toks[i].seg != toks[i-1].seg {
			stack = stack[:0]
		}
		c := toks[i].code
		if c < 0 {
			continue
		}
		switch codes[c].Kind {
		case format.Open:
			stack = append(stack, i)
		case format.Close:
			if k := len(stack); k > 0 && toks[stack[k-1]].code == codes[c].Pair {
				toks[stack[k-1]].pc, toks[i].pc = true, true
				stack = stack[:k-1]
			}
		}
	}
	// The others: an sc needs its ec later in the unit, an ec its sc earlier.
	opened := map[int]bool{}
	for i := range toks {
		c := toks[i].code
		if c < 0 || toks[i].pc {
			continue
		}
		switch codes[c].Kind {
		case format.Open:
			later := false
			for j := i + 1; j < len(toks); j++ {
				if toks[j].code == codes[c].Pair && !toks[j].pc {
					later = true
					break
				}
			}
			toks[i].iso = !later
			opened[c] = later
		case format.Close:
			toks[i].iso = !opened[codes[c].Pair]
		}
	}
	out := make([]Content, len(texts))
	type frame struct {
		c    Content
		open int
	}
	for si := range texts {
		stack := []frame{{open: -1}}
		for _, tk := range toks {
			if tk.seg != si {
				continue
			}
			top := &stack[len(stack)-1]
			if tk.code < 0 {
				top.c = append(top.c, Inline{Kind: Text, Text: tk.text})
				continue
			}
			cd := codes[tk.code]
			switch {
			case cd.Kind == format.Standalone:
				top.c = append(top.c, Inline{Kind: Ph, ID: codeID(tk.code), DataRef: dataID(tk.code)})
			case tk.pc && cd.Kind == format.Open:
				stack = append(stack, frame{open: tk.code})
			case tk.pc && cd.Kind == format.Close:
				f := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				parent := &stack[len(stack)-1]
				parent.c = append(parent.c, Inline{Kind: Pc, ID: codeID(f.open), DataRef: dataID(f.open), DataRefEnd: dataID(tk.code), Kids: f.c})
			case cd.Kind == format.Open:
				top.c = append(top.c, Inline{Kind: Sc, ID: codeID(tk.code), DataRef: dataID(tk.code), Isolated: tk.iso})
			default: // Close
				if tk.iso {
					top.c = append(top.c, Inline{Kind: Ec, ID: codeID(tk.code), DataRef: dataID(tk.code), Isolated: true})
				} else {
					top.c = append(top.c, Inline{Kind: Ec, StartRef: codeID(cd.Pair), DataRef: dataID(tk.code)})
				}
			}
		}
		out[si] = stack[0].c
	}
	return out
}

// TextFromContent converts XLIFF content back into text with format code
// runes. Annotations (mrk, sm, em) keep their text and lose their markers.
func TextFromContent(c Content, codes []format.Code) (string, error) {
	var b strings.Builder
	code := func(id string) (int, error) {
		n, err := strconv.Atoi(strings.TrimPrefix(id, "c"))
		if !strings.HasPrefix(id, "c") || err != nil || n < 0 || n >= len(codes) {
			return 0, fmt.Errorf("%w: id %q", ErrUnknownCode, id)
		}
		return n, nil
	}
	var walk func(Content) error
	walk = func(c Content) error {
		for _, in := range c {
			switch in.Kind {
			case Text:
				b.WriteString(in.Text)
			case Ph, Sc:
				n, err := code(in.ID)
				if err != nil {
					return err
				}
				b.WriteRune(format.CodeRune(n))
			case Ec:
				if in.Isolated {
					n, err := code(in.ID)
					if err != nil {
						return err
					}
					b.WriteRune(format.CodeRune(n))
					continue
				}
				n, err := code(in.StartRef)
				if err != nil {
					return err
				}
				if codes[n].Pair < 0 {
					return fmt.Errorf("%w: <ec startRef=%q> for a code that has no end", ErrUnknownCode, in.StartRef)
				}
				b.WriteRune(format.CodeRune(codes[n].Pair))
			case Pc:
				n, err := code(in.ID)
				if err != nil {
					return err
				}
				if codes[n].Pair < 0 {
					return fmt.Errorf("%w: <pc id=%q> for a code that has no end", ErrUnknownCode, in.ID)
				}
				b.WriteRune(format.CodeRune(n))
				if err := walk(in.Kids); err != nil {
					return err
				}
				b.WriteRune(format.CodeRune(codes[n].Pair))
			case Mrk:
				if err := walk(in.Kids); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk(c); err != nil {
		return "", err
	}
	return b.String(), nil
}

// CodeMismatch compares the inline codes of a segment's source and of a
// reviewer's target (texts with format code runes) and describes what the
// target lost, added or repeated, naming each code by its markup; "" when
// the target holds each code of the source exactly once (in any order).
// Import refuses such a target for its segment: putting lost codes back
// would mean guessing where (at the ends of the sentence, around all of
// it), which changes the markup the reviewer saw.
func CodeMismatch(source, target string, codes []format.Code) string {
	count := func(s string) map[int]int {
		m := map[int]int{}
		for _, r := range s {
			if id, ok := format.IsCodeRune(r); ok {
				m[id]++
			}
		}
		return m
	}
	src, tgt := count(source), count(target)
	name := func(id int) string {
		if id >= 0 && id < len(codes) && codes[id].Data != "" {
			return strconv.Quote(codes[id].Data)
		}
		return "#" + strconv.Itoa(id)
	}
	var lost, added, repeated []string
	ids := map[int]bool{}
	for id := range src {
		ids[id] = true
	}
	for id := range tgt {
		ids[id] = true
	}
	sorted := make([]int, 0, len(ids))
	for id := range ids {
		sorted = append(sorted, id)
	}
	sort.Ints(sorted)
	for _, id := range sorted {
		switch s, t := src[id], tgt[id]; {
		case t == 0:
			lost = append(lost, name(id))
		case s == 0:
			added = append(added, name(id))
		case t > s:
			repeated = append(repeated, name(id))
		}
	}
	var parts []string
	if len(lost) > 0 {
		parts = append(parts, "loses the inline code"+plural(lost)+" "+strings.Join(lost, ", "))
	}
	if len(added) > 0 {
		parts = append(parts, "adds the inline code"+plural(added)+" "+strings.Join(added, ", ")+" that the source segment does not have")
	}
	if len(repeated) > 0 {
		parts = append(parts, "repeats the inline code"+plural(repeated)+" "+strings.Join(repeated, ", "))
	}
	if len(parts) == 0 {
		return ""
	}
	return "target " + strings.Join(parts, "; ")
}

func plural(s []string) string {
	if len(s) > 1 {
		return "s"
	}
	return ""
}
