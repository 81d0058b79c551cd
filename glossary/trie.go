package glossary

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"math/bits"
	"slices"
	"unicode/utf8"
)

// termTrie is the matcher's automaton: a trie of the folded terms, walked
// from every place in the folded text where a term may begin. A term that
// begins with a word rune can only match at a word boundary (Find checks
// it on the original text), so walks start only after a rune that is no
// word rune in the folded text — a superset of the places Find keeps —
// and, for the few terms that begin with another rune, at every byte that
// can begin one. Each distinct folded form is one path, shared by every
// pattern that folds to it.
//
// The states are flat slices: a dense table of 256 transitions for the
// root and for every state with many children, sorted labels for the
// others, and for each state the patterns that end there.
type termTrie struct {
	// Transitions of state s: labels[first[s]:first[s+1]] and the states
	// they lead to in next; or, when dense[s] >= 0, tables[dense[s]].
	first  []int32
	labels []byte
	next   []int32
	dense  []int32
	tables [][256]int32 // 0: no transition (no transition leads to the root)
	// Patterns ending at state s: outs[outFirst[s]:outFirst[s+1]].
	outFirst []int32
	outs     []int32
	// otherStart marks the bytes that begin a term that does not begin
	// with a word rune: walks start there wherever they stand.
	otherStart [256]bool
	anyOther   bool
	// triples marks the first three bytes of every term by a hash of
	// 18 bits (a shorter term marks every triple it begins): a walk starts
	// only where they stand.
	triples   [1 << 18 / 64]uint64
	asciiWord [128]bool           // ASCII bytes that are word runes
	wordRune2 *[0x800 / 64]uint64 // two-byte runes that are word runes
}

// denseFanout is the number of children from which a state gets a table.
const denseFanout = 12

// buildTrie builds the trie of keys (folded terms, none empty); keys[i] is
// reported as pattern i. wordStart[i] tells whether key i begins with a
// word rune.
func buildTrie(keys [][]byte, wordStart []bool) *termTrie {
	order := make([]int32, len(keys))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Or(bytes.Compare(keys[a], keys[b]), cmp.Compare(a, b)) })

	t := &termTrie{wordRune2: wordRunes2()}
	for c := range 128 {
		t.asciiWord[c] = isWordRune(rune(c))
	}
	type edge struct {
		from, to int32
		label    byte
	}
	var edges []edge
	var path []int32 // states along the previous key
	path = append(path, 0)
	nStates := int32(1)
	type outPair struct{ state, pat int32 }
	outPairs := make([]outPair, 0, len(keys))
	var prev []byte
	for _, id := range order {
		k := keys[id]
		if !wordStart[id] {
			t.otherStart[k[0]] = true
			t.anyOther = true
		}
		switch len(k) {
		case 1:
			for c := range 256 {
				for d := range 256 {
					t.setTriple(k[0], byte(c), byte(d))
				}
			}
		case 2:
			for d := range 256 {
				t.setTriple(k[0], k[1], byte(d))
			}
		default:
			t.setTriple(k[0], k[1], k[2])
		}
		l := 0
		for l < len(k) && l < len(prev) && k[l] == prev[l] {
			l++
		}
		path = path[:l+1]
		for d := l; d < len(k); d++ {
			s := nStates
			nStates++
			edges = append(edges, edge{from: path[d], to: s, label: k[d]})
			path = append(path, s)
		}
		outPairs = append(outPairs, outPair{path[len(k)], id})
		prev = k
	}
	// Edges come parent by parent in DFS order, each parent's in label
	// order: a stable counting sort by parent gives the flat table.
	t.first = make([]int32, nStates+1)
	for _, e := range edges {
		t.first[e.from+1]++
	}
	for s := int32(0); s < nStates; s++ {
		t.first[s+1] += t.first[s]
	}
	t.labels = make([]byte, len(edges))
	t.next = make([]int32, len(edges))
	fill := slices.Clone(t.first[:nStates])
	for _, e := range edges {
		i := fill[e.from]
		fill[e.from]++
		t.labels[i], t.next[i] = e.label, e.to
	}
	t.dense = make([]int32, nStates)
	for s := int32(0); s < nStates; s++ {
		t.dense[s] = -1
		if s == 0 || t.first[s+1]-t.first[s] >= denseFanout {
			t.dense[s] = int32(len(t.tables))
			var tab [256]int32
			for i := t.first[s]; i < t.first[s+1]; i++ {
				tab[t.labels[i]] = t.next[i]
			}
			t.tables = append(t.tables, tab)
		}
	}
	t.outFirst = make([]int32, nStates+1)
	for _, o := range outPairs {
		t.outFirst[o.state+1]++
	}
	for s := int32(0); s < nStates; s++ {
		t.outFirst[s+1] += t.outFirst[s]
	}
	t.outs = make([]int32, len(outPairs))
	fill = slices.Clone(t.outFirst[:nStates])
	for _, o := range outPairs { // in key order, then pattern order: stable
		t.outs[fill[o.state]] = o.pat
		fill[o.state]++
	}
	return t
}

