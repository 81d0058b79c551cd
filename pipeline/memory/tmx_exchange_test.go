package memory

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/marker"
	"github.com/locpipe/locpipe/internal/ttk"
)

func code(n int) string { return string(marker.Code(n)) }
func term(n int) string { return string(marker.Term(n)) }

// TestOutsideTMX reads TMX files from the tests of OmegaT and Okapi
// (testdata/outside, see NOTICE there): their inline codes become codes,
// matched across languages by x, and alternative translations are named
// when dropped.
func TestOutsideTMX(t *testing.T) {
	read := func(name string) ([]Record, []Skipped) {
		data, err := os.ReadFile(filepath.Join("testdata", "outside", name))
		require.NoError(t, err)
		tm, err := ReadTMX(name, data)
		require.NoError(t, err)
		return tm.Records(ImportOptions{})
	}
	recs, skipped := read("omegat-ImportTest2A.tmx")
	assert.Empty(t, skipped)
	require.Len(t, recs, 7)
	// The translation reorders the codes: x says which is which.
	assert.Equal(t, "The big "+code(0)+"black"+code(1)+" "+code(2)+"cat"+code(3)+" sleeps.", recs[0].Source)
	assert.Equal(t, "Le gros "+code(2)+"chat"+code(3)+" "+code(0)+"noir"+code(1)+" dors.", recs[0].Target)
	assert.Equal(t, "Picture: "+code(0), recs[5].Source)

	recs, skipped = read("omegat-multiple-tuv.tmx")
	require.Len(t, skipped, 1)
	assert.Equal(t, "23: fr-CA: alternative translation dropped: the memory keeps one translation per sentence, the first (line 20)", skipped[0].String())
	assert.Len(t, recs, 10)

	recs, skipped = read("okapi-tmxtest-attributes.tmx")
	assert.Equal(t, "Close the "+code(0)+"application"+code(1)+".", recs[2].Source)
	require.NotEmpty(t, skipped)
	for _, s := range skipped {
		assert.Contains(t, s.Reason, "another translation of a sentence already translated on line 23 dropped")
	}
}

func TestTMXForeignCodes(t *testing.T) {
	doc := func(body string) string {
		return `<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" creationtoolversion="1" o-tmf="x"/><body>` + body + `</body></tmx>`
	}
	tests := []struct {
		name, body  string
		src, tgt    string
		skipped     string
		wantRecords int
	}{
		{"bpt ept by i", `<tu><tuv xml:lang="en"><seg>a <bpt i="1">&lt;b&gt;</bpt>b<ept i="1">&lt;/b&gt;</ept></seg></tuv><tuv xml:lang="fr"><seg>A <bpt i="1">&lt;b&gt;</bpt>B<ept i="1">&lt;/b&gt;</ept></seg></tuv></tu>`,
			"a " + code(0) + "b" + code(1), "A " + code(0) + "B" + code(1), "", 1},
		{"ph in order, ut", `<tu><tuv xml:lang="en"><seg><ph>x</ph>a<ut>y</ut><ph>z</ph></seg></tuv><tuv xml:lang="fr"><seg><ph>x</ph>A<ph>z</ph><ut>y</ut></seg></tuv></tu>`,
			code(0) + "a" + code(1) + code(2), code(0) + "A" + code(2) + code(1), "", 1},
		{"code not in source", `<tu><tuv xml:lang="en"><seg>a<ph x="1"/></seg></tuv><tuv xml:lang="fr"><seg>A<ph x="2"/></seg></tuv></tu>`,
			"", "", "fr: inline code x=2 that the source does not have", 0},
		{"same translation twice counts once", `<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>A</seg></tuv></tu><tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>A</seg></tuv></tu>`,
			"a", "A", "", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tm, err := ReadTMX("t.tmx", []byte(doc(tc.body)))
			require.NoError(t, err)
			recs, skipped := tm.Records(ImportOptions{})
			require.Len(t, recs, tc.wantRecords)
			if tc.wantRecords > 0 {
				assert.Equal(t, tc.src, recs[0].Source)
				assert.Equal(t, tc.tgt, recs[0].Target)
			}
			if tc.skipped == "" {
				assert.Empty(t, skipped)
			} else {
				require.Len(t, skipped, 1)
				assert.Contains(t, skipped[0].Reason, tc.skipped)
			}
		})
	}
}

