package xliff

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/internal/ttk"
)

var versions = []string{"1.2", "2.0", "2.1", "2.2"}

// sampleDoc is a document with every kind of code and state.
func sampleDoc(version string) *Document {
	src := ContentsFromTexts([]string{"A " + c(1) + "bold " + c(3) + "link" + c(4) + c(2) + " and" + c(0) + "break.", " ", "One " + c(5) + "two.", "Three" + c(6) + " four & <five>.", "Six."}, testCodes)
	trg := ContentsFromTexts([]string{"Un " + c(1) + "gras " + c(3) + "lien" + c(4) + c(2) + " et" + c(0) + "saut.", "", "Un " + c(5) + "deux.", "Trois" + c(6) + " quatre & <cinq>.", ""}, testCodes)
	u := &Unit{ID: "u1", Name: "paragraph", Notes: []Note{{ID: "g1", Category: "glossary", AppliesTo: "target", Segment: "u1.1", Text: `u1.1: "link" must be translated as "lien"`}}}
	u.Parts = []*Part{
		{ID: "u1.1", State: StateReviewed, Source: src[0], Target: trg[0], HasTarget: true},
		{Ignorable: true, Source: src[1]},
		{ID: "u1.2", State: StateTranslated, Source: src[2], Target: trg[2], HasTarget: true},
		{ID: "u1.3", State: StateTranslated, Source: src[3], Target: trg[3], HasTarget: true},
		{ID: "u1.4", State: StateInitial, Source: src[4]},
	}
	for i, cd := range testCodes {
		u.Data = append(u.Data, Data{ID: dataID(i), Text: cd.Data})
	}
	return &Document{Version: version, SrcLang: "en", TrgLang: "fr", Files: []*File{{ID: "f1", Original: "news/a.md",
		Notes: []Note{{ID: "locpipe", Category: "locpipe", Text: "Edition fr/news/a.md"}}, Units: []*Unit{u}}}}
}

func TestVersionsRoundTrip(t *testing.T) {
	for _, v := range versions {
		t.Run(v, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, Encode(&buf, sampleDoc(v)))
			back, err := Parse("a.xlf", buf.Bytes())
			require.NoError(t, err, buf.String())
			assert.Equal(t, v, back.Version)
			assert.Equal(t, "en", back.SrcLang)
			assert.Equal(t, "fr", back.TrgLang)
			require.Len(t, back.Files, 1)
			assert.Equal(t, "news/a.md", back.Files[0].Original)
			require.Len(t, back.Files[0].Units, 1)
			u := back.Files[0].Units[0]
			assert.Equal(t, "u1", u.ID)
			var segs []*Part
			for _, p := range u.Parts {
				if !p.Ignorable {
					segs = append(segs, p)
				}
			}
			require.Len(t, segs, 4)
			want := sampleDoc(v).Files[0].Units[0].Parts
			wantSegs := []*Part{want[0], want[2], want[3], want[4]}
			for i, p := range segs {
				w := wantSegs[i]
				assert.Equal(t, w.ID, p.ID)
				assert.Equal(t, w.HasTarget, p.HasTarget, p.ID)
				gotState := p.State
				if gotState == StateFinal {
					gotState = StateReviewed // 1.2 has final, read as reviewed by import
				}
				assert.Equal(t, w.State, gotState, p.ID)
				for _, side := range [][2]Content{{w.Source, p.Source}, {w.Target, p.Target}} {
					wt, err := TextFromContent(side[0], testCodes)
					require.NoError(t, err)
					gt, err := TextFromContent(side[1], testCodes)
					require.NoError(t, err, p.ID)
					assert.Equal(t, wt, gt, p.ID)
				}
			}
			if v == "1.2" {
				assert.Contains(t, buf.String(), `<trans-unit id="u1.1" approved="yes"`)
				assert.Contains(t, buf.String(), `<note from="glossary" annotates="target">u1.1:`)
			}
			if v == "2.2" {
				assert.Contains(t, buf.String(), `xmlns="`+Namespace22+`"`)
			}
		})
	}
}

