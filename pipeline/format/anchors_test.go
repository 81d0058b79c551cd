package format

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCompactAnchorsMapsTheSame: for units made of stretches that read as
// written and stretches that do not (entities, collapsed white space, code
// markers), anchored at every stretch as the parsers anchor them, the
// compacted anchors give every offset of the text the same RawOffset and
// the same exact map (Unit.Patch) as all of them.
func TestCompactAnchorsMapsTheSame(t *testing.T) {
	pieces := [][2]string{ // text, raw
		{"word", "word"}, {" ", " "}, {"Kiev", "Kiev"}, {".", "."},
		{"&", "&amp;"}, {" ", "\n  "}, {" ", "\t"}, {string(CodeRune(0)), "<b>"}, {string(CodeRune(1)), "**"},
		{"é", "&eacute;"}, {"", "<!-- -->"}, {"x", "y"},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	dropped := 0
	for range 5000 {
		var text, raw strings.Builder
		var a []anchor
		for range rng.IntN(12) {
			p := pieces[rng.IntN(len(pieces))]
			a = append(a, anchor{text: text.Len(), raw: raw.Len()})
			if rng.IntN(8) == 0 { // a second anchor at the same place
				a = append(a, anchor{text: text.Len(), raw: raw.Len()})
			}
			text.WriteString(p[0])
			raw.WriteString(p[1])
		}
		if rng.IntN(2) == 0 {
			a = append(a, anchor{text: text.Len(), raw: raw.Len()})
		}
		full := Unit{Text: text.String(), Raw: raw.String(), anchors: a}
		small := full
		small.anchors = compactAnchors(append([]anchor(nil), a...), full.Text, full.Raw)
		dropped += len(a) - len(small.anchors)
		mf, ms := newRawMap(&full), newRawMap(&small)
		for off := 0; off <= len(full.Text); off++ {
			require.Equal(t, full.RawOffset(off), small.RawOffset(off), "text %q raw %q anchors %v → %v, offset %d", full.Text, full.Raw, a, small.anchors, off)
			wr, wok := mf.at(off)
			gr, gok := ms.at(off)
			require.Equal(t, []any{wr, wok}, []any{gr, gok}, "text %q raw %q anchors %v → %v, offset %d", full.Text, full.Raw, a, small.anchors, off)
		}
	}
	assert.Greater(t, dropped, 1000, "anchors are dropped")
}
