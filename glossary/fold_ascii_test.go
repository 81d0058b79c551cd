package glossary

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// TestFoldASCIIFastPath checks the eight-bytes-at-a-time ASCII path against
// the byte loop (a folder whose table is a copy takes only the byte loop):
// same folded bytes, same offset map, on random mixes of letters, spaces,
// controls, punctuation and non-ASCII runes.
func TestFoldASCIIFastPath(t *testing.T) {
	fast := newFolder(language.English)
	table := *fast.ascii
	slow := fast
	slow.ascii = &table
	alphabet := []string{"a", "Z", "k", "Q", "0", "@", "[", "`", "{", "~", "\x7f", " ", " ", "  ", "\t", "\n", "\x00", ".", "é", "É", "ẞ", "ﬁ", "’", "\u00a0", "e\u0301", "Київ", "İ"}
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 5000; n++ {
		var b strings.Builder
		for k := r.IntN(40); k > 0; k-- {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		var f, w foldedText
		fast.fold(&f, s)
		slow.fold(&w, s)
		require.Equal(t, string(w.b), string(f.b), "%q", s)
		require.Equal(t, w.cps, f.cps, "%q", s)
	}
}
