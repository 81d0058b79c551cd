package placeholder

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	nethtml "golang.org/x/net/html"

	"github.com/locpipe/locpipe/pipeline/backend"
)

// tokenizedText is the text the HTML tokenizer reads in a reply without
// elements: what decodeInline's fast path must return unchanged.
func tokenizedText(reply string) string {
	var b strings.Builder
	z := nethtml.NewTokenizer(strings.NewReader(reply))
	for z.Next() != nethtml.ErrorToken {
		b.Write(z.Text())
	}
	return b.String()
}

// FuzzDecodeInlinePlain: a reply that skips the tokenizer decodes as the
// tokenizer would have read it.
func FuzzDecodeInlinePlain(f *testing.F) {
	for _, s := range []string{"Vuelve a los suburbios de Kiev.", "a > b", "\ue000 x", "é\u00a0ü", "<b>no</b>", "&amp;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, reply string) {
		got, spans := decodeInline(backend.Segment{}, reply)
		if strings.ContainsAny(reply, "<&\r\x00") {
			return // the tokenizer's path
		}
		assert.Nil(t, spans)
		assert.Equal(t, tokenizedText(reply), got)
	})
}

// The fold table holds what decomposition gives, and every fold fits it.
func TestFoldTable(t *testing.T) {
	for r := rune(0x80); r < foldTableEnd; r++ {
		require.Equal(t, foldNFD(r), foldRune(r), "%U", r)
		require.Less(t, foldNFD(r), rune(1<<16), "%U", r)
	}
	assert.Equal(t, 'e', foldRune('É'))
	assert.Equal(t, 'и', foldRune('Й'))
}
