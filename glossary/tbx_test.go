package glossary

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	testshared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/internal/ttk"
)

// richGlossary has every kind of data locpipe keeps: notes, exceptions,
// options, forms, deprecated forms, a forbidden-only language, an id that
// is no xs:ID.
func richGlossary(t *testing.T) *Glossary {
	t.Helper()
	g, err := Parse("rich.yaml", []byte(`version: 1
concepts:
  - id: kyiv
    note: Capital of Ukraine.
    exceptions: ["Chicken Kiev"]
    case_sensitive: true
    terms:
      en: {preferred: Kyiv, admitted: [Kyiv City], deprecated: [Kiev]}
      ru: {preferred: Киев, forms: {gen: Киева}}
      uk: {preferred: Київ, forms: {gen: Києва}, deprecated_forms: {gen: [Киева]}, case_sensitive: true}
    forbidden:
      be-tarask: [Кіеў]
  - id: 2024 & co
    do_not_translate: true
    terms:
      en: {preferred: "Ukrainska Pravda"}
`))
	require.NoError(t, err)
	return Merge(Builtin(), g)
}

func TestTBXRoundTrip(t *testing.T) {
	g := richGlossary(t)
	for name, write := range map[string]func(*bytes.Buffer) error{
		"v3": func(b *bytes.Buffer) error { return WriteTBX(b, g) },
		"v2": func(b *bytes.Buffer) error { return WriteTBXv2(b, g, "en", "uk") },
	} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, write(&b))
			back, err := ParseTBX("a.tbx", b.Bytes())
			require.NoError(t, err, b.String())
			assert.Equal(t, g.Fingerprint(), back.Fingerprint(), b.String())
			var c *Concept
			for _, bc := range back.Concepts {
				if bc.ID == "kyiv" {
					c = bc
				}
			}
			require.NotNil(t, c)
			assert.Equal(t, map[string][]string{"be-tarask": {"Кіеў"}}, c.Forbidden)
			assert.Equal(t, []string{"Chicken Kiev"}, c.Exceptions)
			assert.Equal(t, map[string][]string{"gen": {"Киева"}}, c.Terms["uk"].DeprecatedForms)
			assert.Equal(t, "2024 & co", back.Concepts[len(back.Concepts)-1].ID)
		})
	}
}

func TestTBXForbiddenOnly(t *testing.T) {
	// A language holding only a forbidden term does not reject the
	// termbase: it is kept as forbidden, the rest is read.
	in := `<tbx type="TBX-Basic" style="dca" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="a">
<langSec xml:lang="en"><termSec><term>Kyiv</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
<langSec xml:lang="ru"><termSec><term>Киев</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
</conceptEntry>
<conceptEntry id="b"><langSec xml:lang="en"><termSec><term>Kiev</term><termNote type="normativeAuthorization">forbidden</termNote></termSec></langSec></conceptEntry>
</body></text></tbx>`
	g, err := ParseTBX("f.tbx", []byte(in))
	require.NoError(t, err)
	require.Len(t, g.Concepts, 2)
	assert.Equal(t, map[string][]string{"ru": {"Киев"}}, g.Concepts[0].Forbidden)
	assert.Equal(t, TermSet{Preferred: "Kyiv"}, g.Concepts[0].Terms["en"])
	assert.Equal(t, map[string][]string{"en": {"Kiev"}}, g.Concepts[1].Forbidden)
	assert.Empty(t, g.Concepts[1].Terms)
	// It survives YAML and CSV.
	for _, f := range []Format{FormatYAML, FormatCSV, FormatTSV, FormatTBX} {
		var y bytes.Buffer
		require.NoError(t, Encode(&y, g, f))
		back, err := Decode("f."+string(f), y.Bytes(), f, ImportOptions{})
		require.NoError(t, err, y.String())
		assert.Equal(t, g.Fingerprint(), back.Fingerprint(), f)
	}
}

