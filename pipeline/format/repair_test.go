package format_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/locpipe/locpipe/pipeline/format"
)

// repairUnit has a link around emphasis and a line break:
// "<a>…<em>…</em>…</a>…<br>".
func repairUnit() *format.Unit {
	return &format.Unit{ID: "u3", Line: 12, Text: "\uE000see \uE001this\uE002 page\uE003 now\uE004", Codes: []format.Code{
		{ID: 0, Kind: format.Open, Pair: 3, Data: `<a href="/x">`},
		{ID: 1, Kind: format.Open, Pair: 2, Data: "<em>"},
		{ID: 2, Kind: format.Close, Pair: 1, Data: "</em>"},
		{ID: 3, Kind: format.Close, Pair: 0, Data: "</a>"},
		{ID: 4, Kind: format.Standalone, Pair: -1, Data: "<br>"},
	}}
}

func TestRepairCodes(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  string
		warns []string // substrings, one per warning
	}{
		{"valid", "\uE000voir \uE001cette\uE002 page\uE003 \uE004", "\uE000voir \uE001cette\uE002 page\uE003 \uE004", nil},
		{"valid reordered", "\uE004\uE001cette\uE002 \uE000page\uE003", "\uE004\uE001cette\uE002 \uE000page\uE003", nil},
		{"all lost", "voir cette page", "\uE000\uE001voir cette page\uE004\uE002\uE003",
			[]string{`unit u3 line 12: inline code <a href="/x"> lost by the engine; placed at the start`, "<em> lost", "</em> lost", "</a> lost", "<br> lost by the engine; placed at the end"}},
		{"standalone lost", "\uE000voir \uE001cette\uE002 page\uE003", "\uE000voir \uE001cette\uE002 page\uE003\uE004", []string{"<br> lost"}},
		{"duplicate", "\uE000voir \uE001cette\uE002 page\uE003 \uE004\uE004", "\uE000voir \uE001cette\uE002 page\uE003 \uE004", []string{"<br> duplicated by the engine"}},
		{"unknown", "\uE000voir \uE001cette\uE002 page\uE003 \uE004\uE0FF", "\uE000voir \uE001cette\uE002 page\uE003 \uE004", []string{"unknown inline code U+E0FF removed"}},
		{"close before open", "\uE003voir \uE001cette\uE002 page\uE000\uE004", "\uE000voir \uE001cette\uE002 page\uE004\uE003", []string{"out of order", "out of order"}},
		{"crossing", "\uE000voir \uE001cette\uE003 page\uE002\uE004", "\uE000voir \uE001cette page\uE002\uE004\uE003", []string{"<a href=\"/x\"> out of order", "</a> out of order"}},
		{"close lost", "\uE000voir \uE001cette\uE002 page \uE004", "\uE000voir \uE001cette\uE002 page \uE004\uE003", []string{`<a href="/x"> out of order`, "</a> lost"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := repairUnit()
			got, warns := u.RepairCodes(tt.in)
			assert.Equal(t, tt.want, got)
			assert.Len(t, warns, len(tt.warns), "%q", warns)
			for i := range warns {
				if i < len(tt.warns) {
					assert.Contains(t, warns[i], tt.warns[i])
				}
			}
			again, w := u.RepairCodes(got)
			assert.Equal(t, got, again, "repair is idempotent")
			assert.Empty(t, w)
			assertValidNesting(t, u, got)
		})
	}
}

func TestRepairCodesNoCodes(t *testing.T) {
	u := &format.Unit{ID: "u1", Line: 1, Text: "plain"}
	got, w := u.RepairCodes("simple")
	assert.Equal(t, "simple", got)
	assert.Empty(t, w)
	got, w = u.RepairCodes("a\uE000b")
	assert.Equal(t, "ab", got)
	assert.Len(t, w, 1)
}

// assertValidNesting checks that every code appears once, pairs nested.
func assertValidNesting(t *testing.T, u *format.Unit, s string) {
	t.Helper()
	seen := map[int]int{}
	var stack []int
	for _, r := range s {
		id, ok := format.IsCodeRune(r)
		if !ok {
			continue
		}
		seen[id]++
		switch c := u.Codes[id]; c.Kind {
		case format.Open:
			stack = append(stack, id)
		case format.Close:
			if assert.NotEmpty(t, stack, "close without open in %q", s) {
				assert.Equal(t, c.Pair, stack[len(stack)-1], "crossing in %q", s)
				stack = stack[:len(stack)-1]
			}
		}
	}
	assert.Empty(t, stack)
	for id := range u.Codes {
		assert.Equal(t, 1, seen[id], "code %d in %q", id, strings.ToValidUTF8(s, "?"))
	}
}

func FuzzRepairCodes(f *testing.F) {
	f.Add("\uE000voir \uE001cette\uE002 page\uE003 \uE004")
	f.Add("\uE003\uE003\uE002\uE001x\uE0FF")
	f.Fuzz(func(t *testing.T, s string) {
		u := repairUnit()
		got, _ := u.RepairCodes(s)
		assertValidNesting(t, u, got)
		again, w := u.RepairCodes(got)
		if again != got || len(w) > 0 {
			t.Fatalf("not idempotent: %q → %q (%q)", got, again, w)
		}
	})
}