// exchangeRecords are locpipe records with term placeholders and codes.
func exchangeRecords() recList {
	return recList{
		{Key: Key{Source: "Item one about " + term(0) + ".", SourceLang: "en", TargetLang: "uk", Engine: "pseudo", Terms: []string{"Donbass"}},
			Entry: Entry{Target: "Пункт про " + term(0) + ".", Origin: OriginMachine}},
		{Key: Key{Source: "Read " + code(1) + "the report" + code(2) + code(0) + "in " + term(0) + ".", SourceLang: "en", TargetLang: "uk", Engine: "pseudo"},
			Entry: Entry{Target: "Читайте " + code(1) + "звіт" + code(2) + code(0) + "у " + term(0) + ".", Origin: OriginHuman}},
		{Key: Key{Source: "Unknown " + code(3) + "end.", SourceLang: "en", TargetLang: "uk", Engine: "pseudo"},
			Entry: Entry{Target: "Кінець " + code(3) + ".", Origin: OriginMachine}},
	}
}

func exchangeInline(r Record) (Inline, bool) {
	in := Inline{SourceTerms: []string{"Donbass"}, TargetTerms: []string{"Донбас"},
		Codes: []InlineCode{{Data: "<br/>", Pair: -1}, {Data: `<a href="x">`, Pair: 2}, {Data: "</a>", Pair: 1}, {Data: "<i>", Pair: 4}}}
	return in, true
}

// TestTMXExportText writes terms as their text and markup as bpt/ept/ph/it
// with the original markup: locpipe reads the export back to the same
// records, and Translate Toolkit reads the text with every name in it.
func TestTMXExportText(t *testing.T) {
	recs := exchangeRecords()
	var buf bytes.Buffer
	n, err := WriteTMX(context.Background(), &buf, recs, ExportOptions{Inline: exchangeInline})
	require.NoError(t, err)
	require.Equal(t, 3, n)
	out := buf.String()
	assert.Contains(t, out, `<seg>Item one about <hi type="x-locpipe-term" x="0">Donbass</hi>.</seg>`)
	assert.Contains(t, out, `<seg>Read <bpt i="2" x="1" type="x-locpipe-code">&lt;a href="x"&gt;</bpt>the report<ept i="2">&lt;/a&gt;</ept><ph type="x-locpipe-code" x="0">&lt;br/&gt;</ph>in <hi type="x-locpipe-term" x="0">Donbass</hi>.</seg>`)
	assert.Contains(t, out, `<it pos="begin" x="3" type="x-locpipe-code">&lt;i&gt;</it>`)

	tm, err := ReadTMX("e.tmx", buf.Bytes())
	require.NoError(t, err)
	back, skipped := tm.Records(ImportOptions{})
	assert.Empty(t, skipped)
	require.Len(t, back, len(recs))
	for i := range recs {
		assert.Equal(t, recs[i].Key, back[i].Key)
		assert.Equal(t, recs[i].Entry, back[i].Entry)
	}

	path := filepath.Join(t.TempDir(), "e.tmx")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	class, units := ttk.Read(t, path)
	assert.Equal(t, "tmxfile", class)
	require.Len(t, units, 3)
	assert.Equal(t, "Item one about Donbass.", units[0].Source)
	require.NotNil(t, units[0].Target)
	assert.Equal(t, "Пункт про Донбас.", *units[0].Target)
	assert.True(t, strings.Contains(units[1].Source, "Donbass"), units[1].Source)
	assert.True(t, strings.Contains(units[1].Source, "the report"), units[1].Source)
}

func FuzzTMXCodes(f *testing.F) {
	var buf bytes.Buffer
	if _, err := WriteTMX(context.Background(), &buf, exchangeRecords(), ExportOptions{Inline: exchangeInline}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	for _, p := range []string{"omegat-en-es.tmx", "outside/omegat-ImportTest2A.tmx", "outside/omegat-multiple-tuv.tmx"} {
		if data, err := os.ReadFile(filepath.Join("testdata", p)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tm, err := ReadTMX("f.tmx", data)
		if err != nil {
			var se *SyntaxError
			require.ErrorAs(t, err, &se)
			require.Positive(t, se.Line)
			return
		}
		recs, skipped := tm.Records(ImportOptions{Glossary: glossary.Builtin()})
		for _, s := range skipped {
			require.NotEmpty(t, s.Reason)
		}
		// What was imported exports and imports back the same.
		var buf bytes.Buffer
		_, err = WriteTMX(context.Background(), &buf, recList(recs), ExportOptions{})
		require.NoError(t, err)
		tm2, err := ReadTMX("g.tmx", buf.Bytes())
		require.NoError(t, err, buf.String())
		back, _ := tm2.Records(ImportOptions{})
		require.Len(t, back, len(recs), buf.String())
	})
}
