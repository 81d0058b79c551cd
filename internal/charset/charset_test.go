package charset

import (
	"encoding/xml"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func TestNewDecoder(t *testing.T) {
	doc := `<?xml version="1.0" encoding="%s"?><a>Київ — café</a>`
	u16le, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(`<?xml version="1.0" encoding="UTF-16"?><a>Київ — café</a>`)
	require.NoError(t, err)
	u16be, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().String(`<?xml version="1.0" encoding="UTF-16"?><a>Київ — café</a>`)
	require.NoError(t, err)
	cp, err := charmap.Windows1252.NewEncoder().String(`<?xml version="1.0" encoding="windows-1252"?><a>café “x”</a>`)
	require.NoError(t, err)
	tests := []struct {
		name, in, want string
	}{
		{"utf-8", `<?xml version="1.0" encoding="UTF-8"?><a>Київ — café</a>`, "Київ — café"},
		{"utf-8 BOM", "\uFEFF" + `<a>Київ — café</a>`, "Київ — café"},
		{"utf-16le BOM", u16le, "Київ — café"},
		{"utf-16be no BOM", u16be, "Київ — café"},
		{"windows-1252", cp, "café “x”"},
	}
	_ = doc
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := NewDecoder([]byte(tc.in))
			require.NoError(t, err)
			var v struct {
				Text string `xml:",chardata"`
			}
			require.NoError(t, d.Decode(&v))
			require.Equal(t, tc.want, v.Text)
		})
	}
	d, err := NewDecoder([]byte(`<?xml version="1.0" encoding="x-nonsense"?><a/>`))
	require.NoError(t, err)
	var v struct{ XMLName xml.Name }
	require.ErrorContains(t, d.Decode(&v), "x-nonsense")
}
