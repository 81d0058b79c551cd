package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
)

// Issue 20: an untranslated corpus (the identity engine copies the source)
// through --format github: more errors than GitHub shows per step, all of
// them visible in at most ten annotations, and a step summary written.
func TestCheckGitHubManyFindings(t *testing.T) {
	corpus := shared.Path(t, "corpus", "en")
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	r := runCheckMain(t, "translate", "--to", "es", "--backend", "identity", "--out", out, "--no-memory", "--quiet", corpus)
	require.Equal(t, 0, r.code, r.stderr)

	r = runCheckMain(t, "check", "--format", "json", "--out", out, corpus)
	require.Equal(t, 1, r.code, r.stderr)
	var rep jsonReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	errs := 0
	for _, f := range rep.Findings {
		if f.Rule == "untranslated" {
			errs++
		}
		assert.Positive(t, f.SourceLine, "%+v", f)
		assert.NotEmpty(t, f.SegmentID, "%+v", f)
	}
	require.Greater(t, errs, 10, "more errors than GitHub shows one by one")
	t.Logf("%d findings, %d untranslated", len(rep.Findings), errs)

	summary := filepath.Join(dir, "summary.md")
	require.NoError(t, os.WriteFile(summary, []byte("# earlier step\n"), 0o644))
	var so, se bytes.Buffer
	code := testableMain([]string{"check", "--format", "github", "--out", out, corpus}, strings.NewReader(""), &so, &se,
		[]string{"HOME=" + dir, "GITHUB_STEP_SUMMARY=" + summary})
	require.Equal(t, 1, code, se.String())
	ann := so.String()
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(ann), "\n") {
		if strings.HasPrefix(l, "::error ") {
			n++
		}
	}
	assert.LessOrEqual(t, n, 10, ann)
	for _, f := range rep.Findings {
		if f.Rule == "untranslated" {
			assert.Contains(t, ann, strings.NewReplacer("%", "%25").Replace(strings.Join(strings.Fields(f.Segment), " ")), "every error visible")
		}
	}
	md, err := os.ReadFile(summary)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(md), "# earlier step\n## locpipe check\n"), "appended: %s", md)
	assert.Contains(t, string(md), "| `untranslated` | error |")
	assert.Contains(t, string(md), "### First 20 of")

	// --summary writes the same Markdown for any format.
	own := filepath.Join(dir, "own.md")
	r = runCheckMain(t, "check", "--format", "json", "--summary", own, "--out", out, corpus)
	require.Equal(t, 1, r.code)
	data, err := os.ReadFile(own)
	require.NoError(t, err)
	assert.Contains(t, string(data), "## locpipe check")
}

// Issue 20: JUnit counts clean editions as passing tests.
func TestCheckJUnitCountsPasses(t *testing.T) {
	corpus := shared.Path(t, "corpus", "en")
	out := filepath.Join(t.TempDir(), "out")
	r := runCheckMain(t, "translate", "--to", "de,fr", "--out", out, "--no-memory", "--quiet", corpus)
	require.Equal(t, 0, r.code, r.stderr)
	spoilEdition(t, filepath.Join(out, "de", "2022-06-20-refugees-count.txt"), "Ţĥé ŕéĝîöñáļ ĝöṽéŕñöŕ", "Kyjiw")
	r = runCheckMain(t, "check", "--format", "junit", "--out", out, corpus)
	require.Equal(t, 1, r.code, r.stderr)
	var suites struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal([]byte(r.stdout), &suites), r.stdout)
	assert.Equal(t, 2, suites.Failures)
	passes := 0
	for _, s := range suites.Suites {
		for _, c := range s.Cases {
			if c.Failure == nil && c.Name == "clean" {
				passes++
			}
		}
	}
	assert.Equal(t, 5, passes, "six editions, one spoilt")
	assert.Equal(t, 7, suites.Tests)
}

