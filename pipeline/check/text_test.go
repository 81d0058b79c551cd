package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStripURLs(t *testing.T) {
	for in, addr := range map[string]string{
		"see https://example.org/a?b=1 now":  "https://example.org/a?b=1",
		"write to help@example.org today":    "help@example.org",
		"a list at www.example.org/help.":    "www.example.org/help.",
		"posted at example.com/help, thanks": "example.com/help,",
		"no address here. Nor here.":         "",
	} {
		want := in
		if addr != "" {
			want = strings.Replace(in, addr, strings.Repeat(" ", len(addr)), 1)
		}
		assert.Equal(t, want, stripURLs(in), in)
	}
}
