package glossary

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/internal/termgen"
)

// sameAsYAMLv3 checks that what the fast reader accepts, yaml.v3 reads
// the same way: the same version, concepts and positions.
func sameAsYAMLv3(t *testing.T, data []byte) bool {
	t.Helper()
	v, cs, ok := parseYAMLFast(string(data))
	if !ok {
		return false
	}
	v2, cs2, err := parseYAMLNodes("f.yaml", data)
	require.NoError(t, err, "the fast reader accepted what yaml.v3 rejects:\n%s", data)
	require.Equal(t, v2, v, "version")
	if v == 1 {
		require.Equal(t, cs2, cs, "concepts (with their positions) of\n%s", data)
	}
	return true
}

func TestParseYAMLFast(t *testing.T) {
	data, err := builtinFS.ReadFile("builtin/ukraine.yaml")
	require.NoError(t, err)
	for _, c := range []struct {
		name string
		data string
		fast bool // the fast reader reads it (else yaml.v3 does)
	}{
		{"builtin (anchors, block scalars)", string(data), false},
		{"termgen", string(termgen.YAML(200)), true},
		{"block exceptions", "version: 1\nconcepts:\n- id: a\n  terms:\n    en: {preferred: A, forms: {gen: \"A's\"}}\n  exceptions:\n  - 'A ''b'''\n  - \"A\\\"c\"\n", true},
		{"forms out of tag order", "version: 1\nconcepts:\n- id: a\n  terms:\n    uk: {preferred: А, forms: {loc: Аі, gen: Аа, dat: Ау}}\n", true},
		{"comments", "# c\nversion: 1 \nconcepts:\n  # c\n  - id: a # c\n    terms:\n      en: {preferred: A} # c\n    case_sensitive: true\n", true},
		{"empty lists", "version: 1\nconcepts:\n  - id: a\n    terms:\n      en: {preferred: A, admitted: [], forms: {}}\n    exceptions: []\n", true},
		{"null id", "version: 1\nconcepts:\n  - id: null\n    terms:\n      en: {preferred: A}\n", false},
		{"number id", "version: 1\nconcepts:\n  - id: 12\n    terms:\n      en: {preferred: A}\n", false},
		{"block term set", "version: 1\nconcepts:\n  - id: a\n    terms:\n      en:\n        preferred: A\n", false},
		{"multi-line note", "version: 1\nconcepts:\n  - id: a\n    note: one\n      two\n    terms:\n      en: {preferred: A}\n", false},
		{"anchor", "version: 1\nconcepts:\n  - id: &x a\n    terms:\n      en: {preferred: A}\n", false},
		{"duplicate key", "version: 1\nconcepts:\n  - id: a\n    id: b\n    terms:\n      en: {preferred: A}\n", false},
		{"unknown key", "version: 1\nconcepts:\n  - id: a\n    colour: red\n    terms:\n      en: {preferred: A}\n", false},
		{"comment glued", "version: 1\nconcepts:\n  - id: a\n    terms:\n      en: {preferred: A}#c\n", false},
		{"tab", "version: 1\nconcepts:\n  - id: a\n    terms:\n      en: {preferred: A\tB}\n", false},
		{"crlf", "version: 1\r\nconcepts:\r\n  - id: a\r\n    terms:\r\n      en: {preferred: A}\r\n", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.fast, sameAsYAMLv3(t, []byte(c.data)))
			// Either way, Parse gives what yaml.v3 gives.
			g, err := Parse("f.yaml", []byte(c.data))
			v, cs, err2 := parseYAMLNodes("f.yaml", []byte(c.data))
			if err2 == nil {
				var g2 *Glossary
				g2, err2 = parsed("f.yaml", v, cs)
				if err2 == nil {
					require.NoError(t, err)
					assert.Equal(t, g2.Concepts, g.Concepts)
					return
				}
			}
			require.Error(t, err)
			assert.Equal(t, err2.Error(), err.Error())
		})
	}
}

// What the fast reader accepts, yaml.v3 reads the same way.
func FuzzParseYAMLFast(f *testing.F) {
	seedFiles(f, "*.yaml")
	data, _ := builtinFS.ReadFile("builtin/ukraine.yaml")
	f.Add(data)
	f.Add(termgen.YAML(20))
	f.Add([]byte("version: 1\nconcepts:\n- id: a\n  note: 'x'\n  terms:\n    en: {preferred: \"A\\\\\", deprecated_forms: {gen: [B, 'C']}, case_sensitive: true, exceptions: [D]}\n  exceptions:\n  - E\n  do_not_translate: false\n"))
	f.Add([]byte("version: 1\nconcepts:\n- id: a\n  terms:\n    uk: {preferred: А, forms: {loc: Аі, gen: Аа}}\n    ru: {preferred: Б, forms: {}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsYAMLv3(t, data)
	})
}

// The fingerprint hashes the bytes one json.Marshal of the sorted concepts
// gives, as it always did.
func TestFingerprintSameBytes(t *testing.T) {
	marshalled := func(g *Glossary) string {
		cs := append([]*Concept(nil), g.Concepts...)
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].ID < cs[j].ID })
		data, err := json.Marshal(cs)
		require.NoError(t, err)
		sum := sha256.Sum256(data)
		return "sha256:" + hex.EncodeToString(sum[:8])
	}
	g, err := Parse("t.yaml", termgen.YAML(500))
	require.NoError(t, err)
	odd := &Glossary{Concepts: []*Concept{{ID: "<&>", Note: "\u2028 \"q\" \x01", Terms: map[string]TermSet{"en": {Preferred: "A&B", Forms: Forms{{"b", "x"}, {"a", "y"}}}}}}}
	for _, g := range []*Glossary{Builtin(), g, odd} {
		assert.Equal(t, marshalled(g), g.Fingerprint())
	}
}

// Read piece by piece, a file gives what it gives read whole, whatever the
// size of the pieces; Load reads it so.
func TestParseYAMLReader(t *testing.T) {
	builtin, err := builtinFS.ReadFile("builtin/ukraine.yaml")
	require.NoError(t, err)
	files := [][]byte{
		termgen.YAML(300),
		builtin, // outside the fast reader's subset
		append([]byte("\xEF\xBB\xBF"), termgen.YAML(3)...),
		bytes.TrimSuffix(termgen.YAML(3), []byte("\n")),
		[]byte("version: 1\nconcepts:\n  - id: a\n    terms:\n      en: {preferred: A}\n    exceptions:\n    - \"A\tB\"\n"), // a tab, late
	}
	for i, data := range files {
		v, cs, ok := parseYAMLFast(string(stripBOM(data)))
		for _, size := range []int{1, 100, 4096, 1 << 20} {
			v2, cs2, ok2 := parseYAMLReader(bytes.NewReader(data), size)
			require.Equal(t, ok, ok2, "file %d, pieces of %d", i, size)
			assert.Equal(t, v, v2)
			assert.Equal(t, cs, cs2, "file %d, pieces of %d", i, size)
		}
		p := filepath.Join(t.TempDir(), "g.yaml")
		require.NoError(t, os.WriteFile(p, data, 0o644))
		g, err := LoadFile(p, ImportOptions{})
		require.NoError(t, err)
		want, err := Parse(p, stripBOM(data))
		require.NoError(t, err)
		assert.Equal(t, want.Concepts, g.Concepts)
	}
}