// Issue 20, with the real engine: Apertium turns "Kiev's mayor" into
// "Kyivha el batlle" in Catalan; check fails the edition on it.
func TestCheckPossessiveDamageApertium(t *testing.T) {
	if _, err := os.Stat("/usr/share/apertium/modes/eng-cat.mode"); err != nil {
		shared.Skip(t, "install apertium and apertium-eng-cat (Debian)")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	require.NoError(t, os.MkdirAll(src, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(src, "a.txt"), []byte("Kiev's mayor said the city is safe.\n\nKiev has a new mayor.\n"), 0o644))
	out := filepath.Join(dir, "out")
	r := runCheckMain(t, "translate", "--to", "ca", "--backend", "apertium", "--out", out, "--no-memory", "--quiet", src)
	require.Equal(t, 0, r.code, r.stderr)
	ed, err := os.ReadFile(filepath.Join(out, "ca", "a.txt"))
	require.NoError(t, err)
	r = runCheckMain(t, "check", "--format", "json", "--out", out, src)
	var rep jsonReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep), r.stdout+r.stderr)
	if !strings.Contains(string(ed), "Kyivha") {
		t.Skipf("this Apertium no longer glues the possessive: %s", ed)
	}
	require.Equal(t, 1, r.code, "%s", ed)
	found := false
	for _, f := range rep.Findings {
		if f.Rule == "placeholder" && f.Segment == "Kyivha" {
			found = true
			assert.Equal(t, 1, f.Line)
			assert.Equal(t, 1, f.SourceLine)
		}
	}
	assert.True(t, found, "%s\n%+v", ed, rep.Findings)
}

// Issue 20: translate and check share the exception decision: through the
// identity engine, "Chernobyl disaster" is kept in the German edition (the
// glossary's exception applies there) and renamed in the Spanish one, and
// check finds no glossary problem in either.
func TestExceptionsTranslateAndCheckAgree(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	require.NoError(t, os.MkdirAll(src, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(src, "a.txt"), []byte("The Chernobyl disaster\n\nThe Chernobyl disaster of 1986 emptied the town of Chernobyl.\n"), 0o644))
	out := filepath.Join(dir, "out")
	r := runCheckMain(t, "translate", "--to", "de,es", "--backend", "identity", "--out", out, "--no-memory", "--quiet", src)
	require.Equal(t, 0, r.code, r.stderr)
	de, err := os.ReadFile(filepath.Join(out, "de", "a.txt"))
	require.NoError(t, err)
	es, err := os.ReadFile(filepath.Join(out, "es", "a.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(de), "The Chernobyl disaster of 1986 emptied the town of Tschornobyl.")
	assert.Contains(t, string(es), "The Chernóbil disaster of 1986 emptied the town of Chernóbil.")
	r = runCheckMain(t, "check", "--rules", "untranslated=off", "--out", out, src)
	assert.Equal(t, 0, r.code, r.stdout+r.stderr)
	assert.NotContains(t, r.stdout, "glossary-")
}

// Issue 20: an undeclared Russian article is no longer taken as English:
// translate identifies its language (and the manifest says so), check
// judges its editions against Russian, and a declaration the text
// contradicts is a warning.
func TestUndeclaredRussianArticle(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	require.NoError(t, os.MkdirAll(src, 0o755))
	article := "Обстрелы продолжились ночью\n\nВласти города сообщили, что обстрелы жилых кварталов продолжались всю ночь. Жители провели ночь в укрытиях.\n\nУтром спасатели начали разбирать завалы.\n"
	require.NoError(t, os.WriteFile(filepath.Join(src, "ru.txt"), []byte(article), 0o644))
	out := filepath.Join(dir, "out")
	r := runCheckMain(t, "translate", "--to", "es", "--backend", "identity", "--out", out, "--no-memory", "--quiet", src)
	require.Equal(t, 0, r.code, r.stderr)
	m, err := os.ReadFile(filepath.Join(out, "locpipe-manifest.json"))
	require.NoError(t, err)
	assert.Contains(t, string(m), `"source_locale": "ru"`)
	r = runCheckMain(t, "check", "--format", "json", "--out", out, src)
	require.Equal(t, 1, r.code, r.stderr)
	var rep jsonReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	require.NotEmpty(t, rep.Findings)
	for _, f := range rep.Findings {
		assert.Equal(t, "untranslated", f.Rule)
		assert.Contains(t, f.Message, "Russian")
		assert.Positive(t, f.SourceLine)
		assert.True(t, strings.HasSuffix(f.Source, "ru.txt"))
	}

	// A declaration the text contradicts: kept, with a warning.
	md := filepath.Join(dir, "md")
	require.NoError(t, os.MkdirAll(md, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(md, "a.md"), []byte("---\nlang: en\n---\n\n"+article), 0o644))
	r = runCheckMain(t, "translate", "--to", "de", "--out", filepath.Join(dir, "out2"), "--no-memory", md)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "declares one language but reads as another")
	assert.Contains(t, r.stderr, "reads_as=ru")
}
