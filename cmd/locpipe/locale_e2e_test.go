package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/format"
)

// runLocale runs locpipe in-process with the given environment.
func runLocale(t *testing.T, environ []string, args ...string) result {
	t.Helper()
	var so, se bytes.Buffer
	code := testableMain(args, strings.NewReader(""), &so, &se, environ)
	return result{code: code, stdout: so.String(), stderr: se.String()}
}

// localeEdition is what an edition in one locale must show.
type localeEdition struct {
	notice      string // a phrase of the localized notice
	open, close string // the locale's outer quotation marks, with their spaces
}

var localeEditions = map[string]localeEdition{
	"fr": {notice: "Cet article a été traduit automatiquement. Langue d’origine\u00a0: anglais.", open: "«\u202f", close: "\u202f»"},
	"de": {notice: "Dieser Artikel wurde maschinell übersetzt. Originalsprache: Englisch.", open: "„", close: "“"},
	"uk": {notice: "Цю статтю перекладено автоматично. Мова оригіналу: англійська.", open: "«", close: "»"},
}

// skipUnregistered skips a sub-test whose format is not registered yet.
func skipUnregistered(t *testing.T, name string) {
	t.Helper()
	if _, _, err := format.Default().Lookup("article."+name, ""); err != nil {
		t.Skipf("format %q is not registered in pipeline/format yet: %v", name, err)
	}
}

// TestLocaleEditions is the acceptance test of issue 10: editions of the
// shared corpus in fr, de and uk made with --notice carry the localized
// notice and the locale's quotation marks, in every format.
func TestLocaleEditions(t *testing.T) {
	corpus := shared.Path(t, "corpus", "en")
	out := filepath.Join(t.TempDir(), "out")
	r := runLocale(t, nil, "translate", "--to", "fr,de,uk", "--notice", "--out", out, corpus)
	require.Equal(t, 0, r.code, r.stderr)

	read := func(t *testing.T, locale, name string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, locale, name))
		require.NoError(t, err)
		return string(data)
	}
	for locale, want := range localeEditions {
		t.Run(locale, func(t *testing.T) {
			t.Run("txt", func(t *testing.T) {
				ed := read(t, locale, "2022-06-20-refugees-count.txt")
				assert.True(t, strings.HasSuffix(ed, "\n\n"+want.notice+"\n"), "the notice is the last paragraph:\n%s", ed)
				assert.Contains(t, ed, want.open)
				assert.Contains(t, ed, want.close)
				assert.NotContains(t, ed, `"`, "every straight quotation mark became the locale's")
				firstLine, _, _ := strings.Cut(ed, "\n")
				assert.NotContains(t, firstLine, want.notice, "the title stays first")
			})
			t.Run("md", func(t *testing.T) {
				skipUnregistered(t, "md")
				ed := read(t, locale, "2022-04-03-kiev-suburbs-return.md")
				parts := strings.SplitN(ed, "---\n", 3)
				require.Len(t, parts, 3, "front matter kept")
				assert.Contains(t, parts[1], format.NoticeField+`: "`+want.notice+`"`+"\n")
				body := parts[2]
				assert.Contains(t, body, want.open)
				assert.Contains(t, body, want.close)
				assert.NotContains(t, body, `"`)
				assert.Contains(t, body, "(https://www.understandingwar.org/backgrounder/russian-offensive-campaign-assessment-april-3)", "link targets untouched")
				assert.Contains(t, body, "help@example.org", "addresses untouched")
			})
			t.Run("html", func(t *testing.T) {
				skipUnregistered(t, "html")
				src, err := os.ReadFile(filepath.Join(corpus, "2022-05-12-grain-exports.html"))
				require.NoError(t, err)
				ed := read(t, locale, "2022-05-12-grain-exports.html")
				assert.Contains(t, ed, "<article>\n<p class=\""+format.NoticeClass+"\" lang=\""+locale+"\">"+want.notice+"</p>\n<h1>",
					"the notice is the article's first element, with a class to style")
				assert.Equal(t, 1, strings.Count(ed, format.NoticeClass))
				assert.Contains(t, ed, want.open)
				assert.Contains(t, ed, want.close)
				// Code and markup keep their straight quotes.
				for _, keep := range []string{
					`<script>window.dataLayer = window.dataLayer || []; dataLayer.push({"section": "world"});</script>`,
					"<pre><code>Exports, Jan&ndash;Apr 2022 (Mt): 6.1</code></pre>",
					`<a href="/tags/kiev">`,
				} {
					require.Contains(t, string(src), keep)
					assert.Contains(t, ed, keep)
				}
				text := regexp.MustCompile(`(?s)<script.*?</script>|<[^>]*>`).ReplaceAllString(ed, "")
				assert.NotContains(t, text, `"`, "no straight quotation mark left in the text")
			})
		})
	}
}

