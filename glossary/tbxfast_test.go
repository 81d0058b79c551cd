package glossary

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/internal/termgen"
)

// sameAsEncodingXML checks that what the fast TBX reader accepts,
// encoding/xml reads the same way, positions included.
func sameAsEncodingXML(t *testing.T, data []byte) bool {
	t.Helper()
	g, ok := parseTBXFast("f.tbx", stripBOM(data))
	if !ok {
		return false
	}
	g2, err := parseTBXNodes("f.tbx", data)
	require.NoError(t, err, "the fast reader accepted what encoding/xml rejects:\n%s", data)
	require.Equal(t, g2.Concepts, g.Concepts, "concepts of\n%s", data)
	return true
}

func TestParseTBXFast(t *testing.T) {
	var written bytes.Buffer
	require.NoError(t, WriteTBX(&written, Builtin()))
	var v2 bytes.Buffer
	require.NoError(t, WriteTBXv2(&v2, Builtin()))
	cases := []struct {
		name string
		data string
		fast bool
	}{
		{"builtin as TBX v3", written.String(), true},
		{"builtin as TBX v2", v2.String(), true},
		{"termgen", string(termgen.TBX(100)), true},
		{"entities, CDATA, comments, inline", `<?xml version="1.0" encoding="utf-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic"><text><body>
<!-- a comment -->
<conceptEntry id="a&amp;b">
  <note>A &lt;b&gt; &#x4B;&#121;iv <hi>note</hi></note>
  <langSec xml:lang="en"><termSec><term><![CDATA[Kyiv & co]]></term><basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus></termSec>
  <termSec><term>Ki<!-- x -->ev</term><termNote type='administrativeStatus'>deprecatedTerm-admn-sts</termNote></termSec></langSec>
</conceptEntry><conceptEntry id="e"/>
</body></text></tbx>`, false}, // the empty entry has no terms: an error, so encoding/xml tells it
		{"DOCTYPE", `<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd"><martif><text><body/></text></martif>`, false},
		{"latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?><tbx><text><body/></text></tbx>`, false},
		{"mismatched", `<tbx><text><body></text></body></tbx>`, false},
		{"unknown entity", `<tbx><text><body><conceptEntry id="a"><langSec xml:lang="en"><termSec><term>&nbsp;</term></termSec></langSec></conceptEntry></body></text></tbx>`, false},
		{"crlf", "<tbx>\r\n<text><body/></text></tbx>", false},
	}
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.tbx"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		cases = append(cases, struct {
			name string
			data string
			fast bool
		}{p, string(data), !bytes.Contains(data, []byte("<!DOCTYPE")) && !bytes.Contains(data, []byte("\r"))})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.fast, sameAsEncodingXML(t, []byte(c.data)))
			g, err := ParseTBX("f.tbx", []byte(c.data))
			g2, err2 := parseTBXNodes("f.tbx", []byte(c.data))
			if err2 != nil {
				require.Error(t, err)
				assert.Equal(t, err2.Error(), err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, g2.Concepts, g.Concepts)
		})
	}
}

// What the fast TBX reader accepts, encoding/xml reads the same way.
func FuzzParseTBXFast(f *testing.F) {
	seedFiles(f, "*.tbx")
	f.Add(termgen.TBX(3))
	f.Add([]byte(`<?xml version="1.0"?><martif type="TBX-Basic"><text><body><termEntry id="a"><descrip type="definition">D &amp; <hi>x</hi></descrip><langSet xml:lang="en"><tig><term>Kiev</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig><ntig><termGrp><term>Kyiv</term></termGrp></ntig></langSet></termEntry></body></text></martif>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsEncodingXML(t, data)
	})
}

// Mutated TBX files (bytes changed, dropped, markup inserted): the fast
// reader gives what encoding/xml gives, or leaves the file to it.
func TestParseTBXFastMutations(t *testing.T) {
	var seeds [][]byte
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.tbx"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		seeds = append(seeds, data)
	}
	var w bytes.Buffer
	require.NoError(t, WriteTBX(&w, Builtin()))
	seeds = append(seeds, w.Bytes(), termgen.TBX(5))
	r := rand.New(rand.NewPCG(5, 6))
	fast := 0
	for range 1500 {
		d := bytes.Clone(seeds[r.IntN(len(seeds))])
		for range 1 + r.IntN(4) {
			i := r.IntN(len(d))
			switch r.IntN(3) {
			case 0:
				d[i] = byte(r.IntN(256))
			case 1:
				d = append(d[:i], d[i+1:]...)
			case 2:
				d = append(d[:i], append([]byte{"<>/&;\"'!?-= \n"[r.IntN(13)]}, d[i:]...)...)
			}
		}
		if sameAsEncodingXML(t, d) {
			fast++
		}
	}
	t.Logf("%d of 1500 read by the fast reader", fast)
}

// Read piece by piece, a file gives what it gives read whole, whatever the
// size of the pieces, and an end tag in a comment or CDATA sends it to
// encoding/xml.
func TestParseTBXReader(t *testing.T) {
	tricky := `<?xml version="1.0"?><tbx><text><body>
<conceptEntry id="a"><!-- </conceptEntry> --><langSec xml:lang="en"><termSec><term>A</term></termSec></langSec></conceptEntry>
<conceptEntry id="b"><langSec xml:lang="en"><termSec><term><![CDATA[</conceptEntry>]]></term></termSec></langSec></conceptEntry>
</body></text></tbx>`
	var w bytes.Buffer
	require.NoError(t, WriteTBXv2(&w, Builtin()))
	files := [][]byte{termgen.TBX(300), w.Bytes(), []byte(tricky), append([]byte("\xEF\xBB\xBF"), termgen.TBX(3)...)}
	for i, data := range files {
		want, err := parseTBXNodes("f.tbx", data)
		require.NoError(t, err)
		for _, size := range []int{1, 100, 4096, 1 << 20} {
			g, ok := parseTBXReader("f.tbx", bytes.NewReader(data), size)
			if i == 2 && size < len(data) {
				assert.False(t, ok, "a piece cut in a comment or CDATA")
				continue
			}
			require.True(t, ok, "file %d, pieces of %d", i, size)
			assert.Equal(t, want.Concepts, g.Concepts, "file %d, pieces of %d", i, size)
		}
		p := filepath.Join(t.TempDir(), "f.tbx")
		require.NoError(t, os.WriteFile(p, data, 0o644))
		g, err := LoadFile(p, ImportOptions{})
		require.NoError(t, err)
		want, err = parseTBXNodes(p, data)
		require.NoError(t, err)
		assert.Equal(t, want.Concepts, g.Concepts)
	}
}

// tbxCharsOK, eight bytes at a time, agrees with a rune-by-rune check.
func TestTBXCharsOK(t *testing.T) {
	ref := func(s string) bool {
		for i, r := range s {
			if r == utf8.RuneError {
				if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
					return false
				}
			}
			if !xmlChar(r) || r == '\r' {
				return false
			}
		}
		return true
	}
	r := rand.New(rand.NewPCG(9, 9))
	alphabet := []string{"a", "Z", " ", "\n", "\t", "\r", "\x00", "\x1f", "\x7f", "é", "\uFFFE", "\xff", "€", "<", "\U0001F600"}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(40) {
			if r.IntN(4) == 0 {
				b.WriteString(alphabet[r.IntN(len(alphabet))])
			} else {
				b.WriteByte(byte('a' + r.IntN(26)))
			}
		}
		s := b.String()
		require.Equal(t, ref(s), tbxCharsOK(s), "%q", s)
	}
}
