package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Regression tests for the rules every command must agree on (issue 14,
// disagreements 1–4): each goes through the one definition in
// pipeline/edition and the one formats(cfg).

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	return dir
}

// 1. sr-Cyrl and sr-Latn are two languages for check as for translate: an
// identity "translation" into Latin script, still Cyrillic, is flagged.
func TestAgreeSameLanguageScript(t *testing.T) {
	dir := writeTree(t, map[string]string{"src/vesti.txt": "Влада је данас усвојила нови закон о јавним набавкама.\n\nПредседник је рекао да ће закон ступити на снагу следеће године.\n"})
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "out")
	code, _, errs := segMain(t, "", "translate", "--from", "sr-Cyrl", "--to", "sr-Latn,hr", "--backend", "identity", "--no-memory", "--no-glossary", "--out", out, src)
	require.Equal(t, 0, code, errs)
	code, stdout, errs := segMain(t, "", "check", "--format", "json", "--no-glossary", "--out", out, src)
	require.Equal(t, 1, code, errs)
	var rep struct {
		Findings []struct{ Rule, Locale string }
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep))
	flagged := map[string]bool{}
	for _, f := range rep.Findings {
		if f.Rule == "untranslated" {
			flagged[f.Locale] = true
		}
	}
	assert.Equal(t, map[string]bool{"sr-Latn": true, "hr": true}, flagged, stdout)
}

// 2. A declared language that is not one is refused alike by translate,
// segment, glossary apply and glossary diff, with the same line.
func TestAgreeBadDeclaredLanguage(t *testing.T) {
	dir := writeTree(t, map[string]string{"src/a.md": "---\ntitle: Talks in Kiev\nlang: xx\n---\n\nTalks in Kiev.\n"})
	file := filepath.Join(dir, "src", "a.md")
	want := `declared language "xx"`
	for _, args := range [][]string{
		{"translate", "--to", "de", "--no-memory", "--out", filepath.Join(dir, "out"), filepath.Join(dir, "src")},
		{"segment", file},
		{"glossary", "apply", file},
		{"glossary", "diff", filepath.Join(dir, "src")},
	} {
		t.Run(strings.Join(args[:2], " "), func(t *testing.T) {
			code, stdout, errs := segMain(t, "", args...)
			assert.Equal(t, 2, code, "stdout %s\nstderr %s", stdout, errs)
			assert.Contains(t, errs, want)
		})
	}
	_, err := os.Stat(filepath.Join(dir, "out"))
	assert.ErrorIs(t, err, os.ErrNotExist, "bad input writes nothing")

	// Forcing the language overrides the declaration, in every command.
	code, _, errs := segMain(t, "", "glossary", "apply", "--locale", "en", file)
	assert.Equal(t, 0, code, errs)
	code, _, errs = segMain(t, "", "segment", "--lang", "en", file)
	assert.Equal(t, 0, code, errs)
}

// 3. markdown.fields is honoured alike by translate (house-style edition)
// and glossary apply: one format registry built from the configuration.
func TestAgreeMarkdownFields(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"locpipe.yaml": "markdown:\n  fields: [deck]\n",
		"src/a.md":     "---\ntitle: Talks in Kiev\ndeck: A summit in Kiev\n---\n\nTalks in Kiev.\n",
	})
	cfg, file := filepath.Join(dir, "locpipe.yaml"), filepath.Join(dir, "src", "a.md")
	out := filepath.Join(dir, "out")
	code, _, errs := segMain(t, "", "--config", cfg, "translate", "--to", "en", "--no-memory", "--out", out, filepath.Join(dir, "src"))
	require.Equal(t, 0, code, errs)
	edition, err := os.ReadFile(filepath.Join(out, "en", "a.md"))
	require.NoError(t, err)
	code, applied, errs := segMain(t, "", "--config", cfg, "glossary", "apply", file)
	require.Equal(t, 0, code, errs)
	for _, got := range []string{string(edition), applied} {
		assert.Contains(t, got, "title: Talks in Kiev\n", "title is not a configured text field")
		assert.Regexp(t, `\ndeck: "?A summit in Kyiv"?\n`, got)
		assert.Contains(t, got, "Talks in Kyiv.")
	}
}

// 4. Which files are articles: glossary diff and suggest walk what
// translate walks (hidden files and directories are not articles).
func TestAgreeArticles(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"src/a.txt":          "Talks in Kiev.\n",
		"src/.draft.txt":     "Talks in Kiev.\n",
		"src/.drafts/b.txt":  "Talks in Kiev.\n",
		"src/notes/c.txt":    "Talks in Kiev.\n",
		"src/image.bin":      "Kiev",
		"src/notes/.old.txt": "Talks in Kiev.\n",
	})
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "out")
	code, stdout, errs := segMain(t, "", "glossary", "diff", src)
	require.Equal(t, 0, code, errs)
	var diffed []string
	for _, l := range strings.Split(stdout, "\n") {
		if name, ok := strings.CutPrefix(l, "+++ "); ok {
			diffed = append(diffed, strings.TrimPrefix(strings.Fields(name)[0], "b"+filepath.ToSlash(src)+"/"))
		}
	}
	assert.Equal(t, []string{"a.txt", "notes/c.txt"}, diffed, stdout)

	code, stdout, errs = segMain(t, "", "translate", "--to", "en", "--no-memory", "--json", "--out", out, src)
	require.Equal(t, 0, code, errs)
	var sum struct{ Files, Copied int }
	require.NoError(t, json.Unmarshal([]byte(stdout), &sum))
	assert.Equal(t, 3, sum.Files, "translate reads the files diff reads, and image.bin")
	assert.Equal(t, 1, sum.Copied, "which no format reads: it is copied")
	for _, name := range []string{".draft.txt", ".drafts/b.txt", "notes/.old.txt"} {
		_, err := os.Stat(filepath.Join(out, "en", filepath.FromSlash(name)))
		assert.ErrorIs(t, err, os.ErrNotExist, name)
	}
}
