package pseudo

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/backend"
)

func TestPseudo(t *testing.T) {
	tests := []struct {
		name, in string
		keep     []string // substrings that must survive unchanged
	}{
		{"plain", "Families returned on Sunday.", nil},
		{"placeholders", "See \uE000the report\uE001 from \U000F0000 today.", []string{"\uE000", "\uE001", "\U000F0000"}},
		{"url and mail", "Visit https://example.org/help or www.example.org, write to help@example.org.", []string{"https://example.org/help", "www.example.org,", "help@example.org."}},
		{"digits", "About 3,000 tonnes in 2022.", []string{"3,000", "2022."}},
		{"newline kept", "First line\nsecond line.", []string{"\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := Pseudo(tc.in)
			assert.Equal(t, out, Pseudo(tc.in), "deterministic")
			assert.True(t, strings.HasPrefix(out, "[") && strings.HasSuffix(out, "]"), out)
			for _, k := range tc.keep {
				assert.Equal(t, strings.Count(tc.in, k), strings.Count(out, k), "%q kept: %s", k, out)
			}
			if tc.name != "url and mail" { // addresses are kept and not padded for
				grow := float64(utf8.RuneCountInString(out)) / float64(utf8.RuneCountInString(tc.in))
				assert.InDelta(t, 1.3, grow, 0.15, "about 30%% longer: %s", out)
			}
			assert.NotContains(t, out, "Families")
		})
	}
	assert.Equal(t, "  \n", Pseudo("  \n"), "white space alone is left alone")
}

func TestTranslateKeepsOrderAndHonoursCancel(t *testing.T) {
	req := backend.Request{Segments: []backend.Segment{{ID: "a", Text: "One."}, {ID: "b", Text: "Two."}}}
	out, err := Translator{}.Translate(context.Background(), req)
	require.NoError(t, err)
	require.Len(t, out, 2)
	assert.Equal(t, Pseudo("One."), out[0].Text)
	assert.Equal(t, Pseudo("Two."), out[1].Text)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Translator{}.Translate(ctx, req)
	assert.ErrorIs(t, err, context.Canceled)
}
