package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
)

// The -update flag refreshes golden files. Registered here unless another
// test file of the package registered it first.
var _ = func() bool {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
	return true
}()

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// runCLI runs locpipe in-process.
func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var so, se bytes.Buffer
	code := testableMain(args, strings.NewReader(stdin), &so, &se, []string{"HOME=" + t.TempDir()})
	return result{code: code, stdout: so.String(), stderr: se.String()}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "glossary", name)
	if updating() {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create the golden file")
	assert.Equal(t, string(want), got)
}

// TestGlossaryApplyCorpus applies the built-in glossary to the English
// corpus: the golden outputs are the house-style editions an editor signs.
func TestGlossaryApplyCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(shared.Path(t, "corpus", "en"), "*"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r := runCLI(t, "", "glossary", "apply", f)
			require.Equal(t, 0, r.code, r.stderr)
			golden(t, filepath.Join("apply", filepath.Base(f)+".golden"), r.stdout)
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			assert.Equal(t, strings.Count(string(src), "\n"), strings.Count(r.stdout, "\n"), "apply keeps the lines")
		})
	}
}

func TestGlossaryApplyStdinAndWrite(t *testing.T) {
	r := runCLI(t, "KIEV, Kiev's and kiev.\n", "glossary", "apply", "-")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "KYIV, Kyiv's and kyiv.\n", r.stdout)

	dir := t.TempDir()
	f := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(f, []byte("Title\n\nFrom Lvov to Kiev.\n"), 0o644))
	r = runCLI(t, "", "glossary", "apply", "--write", f)
	require.Equal(t, 0, r.code, r.stderr)
	got, err := os.ReadFile(f)
	require.NoError(t, err)
	assert.Equal(t, "Title\n\nFrom Lviv to Kyiv.\n", string(got))

	r = runCLI(t, "Kiev", "glossary", "apply", "--no-glossary", "-")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "Kiev", r.stdout)

	r = runCLI(t, "Kiev", "glossary", "apply", "--locale", "xx-nonsense", "-")
	assert.Equal(t, exitUsage, r.code)
}

func TestGlossaryDiffCorpus(t *testing.T) {
	corpus := shared.Path(t, "corpus")
	r := runCLI(t, "", "glossary", "diff", "--color", "never", corpus)
	require.Equal(t, 0, r.code, r.stderr)
	md := strings.TrimPrefix(filepath.ToSlash(filepath.Join(corpus, "en", "2022-04-03-kiev-suburbs-return.md")), "/")
	assert.Contains(t, r.stdout, "--- a/"+md+"\n+++ b/"+md+"\n@@ -1,16 +1,16 @@\n")
	assert.Contains(t, r.stdout, "\n-- Rail operator Ukrzaliznytsia added three trains a day from Lvov to Kiev.\n+- Rail operator Ukrzaliznytsia added three trains a day from Lviv to Kyiv.\n")
	assert.Contains(t, r.stdout, "\n-What happens next? Nobody in Kiev or in Brussels can say for sure.\n+What happens next? Nobody in Kyiv or in Brussels can say for sure.\n")
	assert.NotContains(t, r.stdout, "kramatorsk", "the Russian article follows the policy already")
	assert.NotContains(t, r.stdout, "\x1b[")
	golden(t, "diff-corpus-en.golden", strings.ReplaceAll(runCLI(t, "", "glossary", "diff", "--color", "never", filepath.Join(corpus, "en")).stdout, strings.TrimPrefix(filepath.ToSlash(corpus), "/"), "CORPUS"))

	colored := runCLI(t, "", "glossary", "diff", "--color", "always", filepath.Join(corpus, "en"))
	assert.Contains(t, colored.stdout, "\x1b[31m-")
}

func TestGlossaryDiffAgainst(t *testing.T) {
	corpus := shared.Path(t, "corpus", "en")
	dir := t.TempDir()
	old := filepath.Join(dir, "old.yaml")
	// The old policy: Kiev, not Kyiv. Everything else as built in.
	require.NoError(t, os.WriteFile(old, []byte("version: 1\nconcepts:\n  - id: kyiv\n    terms:\n      en: {preferred: Kiev}\n"), 0o644))
	r := runCLI(t, "", "glossary", "diff", "--against", old, corpus)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "\n-What happens next? Nobody in Kiev or in Brussels can say for sure.\n+What happens next? Nobody in Kyiv or in Brussels can say for sure.\n")
	assert.NotContains(t, r.stdout, "\n-In the Kharkov region", "Kharkov → Kharkiv is in both glossaries")
	assert.NotContains(t, r.stdout, "Odessa")

	r = runCLI(t, "", "glossary", "diff", "--against", filepath.Join(dir, "missing.yaml"), corpus)
	assert.Equal(t, exitUsage, r.code)
}

