package memory

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRowCodec(t *testing.T) {
	long := strings.Repeat("Officials said the buildings were damaged overnight. ", 4)
	tests := []struct {
		name       string
		source     string
		entries    []entry
		compressed bool
	}{
		{"empty", "", nil, false},
		{"one short machine entry", "Yes.", []entry{{targetLang: "es", engine: 1, target: "Sí.", changed: 1_790_000_000}}, false},
		{"every kind", "Trains run from \U000F0000.", []entry{
			{targetLang: "uk", engine: 3, terms: "Kiev", target: "Потяги з \U000F0000.", changed: 1_790_000_100},
			{targetLang: "uk", engine: 3, unknown: true, target: "Потяги.", changed: 1_790_000_000},
			{targetLang: "es", human: true, prev: "Before.", next: "", target: "Trenes.", changed: 1_790_000_050},
		}, false},
		{"long, compressed", long, []entry{
			{targetLang: "de", engine: 1, target: long, changed: 1_790_000_000},
			{targetLang: "es", engine: 1, target: long, changed: 1_790_000_001},
		}, true},
	}
	var enc encoder
	var dec decoder
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := enc.encode(tc.source, tc.entries)
			require.NoError(t, err)
			n, err := rowCount(v)
			require.NoError(t, err)
			assert.Equal(t, len(tc.entries), n)
			assert.Equal(t, tc.compressed, v[1] == 1, "codec byte")
			if tc.compressed {
				assert.Less(t, len(v), len(tc.source)*2)
			}
			src, es, err := dec.decode(append([]byte(nil), v...))
			require.NoError(t, err)
			assert.Equal(t, tc.source, src)
			if len(tc.entries) == 0 {
				assert.Empty(t, es)
				return
			}
			assert.Equal(t, tc.entries, es, "sorted by encode, the same back")
		})
	}
}

func TestRowMerge(t *testing.T) {
	es := []entry{{targetLang: "es", engine: 1, target: "a", changed: 10}}
	es = merge(es, entry{targetLang: "es", engine: 1, target: "b", changed: 10})
	assert.Equal(t, "b", es[0].target, "same second: the later store wins")
	es = merge(es, entry{targetLang: "es", engine: 1, target: "old", changed: 9})
	assert.Equal(t, "b", es[0].target, "an older entry does not replace a newer one")
	es = merge(es, entry{targetLang: "es", engine: 2, target: "c", changed: 9})
	es = merge(es, entry{targetLang: "es", engine: 1, terms: "Kiev", target: "d", changed: 9})
	es = merge(es, entry{targetLang: "es", human: true, target: "e", changed: 9})
	es = merge(es, entry{targetLang: "es", human: true, prev: "P", target: "f", changed: 9})
	assert.Len(t, es, 5, "other engine, terms and context are other entries")
}

func TestRowMalformed(t *testing.T) {
	var dec decoder
	for name, v := range map[string][]byte{
		"empty":       {},
		"no codec":    {1},
		"bad codec":   {1, 7, 0, 0},
		"short":       {1, 0, 2, 'a'},
		"bad deflate": {1, 1, 0xff, 0xff},
		"trailing":    {0, 0, 0, 0, 9},
		"too many":    {200, 0, 0, 0},
	} {
		_, _, err := dec.decode(v)
		assert.ErrorIs(t, err, errBadRow, name)
	}
}

func FuzzDecodeRow(f *testing.F) {
	var enc encoder
	for _, es := range [][]entry{nil, {{targetLang: "es", engine: 1, target: "Sí.", changed: 5}},
		{{targetLang: "uk", human: true, prev: "a", next: "b", target: strings.Repeat("x", 200)}}} {
		v, err := enc.encode("Source.", es)
		require.NoError(f, err)
		f.Add(append([]byte(nil), v...))
	}
	f.Fuzz(func(t *testing.T, v []byte) {
		var dec decoder
		src, es, err := dec.decode(v)
		if err != nil {
			return
		}
		var enc encoder
		w, err := enc.encode(src, es)
		require.NoError(t, err)
		src2, es2, err := dec.decode(w)
		require.NoError(t, err)
		assert.Equal(t, src, src2)
		assert.Equal(t, len(es), len(es2))
	})
}
