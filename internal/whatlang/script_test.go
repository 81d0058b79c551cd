package whatlang

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// TestScriptsDisjoint checks what DetectScript's shortcut relies on: no
// rune is in two of the scripts, ASCII letters are Latin, and other ASCII
// runes are in none.
func TestScriptsDisjoint(t *testing.T) {
	tables := scripts()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		in := -1
		for s, tab := range tables {
			if unicode.Is(tab, r) {
				require.Equal(t, -1, in, "%U is in scripts %d and %d", r, in, s)
				in = s
			}
		}
		if r < utf8.RuneSelf {
			if isASCIILetter(r) {
				require.Equal(t, latin, in, "%U", r)
			} else {
				require.Equal(t, -1, in, "%U", r)
			}
		}
	}
}

// TestASCIIStopChars checks isStopChar's ASCII shortcut against
// whatlanggo's definition.
func TestASCIIStopChars(t *testing.T) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		want := unicode.IsSymbol(r) || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r)
		require.Equal(t, want, isStopChar(r), "%U", r)
	}
}

// TestHiraganaKatakana checks that the Japanese script is built as
// whatlanggo builds it, and once.
func TestHiraganaKatakana(t *testing.T) {
	hk := hiraganaKatakana()
	require.Same(t, hk, hiraganaKatakana())
	require.Equal(t, len(unicode.Hiragana.R16)+len(unicode.Katakana.R16), len(hk.R16))
	require.Equal(t, len(unicode.Hiragana.R32)+len(unicode.Katakana.R32), len(hk.R32))
	require.True(t, unicode.Is(hk, 'あ'))
	require.True(t, unicode.Is(hk, 'ア'))
	require.False(t, unicode.Is(hk, '漢'))
}