func TestTBXStructuralErrors(t *testing.T) {
	head := "<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\"><text><body>\n"
	tail := "\n</body></text></tbx>"
	tests := []struct{ name, in, want string }{
		{"two terms", "<conceptEntry id=\"a\"><langSec xml:lang=\"en\">\n<termSec><term>A</term><term>B</term></termSec></langSec></conceptEntry>", `e.tbx:3: glossary: invalid glossary: concept "a" (en): <termSec> needs exactly one <term>, has 2`},
		{"no term", "<conceptEntry id=\"a\"><langSec xml:lang=\"en\">\n<termSec><termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote></termSec></langSec></conceptEntry>", "e.tbx:3: glossary: invalid glossary: concept \"a\" (en): <termSec> needs exactly one <term>, has 0"},
		{"no xml:lang", "<conceptEntry id=\"a\">\n<langSec><termSec><term>A</term></termSec></langSec></conceptEntry>", "e.tbx:3: glossary: invalid glossary: concept \"a\": a language section without xml:lang"},
		{"empty language", "<conceptEntry id=\"a\">\n<langSec xml:lang=\"en\"></langSec></conceptEntry>", "e.tbx:3: glossary: invalid glossary: concept \"a\": the en section has no terms"},
		{"no language", "<conceptEntry id=\"a\">\n</conceptEntry>", `e.tbx:2: glossary: invalid glossary: "a" has no terms`},
		{"termSec outside langSec", "<conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec><term>A</term></termSec></langSec>\n<termSec><term>B</term></termSec></conceptEntry>", "e.tbx:3: glossary: invalid glossary: concept \"a\": <termSec> outside a language section"},
		{"langSec outside concept", "<langSec xml:lang=\"en\"><termSec><term>A</term></termSec></langSec>", "e.tbx:2: glossary: invalid glossary: <langSec> outside a concept entry"},
		{"unknown status", "<conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec><term>A</term>\n<termNote type=\"administrativeStatus\">best</termNote></termSec></langSec></conceptEntry>", `e.tbx:3: glossary: invalid glossary: concept "a" (en): unknown administrativeStatus "best"`},
		{"v2 in v3", "<termEntry id=\"a\"/>", "e.tbx:2: glossary: invalid glossary: <termEntry> (TBX v2) in a TBX v3 <tbx> document: want <conceptEntry>"},
		{"langSet in v3", "<conceptEntry id=\"a\">\n<langSet xml:lang=\"en\"><tig><term>A</term></tig></langSet></conceptEntry>", "e.tbx:3: glossary: invalid glossary: concept \"a\": <langSet> does not belong in TBX v3"},
		{"duplicate id", "<conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec><term>A</term></termSec></langSec></conceptEntry>\n<conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec><term>B</term></termSec></langSec></conceptEntry>", `e.tbx:3: glossary: invalid glossary: duplicate id "a" (first at line 2)`},
		{"same language twice", "<conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec><term>A</term></termSec></langSec>\n<langSec xml:lang=\"en\"><termSec><term>B</term></termSec></langSec></conceptEntry>", `e.tbx:3: glossary: invalid glossary: concept "a": a second en section`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseTBX("e.tbx", []byte(head+tc.in+tail))
			require.ErrorIs(t, err, ErrInvalid)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}

// TestTBXLTACExamples reads LTAC's TBX-Basic examples in both styles: the
// DCT one keeps its administrative statuses (superseded → deprecated).
func TestTBXLTACExamples(t *testing.T) {
	var terms []map[string]TermSet
	for _, f := range []string{"ltac-astronomy-dca.tbx", "ltac-astronomy-dct.tbx"} {
		g, err := LoadFile(filepath.Join("testdata", f), ImportOptions{})
		require.NoError(t, err, f)
		require.NotEmpty(t, g.Concepts)
		c := g.Concepts[0]
		assert.Equal(t, "open cluster", c.Terms["en"].Preferred, f)
		assert.Equal(t, []string{"galactic cluster"}, c.Terms["en"].Deprecated, f)
		assert.Equal(t, "disco de acreción", g.Concepts[1].Terms["es"].Preferred, f)
		assert.Equal(t, []string{"disco de acrecimiento"}, g.Concepts[1].Terms["es"].Admitted, f)
		for _, c := range g.Concepts {
			terms = append(terms, c.Terms)
		}
	}
	require.Len(t, terms, 90, "45 concepts in each")
	assert.Equal(t, terms[:45], terms[45:], "both styles give the same terms and statuses")
}

// TestTBXBasicSchema validates the export against LTAC's integrated
// TBX-Basic RELAX NG schema (testdata/schemas, from the commit the header
// names) and the v2 export against the TBX v2 core schema OmegaT reads
// TBX with.
func TestTBXBasicSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		testshared.Skip(t, "xmllint not installed (Debian libxml2-utils)")
	}
	g := richGlossary(t)
	dir := t.TempDir()
	var v3, v2 bytes.Buffer
	require.NoError(t, WriteTBX(&v3, g))
	require.NoError(t, WriteTBXv2(&v2, g))
	assert.Contains(t, v3.String(), `href="`+TBXBasicSchema+`"`)
	assert.True(t, strings.HasSuffix(TBXBasicSchema, "/TBXcoreStructV03_TBX-Basic_integrated.rng"))
	p3, p2 := filepath.Join(dir, "g3.tbx"), filepath.Join(dir, "g2.tbx")
	require.NoError(t, os.WriteFile(p3, v3.Bytes(), 0o644))
	require.NoError(t, os.WriteFile(p2, v2.Bytes(), 0o644))
	out, err := exec.Command(xmllint, "--noout", "--nonet", "--relaxng", filepath.Join("testdata", "schemas", "TBXcoreStructV03_TBX-Basic_integrated.rng"), p3).CombinedOutput()
	assert.NoError(t, err, "%s", out)
	out, err = exec.Command(xmllint, "--noout", "--nonet", "--schema", filepath.Join("testdata", "schemas", "tbx-v2-core.xsd"), p2).CombinedOutput()
	assert.NoError(t, err, "%s", out)
}

