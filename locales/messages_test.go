package locales_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/locales"
	"github.com/locpipe/locpipe/pipeline/typography"
)

// shipped are the locales the issue requires messages for.
var shipped = []string{"en", "es", "fr", "de", "uk", "ru", "pl", "ca"}

// pluralIDs are the messages written with a count.
var pluralIDs = []string{
	locales.MsgNoticeUntranslated, locales.MsgSummaryFiles, locales.MsgSummaryEditions,
	locales.MsgSummaryUnchanged, locales.MsgSummaryCopied, locales.MsgSummarySegments,
	locales.MsgSummaryMemory, locales.MsgSummarySent, locales.MsgSummaryFailed, locales.MsgSummaryElapsed,
	locales.MsgSummaryChars,
}

// allIDs are the message ids the Go code uses.
var allIDs = append([]string{
	locales.MsgNoticeMachineTranslated, locales.MsgNoticeUpdated, locales.MsgReviewUnreviewed,
	locales.MsgReviewReviewed, locales.MsgReviewFinal, locales.MsgErrorPrefix, locales.MsgListSeparator,
	locales.MsgClauseSeparator, locales.MsgSummaryLine, locales.MsgSummaryNothingChanged, locales.MsgSummaryDryRun,
}, pluralIDs...)

// counts reach every CLDR plural form of the shipped languages: one, few
// (2-4, 22), many (5, 11, 25; 1000000 in fr/es/ca), other (1.5).
var counts = []any{0, 1, 2, 3, 5, 11, 21, 22, 25, 101, 1000000, "1.5"}

func TestEveryMessageInEveryLocale(t *testing.T) {
	b := locales.DefaultBundle()
	ref := b.MessageIDs(language.English)
	assert.ElementsMatch(t, allIDs, ref, "messages/en.toml defines exactly the ids the code uses")

	var tags []string
	for _, tag := range b.Tags() {
		tags = append(tags, tag.String())
	}
	for _, s := range shipped {
		assert.Contains(t, tags, s, "messages/%s.* is shipped", s)
	}
	for _, tag := range b.Tags() {
		t.Run(tag.String(), func(t *testing.T) {
			assert.Equal(t, ref, b.MessageIDs(tag), "same ids as en.toml, no more, no fewer")
			l := b.LocalizerFor(tag)
			require.Equal(t, tag, l.Tag())
			data := map[string]any{"Source": "X", "Date": "2026-11-24", "Program": "locpipe", "Message": "m",
				"Files": "f", "Editions": "e", "Segments": "s", "Details": "d", "Elapsed": "t", "Engine": "pseudo"}
			for _, id := range ref {
				assert.NoError(t, l.Check(id, nil, data), id)
			}
			// Every plural form the language's CLDR rules can select exists.
			for _, id := range pluralIDs {
				for _, n := range counts {
					d := map[string]any{"Count": n, "Engine": "pseudo"}
					assert.NoError(t, l.Check(id, n, d), "%s with count %v", id, n)
				}
			}
		})
	}
}

func TestMessagesKeepTemplateFields(t *testing.T) {
	// A translation that drops {{.Source}} or {{.Count}} would lose facts.
	b := locales.DefaultBundle()
	for _, tag := range b.Tags() {
		l := b.LocalizerFor(tag)
		notice := l.T(locales.MsgNoticeMachineTranslated, map[string]any{"Source": "SOURCE"})
		assert.Contains(t, notice, "SOURCE", tag)
		for _, id := range pluralIDs {
			for _, n := range []int{1, 2, 5, 1000000} {
				assert.Contains(t, l.N(id, n, map[string]any{"Engine": "E"}), l.Number(n), "%s %s %d", tag, id, n)
			}
		}
		assert.Contains(t, l.N(locales.MsgSummarySent, 3, map[string]any{"Engine": "ENGINE"}), "ENGINE", tag)
	}
}

