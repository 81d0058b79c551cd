package placeholder_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/placeholder"
)

func TestToInline(t *testing.T) {
	r := func(s string) rune { x, _ := utf8.DecodeRuneInString(s); return x }
	tests := []struct {
		name string
		seg  backend.Segment
		opts placeholder.InlineOptions
		want string
	}{
		{"term as content", backend.Segment{Text: "Return to " + t0 + "'s suburbs.", Terms: map[rune]string{r(t0): "Kiev"}},
			placeholder.InlineOptions{}, `Return to <span id="t0">Kiev</span>&#39;s suburbs.`},
		{"term bare", backend.Segment{Text: "Return to " + t0 + "'s suburbs.", Terms: map[rune]string{r(t0): "Kiev"}},
			placeholder.InlineOptions{BareTerms: true}, `Return to Kiev&#39;s suburbs.`},
		{"bare but ambiguous: element", backend.Segment{Text: "Chicken Kiev in " + t0 + ".", Terms: map[rune]string{r(t0): "Kiev"}},
			placeholder.InlineOptions{BareTerms: true}, `Chicken Kiev in <span id="t0">Kiev</span>.`},
		{"pair around a term", backend.Segment{Text: "north of " + c0 + t0 + c1 + ", days", Terms: map[rune]string{r(t0): "Kiev"}, Pairs: map[rune]rune{r(c0): r(c1)}},
			placeholder.InlineOptions{}, `north of <span id="c0"><span id="t0">Kiev</span></span>, days`},
		{"standalone codes are filler words", backend.Segment{Text: "Visit " + c0 + " or " + c1 + "."},
			placeholder.InlineOptions{}, `Visit Zqcaaa or Zqcaab.`},
		{"empty pair is two fillers", backend.Segment{Text: "a" + c0 + c1 + " b", Pairs: map[rune]rune{r(c0): r(c1)}},
			placeholder.InlineOptions{}, `aZqcaaaZqcaab b`},
		{"filler prefix not in the text", backend.Segment{Text: "Zqa " + c0},
			placeholder.InlineOptions{}, `Zqa Xqcaaa`},
		{"term without source", backend.Segment{Text: "In " + t1 + "."}, placeholder.InlineOptions{}, `In Zqtaaab.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, placeholder.ToInline(tt.seg, tt.opts))
		})
	}
}

func TestFromInline(t *testing.T) {
	r := func(s string) rune { x, _ := utf8.DecodeRuneInString(s); return x }
	kiev := map[rune]string{r(t0): "Kiev"}
	tests := []struct {
		name     string
		seg      backend.Segment
		opts     placeholder.InlineOptions
		reply    string
		want     string
		warnings int
	}{
		{"term in its element", backend.Segment{Text: "Return to " + t0 + "'s suburbs.", Terms: kiev}, placeholder.InlineOptions{},
			`a los suburbios del norte de <span id="t0">Kiev</span>.`, "a los suburbios del norte de " + t0 + ".", 0},
		{"element grown over its neighbours", backend.Segment{Text: "north of " + t0 + ".", Terms: kiev}, placeholder.InlineOptions{},
			`cap al nord <span id="t0">de Kíev</span>.`, "cap al nord de " + t0 + ".", 0},
		{"glued", backend.Segment{Text: t0 + "-based volunteers", Terms: kiev}, placeholder.InlineOptions{},
			`voluntaris <span id="t0">basatsaKíev</span>`, "voluntaris basatsa" + t0, 0},
		{"element moved, name outside it", backend.Segment{Text: "the " + t0 + " region", Terms: kiev}, placeholder.InlineOptions{},
			`la <span id="t0">región</span> de Kiev`, "la región de " + t0, 0},
		{"bare, unknown mark eaten", backend.Segment{Text: "near " + t0 + " and " + t1, Terms: map[rune]string{r(t0): "Odessa", r(t1): "Nikolaev"}},
			placeholder.InlineOptions{BareTerms: true}, `prop d'Odessa i *Nikolaev`, "prop d'" + t0 + " i " + t1, 0},
		{"same name twice, in order", backend.Segment{Text: t0 + " and " + t1, Terms: map[rune]string{r(t0): "Kiev", r(t1): "Kiev"}},
			placeholder.InlineOptions{BareTerms: true}, `Kiev y Kiev`, t0 + " y " + t1, 0},
		{"engine translated the name", backend.Segment{Text: "in " + t0, Terms: map[rune]string{r(t0): "London"}}, placeholder.InlineOptions{},
			`en <span id="t0">Londres</span>`, "en " + t0, 1},
		{"pair around a term", backend.Segment{Text: "de " + c0 + t0 + c1 + ",", Terms: kiev, Pairs: map[rune]rune{r(c0): r(c1)}}, placeholder.InlineOptions{},
			`de <span id="c0"><span id="t0">Kiev</span></span>,`, "de " + c0 + t0 + c1 + ",", 0},
		{"fillers, glued and recased", backend.Segment{Text: c0 + "Ukrainian" + c1 + " President"},
			placeholder.InlineOptions{}, `zqcaaaUcranianoZqcaab Presidente`, c0 + "Ucraniano" + c1 + " Presidente", 0},
		{"filler lost: left to Repair", backend.Segment{Text: "Visit " + c0 + "."}, placeholder.InlineOptions{}, `Visita.`, "Visita.", 0},
		{"entities", backend.Segment{Text: "a < b"}, placeholder.InlineOptions{}, `a &lt; b`, "a < b", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, w := placeholder.FromInline(tt.seg, tt.reply, tt.opts)
			assert.Equal(t, tt.want, got)
			assert.Len(t, w, tt.warnings, "%v", w)
		})
	}
}

func TestBlocks(t *testing.T) {
	blocks, found := placeholder.Blocks(`<p id="s0">Hola <span id="t0">Kiev</span>.</p>`+"\n"+`<p id="s2">x &amp; y</p>`, 3)
	assert.Equal(t, []bool{true, false, true}, found)
	assert.Equal(t, `Hola <span id="t0">Kiev</span>.`, blocks[0])
	assert.Equal(t, `x &amp; y`, blocks[2])
}

// FuzzInlineRoundTrip: an engine that changes nothing gives the segment back.
func FuzzInlineRoundTrip(f *testing.F) {
	f.Add("Return to "+t0+"'s suburbs "+c0+"now"+c1+".", "Kiev", true)
	f.Add(c0+t0+c1+" & <b>", "Odessa", false)
	f.Fuzz(func(t *testing.T, text, term string, bare bool) {
		if !utf8.ValidString(text) || !utf8.ValidString(term) || strings.ContainsFunc(text+term, func(r rune) bool { return r == 0 || r == '\r' || r == '\ufffd' }) {
			t.Skip()
		}
		term = strings.TrimSpace(strings.Map(func(r rune) rune {
			if placeholder.Is(r) || r == '<' || r == '>' || r == '&' {
				return -1
			}
			return r
		}, term))
		seg := backend.Segment{Text: text, Terms: map[rune]string{}, Pairs: map[rune]rune{}}
		for _, r := range text {
			if k, _, ok := placeholder.Parse(r); ok && k == placeholder.Term && term != "" {
				seg.Terms[r] = term
			}
		}
		o := placeholder.InlineOptions{BareTerms: bare}
		got, _ := placeholder.FromInline(seg, placeholder.ToInline(seg, o), o)
		got, _ = placeholder.Repair(text, got)
		lost, extra := placeholder.Check(text, got)
		assert.Empty(t, lost)
		assert.Empty(t, extra)
	})
}
