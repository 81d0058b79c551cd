package xliff

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/unicode"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/format"
)

var update = flag.Bool("update", false, "rewrite golden files")

// codes of a unit: 0 standalone, 1/2 a pair, 3/4 a pair, 5/6 a pair.
var testCodes = []format.Code{
	{ID: 0, Kind: format.Standalone, Pair: -1, Data: "<br/>"},
	{ID: 1, Kind: format.Open, Pair: 2, Data: "<b>"},
	{ID: 2, Kind: format.Close, Pair: 1, Data: "</b>"},
	{ID: 3, Kind: format.Open, Pair: 4, Data: `<a href="x?a=1&b=2">`},
	{ID: 4, Kind: format.Close, Pair: 3, Data: "</a>"},
	{ID: 5, Kind: format.Open, Pair: 6, Data: "**"},
	{ID: 6, Kind: format.Close, Pair: 5, Data: "**\x01"},
}

func c(n int) string { return string(format.CodeRune(n)) }

func TestCodesRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		texts []string // one per segment
		want  []string // after the round trip; nil: texts
		xml   string   // expected in the encoded document
	}{
		{"plain", []string{"Hello & <world>."}, nil, "Hello &amp; &lt;world&gt;."},
		{"standalone", []string{"Line" + c(0) + "break."}, nil, `Line<ph id="c0" dataRef="d0"/>break.`},
		{"paired in one segment", []string{"A " + c(1) + "bold " + c(3) + "link" + c(4) + c(2) + "."}, nil,
			`A <pc id="c1" dataRefStart="d1" dataRefEnd="d2">bold <pc id="c3" dataRefStart="d3" dataRefEnd="d4">link</pc></pc>.`},
		{"pair across segments", []string{"One " + c(1) + "two.", "Three" + c(2) + " four."}, nil,
			`<sc id="c1" dataRef="d1"/>`},
		{"end before start", []string{c(2) + "x" + c(1)}, nil, `<ec id="c2" dataRef="d2" isolated="yes"/>x<sc id="c1" dataRef="d1" isolated="yes"/>`},
		{"overlapping", []string{c(1) + "a" + c(3) + "b" + c(2) + "c" + c(4)}, nil, `<ec startRef="c1" dataRef="d2"/>`},
		{"lone start", []string{"x" + c(5) + "y"}, nil, `<sc id="c5" dataRef="d5" isolated="yes"/>`},
		{"duplicated code dropped", []string{c(0) + "a" + c(0)}, []string{c(0) + "a"}, ""},
		{"unknown code dropped", []string{"a" + c(40)}, []string{"a"}, ""},
		{"control character", []string{"bell\x07"}, nil, `<cp hex="0007"/>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			contents := ContentsFromTexts(tc.texts, testCodes)
			require.Len(t, contents, len(tc.texts))
			u := &Unit{ID: "u1"}
			for i, cn := range contents {
				u.Parts = append(u.Parts, &Part{ID: "s" + string(rune('1'+i)), State: StateTranslated, Source: cn, Target: cn, HasTarget: true})
			}
			for i, cd := range testCodes {
				u.Data = append(u.Data, Data{ID: dataID(i), Text: cd.Data})
			}
			doc := &Document{SrcLang: "en", TrgLang: "es", Files: []*File{{ID: "f1", Units: []*Unit{u}}}}
			var buf bytes.Buffer
			require.NoError(t, Encode(&buf, doc))
			assert.Contains(t, buf.String(), tc.xml)
			back, err := Parse("test.xlf", buf.Bytes())
			require.NoError(t, err, buf.String())
			want := tc.want
			if want == nil {
				want = tc.texts
			}
			for i, p := range back.Files[0].Units[0].Parts {
				for _, side := range []Content{p.Source, p.Target} {
					got, err := TextFromContent(side, testCodes)
					require.NoError(t, err)
					assert.Equal(t, want[i], got)
				}
			}
			assert.Equal(t, "**\x01", back.Files[0].Units[0].Data[6].Text, "original data with a <cp>")
		})
	}
}

func TestTextFromContentErrors(t *testing.T) {
	for _, in := range []Content{
		{{Kind: Ph, ID: "x1"}},
		{{Kind: Ph, ID: "c99"}},
		{{Kind: Pc, ID: "c0"}},
		{{Kind: Ec, StartRef: "c0"}},
	} {
		_, err := TextFromContent(in, testCodes)
		assert.ErrorIs(t, err, ErrUnknownCode)
	}
	got, err := TextFromContent(Content{{Kind: Mrk, ID: "m1", Kids: Content{{Kind: Text, Text: "kept"}}}, {Kind: Sm, ID: "m2"}, {Kind: Em, StartRef: "m2"}}, testCodes)
	require.NoError(t, err)
	assert.Equal(t, "kept", got, "annotations keep their text")
}

func goldenDoc() *Document {
	src := ContentsFromTexts([]string{"Shelling hit " + c(1) + "Kiev" + c(2) + " overnight.", " ", "More" + c(0) + "."}, testCodes)
	trg := ContentsFromTexts([]string{"Los bombardeos alcanzaron " + c(1) + "Kiev" + c(2) + " por la noche.", "", ""}, testCodes)
	return &Document{SrcLang: "en", TrgLang: "es", Files: []*File{{
		ID: "f1", Original: "en/a.md",
		Notes: []Note{{ID: "locpipe", Category: "locpipe", Text: `Edition "es/en/a.md"`}},
		Units: []*Unit{{
			ID: "u1", Name: "paragraph",
			Notes: []Note{{ID: "g1", Category: "glossary", AppliesTo: "target", Text: `u1.1: "Kiev" must be translated as "Kiev" (glossary concept kyiv)`}},
			Data:  []Data{{ID: "d0", Text: "<br/>"}, {ID: "d1", Text: "<b>"}, {ID: "d2", Text: "</b>"}},
			Parts: []*Part{
				{ID: "u1.1", State: StateReviewed, Source: src[0], Target: trg[0], HasTarget: true},
				{Ignorable: true, Source: src[1]},
				{ID: "u1.2", State: StateInitial, Source: src[2]},
			},
		}},
	}}}
}

func TestEncodeGolden(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, goldenDoc()))
	golden := filepath.Join("testdata", "edition.xlf")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), buf.String())

	// Parse and encode again: the same bytes, from UTF-8 or UTF-16.
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(
		bytes.Replace(buf.Bytes(), []byte(`encoding="UTF-8"`), []byte(`encoding="UTF-16"`), 1))
	require.NoError(t, err)
	for name, in := range map[string][]byte{"utf-8": buf.Bytes(), "utf-8 BOM": append([]byte("\uFEFF"), buf.Bytes()...), "utf-16": u16} {
		t.Run(name, func(t *testing.T) {
			doc, err := Parse("edition.xlf", in)
			require.NoError(t, err)
			assert.Equal(t, "2.1", doc.Version)
			p := doc.Files[0].Units[0].Parts[0]
			assert.Equal(t, "u1.1", p.ID)
			assert.Equal(t, StateReviewed, p.State)
			assert.Equal(t, "Los bombardeos alcanzaron Kiev por la noche.", p.Target.PlainText())
			var again bytes.Buffer
			require.NoError(t, Encode(&again, doc))
			assert.Equal(t, buf.String(), again.String())
		})
	}
}

func TestParseErrors(t *testing.T) {
	head := `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="es">`
	tests := []struct{ name, in, want string }{
		{"not XML", "<xliff", "t.xlf:1: not well-formed XML"},
		{"empty", "", "t.xlf:1: no root element"},
		{"XLIFF 1.2", `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>`, "t.xlf:1: <xliff> has no <file> (required)"},
		{"version 3", strings.Replace(head, `version="2.1"`, `version="3.0"`, 1) + `<file id="f"><unit id="u"><segment><source/></segment></unit></file></xliff>`, `version "3.0"`},
		{"line of the fault", head + "\n<file id=\"f\">\n<unit id=\"u\">\n<segment state=\"done\"><source/></segment></unit></file></xliff>", `t.xlf:4: <segment> attribute state is "done"`},
		{"unknown code", head + `<file id="f"><unit id="u"><segment><source><ph id="1" dataRef="d9"/></source></segment></unit></file></xliff>`, `dataRef="d9" refers to no <data>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("t.xlf", []byte(tc.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			var e *Error
			assert.True(t, errors.As(err, &e))
		})
	}
}