// TestSchemaValid validates what Encode writes against the official
// schemas kept in testdata/schemas: XLIFF 1.2 strict and transitional,
// the 2.0 core (2.0 and 2.1 share it) and the 2.2 core.
func TestSchemaValid(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		shared.Skip(t, "xmllint not installed (Debian libxml2-utils)")
	}
	dir, err := filepath.Abs(filepath.Join("testdata", "schemas"))
	require.NoError(t, err)
	schemas := map[string][]string{
		"1.2": {"xliff-core-1.2-strict.xsd", "xliff-core-1.2-transitional.xsd"},
		"2.0": {"xliff2/xliff_core_2.0.xsd"},
		"2.1": {"xliff2/xliff_core_2.0.xsd"},
		"2.2": {"xliff2/xliff_core_2.2.xsd"},
	}
	for _, v := range versions {
		var buf bytes.Buffer
		require.NoError(t, Encode(&buf, sampleDoc(v)))
		f := filepath.Join(t.TempDir(), "a.xlf")
		require.NoError(t, os.WriteFile(f, buf.Bytes(), 0o644))
		for _, xsd := range schemas[v] {
			cmd := exec.Command(xmllint, "--nonet", "--noout", "--schema", filepath.Join(dir, xsd), f)
			cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+filepath.Join(dir, "catalog.xml"))
			out, err := cmd.CombinedOutput()
			assert.NoError(t, err, "XLIFF %s against %s: %s\n%s", v, xsd, out, buf.String())
		}
	}
}

// TestOutsideFiles reads XLIFF 1.x files from the tests of Okapi, OmegaT and
// Translate Toolkit (testdata/outside, see NOTICE there), inline tags
// included.
func TestOutsideFiles(t *testing.T) {
	tests := []struct {
		file   string
		units  int
		unit   int // the unit checked
		source string
		kinds  []Kind // the inline kinds of its first part's source, in order
	}{
		{"okapi-Test-XLIFF02.xlf", 4, 2, "word1, word2,\nword3, word5, to protect, etc.", []Kind{Pc, Text, Sc, Text, Ec, Text, Ph, Text, Ph, Text, Mrk, Text}},
		{"ttk-odf2xliff-inline.xlf", 4, 1, "Partiendo del estado actual", []Kind{Text, Pc, Text}},
		{"omegat-multiple-file-tag.xlf", 1, 0, "This is text3", []Kind{Text}},
		{"omegat-BUGS1221.xlf", 2, 0, "ENTWURF", []Kind{Text}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "outside", tc.file))
			require.NoError(t, err)
			d, err := Parse(tc.file, data)
			require.NoError(t, err)
			var units []*Unit
			for _, f := range d.Files {
				if len(f.Units) > 0 && len(units) == 0 {
					units = f.Units
				}
			}
			require.Len(t, units, tc.units)
			p := units[tc.unit].Parts[0]
			assert.True(t, strings.HasPrefix(p.Source.PlainText(), tc.source), "%q", p.Source.PlainText())
			var kinds []Kind
			for _, in := range p.Source {
				kinds = append(kinds, in.Kind)
			}
			assert.Equal(t, tc.kinds, kinds)
		})
	}
	// The seg-source of OmegaT's file: one part per <mrk mtype="seg">,
	// with the target's marker as target.
	data, err := os.ReadFile(filepath.Join("testdata", "outside", "omegat-BUGS1221.xlf"))
	require.NoError(t, err)
	d, err := Parse("b.xlf", data)
	require.NoError(t, err)
	var found bool
	for _, f := range d.Files {
		for _, u := range f.Units {
			if u.ID == "P33F30884-sub1" {
				found = true
				require.Len(t, u.Parts, 1)
				assert.Equal(t, "0", u.Parts[0].ID)
				assert.Equal(t, "DRAFT", u.Parts[0].Target.PlainText())
				assert.Equal(t, StateTranslated, u.Parts[0].State)
			}
		}
	}
	assert.True(t, found)
}