// TestAddingALocaleIsAddingFiles builds a data tree with one more language
// (Italian messages, Norwegian typography) and no Go change.
func TestAddingALocaleIsAddingFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"messages/en.toml": {Data: []byte(`[notice_machine_translated]
other = "This article was machine-translated from {{.Source}}."
[summary_files]
one = "{{.Count}} file"
other = "{{.Count}} files"
`)},
		"messages/it.yaml": {Data: []byte(`notice_machine_translated: "Articolo tradotto automaticamente. Lingua originale: {{.Source}}."
summary_files:
  one: "{{.Count}} file"
  many: "{{.Count}} di file"
  other: "{{.Count}} file"
`)},
		"messages/README.md": {Data: []byte("ignored\n")},
		"typography/nb.yaml": {Data: []byte("quotes:\n  - {open: \"«\", close: \"»\"}\n  - {open: \"‘\", close: \"’\"}\n")},
		"fallbacks.yaml":     {Data: []byte("nn: [nb]\n")},
	}
	b, err := locales.LoadBundle(fsys)
	require.NoError(t, err)
	text, tag := b.NoticeText(language.English, language.Italian)
	assert.Equal(t, language.Italian, tag)
	assert.Equal(t, "Articolo tradotto automaticamente. Lingua originale: inglese.", text)
	assert.Equal(t, "1.000.000 di file", b.LocalizerFor(language.Italian).N(locales.MsgSummaryFiles, 1000000, nil))

	table, err := locales.LoadTypographyTable(fsys)
	require.NoError(t, err)
	ty, err := typography.Load(table)
	require.NoError(t, err)
	assert.Equal(t, "«Hei»", ty.Apply(language.MustParse("nb"), `"Hei"`))
	assert.Equal(t, "«Hei»", ty.Apply(language.MustParse("nn"), `"Hei"`), "through fallbacks.yaml")
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	en := &fstest.MapFile{Data: []byte("[a]\nother = \"A\"\n")}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"no reference", fstest.MapFS{"messages/fr.toml": en}, "messages/en.toml"},
		{"bad tag", fstest.MapFS{"messages/en.toml": en, "messages/xx_YY!.toml": en}, "messages/xx_YY!.toml"},
		{"bad toml", fstest.MapFS{"messages/en.toml": en, "messages/fr.toml": {Data: []byte("[a\n")}}, "messages/fr.toml"},
		{"bad fallbacks", fstest.MapFS{"messages/en.toml": en, "fallbacks.yaml": {Data: []byte("nn: [\"!!\"]\n")}}, "fallbacks.yaml"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := locales.LoadBundle(tc.fsys)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestLocalizerLanguageChoice(t *testing.T) {
	tests := []struct {
		langs []string
		want  string
	}{
		{nil, "en"},
		{[]string{""}, "en"},
		{[]string{"C"}, "en"},
		{[]string{"fr_FR.UTF-8"}, "fr"},
		{[]string{"de_AT.utf8@euro"}, "de"},
		{[]string{"ca_ES@valencia"}, "ca"},
		{[]string{"uk-UA"}, "uk"},
		{[]string{"pt-BR"}, "en"},
		{[]string{"be"}, "en"}, // no implicit Belarusian → Russian
		{[]string{"ja", "pl"}, "pl"},
		{[]string{"da, ru;q=0.8"}, "ru"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.langs, "|"), func(t *testing.T) {
			assert.Equal(t, tc.want, locales.NewLocalizer(tc.langs...).Tag().String())
		})
	}
}

func TestLangFromEnv(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"nothing", nil, ""},
		{"LANG", map[string]string{"LANG": "fr_FR.UTF-8"}, "fr_FR.UTF-8"},
		{"LC_MESSAGES over LANG", map[string]string{"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}, "de_DE.UTF-8"},
		{"LC_ALL over all", map[string]string{"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "de_DE.UTF-8", "LC_ALL": "uk_UA.UTF-8"}, "uk_UA.UTF-8"},
		{"LANGUAGE list", map[string]string{"LANG": "fr_FR.UTF-8", "LANGUAGE": "pl:fr"}, "pl"},
		{"LANGUAGE ignored for C", map[string]string{"LANG": "C", "LANGUAGE": "pl"}, "C"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, locales.LangFromEnv(func(k string) string { return tc.env[k] }))
		})
	}
}

func TestCheckFindsMissingPluralForm(t *testing.T) {
	fsys := fstest.MapFS{
		"messages/en.toml": {Data: []byte("[summary_files]\none = \"{{.Count}} file\"\nother = \"{{.Count}} files\"\n")},
		"messages/pl.toml": {Data: []byte("[summary_files]\none = \"{{.Count}} plik\"\nother = \"{{.Count}} pliku\"\n")},
	}
	b, err := locales.LoadBundle(fsys)
	require.NoError(t, err)
	l := b.LocalizerFor(language.Polish)
	assert.NoError(t, l.Check(locales.MsgSummaryFiles, 1, nil))
	assert.Error(t, l.Check(locales.MsgSummaryFiles, 2, nil), "Polish 2 is 'few', which the file lacks")
	assert.Error(t, l.Check(locales.MsgSummaryFiles, 5, nil), "Polish 5 is 'many'")
	assert.Error(t, l.Check("no_such_id", nil, nil))
}
