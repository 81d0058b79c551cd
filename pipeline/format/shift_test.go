package format

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
)

// shiftSpacesBySwaps is what shiftSpaces must equal: neighbours swapped
// left to right until nothing changes (quadratic on long runs).
func shiftSpacesBySwaps(text string, side func(rune) int) string {
	r := []rune(text)
	changed := true
	for pass := 0; changed && pass < len(r); pass++ {
		changed = false
		for i := 0; i+1 < len(r); i++ {
			if side(r[i]) == 1 && unicode.IsSpace(r[i+1]) || unicode.IsSpace(r[i]) && side(r[i+1]) == -1 {
				r[i], r[i+1] = r[i+1], r[i]
				changed = true
			}
		}
	}
	return string(r)
}

// sides reads '(' as an opening code and ')' as a closing one.
func sides(c rune) int {
	switch c {
	case '(':
		return 1
	case ')':
		return -1
	}
	return 0
}

func TestShiftSpaces(t *testing.T) {
	tests := map[string]string{
		"":               "",
		"( x )":          " (x) ",
		"(  x  )":        "  (x)  ",
		"( )":            " ()",
		"(( x":           " ((x",
		") ) )":          ")))  ",
		" ) ) ":          "))   ",
		"x ( ) y":        "x  () y",
		"a\t(\nb\u00a0)": "a\t\n(b)\u00a0",
		"(x) (y)":        "(x) (y)",
	}
	for in, want := range tests {
		assert.Equal(t, want, shiftSpaces(in, sides), "%q", in)
		assert.Equal(t, shiftSpacesBySwaps(in, sides), shiftSpaces(in, sides), "%q", in)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune{'(', ')', ' ', ' ', '\n', 'x', 'é'}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(14) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		in := b.String()
		assert.Equal(t, shiftSpacesBySwaps(in, sides), shiftSpaces(in, sides), "%q", in)
	}
}

// BenchmarkShiftSpaceOut runs the Markdown encoder's space shift on runs of
// alternating closing codes and spaces (the swaps' worst case) of n and 8n
// runes: linear, 8× the runes cost about 8× the time; the swaps it
// replaces cost 64× (BySwaps, at the smaller sizes only):
//
//	go test -run XXX -bench ShiftSpaceOut ./pipeline/format
func BenchmarkShiftSpaceOut(b *testing.B) {
	for _, n := range []int{2000, 16000, 128000} {
		in := "x" + strings.Repeat(" )", n/2)
		b.Run(fmt.Sprintf("runes=%d", n), func(b *testing.B) {
			for b.Loop() {
				shiftSpaces(in, sides)
			}
		})
		if n <= 16000 {
			b.Run(fmt.Sprintf("BySwaps/runes=%d", n), func(b *testing.B) {
				for b.Loop() {
					shiftSpacesBySwaps(in, sides)
				}
			})
		}
	}
}