func TestGlossaryLint(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte(`version: 1
concepts:
  - id: kyiv
    terms:
      en: {preferred: Kyiv, deprecated: [Kiev]}
    exceptions: ["Moscow Times"]
  - id: kiev
    terms:
      en: {preferred: Kiev, deprecated: [Kyiv]}
`), 0o644))
	r := runCLI(t, "", "glossary", "lint", bad)
	assert.Equal(t, exitFindings, r.code, r.stderr)
	assert.Contains(t, r.stdout, bad+":5: deprecated-in-one: ")
	assert.Contains(t, r.stdout, bad+":5: cycle: en rewrite cycle Kiev → Kyiv → Kiev")
	assert.Contains(t, r.stdout, bad+":6: exception-never-matches: ")

	r = runCLI(t, "", "glossary", "lint", "--json", bad)
	assert.Equal(t, exitFindings, r.code)
	assert.Contains(t, r.stdout, `"rule": "cycle"`)

	clean := filepath.Join(dir, "builtin.tbx")
	r = runCLI(t, "", "glossary", "export", "--format", "tbx", "--out", clean)
	require.Equal(t, 0, r.code, r.stderr)
	r = runCLI(t, "", "glossary", "lint", clean)
	assert.Equal(t, 0, r.code, r.stdout+r.stderr)

	broken := filepath.Join(dir, "broken.yaml")
	require.NoError(t, os.WriteFile(broken, []byte("version: 1\nconcepts:\n  - id: x\n    terms:\n      en: {admitted: [X]}\n"), 0o644))
	r = runCLI(t, "", "glossary", "lint", broken)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, broken+":3:")
}

func TestGlossaryImportExport(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"tbx", "csv", "tsv"} {
		out := filepath.Join(dir, "g."+f)
		r := runCLI(t, "", "glossary", "export", "--format", f, "--out", out)
		require.Equal(t, 0, r.code, r.stderr)
		r = runCLI(t, "", "glossary", "import", out)
		require.Equal(t, 0, r.code, r.stderr)
		yamlOut := filepath.Join(dir, f+".yaml")
		require.NoError(t, os.WriteFile(yamlOut, []byte(r.stdout), 0o644))
		// The imported glossary rewrites as the built-in one does.
		r = runCLI(t, "Kiev, Odessa and Lvov", "glossary", "apply", "--no-glossary", "--glossary", yamlOut, "-")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, "Kyiv, Odesa and Lviv", r.stdout, f)
	}
	deepl := filepath.Join(dir, "deepl.csv")
	require.NoError(t, os.WriteFile(deepl, []byte("Kiev,Kyiv\nKharkov,Kharkiv\n"), 0o644))
	r := runCLI(t, "", "glossary", "import", deepl)
	assert.Equal(t, exitUsage, r.code, "a two-column file needs its languages")
	r = runCLI(t, "", "glossary", "import", "--from", "en", "--to", "en", deepl)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "en: {preferred: Kyiv, deprecated: [Kiev]}")

	r = runCLI(t, "", "glossary", "export", "--format", "deepl", "--from", "en", "--to", "uk")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Kiev,Київ\n")
	r = runCLI(t, "", "glossary", "export", "--format", "deepl")
	assert.Equal(t, exitUsage, r.code)
}

func TestGlossarySuggest(t *testing.T) {
	r := runCLI(t, "", "glossary", "suggest", shared.Path(t, "corpus", "en"))
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "en: {preferred: Irpin, deprecated: [Irpen]}")
	assert.NotContains(t, r.stdout, "Kiev", "the glossary covers it")
}

// TestGlossaryDiffHTMLCorpus: the page lists every changed file, with the
// replaced and written names in separate marked elements.
func TestGlossaryDiffHTMLCorpus(t *testing.T) {
	corpus := shared.Path(t, "corpus")
	out := filepath.Join(t.TempDir(), "diff.html")
	r := runCLI(t, "", "glossary", "diff", "--format", "html", "-o", out, corpus)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stdout)
	page, err := os.ReadFile(out)
	require.NoError(t, err)
	s := string(page)
	stat := runCLI(t, "", "glossary", "diff", "--stat", corpus)
	require.Equal(t, 0, stat.code, stat.stderr)
	files := 0
	for _, l := range strings.Split(stat.stdout, "\n") {
		if name, _, ok := strings.Cut(strings.TrimSpace(l), " |"); ok {
			files++
			assert.True(t, strings.Contains(s, `data-file="`+strings.TrimSpace(name)+`"`), "the page has a section for %s", name)
		}
	}
	assert.Equal(t, 4, files, stat.stdout)
	assert.Contains(t, stat.stdout, " kyiv: Kiev → Kyiv: 11 change(s) in 3 file(s)\n")
	assert.Contains(t, stat.stdout, " 4 file(s) changed, 32 occurrence(s), 1 kept by exceptions\n")
	for _, want := range []string{`data-concept="kyiv" title="kyiv: Kiev → Kyiv">Kiev</del><ins data-concept="kyiv" title="kyiv: Kiev → Kyiv">Kyiv</ins>`, `<mark class="kept"`, `>Chicken Kiev</mark>`} {
		assert.True(t, strings.Contains(s, want), "the page has %s", want)
	}
	for _, unwanted := range []string{"<script", ` src="`, `<link`, `href="http`} {
		assert.False(t, strings.Contains(s, unwanted), "self-contained: no %s", unwanted)
	}

	r = runCLI(t, "", "glossary", "diff", "--format", "pdf", corpus)
	assert.Equal(t, exitUsage, r.code)
}

