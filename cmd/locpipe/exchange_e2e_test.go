package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	testshared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/internal/ttk"
)

// schemaDir holds the official XLIFF schemas the xliff package's tests keep.
func schemaDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.Abs(filepath.Join("..", "..", "pipeline", "xliff", "testdata", "schemas"))
	require.NoError(t, err)
	return d
}

func validateXLIFF(t *testing.T, file, xsd string) {
	t.Helper()
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		testshared.Skip(t, "install xmllint: apt-get install -y libxml2-utils")
	}
	cmd := exec.Command(lint, "--nonet", "--noout", "--schema", filepath.Join(schemaDir(t), xsd), file)
	cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+filepath.Join(schemaDir(t), "catalog.xml"))
	out, err := cmd.CombinedOutput()
	assert.NoError(t, err, "%s", out)
}

// ttkUnitID is the id Translate Toolkit gives the unit whose source holds
// needle.
func ttkUnitID(t *testing.T, path, needle string) string {
	t.Helper()
	_, units := ttk.Read(t, path)
	for _, u := range units {
		if strings.Contains(u.Source, needle) {
			return u.ID
		}
	}
	t.Fatalf("Translate Toolkit sees no unit with %q in %s", needle, path)
	return ""
}

// TestExchangeRoundTrip is issue 18's acceptance, per format: export,
// edit a target with Translate Toolkit (XLIFF 1.2, PO; Python's XML library
// for XLIFF 2, which Translate Toolkit 3.8 cannot open), mark it
// reviewed/approved, import: the edition shows it, and a second translate
// keeps it. Translate Toolkit opens every export with one unit per
// segment; the XLIFF validates against its schema, msgfmt -c accepts the PO.
func TestExchangeRoundTrip(t *testing.T) {
	const (
		needle = "Most of the new arrivals"
		edit   = "La mayoría de quienes llegan son mujeres y niños."
	)
	tests := []struct {
		name   string
		export []string
		imp    string
		ext    string
		xsd    string
	}{
		{"xliff 1.2", []string{"xliff", "export", "--version", "1.2"}, "xliff", ".xlf", "xliff-core-1.2-strict.xsd"},
		{"xliff 2.0", []string{"xliff", "export", "--version", "2.0"}, "xliff", ".xlf", "xliff2/xliff_core_2.0.xsd"},
		{"xliff 2.1", []string{"xliff", "export"}, "xliff", ".xlf", "xliff2/xliff_core_2.0.xsd"},
		{"xliff 2.2", []string{"xliff", "export", "--version", "2.2"}, "xliff", ".xlf", "xliff2/xliff_core_2.2.xsd"},
		{"po", []string{"po", "export"}, "po", ".po", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			corpus := copyCorpus(t)
			out := filepath.Join(t.TempDir(), "out")
			dir := filepath.Join(t.TempDir(), "review")
			args := []string{"--to", "es", "--out", out, filepath.Join(corpus, refugees)}
			first := translateJSON(t, nil, args...)

			r := run(t, nil, append(tc.export, "--out", out, "--dir", dir)...)
			require.Equal(t, 0, r.code, r.stderr)
			file := filepath.Join(dir, "es", filepath.Base(refugees)+tc.ext)
			if tc.xsd != "" {
				validateXLIFF(t, file, tc.xsd)
			} else if msgfmt, err := exec.LookPath("msgfmt"); err == nil {
				out, err := exec.Command(msgfmt, "-c", "-o", os.DevNull, file).CombinedOutput()
				assert.NoError(t, err, "%s", out)
			} else {
				testshared.Skip(t, "msgfmt not installed (Debian gettext)")
			}

			switch tc.name {
			case "xliff 1.2", "po":
				class, units := ttk.Read(t, file)
				assert.Equal(t, map[string]string{"xliff 1.2": "xlifffile", "po": "pofile"}[tc.name], class)
				assert.Len(t, units, first.Segments, "one unit per segment")
				ttk.Edit(t, file, ttkUnitID(t, file, needle), edit, true)
			default:
				ttk.EditXLIFF2(t, file, needle, edit)
			}

			r = run(t, nil, tc.imp, "import", "--out", out, "--json", file)
			require.Equal(t, 0, r.code, r.stderr)
			var sum xliffImportSummary
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &sum), r.stdout)
			assert.Equal(t, 1, sum.Learned, r.stderr)
			assert.Empty(t, sum.Problems)
			edition := filepath.Join(out, "es", filepath.Base(refugees))
			ed, err := os.ReadFile(edition)
			require.NoError(t, err)
			assert.Contains(t, string(ed), edit, "the edition shows the review")

			s := translateJSON(t, nil, append([]string{"--force"}, args...)...)
			assert.Equal(t, 0, s.BackendSegments)
			ed, err = os.ReadFile(edition)
			require.NoError(t, err)
			assert.Contains(t, string(ed), edit, "a second translate keeps it")
		})
	}
}