func TestInvalid12(t *testing.T) {
	head := `<?xml version="1.0"?>` + "\n" + `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">` + "\n"
	file := `<file original="a" source-language="en" target-language="fr" datatype="plaintext">` + "\n"
	tests := []struct{ name, doc, want string }{
		{"no original", head + `<file source-language="en" datatype="plaintext"><body/></file></xliff>`, "3: <file> has no original attribute"},
		{"no body", head + file + `</file></xliff>`, "3: <file> has no <body>"},
		{"duplicate id", head + file + "<body>\n<trans-unit id=\"a\"><source>x</source></trans-unit>\n<trans-unit id=\"a\"><source>y</source></trans-unit></body></file></xliff>", `6: <trans-unit> id "a" already used on line 5`},
		{"bad state", head + file + "<body>\n<trans-unit id=\"a\"><source>x</source>\n<target state=\"done\">y</target></trans-unit></body></file></xliff>", `6: <target> state="done"`},
		{"target first", head + file + "<body>\n<trans-unit id=\"a\">\n<target>y</target><source>x</source></trans-unit></body></file></xliff>", "6: <source> must come first"},
		{"two targets", head + file + "<body>\n<trans-unit id=\"a\"><source>x</source><target>y</target>\n<target>z</target></trans-unit></body></file></xliff>", "6: <trans-unit> has a second <target>"},
		{"unknown element", head + file + "<body>\n<unit id=\"a\"/></body></file></xliff>", "5: unknown element <unit>"},
		{"text in body", head + file + "<body>\nloose text</body></file></xliff>", "4: <body> may not contain text"},
		{"no source", head + file + "<body>\n<trans-unit id=\"a\"/></body></file></xliff>", "5: <trans-unit> has no <source>"},
		{"bad pos", head + file + "<body>\n<trans-unit id=\"a\"><source><it id=\"1\" pos=\"middle\">x</it></source></trans-unit></body></file></xliff>", `5: <it> pos="middle"`},
		{"bad version", `<xliff version="1.5" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" datatype="plaintext"><body/></file></xliff>`, `1: <xliff> version "1.5"`},
		{"two language pairs", head + file + "<body/></file>\n<file original=\"b\" source-language=\"en\" target-language=\"de\" datatype=\"plaintext\"><body/></file></xliff>", "5: <file> languages en→de differ"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("x.xlf", []byte(tc.doc))
			require.Error(t, err)
			var es Errors
			require.ErrorAs(t, err, &es)
			assert.Contains(t, es.String(), "x.xlf:"+tc.want)
		})
	}
}

func TestNamespace22(t *testing.T) {
	ok := `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.2" version="2.2" srcLang="en" trgLang="fr">
<notes><note ref="#f=f1">about the document</note></notes>
<file id="f1"><unit id="u1"><segment><source>a</source><target>b</target></segment></unit></file></xliff>`
	d, err := Parse("ok.xlf", []byte(ok))
	require.NoError(t, err)
	assert.Equal(t, "2.2", d.Version)
	assert.Equal(t, "b", d.Files[0].Units[0].Parts[0].Target.PlainText())

	mixed := `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.2" version="2.2" srcLang="en">
<file id="f1"><unit id="u1" xmlns="urn:oasis:names:tc:xliff:document:2.0"><segment><source>a</source></segment></unit></file></xliff>`
	_, err = Parse("mixed.xlf", []byte(mixed))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "mixed.xlf:2: <unit> in namespace "+Namespace)

	wrong := `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.2" srcLang="en"><file id="f1"><unit id="u1"><segment><source>a</source></segment></unit></file></xliff>`
	_, err = Parse("wrong.xlf", []byte(wrong))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "XLIFF 2.2 documents use "+Namespace22)

	notes20 := strings.Replace(strings.Replace(ok, "2.2", "2.0", 2), ` ref="#f=f1"`, "", 1)
	_, err = Parse("notes20.xlf", []byte(notes20))
	require.Error(t, err, "2.0 has no <notes> on <xliff>")
}

