package marker

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCodeRoundTrip(t *testing.T) {
	for _, id := range []int{0, 1, 4095, 4096, 4097, 5000, MaxCodes - 1} {
		r := Code(id)
		got, ok := CodeID(r)
		require.True(t, ok, "id %d", id)
		assert.Equal(t, id, got)
		assert.True(t, IsMarker(r))
		assert.True(t, IsPrivateUse(r))
		assert.False(t, IsTerm(r))
		assert.NotEqual(t, rune(0xFFFE), r&0xFFFF, "noncharacter")
		assert.NotEqual(t, rune(0xFFFF), r&0xFFFF, "noncharacter")
	}
	assert.Panics(t, func() { Code(MaxCodes) })
	assert.Panics(t, func() { Code(-1) })
}

func TestTermRoundTrip(t *testing.T) {
	for _, i := range []int{0, 1, MaxTerms - 1} {
		r := Term(i)
		got, ok := TermID(r)
		require.True(t, ok)
		assert.Equal(t, i, got)
		assert.False(t, IsCode(r))
		assert.True(t, IsPrivateUse(r))
	}
	assert.Panics(t, func() { Term(MaxTerms) })
}

func TestPredicates(t *testing.T) {
	tests := []struct {
		r                  rune
		code, term, privat bool
	}{
		{'a', false, false, false},
		{0xDFFF, false, false, false},
		{0xF000, false, false, true}, // private use, not a marker
		{0xF8FF, false, false, true},
		{0xF900, false, false, false},
		{0xFFFFD, false, false, true},
		{0x10FFFD, true, false, true},
		{0x10FFFE, false, false, true},
		{0x10FFFF, false, false, true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.code, IsCode(tt.r), "%U", tt.r)
		assert.Equal(t, tt.term, IsTerm(tt.r), "%U", tt.r)
		assert.Equal(t, tt.privat, IsPrivateUse(tt.r), "%U", tt.r)
	}
}
