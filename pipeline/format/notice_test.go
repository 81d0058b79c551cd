package format_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/net/html"
	"golang.org/x/text/language"

	"github.com/pelletier/go-toml/v2"

	"github.com/locpipe/locpipe/locales"
	"github.com/locpipe/locpipe/pipeline/format"
)

// notice composes as translate does: the text from locales, placed by
// format.
func notice(b *locales.Bundle, fm string, from, to language.Tag, edition []byte) ([]byte, error) {
	text, tag := b.NoticeText(from, to)
	return format.PlaceNotice(fm, edition, text, tag)
}

// fstestFS is a data tree given as file name → content.
type fstestFS map[string]string

func (m fstestFS) Open(name string) (fs.File, error) {
	mfs := fstest.MapFS{}
	for k, v := range m {
		mfs[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return mfs.Open(name)
}

const frNotice = "Cet article a été traduit automatiquement. Langue d’origine\u00A0: anglais."

func TestNotice(t *testing.T) {
	fr := language.French
	tests := []struct {
		name, format, in, want string
	}{
		{"txt", "txt", "Title\n\nBody.\n", "Title\n\nBody.\n\n" + frNotice + "\n"},
		{"txt no final newline", "txt", "Title\n\nBody.", "Title\n\nBody.\n\n" + frNotice + "\n"},
		{"txt blank line kept", "txt", "Title\n\nBody.\n\n", "Title\n\nBody.\n\n" + frNotice + "\n"},
		{"txt CRLF", "txt", "Title\r\n\r\nBody.\r\n", "Title\r\n\r\nBody.\r\n\r\n" + frNotice + "\r\n"},
		{"txt empty", "txt", "", frNotice + "\n"},
		{"md yaml", "md", "---\ntitle: \"x\"\n---\n\n# X\n", "---\ntitle: \"x\"\ntranslation_notice: \"" + frNotice + "\"\n---\n\n# X\n"},
		{"md yaml dots", "md", "---\ntitle: x\n...\nBody\n", "---\ntitle: x\ntranslation_notice: \"" + frNotice + "\"\n...\nBody\n"},
		{"md yaml replaces field", "md", "---\ntranslation_notice: old\ntitle: x\n---\n", "---\ntranslation_notice: \"" + frNotice + "\"\ntitle: x\n---\n"},
		{"md toml before tables", "md", "+++\ntitle = \"x\"\n[params]\na = 1\n+++\nBody\n", "+++\ntranslation_notice = \"" + frNotice + "\"\ntitle = \"x\"\n[params]\na = 1\n+++\nBody\n"},
		{"md bom", "md", "\uFEFF---\na: b\n---\n", "\uFEFF---\na: b\ntranslation_notice: \"" + frNotice + "\"\n---\n"},
		{"md no front matter", "md", "# Title\n\nBody.\n", "# Title\n\nBody.\n\n*" + frNotice + "*\n"},
		{"html article", "html", "<html><body>\n<article>\n<h1>T</h1></article></body></html>", "<html><body>\n<article>\n<p class=\"locpipe-notice\" lang=\"fr\">" + frNotice + "</p>\n<h1>T</h1></article></body></html>"},
		{"html body", "html", "<html><body class=\"x\">\n<p>a</p></body></html>", "<html><body class=\"x\">\n<p class=\"locpipe-notice\" lang=\"fr\">" + frNotice + "</p>\n<p>a</p></body></html>"},
		{"html not fooled by comments and scripts", "html", "<!-- <article> --><script>var s = \"<article>\";</script><body><p>a</p></body>", "<!-- <article> --><script>var s = \"<article>\";</script><body>\n<p class=\"locpipe-notice\" lang=\"fr\">" + frNotice + "</p><p>a</p></body>"},
		{"html fragment", "html", "<p>a</p>\n", "<p class=\"locpipe-notice\" lang=\"fr\">" + frNotice + "</p>\n<p>a</p>\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := notice(locales.DefaultBundle(), tc.format, language.English, fr, []byte(tc.in))
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(got))
			again, err := notice(locales.DefaultBundle(), tc.format, language.English, fr, got)
			require.NoError(t, err)
			assert.Equal(t, string(got), string(again), "a second notice is not added")
		})
	}
}

func TestNoticeQuotingIsValidYAMLAndTOML(t *testing.T) {
	// A message with quotes, backslashes and control characters stays one
	// valid string in both front-matter languages.
	b, err := locales.LoadBundle(noticeFS(`Say "hi" \ to {{.Source}}` + "\t\u2028"))
	require.NoError(t, err)
	want := `Say "hi" \ to English` + "\t\u2028"

	out, err := notice(b, "md", language.English, language.English, []byte("---\ntitle: x\n---\n"))
	require.NoError(t, err)
	var y map[string]string
	fm := strings.Split(string(out), "---\n")[1]
	require.NoError(t, yaml.Unmarshal([]byte(fm), &y), fm)
	assert.Equal(t, want, y[format.NoticeField])

	out, err = notice(b, "md", language.English, language.English, []byte("+++\ntitle = \"x\"\n+++\n"))
	require.NoError(t, err)
	var tm map[string]string
	fm = strings.Split(string(out), "+++\n")[1]
	require.NoError(t, toml.Unmarshal([]byte(fm), &tm), fm)
	assert.Equal(t, want, tm[format.NoticeField])

	out, err = notice(b, "html", language.English, language.English, []byte("<body></body>"))
	require.NoError(t, err)
	assert.Contains(t, string(out), `Say &#34;hi&#34; \ to English`)

	out, err = notice(b, "md", language.English, language.English, []byte("Body\n"))
	require.NoError(t, err)
	assert.Contains(t, string(out), `*Say "hi" \\ to English`)
}