// TestReviewLosesCodes: a reviewer's target that loses the inline codes
// (Translate Toolkit setting plain text on a unit with <g>) is refused for
// that segment with file:line, never repaired by piling the codes at the
// ends; the rest of the file is applied.
func TestReviewLosesCodes(t *testing.T) {
	corpus := copyCorpus(t)
	out := filepath.Join(t.TempDir(), "out")
	dir := filepath.Join(t.TempDir(), "review")
	md := filepath.Join("en", "2022-04-03-kiev-suburbs-return.md")
	translateJSON(t, nil, "--to", "uk", "--out", out, filepath.Join(corpus, md))
	r := run(t, nil, "xliff", "export", "--version", "1.2", "--out", out, "--dir", dir)
	require.Equal(t, 0, r.code, r.stderr)
	file := filepath.Join(dir, "uk", filepath.Base(md)+".xlf")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	require.Contains(t, string(data), `<g id="c0">Kiev</g>`)

	// The reviewer's tool writes plain text over the target of the unit
	// with <g> (what a tool that does not show tags does); another unit is
	// edited with Translate Toolkit.
	id := ttkUnitID(t, file, "Families began returning")
	seg := id[strings.LastIndexByte(id, '\x04')+1:]
	re := regexp.MustCompile(`(?s)(<trans-unit id="` + regexp.QuoteMeta(seg) + `"[^>]*>\s*<source>.*?</source>\s*)<target state="[a-z-]+">.*?</target>`)
	data, err = os.ReadFile(file)
	require.NoError(t, err)
	require.True(t, re.Match(data))
	data = re.ReplaceAll(data, []byte(`$1<target state="final">Родини почали повертатися в неділю до містечок на північний захід від Київ.</target>`))
	data = []byte(strings.Replace(string(data), `<trans-unit id="`+seg+`"`, `<trans-unit id="`+seg+`" approved="yes"`, 1))
	require.NoError(t, os.WriteFile(file, data, 0o644))
	ttk.Edit(t, file, ttkUnitID(t, file, "Mayor Vitali Klitschko"), "Мер Віталій Кличко попросив мешканців Київ не поспішати.", true)

	r = run(t, nil, "xliff", "import", "--out", out, "--json", file)
	assert.Equal(t, 1, r.code, r.stderr)
	var sum xliffImportSummary
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &sum), r.stdout)
	assert.Equal(t, 1, sum.Learned, "the rest of the file is applied")
	require.Len(t, sum.Problems, 1, r.stderr)
	assert.Regexp(t, `^`+regexp.QuoteMeta(file)+`:\d+: segment `+regexp.QuoteMeta(seg)+`: target loses the inline codes "\*\*", "\*\*": not applied`, sum.Problems[0])
	ed, err := os.ReadFile(filepath.Join(out, "uk", filepath.Base(md)))
	require.NoError(t, err)
	assert.Contains(t, string(ed), "Мер Віталій Кличко попросив мешканців Київ не поспішати.")
	assert.NotContains(t, string(ed), "**Родини", "no codes piled at the ends")
}

// TestTMXExportReadByTranslateToolkit: the TMX export of a translated
// corpus writes glossary terms as their text and markup as its native
// code, so that Translate Toolkit reads every unit whole: no placeholder
// left, every "Donbass" of the sources there.
func TestTMXExportReadByTranslateToolkit(t *testing.T) {
	corpus := copyCorpus(t)
	out := filepath.Join(t.TempDir(), "out")
	translateJSON(t, nil, "--to", "uk", "--out", out, corpus)
	tmx := filepath.Join(t.TempDir(), "tm.tmx")
	r := run(t, nil, "tm", "export", "--out", out, "-o", tmx)
	require.Equal(t, 0, r.code, r.stderr)
	data, err := os.ReadFile(tmx)
	require.NoError(t, err)
	n := strings.Count(string(data), "<tu ")
	assert.NotContains(t, string(data), `<ph type="x-locpipe-term" x="0"/>`, "every term written as its text")
	assert.Regexp(t, `<bpt i="\d+" x="\d+" type="x-locpipe-code">&lt;a href=`, string(data), "markup as its code")
	_, units := ttk.Read(t, tmx)
	require.Len(t, units, n)
	donbass := 0
	for _, u := range units {
		for _, text := range []string{u.Source, derefOr(u.Target)} {
			assert.False(t, strings.ContainsFunc(text, func(r rune) bool { return r >= 0xE000 && r < 0xF900 || r >= 0xF0000 }), "a placeholder in %q", text)
		}
		if strings.Contains(u.Source, "Donbass") {
			donbass++
		}
	}
	assert.Equal(t, strings.Count(string(data), `">Donbass</hi>`), donbass)
	assert.Positive(t, donbass)
}

func derefOr(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