// TestGlossaryDiffAgainstLayers: several --against files layer in order.
func TestGlossaryDiffAgainstLayers(t *testing.T) {
	corpus := shared.Path(t, "corpus", "en")
	dir := t.TempDir()
	kiev := filepath.Join(dir, "kiev.yaml")
	odessa := filepath.Join(dir, "odessa.yaml")
	require.NoError(t, os.WriteFile(kiev, []byte("version: 1\nconcepts:\n  - id: kyiv\n    terms:\n      en: {preferred: Kiev}\n"), 0o644))
	require.NoError(t, os.WriteFile(odessa, []byte("version: 1\nconcepts:\n  - id: odesa\n    terms:\n      en: {preferred: Odessa}\n"), 0o644))
	r := runCLI(t, "", "glossary", "diff", "--stat", "--against", kiev, "--against", odessa, corpus)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, " kyiv: Kiev → Kyiv: 11 change(s) in 3 file(s)\n", "the first --against counts too")
	assert.Contains(t, r.stdout, " odesa: Odessa → Odesa: 9 change(s) in 1 file(s)\n")
	assert.NotContains(t, r.stdout, "lviv", "in both glossaries")
}

// TestGlossarySuggestVariants runs suggest on a corpus with the spellings
// newsrooms meet, each article's language from its declaration or its
// directory.
func TestGlossarySuggestVariants(t *testing.T) {
	dir := filepath.Join("..", "..", "glossary", "testdata", "suggest")
	r := runCLI(t, "", "glossary", "suggest", "--no-glossary", dir)
	require.Equal(t, 0, r.code, r.stderr)
	for _, want := range []string{
		"en: {preferred: Kyiv, deprecated: [Kiev]}",
		"de: {preferred: Kiew}",
		"en: {preferred: Zelensky, deprecated: [Zelenskyy, Zelenskiy]}",
		"en: {preferred: Usyk, deprecated: [Usik]}",
		"en: {preferred: Dnieper, deprecated: [Dnipro]}",
		"Kijowa (pl)", "Києва (uk)", "Киева (ru)",
	} {
		assert.Contains(t, r.stdout, want)
	}
	r = runCLI(t, "", "glossary", "suggest", dir)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "#   kyiv (builtin/ukraine.yaml:")
	assert.Contains(t, r.stdout, "Kijowa ×5 pl")
	assert.Contains(t, r.stdout, "not in the glossary: Dnieper ×2 en")
	assert.NotContains(t, r.stdout, "preferred: Kyiv", "covered: no new concept")
	assert.Equal(t, "uk", pathLanguage("corpus/uk/a.txt").String())
	assert.Equal(t, "pt-BR", pathLanguage("x/pt-BR/y/a.txt").String())
	assert.Equal(t, "und", pathLanguage("news/world/a.txt").String())
}

// TestGlossaryLintAgainstBuiltin: a file is checked against the layers
// translate uses it with, the built-in glossary included.
func TestGlossaryLintAgainstBuiltin(t *testing.T) {
	f := filepath.Join(t.TempDir(), "house.yaml")
	require.NoError(t, os.WriteFile(f, []byte(`version: 1
concepts:
  - id: odessa-old-style
    terms:
      en: {preferred: Odessa, deprecated: [Odesa]}
  - id: kiev-house
    terms:
      en: {preferred: Kyyiv, deprecated: [Kiev]}
  - id: kharkiv
    terms:
      en: {preferred: Kharkiv, deprecated: [Kharkov, Charkow]}
`), 0o644))
	r := runCLI(t, "", "glossary", "lint", f)
	assert.Equal(t, exitFindings, r.code, r.stderr)
	assert.Contains(t, r.stdout, f+":5: cycle: en rewrite cycle Odessa → Odesa → Odessa (concepts odesa, odessa-old-style)\n")
	assert.Contains(t, r.stdout, f+`:8: conflict: en term "Kiev" has conflicting targets: concept "kyiv" (builtin/ukraine.yaml:`)
	assert.NotContains(t, r.stdout, "kharkiv", "a concept with a built-in id replaces it, as translate layers it")
	assert.NotContains(t, r.stdout, "builtin/ukraine.yaml:"+"1", "findings are placed in the file")

	r = runCLI(t, "", "glossary", "lint", "--no-glossary", f)
	assert.Equal(t, 0, r.code, r.stdout)

	// A --glossary layer under the file counts too.
	under := filepath.Join(t.TempDir(), "under.yaml")
	require.NoError(t, os.WriteFile(under, []byte("version: 1\nconcepts:\n  - id: k\n    terms:\n      en: {preferred: Kyyiv, deprecated: [Kyiv]}\n"), 0o644))
	r = runCLI(t, "", "glossary", "lint", "--no-glossary", "--glossary", under, f)
	assert.Equal(t, exitFindings, r.code, r.stdout)
	assert.Contains(t, r.stdout, f+":8: ")
}