func noticeFS(msg string) fstestFS {
	return fstestFS{"messages/en.toml": "[notice_machine_translated]\nother = '''" + msg + "'''\n"}
}

func TestNoticeLocales(t *testing.T) {
	tests := []struct {
		to, wantLang, contains string
	}{
		{"fr", "fr", "Langue d’origine\u00A0: anglais."},
		{"de", "de", "Originalsprache: Englisch."},
		{"uk", "uk", "Мова оригіналу: англійська."},
		{"ru", "ru", "Язык оригинала: английский."},
		{"pl", "pl", "Język oryginału: angielski."},
		{"es", "es", "Idioma original: inglés."},
		{"ca", "ca", "Llengua original: anglès."},
		{"fr-CA", "fr", "anglais"},
		{"pt-BR", "en", "machine-translated from English"}, // no Portuguese messages: English
	}
	for _, tc := range tests {
		t.Run(tc.to, func(t *testing.T) {
			out, err := notice(locales.DefaultBundle(), "html", language.English, language.MustParse(tc.to), []byte("<body></body>"))
			require.NoError(t, err)
			s := string(out)
			assert.Contains(t, s, `lang="`+tc.wantLang+`"`)
			assert.Contains(t, s, tc.contains)
		})
	}
	_, err := notice(locales.DefaultBundle(), "docx", language.English, language.French, nil)
	assert.ErrorIs(t, err, format.ErrUnknownFormat)
}

func TestNoticeRTL(t *testing.T) {
	out, err := notice(locales.DefaultBundle(), "html", language.English, language.Arabic, []byte("<body></body>"))
	require.NoError(t, err)
	assert.Contains(t, string(out), `lang="en"`, "no Arabic messages: the notice is English, and says so")

	b, err := locales.LoadBundle(fstestFS{"messages/en.toml": "[notice_machine_translated]\nother = 'x'\n", "messages/ar.toml": "[notice_machine_translated]\nother = 'ترجمة'\n"})
	require.NoError(t, err)
	out, err = notice(b, "html", language.English, language.Arabic, []byte("<body></body>"))
	require.NoError(t, err)
	assert.Contains(t, string(out), `lang="ar" dir="rtl"`)
}

// FuzzNotice checks that a notice is only ever added: taking the notice out
// of the result gives the edition back, and HTML stays parseable with one
// notice element.
func FuzzNotice(f *testing.F) {
	for _, s := range []string{
		"Title\n\nBody.\n", "---\ntitle: x\n---\nBody\n", "+++\na = 1\n+++\n", "<html><body><article><p>x</p></article></body></html>",
		"<!-- <body> --><p>x", "<script><article></script>", "---\n", "\uFEFF---\r\na: b\r\n---\r\n", "",
	} {
		for _, fm := range []string{"txt", "md", "html"} {
			f.Add(fm, s)
		}
	}
	f.Fuzz(func(t *testing.T, fm, edition string) {
		if fm != "txt" && fm != "md" && fm != "html" {
			return
		}
		if strings.Contains(edition, format.NoticeField) || strings.Contains(edition, format.NoticeClass) || strings.Contains(edition, "traduit") {
			return // replacing an existing notice is tested above
		}
		out, err := notice(locales.DefaultBundle(), fm, language.English, language.French, []byte(edition))
		require.NoError(t, err)
		require.True(t, bytes.Contains(out, []byte("traduit automatiquement")))
		again, err := notice(locales.DefaultBundle(), fm, language.English, language.French, out)
		require.NoError(t, err)
		require.Equal(t, string(out), string(again), "idempotent")
		if fm == "html" {
			n := 0
			z := html.NewTokenizer(bytes.NewReader(out))
			for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
				if tt == html.StartTagToken {
					for _, a := range z.Token().Attr {
						if a.Key == "class" && a.Val == format.NoticeClass {
							n++
						}
					}
				}
			}
			require.LessOrEqual(t, n, 1)
		}
		// Only insertions: the edition is a subsequence of the result.
		require.True(t, isSubsequence(edition, string(out)), "%q → %q", edition, out)
	})
}

func isSubsequence(a, b string) bool {
	i := 0
	for j := 0; j < len(b) && i < len(a); j++ {
		if a[i] == b[j] {
			i++
		}
	}
	return i == len(a)
}

func ExamplePlaceNotice() {
	edition := []byte("---\ntitle: \"Kyiv\"\n---\n\nText.\n")
	out, err := format.PlaceNotice("md", edition, "Dieser Artikel wurde maschinell übersetzt.", language.German)
	if err != nil {
		panic(err)
	}
	fmt.Print(string(out))
	// Output:
	// ---
	// title: "Kyiv"
	// translation_notice: "Dieser Artikel wurde maschinell übersetzt."
	// ---
	//
	// Text.
}