func FuzzParse(f *testing.F) {
	var buf bytes.Buffer
	if err := Encode(&buf, goldenDoc()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	if dir, ok := shared.Find(); ok {
		for _, sub := range []string{"valid", "invalid"} {
			files, _ := filepath.Glob(filepath.Join(dir, "fixtures", "xliff-2.1", sub, "*.xlf"))
			for _, p := range files[:min(len(files), 12)] {
				if data, err := os.ReadFile(p); err == nil {
					f.Add(data)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		doc, err := Parse("fuzz.xlf", in)
		if err != nil {
			var es Errors
			require.ErrorAs(t, err, &es)
			for _, e := range es {
				require.Positive(t, e.Line)
			}
			return
		}
		require.NoError(t, Encode(io.Discard, doc))
	})
}

// BenchmarkParse compares the validating reader with a bare encoding/xml
// token walk of the same document (the baseline).
func BenchmarkParse(b *testing.B) {
	var buf bytes.Buffer
	doc := goldenDoc()
	u := doc.Files[0].Units[0]
	for i := range 200 {
		cp := *u
		cp.ID = "u" + string(rune('a'+i%26)) + strings.Repeat("x", i/26)
		doc.Files[0].Units = append(doc.Files[0].Units, &cp)
	}
	doc.Files[0].Units = doc.Files[0].Units[1:]
	require.NoError(b, Encode(&buf, doc))
	data := buf.Bytes()
	b.Run("xml-tokens-baseline", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			d := xml.NewDecoder(bytes.NewReader(data))
			for {
				if _, err := d.Token(); err != nil {
					break
				}
			}
		}
	})
	b.Run("parse-and-validate", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := Parse("bench.xlf", data); err != nil {
				b.Fatal(err)
			}
		}
	})
}
