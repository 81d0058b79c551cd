package check

import (
	"github.com/locpipe/locpipe/pipeline/format"
)

// pairing is one step of an alignment: a source unit, an edition unit, or
// both (-1 for none).
type pairing struct{ src, ed int }

// maxAlignCells bounds the dynamic-programming table; larger documents
// whose unit counts differ are aligned in order, kind by kind.
const maxAlignCells = 4 << 20

// align pairs the units of a source and its edition by their place in the
// skeleton. Editions made by locpipe have the same units as their source,
// which pair one to one; editions written by people may add or drop a
// paragraph, so units are then aligned by an edit-distance alignment that
// pairs only units of the same kind, preferring those with the same number
// of inline codes and the same numbers.
func align(src, ed []format.Unit) []pairing {
	if len(src) == len(ed) && sameKinds(src, ed) {
		out := make([]pairing, len(src))
		for i := range src {
			out[i] = pairing{i, i}
		}
		return out
	}
	n, m := len(src), len(ed)
	if n*m > maxAlignCells || n == 0 || m == 0 {
		return alignInOrder(src, ed)
	}
	// score[i][j]: best score aligning src[i:] with ed[j:].
	score := make([][]int32, n+1)
	for i := range score {
		score[i] = make([]int32, m+1)
	}
	sig := func(u *format.Unit) (int, string) {
		ns := numbers(u.Text)
		s := ""
		for _, x := range ns {
			s += x.values[0] + " "
		}
		return len(u.Codes), s
	}
	srcSig := make([]struct {
		codes int
		nums  string
	}, n)
	for i := range src {
		srcSig[i].codes, srcSig[i].nums = sig(&src[i])
	}
	edSig := make([]struct {
		codes int
		nums  string
	}, m)
	for j := range ed {
		edSig[j].codes, edSig[j].nums = sig(&ed[j])
	}
	sim := func(i, j int) int32 {
		if src[i].Kind != ed[j].Kind {
			return -1
		}
		s := int32(2)
		if srcSig[i].codes == edSig[j].codes {
			s++
		}
		if srcSig[i].nums == edSig[j].nums {
			s++
		}
		return s
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			best := max(score[i+1][j], score[i][j+1])
			if s := sim(i, j); s > 0 {
				best = max(best, score[i+1][j+1]+s)
			}
			score[i][j] = best
		}
	}
	var out []pairing
	i, j := 0, 0
	for i < n && j < m {
		if s := sim(i, j); s > 0 && score[i][j] == score[i+1][j+1]+s {
			out = append(out, pairing{i, j})
			i++
			j++
		} else if score[i][j] == score[i+1][j] {
			out = append(out, pairing{i, -1})
			i++
		} else {
			out = append(out, pairing{-1, j})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, pairing{i, -1})
	}
	for ; j < m; j++ {
		out = append(out, pairing{-1, j})
	}
	return out
}

func sameKinds(a, b []format.Unit) bool {
	for i := range a {
		if a[i].Kind != b[i].Kind {
			return false
		}
	}
	return true
}

// alignInOrder pairs the units of each kind in order: cheap, for very large
// documents.
func alignInOrder(src, ed []format.Unit) []pairing {
	next := map[string][]int{}
	for j := range ed {
		next[ed[j].Kind] = append(next[ed[j].Kind], j)
	}
	used := make([]bool, len(ed))
	var out []pairing
	for i := range src {
		q := next[src[i].Kind]
		if len(q) == 0 {
			out = append(out, pairing{i, -1})
			continue
		}
		out = append(out, pairing{i, q[0]})
		used[q[0]] = true
		next[src[i].Kind] = q[1:]
	}
	for j := range ed {
		if !used[j] {
			out = append(out, pairing{-1, j})
		}
	}
	return out
}
