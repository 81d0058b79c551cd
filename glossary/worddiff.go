package glossary

import (
	"strings"
	"unicode/utf8"

	"github.com/aymanbagabas/go-udiff/lcs"
)

// OpKind says what a piece of a word-level diff is.
type OpKind int

// Kinds of diff pieces.
const (
	Equal  OpKind = iota // in both texts
	Delete               // only in the text before
	Insert               // only in the text after
	Kept                 // in both texts: an exception phrase that keeps a term as written
)

func (k OpKind) String() string {
	switch k {
	case Delete:
		return "delete"
	case Insert:
		return "insert"
	case Kept:
		return "kept"
	}
	return "equal"
}

// WordOp is one piece of a word-level diff.
type WordOp struct {
	Kind OpKind
	Text string
}

// wordTokens splits s into words (runs of letters, digits and marks, the
// Ukrainian apostrophe included), runs of white space, and single other
// runes, so that a diff never cuts a word.
func wordTokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		switch {
		case isWordRune(r):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r2) {
					break
				}
				j += n2
			}
		case r == ' ' || r == '\t':
			for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
				j++
			}
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

// DiffWords returns the word-level differences from before to after, in
// order: equal, deleted and inserted runs (a deletion before the insertion
// that replaces it). Concatenating the Equal and Delete texts gives before;
// Equal and Insert give after.
func DiffWords(before, after string) []WordOp {
	if before == after {
		if before == "" {
			return nil
		}
		return []WordOp{{Equal, before}}
	}
	a, b := wordTokens(before), wordTokens(after)
	var ops []WordOp
	add := func(k OpKind, toks []string) {
		if len(toks) == 0 {
			return
		}
		s := strings.Join(toks, "")
		if n := len(ops); n > 0 && ops[n-1].Kind == k {
			ops[n-1].Text += s
			return
		}
		ops = append(ops, WordOp{k, s})
	}
	ai := 0
	for _, d := range lcs.DiffLines(a, b) {
		add(Equal, a[ai:d.Start])
		add(Delete, a[d.Start:d.End])
		add(Insert, b[d.ReplStart:d.ReplEnd])
		ai = d.End
	}
	add(Equal, a[ai:])
	return ops
}
