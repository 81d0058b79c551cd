package manifest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSegmentListJSON(t *testing.T) {
	h := HashString("Officials in Kiev said.")
	tests := []struct {
		name string
		segs []Segment
	}{
		{"empty", nil},
		{"compact", []Segment{
			{ID: "u1.1", Unit: "u1", Line: 1, SourceHash: h, Status: StatusTranslated},
			{ID: "u1.2", Unit: "u1", Line: 1, SourceHash: h, Status: StatusMemory},
			{ID: "u2.1", Unit: "u2", Line: 3, SourceHash: h, Status: StatusGlossary},
			{ID: "u3.1", Unit: "u3", Line: 1 << 30, SourceHash: h, Status: StatusFailed},
			{ID: "u4.10", Unit: "u4", Line: 0, SourceHash: h, Status: StatusPending},
		}},
		{"kept whole", []Segment{
			{ID: "u1.1", Unit: "u1", Line: 1, SourceHash: h, Status: StatusTranslated, Unknown: []string{"Kharkov"}},
			{ID: "u1.2", Unit: "u1", Line: 1, SourceHash: h, Status: StatusTranslated, Warnings: []string{"code <b> & \"x\" restored"}},
			{ID: "x7", Unit: "u1", Line: 2, SourceHash: h, Status: StatusTranslated},
			{ID: "u1.03", Unit: "u1", Line: 2, SourceHash: h, Status: StatusTranslated},
			{ID: "u1.", Unit: "u1", Line: 2, SourceHash: h, Status: StatusTranslated},
			{ID: "u1.1", Unit: "u1", Line: 2, SourceHash: "h", Status: StatusTranslated},
			{ID: "u1.1", Unit: "u1", Line: 2, SourceHash: strings.ToUpper(h), Status: StatusTranslated},
			{ID: "u1.1", Unit: "u1", Line: -1, SourceHash: h, Status: StatusTranslated},
			{ID: "u1.1", Unit: "u1", Line: 2, SourceHash: h, Status: "reviewed"},
			{ID: "u1.99999999999", Unit: "u1", Line: 2, SourceHash: h, Status: StatusTranslated},
		}},
		{"escaped unit ids", []Segment{
			{ID: "a<b>&\"é\".1", Unit: "a<b>&\"é\"", Line: 1, SourceHash: h, Status: StatusTranslated},
			{ID: "a\u2028.2", Unit: "a\u2028", Line: 1, SourceHash: h, Status: StatusTranslated},
		}},
		{"a unit again after another", []Segment{
			{ID: "u1.1", Unit: "u1", SourceHash: h, Status: StatusTranslated},
			{ID: "u2.1", Unit: "u2", SourceHash: h, Status: StatusTranslated},
			{ID: "u1.2", Unit: "u1", SourceHash: h, Status: StatusTranslated},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l SegmentList
			failed := false
			for _, s := range tt.segs {
				l.Add(s)
				failed = failed || s.Status == StatusFailed
			}
			want, err := json.Marshal(append([]Segment{}, tt.segs...))
			require.NoError(t, err)
			got, err := l.AppendJSON(nil)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))
			assert.Equal(t, len(tt.segs), l.Len())
			assert.Equal(t, failed, l.Failed())
			assert.Equal(t, append([]Segment{}, tt.segs...), l.Segments())
			if len(l.whole) == 0 && tt.name != "escaped unit ids" {
				assert.Equal(t, len(got), l.sizeJSON(), "the size of compact records is exact")
			}
		})
	}
}

func TestPutListWritesTheSameRecordAsPut(t *testing.T) {
	e := edition("a/segments.txt", "es", 0)
	e.Concepts = map[string]string{"segments": "null"}
	e.Warnings = []string{`,"segments":null,`}
	e.Source = `x,"segments":null`
	var l SegmentList
	for i := range 300 {
		s := Segment{ID: fmt.Sprintf("u%d.%d", i/3+1, i%3+1), Unit: fmt.Sprintf("u%d", i/3+1), Line: i + 1, SourceHash: HashString(fmt.Sprint(i)), Status: StatusTranslated}
		if i == 7 {
			s.Status, s.Warnings = StatusFailed, []string{"engine down"}
		}
		e.Segments = append(e.Segments, s)
		l.Add(s)
	}
	noWarnings := e
	noWarnings.Warnings = nil // segments is the last key
	for _, e := range []Edition{e, noWarnings} {
		putBoth(t, e, &l)
	}
}

// putBoth writes e with Put and PutList into two manifests and checks that
// they are the same bytes.
func putBoth(t *testing.T, e Edition, l *SegmentList) {
	t.Helper()
	dirA, dirB := t.TempDir(), t.TempDir()
	for _, c := range []struct {
		dir string
		put func(*Store) error
	}{
		{dirA, func(s *Store) error { return s.Put(e) }},
		{dirB, func(s *Store) error { return s.PutList(e, l) }},
	} {
		s, err := OpenStore(c.dir, FileName)
		require.NoError(t, err)
		require.NoError(t, c.put(s))
		p, ok := s.Prev(e.Path, e.Locale)
		require.True(t, ok)
		assert.Equal(t, 300, p.Segments)
		assert.True(t, p.Failed)
		rec, err := s.Record(e.Path, e.Locale)
		require.NoError(t, err)
		assert.Equal(t, e.Segments, rec.Segments)
		require.NoError(t, s.Commit())
		require.NoError(t, s.Close())
	}
	a, err := os.ReadFile(filepath.Join(dirA, FileName))
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(dirB, FileName))
	require.NoError(t, err)
	assert.Equal(t, string(a), string(b))
	m, err := Load(dirB)
	require.NoError(t, err)
	require.Len(t, m.Editions, 1)
	assert.Equal(t, e.Segments, m.Editions[0].Segments)
}

func TestIndentIsJSONIndent(t *testing.T) {
	tests := []string{
		`{}`, `[]`, `{"a":[]}`, `{"a":{}}`, `[1,2,[3,{"b":null}]]`,
		`{"s":"x, y: [z] {w} \" \\\" \\\\","n":-1.5e3,"t":true}`,
		"  \n{ \"a\" : [ 1 , 2 ] ,\n \"b\" : { } }\n  ",
		`{"segments":[{"id":"u1.1","unit":"u1","line":1,"source_hash":"00","status":"translated"}],"warnings":["<&>"]}`,
	}
	for _, src := range tests {
		var want bytes.Buffer
		require.NoError(t, json.Indent(&want, bytes.TrimSpace([]byte(src)), "    ", "  "))
		for _, lead := range []string{"", ",", ",\n    "} {
			var got bytes.Buffer
			w := bufio.NewWriter(&got)
			n, err := indent(w, strings.NewReader(lead+src), "    ", "  ")
			require.NoError(t, err, src)
			require.NoError(t, w.Flush())
			assert.Equal(t, want.String(), got.String(), src)
			assert.Equal(t, int64(got.Len()), n)
		}
	}
	for _, bad := range []string{``, `{`, `{"a":1}}`, `{"a":"1}`, `1`, `{} {}`, `]`} {
		w := bufio.NewWriter(&bytes.Buffer{})
		_, err := indent(w, strings.NewReader(bad), "", " ")
		assert.ErrorIs(t, err, errBadRecord, bad)
	}
}