func FuzzParseVersions(f *testing.F) {
	for _, v := range versions {
		var buf bytes.Buffer
		if err := Encode(&buf, sampleDoc(v)); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	outside, _ := filepath.Glob(filepath.Join("testdata", "outside", "*.xlf"))
	for _, p := range outside {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse("f.xlf", data)
		if err != nil {
			if _, ok := err.(Errors); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		// What was read is written again in its version and read back.
		if d.Version != "1.2" && !strings.HasPrefix(d.Version, "2.") {
			d.Version = "1.2"
		}
		var buf bytes.Buffer
		if err := Encode(&buf, d); err != nil {
			t.Fatal(err)
		}
		if _, err := Parse("g.xlf", buf.Bytes()); err != nil && d.SrcLang != "" {
			t.Logf("re-encoded document rejected: %v", err)
		}
	})
}

// TestTranslateToolkit12 opens the XLIFF 1.2 export with Translate Toolkit:
// the same units with the same text, the reviewed one approved; a target it
// edits and approves reads back as reviewed. (Translate Toolkit 3.8 has no
// XLIFF 2 reader; the 2.x files are checked against their schema.)
func TestTranslateToolkit12(t *testing.T) {
	var buf bytes.Buffer
	d := sampleDoc("1.2")
	require.NoError(t, Encode(&buf, d))
	path := filepath.Join(t.TempDir(), "a.xlf")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	class, units := ttk.Read(t, path)
	assert.Equal(t, "xlifffile", class)
	var want []*Part
	for _, p := range d.Files[0].Units[0].Parts {
		if !p.Ignorable {
			want = append(want, p)
		}
	}
	require.Len(t, units, len(want))
	for i, u := range units {
		assert.True(t, strings.HasSuffix(u.ID, want[i].ID), u.ID)
		assert.Equal(t, want[i].Source.PlainText(), u.Source)
		if want[i].HasTarget {
			require.NotNil(t, u.Target)
			assert.Equal(t, want[i].Target.PlainText(), *u.Target)
		}
		assert.Equal(t, want[i].State == StateReviewed, u.Approved, u.ID)
	}
	ttk.Edit(t, path, "u1.4", "Six, révisé.", true)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	back, err := Parse("a.xlf", data)
	require.NoError(t, err, string(data))
	p := back.Files[0].Units[0].Parts[3]
	assert.Equal(t, "u1.4", p.ID)
	assert.Equal(t, StateReviewed, p.State)
	assert.Equal(t, "Six, révisé.", p.Target.PlainText())
}

func TestCodeMismatch(t *testing.T) {
	tests := []struct{ src, tgt, want string }{
		{"A " + c(1) + "b" + c(2) + c(0), "A " + c(0) + c(1) + "b" + c(2), ""},
		{"A " + c(1) + "b" + c(2), "A b", `target loses the inline codes "<b>", "</b>"`},
		{"A b", "A " + c(0) + "b", `target adds the inline code "<br/>" that the source segment does not have`},
		{"A " + c(0) + "b", "A " + c(0) + c(0) + "b", `target repeats the inline code "<br/>"`},
		{"A " + c(3) + "b" + c(4), "A b" + c(4) + c(0), `target loses the inline code "<a href=\"x?a=1&b=2\">"; adds the inline code "<br/>" that the source segment does not have`},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, CodeMismatch(tc.src, tc.tgt, testCodes), "%q → %q", tc.src, tc.tgt)
	}
}

// TestOASISSuite22 runs the OASIS XLIFF 2.2 core test suite (testdata,
// see its NOTICE): every valid file is accepted, every invalid one
// rejected with a file:line message.
func TestOASISSuite22(t *testing.T) {
	for _, sub := range []string{"valid", "invalid"} {
		files, err := filepath.Glob(filepath.Join("testdata", "xliff-2.2-suite", sub, "*.xlf"))
		require.NoError(t, err)
		require.NotEmpty(t, files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			_, err = Parse(filepath.Base(f), data)
			if sub == "valid" {
				assert.NoError(t, err, f)
				continue
			}
			var es Errors
			if assert.ErrorAs(t, err, &es, f) {
				assert.Positive(t, es[0].Line, f)
			}
		}
	}
}