func TestOmegaTTSV(t *testing.T) {
	in := "# OmegaT glossary\nKiev\tKyiv\tcapital, spelt the Ukrainian way\nOdessa\tOdesa\n"
	g, err := ParseCSV("glossary.tab", []byte(in), '\t', ImportOptions{Source: mustTag("en"), Target: mustTag("en")})
	require.NoError(t, err)
	require.Len(t, g.Concepts, 2)
	assert.Equal(t, "capital, spelt the Ukrainian way", g.Concepts[0].Note)
	assert.Equal(t, TermSet{Preferred: "Kyiv", Deprecated: []string{"Kiev"}}, g.Concepts[0].Terms["en"])
	g, err = ParseCSV("glossary.tab", []byte("Kiev\tКиїв\tcity\n"), '\t', ImportOptions{Source: mustTag("en"), Target: mustTag("uk")})
	require.NoError(t, err)
	assert.Equal(t, "Київ", g.Concepts[0].Terms["uk"].Preferred)
	_, err = ParseCSV("glossary.tab", []byte("a\tb\tc\td\te\n"), '\t', ImportOptions{Source: mustTag("en"), Target: mustTag("uk")})
	require.Error(t, err)
}

func mustTag(s string) language.Tag { return language.MustParse(s) }

// TestTBXTranslateToolkit opens the tbx-v2 export with Translate Toolkit:
// every concept is a unit whose source and target are the terms of the
// first two languages (--from, --to).
func TestTBXTranslateToolkit(t *testing.T) {
	g := Builtin()
	var b bytes.Buffer
	require.NoError(t, WriteTBXv2(&b, g, "en", "uk"))
	p := filepath.Join(t.TempDir(), "g.tbx")
	require.NoError(t, os.WriteFile(p, b.Bytes(), 0o644))
	class, units := ttk.Read(t, p)
	assert.Equal(t, "tbxfile", class)
	require.Len(t, units, len(g.Concepts))
	for i, u := range units {
		c := g.Concepts[i]
		first := leading(conceptLangs(c), []string{"en", "uk"})
		assert.Equal(t, c.Terms[first[0]].Preferred, u.Source, c.ID)
		if len(first) > 1 {
			require.NotNil(t, u.Target, c.ID)
			assert.Equal(t, c.Terms[first[1]].Preferred, *u.Target, c.ID)
		}
	}
}
