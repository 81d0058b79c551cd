package glossary

import (
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// Occurrence is one place in a file where the glossary changes a name, or
// keeps it because of an exception (Kept).
type Occurrence struct {
	Concept string `json:"concept"` // "" when no concept of either glossary covers it
	Old     string `json:"old"`
	New     string `json:"new"`
	OldLine int    `json:"old_line"`
	Line    int    `json:"line"` // in the text after
	Kept    bool   `json:"kept,omitempty"`
}

// DiffOp is one piece of a diff row: Occurrence indexes FileDiff.Occurrences
// for changed and kept pieces, -1 for equal text.
type DiffOp struct {
	WordOp
	Occurrence int
}

// DiffRow is one line the glossary changes (or keeps by an exception), with
// its word-level pieces. OldLine and NewLine are the line numbers before and
// after; a row may span several lines when a change adds or removes a line
// break.
type DiffRow struct {
	OldLine, NewLine int
	Ops              []DiffOp
}

// FileDiff is what a glossary (or a change of glossary) does to one file.
type FileDiff struct {
	Name        string
	Rows        []DiffRow
	Occurrences []Occurrence
}

// Changes returns the number of occurrences that change (kept ones left out).
func (f FileDiff) Changes() int {
	n := 0
	for _, o := range f.Occurrences {
		if !o.Kept {
			n++
		}
	}
	return n
}

// Comparer builds FileDiffs for one language: New is the glossary that
// wrote the text after, Old (nil when the text before is the source) the one
// that wrote the text before. Changes are put down to the concept of New,
// then of Old, whose term covers them.
type Comparer struct {
	Lang     language.Tag
	New, Old *Glossary
}

type matchCursor struct {
	ms []Match
	i  int
}

// at returns the match overlapping [start, end), positions only growing
// between calls, or nil.
func (c *matchCursor) at(start, end int) *Match {
	for c.i < len(c.ms) && c.ms[c.i].End <= start {
		c.i++
	}
	if c.i < len(c.ms) && c.ms[c.i].Start < end {
		return &c.ms[c.i]
	}
	return nil
}

func (c Comparer) find(g *Glossary, text string) *matchCursor {
	if g == nil {
		return &matchCursor{}
	}
	return &matchCursor{ms: g.Matcher(c.Lang).Find(text)}
}

// File compares before and after, the whole text of the file name.
func (c Comparer) File(name, before, after string) FileDiff {
	fd := FileDiff{Name: name}
	ops := DiffWords(before, after)
	newBefore, newAfter := c.find(c.New, before), c.find(c.New, after)
	oldBefore, oldAfter := c.find(c.Old, before), c.find(c.Old, after)
	var kept []Match
	if c.New != nil {
		kept = c.New.Matcher(c.Lang).Exceptions(after)
	}
	ki := 0

	pa, pb := 0, 0 // byte positions in before and after
	la, lb := 1, 1 // line numbers
	row := DiffRow{OldLine: 1, NewLine: 1}
	interesting := false
	cur := -1       // the occurrence being built
	pendingWS := "" // white space between two changed pieces
	keptOcc := map[int]int{}
	flush := func() {
		if interesting {
			fd.Rows = append(fd.Rows, row)
		}
		row = DiffRow{OldLine: la, NewLine: lb}
		interesting = false
	}
	addOp := func(k OpKind, text string, occ int) {
		if text == "" {
			return
		}
		if n := len(row.Ops); n > 0 && row.Ops[n-1].Kind == k && row.Ops[n-1].Occurrence == occ {
			row.Ops[n-1].Text += text
			return
		}
		row.Ops = append(row.Ops, DiffOp{WordOp{k, text}, occ})
		if k != Equal {
			interesting = true
		}
	}
	// equal emits text present in both, split at line ends (rows) and at
	// kept exceptions; pb is its position in after.
	equal := func(text string) {
		for text != "" {
			for ki < len(kept) && kept[ki].End <= pb {
				ki++
			}
			n := len(text)
			kind, occ := Equal, -1
			if ki < len(kept) && kept[ki].Start <= pb {
				n = min(n, kept[ki].End-pb)
				kind = Kept
				o, ok := keptOcc[ki]
				if !ok {
					k := kept[ki]
					o = len(fd.Occurrences)
					keptOcc[ki] = o
					fd.Occurrences = append(fd.Occurrences, Occurrence{Concept: k.Concept.ID, Old: after[k.Start:k.End], New: after[k.Start:k.End], OldLine: la, Line: lb, Kept: true})
				}
				occ = o
			} else if ki < len(kept) {
				n = min(n, kept[ki].Start-pb)
			}
			if nl := strings.IndexByte(text[:n], '\n'); nl >= 0 {
				n = nl + 1
			}
			addOp(kind, text[:n], occ)
			pa += n
			pb += n
			if text[n-1] == '\n' {
				la++
				lb++
				flush()
			}
			text = text[n:]
		}
	}
	concept := func(k OpKind, text string) string {
		var m *Match
		if k == Delete {
			if m = newBefore.at(pa, pa+len(text)); m == nil {
				m = oldBefore.at(pa, pa+len(text))
			}
		} else {
			if m = newAfter.at(pb, pb+len(text)); m == nil {
				m = oldAfter.at(pb, pb+len(text))
			}
		}
		if m == nil {
			return ""
		}
		return m.Concept.ID
	}
	for _, op := range ops {
		switch op.Kind {
		case Equal:
			if cur >= 0 && strings.TrimSpace(op.Text) == "" && !strings.Contains(op.Text, "\n") {
				pendingWS = op.Text
				continue
			}
			if pendingWS != "" {
				equal(pendingWS)
				pendingWS = ""
			}
			cur = -1
			equal(op.Text)
		case Delete, Insert:
			ws := pendingWS
			if ws != "" {
				equal(ws)
				pendingWS = ""
			}
			id := concept(op.Kind, op.Text)
			if ws != "" {
				// "Krivoy Rog" → "Kryvyi Rih" is one occurrence.
				if cur >= 0 && id != "" && id == fd.Occurrences[cur].Concept {
					fd.Occurrences[cur].Old += ws
					fd.Occurrences[cur].New += ws
				} else {
					cur = -1
				}
			}
			if cur < 0 {
				cur = len(fd.Occurrences)
				fd.Occurrences = append(fd.Occurrences, Occurrence{Concept: id, OldLine: la, Line: lb})
			}
			o := &fd.Occurrences[cur]
			if o.Concept == "" {
				o.Concept = id
			}
			addOp(op.Kind, op.Text, cur)
			if op.Kind == Delete {
				o.Old += op.Text
				pa += len(op.Text)
				la += strings.Count(op.Text, "\n")
			} else {
				o.New += op.Text
				pb += len(op.Text)
				lb += strings.Count(op.Text, "\n")
			}
		}
	}
	if pendingWS != "" {
		equal(pendingWS)
	}
	flush()
	return fd
}

// ConceptSummary is what a diff does to one concept across files.
type ConceptSummary struct {
	Concept string   `json:"concept"` // "" for changes no concept covers
	From    []string `json:"from"`    // the spellings replaced, most frequent first
	To      []string `json:"to"`      // the spellings written
	Changes int      `json:"changes"`
	Files   int      `json:"files"`
	Kept    int      `json:"kept"`
	// Refs are the occurrences, as file index and occurrence index.
	Refs [][2]int `json:"-"`
}

// Summarize sums the occurrences of files per concept, most changes first.
func Summarize(files []FileDiff) []ConceptSummary {
	type acc struct {
		s          ConceptSummary
		from, to   map[string]int
		files      map[int]bool
		firstOrder int
	}
	by := map[string]*acc{}
	var order []string
	for fi, f := range files {
		for oi, o := range f.Occurrences {
			a := by[o.Concept]
			if a == nil {
				a = &acc{s: ConceptSummary{Concept: o.Concept}, from: map[string]int{}, to: map[string]int{}, files: map[int]bool{}, firstOrder: len(order)}
				by[o.Concept] = a
				order = append(order, o.Concept)
			}
			a.s.Refs = append(a.s.Refs, [2]int{fi, oi})
			if o.Kept {
				a.s.Kept++
				continue
			}
			a.s.Changes++
			a.files[fi] = true
			a.from[strings.TrimSpace(o.Old)]++
			a.to[strings.TrimSpace(o.New)]++
		}
	}
	out := make([]ConceptSummary, 0, len(order))
	for _, id := range order {
		a := by[id]
		a.s.Files = len(a.files)
		a.s.From = byCount(a.from)
		a.s.To = byCount(a.to)
		out = append(out, a.s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Changes > out[j].Changes })
	return out
}

func byCount(m map[string]int) []string {
	var out []string
	for k := range m {
		if k != "" {
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if m[out[i]] != m[out[j]] {
			return m[out[i]] > m[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}