// step returns the state after s on byte c, or 0 when there is none.
func (t *termTrie) step(s int32, c byte) int32 {
	if d := t.dense[s]; d >= 0 {
		return t.tables[d][c]
	}
	lo, hi := t.first[s], t.first[s+1]
	labels := t.labels[lo:hi] // fewer than denseFanout
	for i, l := range labels {
		if l == c {
			return t.next[lo+int32(i)]
		}
	}
	return 0
}

// walk reports every term that begins at hay[i].
func (t *termTrie) walk(hay []byte, i int, fn func(id, start, end int)) {
	s := t.tables[0][hay[i]]
	for j := i; s != 0; {
		if a, b := t.outFirst[s], t.outFirst[s+1]; a != b {
			for _, id := range t.outs[a:b] {
				fn(int(id), i, j+1)
			}
		}
		j++
		if j >= len(hay) {
			return
		}
		s = t.step(s, hay[j])
	}
}

// tripleBit hashes three bytes into the bits of triples.
func tripleBit(a, b, c byte) uint {
	return (uint(a)*0x9E37 ^ uint(b)*0x85EB ^ uint(c)*0xC2B3) >> 3 & (1<<18 - 1)
}

func (t *termTrie) setTriple(a, b, c byte) {
	p := tripleBit(a, b, c)
	t.triples[p/64] |= 1 << (p % 64)
}

// mayBegin reports whether a term may begin at hay[i]: its first three
// bytes (by their hash) begin one.
func (t *termTrie) mayBegin(hay []byte, i int) bool {
	if i+2 >= len(hay) {
		return t.tables[0][hay[i]] != 0
	}
	p := tripleBit(hay[i], hay[i+1], hay[i+2])
	return t.triples[p>>6&(1<<12-1)]&(1<<(p&63)) != 0
}

// findAll reports every occurrence, in the folded text hay, of every term
// that begins where a term may begin (see termTrie).
func (t *termTrie) findAll(hay []byte, fn func(id, start, end int)) {
	prevWord := false
	for i := 0; i < len(hay); {
		// Eight ASCII bytes at a time: the word bytes as a mask, the
		// word starts as the bytes that follow none.
		for i+8 <= len(hay) {
			w := binary.LittleEndian.Uint64(hay[i:])
			const lo, hi, low7 = 0x0101010101010101, 0x8080808080808080, 0x7F7F7F7F7F7F7F7F
			if w&hi != 0 {
				break
			}
			in := func(a, b uint64) uint64 {
				return (w + (0x80-a)*lo) &^ (w + (0x7F-b)*lo) & hi
			}
			// Folded text has no ASCII capitals: the word bytes are 0-9,
			// _ and a-z, the range from _ to z but for the backtick.
			u := w ^ ('`' * lo)
			word := in('0', '9') | in('_', 'z')&(((u&low7)+low7)|u)
			starts := word &^ (word<<8 | b2u(prevWord)<<7)
			for starts != 0 {
				k := i + bits.TrailingZeros64(starts)/8
				if t.mayBegin(hay, k) {
					t.walk(hay, k, fn)
				}
				starts &= starts - 1
			}
			prevWord = word>>63 != 0
			i += 8
		}
		if i >= len(hay) {
			break
		}
		c := hay[i]
		var word bool
		size := 1
		if c < utf8.RuneSelf {
			word = t.asciiWord[c]
		} else if c >= 0xC2 && c < 0xE0 && i+1 < len(hay) {
			r := rune(c&0x1F)<<6 | rune(hay[i+1]&0x3F)
			word = t.wordRune2[r/64]&(1<<(r%64)) != 0
			size = 2
		} else {
			var r rune
			r, size = utf8.DecodeRune(hay[i:])
			word = isWordRune(r)
		}
		if word && !prevWord && t.mayBegin(hay, i) {
			t.walk(hay, i, fn)
		}
		prevWord = word
		i += size
	}
	if t.anyOther {
		t.findOthers(hay, fn)
	}
}

// findOthers reports the terms that begin with no word rune, wherever they
// begin but at a word start (findAll walked there).
func (t *termTrie) findOthers(hay []byte, fn func(id, start, end int)) {
	for c := range 256 {
		if !t.otherStart[c] {
			continue
		}
		for i := 0; i < len(hay); {
			j := bytes.IndexByte(hay[i:], byte(c))
			if j < 0 {
				break
			}
			i += j
			if !t.wordStartAt(hay, i) && t.mayBegin(hay, i) {
				t.walk(hay, i, fn)
			}
			i++
		}
	}
}

// wordStartAt reports whether a word rune begins at hay[i] after none.
func (t *termTrie) wordStartAt(hay []byte, i int) bool {
	if hay[i]&0xC0 == 0x80 {
		return false // inside a rune
	}
	r, _ := utf8.DecodeRune(hay[i:])
	if !isWordRune(r) {
		return false
	}
	if i == 0 {
		return true
	}
	p, _ := utf8.DecodeLastRune(hay[:i])
	return !isWordRune(p)
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// wordRunes2 returns the bitmap of the two-byte runes (U+0080–U+07FF) that
// are word runes.
func wordRunes2() *[0x800 / 64]uint64 {
	var m [0x800 / 64]uint64
	for r := rune(0x80); r < 0x800; r++ {
		if isWordRune(r) {
			m[r/64] |= 1 << (r % 64)
		}
	}
	return &m
}