// TestLocaleEditionsOff checks that without --notice there is no notice,
// and that with --no-typography the identity round trip gives the source
// back.
func TestLocaleEditionsOff(t *testing.T) {
	corpus := shared.Path(t, "corpus", "en")
	out := filepath.Join(t.TempDir(), "out")
	r := runLocale(t, nil, "translate", "--to", "fr", "--backend", "identity", "--no-glossary", "--no-typography", "--out", out, corpus)
	require.Equal(t, 0, r.code, r.stderr)
	entries, err := os.ReadDir(corpus)
	require.NoError(t, err)
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			if ext := strings.TrimPrefix(filepath.Ext(e.Name()), "."); ext != "txt" {
				skipUnregistered(t, ext)
			}
			src, err := os.ReadFile(filepath.Join(corpus, e.Name()))
			require.NoError(t, err)
			ed, err := os.ReadFile(filepath.Join(out, "fr", e.Name()))
			require.NoError(t, err)
			want := strings.Replace(string(src), `<html lang="en">`, `<html lang="fr">`, 1)
			assert.Equal(t, want, string(ed), "identity round trip, language declaration aside")
		})
	}

	// Typography on (the default), still no notice.
	out2 := filepath.Join(t.TempDir(), "out")
	r = runLocale(t, nil, "translate", "--to", "de", "--backend", "identity", "--no-glossary", "--out", out2, corpus)
	require.Equal(t, 0, r.code, r.stderr)
	ed, err := os.ReadFile(filepath.Join(out2, "de", "2022-06-20-refugees-count.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(ed), "„It is the fastest displacement we have seen in Europe since World War II,“ said Filippo Grandi")
	assert.NotContains(t, string(ed), "Dieser Artikel")
}

// TestLocaleCLIMessages checks that LANG selects the language of the run
// summary and of the error prefix, English being the default.
func TestLocaleCLIMessages(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(src, []byte("Title\n\n\"Quote,\" he said.\n"), 0o644))
	out := filepath.Join(dir, "out")

	r := runLocale(t, nil, "translate", "--to", "de,uk", "--out", out, src)
	require.Equal(t, 0, r.code, r.stderr)
	// Segment counts belong to the segmenter: only their place is checked.
	assert.Regexp(t, `(?m)^1 file: 2 editions written, 0 unchanged; \d+ segments \(0 from memory, \d+ sent to pseudo, [\d,]+ characters\) in \d+ ms$`, r.stderr)

	r = runLocale(t, []string{"LANG=fr_FR.UTF-8"}, "translate", "--to", "de,uk", "--out", out, src)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Regexp(t, "(?m)^1 fichier\u00a0: 0 édition écrite, 2 inchangées\u202f; \\d+ segments \\(0 depuis la mémoire, 0 envoyé à pseudo, 0 caractère\\) en \\d+ ms\u202f; rien n’a changé$", r.stderr)

	r = runLocale(t, []string{"LC_ALL=uk_UA.UTF-8", "LANG=fr_FR.UTF-8"}, "translate", "--to", "de", "--out", out, filepath.Join(dir, "missing.txt"))
	assert.Equal(t, 2, r.code)
	assert.Equal(t, "locpipe: "+filepath.Join(dir, "missing.txt")+": no such file or directory\n", r.stderr)

	r = runLocale(t, []string{"LANG=fr_FR.UTF-8"}, "translate", "--to", "de", "--out", out, filepath.Join(dir, "missing.txt"))
	assert.Equal(t, 2, r.code)
	assert.Equal(t, "locpipe\u00a0: "+filepath.Join(dir, "missing.txt")+": no such file or directory\n", r.stderr)
}
