package locales

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// Message ids of the messages locpipe itself writes. Every shipped locale
// defines every one of them (a test checks).
const (
	MsgNoticeMachineTranslated = "notice_machine_translated"
	MsgNoticeUpdated           = "notice_updated"
	MsgNoticeUntranslated      = "notice_untranslated"
	MsgReviewUnreviewed        = "review_unreviewed"
	MsgReviewReviewed          = "review_reviewed"
	MsgReviewFinal             = "review_final"
	MsgErrorPrefix             = "error_prefix"
	MsgListSeparator           = "list_separator"
	MsgClauseSeparator         = "clause_separator"
	MsgSummaryLine             = "summary_line"
	MsgSummaryFiles            = "summary_files"
	MsgSummaryEditions         = "summary_editions"
	MsgSummaryUnchanged        = "summary_unchanged"
	MsgSummaryCopied           = "summary_copied"
	MsgSummarySegments         = "summary_segments"
	MsgSummaryMemory           = "summary_memory"
	MsgSummarySent             = "summary_sent"
	MsgSummaryChars            = "summary_chars"
	MsgSummaryDryRun           = "summary_dry_run"
	MsgSummaryFailed           = "summary_failed"
	MsgSummaryElapsed          = "summary_elapsed"
	MsgSummaryNothingChanged   = "summary_nothing_changed"
)

// DefaultLanguage is the language of the message ids' reference file
// (messages/en.toml) and of every message a locale lacks.
var DefaultLanguage = language.English

// messageExts are the message file formats a data tree may use.
var messageExts = map[string]i18n.UnmarshalFunc{
	"toml": toml.Unmarshal,
	"yaml": yaml.Unmarshal,
	"yml":  yaml.Unmarshal,
	"json": json.Unmarshal,
}

// Bundle holds the messages of every locale of a data tree.
type Bundle struct {
	b       *i18n.Bundle
	matcher *Matcher
	ids     map[language.Tag][]string // message ids by locale, sorted
}

// LoadBundle reads messages/<tag>.{toml,yaml,yml,json} (and fallbacks.yaml)
// from fsys. messages/en.toml, the reference, must exist.
func LoadBundle(fsys fs.FS) (*Bundle, error) {
	fallbacks, err := loadFallbacks(fsys)
	if err != nil {
		return nil, err
	}
	b := i18n.NewBundle(DefaultLanguage)
	for ext, fn := range messageExts {
		b.RegisterUnmarshalFunc(ext, fn)
	}
	entries, err := fs.ReadDir(fsys, "messages")
	if err != nil {
		return nil, fmt.Errorf("locales: %w", err)
	}
	bundle := &Bundle{b: b, ids: map[language.Tag][]string{}}
	for _, e := range entries {
		name := e.Name()
		ext := strings.TrimPrefix(path.Ext(name), ".")
		if e.IsDir() || messageExts[ext] == nil {
			continue // README.md and the like
		}
		file := "messages/" + name
		if _, err := language.Parse(strings.TrimSuffix(name, "."+ext)); err != nil {
			return nil, fmt.Errorf("%w: %s: the file name must be a BCP 47 tag: %v", ErrData, file, err)
		}
		mf, err := b.LoadMessageFileFS(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrData, file, err)
		}
		for _, m := range mf.Messages {
			bundle.ids[mf.Tag] = append(bundle.ids[mf.Tag], m.ID)
		}
		sort.Strings(bundle.ids[mf.Tag])
	}
	if _, ok := bundle.ids[DefaultLanguage]; !ok {
		return nil, fmt.Errorf("%w: messages/%s.toml (the reference locale) is missing", ErrData, DefaultLanguage)
	}
	bundle.matcher = NewMatcher(b.LanguageTags(), fallbacks)
	return bundle, nil
}

// Tags returns the locales that have messages; the first is DefaultLanguage.
func (b *Bundle) Tags() []language.Tag { return b.b.LanguageTags() }

// MessageIDs returns the ids a locale's file defines, sorted.
func (b *Bundle) MessageIDs(tag language.Tag) []string { return b.ids[tag] }

var defaultData = sync.OnceValues(func() (*Bundle, error) { return LoadBundle(Data()) })

// DefaultBundle returns the bundle of the embedded messages, loaded once.
func DefaultBundle() *Bundle {
	b, err := defaultData()
	if err != nil {
		panic(err) // the embedded files are checked by the package's tests
	}
	return b
}

// Localizer writes messages in one locale.
type Localizer struct {
	l   *i18n.Localizer
	tag language.Tag // the bundle locale in use
}

// NewLocalizer returns a Localizer of the embedded messages for the first
// of langs (BCP 47 tags, POSIX locale names such as fr_FR.UTF-8, or
// Accept-Language lists) that has messages, or for English.
func NewLocalizer(langs ...string) *Localizer { return DefaultBundle().Localizer(langs...) }

// Localizer returns a Localizer for the first of langs that the bundle can
// serve (see Matcher), or for DefaultLanguage.
func (b *Bundle) Localizer(langs ...string) *Localizer {
	tag := DefaultLanguage
	for _, l := range langs {
		if t, ok := b.match(l); ok {
			tag = t
			break
		}
	}
	return &Localizer{l: i18n.NewLocalizer(b.b, tag.String()), tag: tag}
}

// LocalizerFor returns a Localizer for lang.
func (b *Bundle) LocalizerFor(lang language.Tag) *Localizer { return b.Localizer(lang.String()) }

func (b *Bundle) match(l string) (language.Tag, bool) {
	l = strings.TrimSpace(l)
	if l == "" {
		return language.Und, false
	}
	var want []language.Tag
	if t, err := language.Parse(posixToBCP47(l)); err == nil {
		want = []language.Tag{t}
	} else if ts, _, err := language.ParseAcceptLanguage(l); err == nil {
		want = ts
	}
	for _, t := range want {
		if i, ok := b.matcher.Match(t); ok {
			return b.matcher.Tags()[i], true
		}
	}
	return language.Und, false
}

// posixToBCP47 turns a POSIX locale name (fr_FR.UTF-8, ca_ES@valencia) into a
// BCP 47 tag; C and POSIX are English.
func posixToBCP47(s string) string {
	if s == "C" || s == "POSIX" || strings.HasPrefix(s, "C.") {
		return "en"
	}
	s, mod, _ := strings.Cut(s, "@")
	s, _, _ = strings.Cut(s, ".")
	s = strings.ReplaceAll(s, "_", "-")
	if mod != "" && mod != "euro" {
		s += "-" + mod
	}
	return s
}

// LangFromEnv returns the user's message language from the environment, as
// POSIX orders it: LC_ALL, then LC_MESSAGES, then LANG. LANGUAGE (a GNU
// priority list such as "fr:de") comes first when set and the locale is
// not C. The result is "" when none is set.
func LangFromEnv(getenv func(string) string) string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		if lang := getenv("LANGUAGE"); lang != "" && posixToBCP47(v) != "en" {
			first, _, _ := strings.Cut(lang, ":")
			return first
		}
		return v
	}
	return ""
}

// Tag returns the locale whose messages l writes.
func (l *Localizer) Tag() language.Tag { return l.tag }

// T returns the message id with data. A message the locale lacks is
// written in English; an id no file defines comes back as the id itself,
// so that output never loses a line.
func (l *Localizer) T(id string, data map[string]any) string {
	s, err := l.l.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if s == "" && err != nil {
		return id
	}
	return s
}

// N returns the plural message id for count, with data; data's "Count" is
// set to count written as the locale writes numbers.
func (l *Localizer) N(id string, count int, data map[string]any) string {
	d := make(map[string]any, len(data)+1)
	for k, v := range data {
		d[k] = v
	}
	d["Count"] = l.Number(count)
	s, err := l.l.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: d, PluralCount: count})
	if s == "" && err != nil {
		return id
	}
	return s
}

// Number writes n as the locale writes numbers.
func (l *Localizer) Number(n int) string { return FormatInt(l.tag, n) }

// Check localizes id with data in l's locale only, and reports what is
// wrong: a missing message or plural form, a template error.
func (l *Localizer) Check(id string, count any, data map[string]any) error {
	_, tag, err := l.l.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil {
		return err
	}
	if tag != l.tag {
		return errors.New("locales: " + id + " came from " + tag.String())
	}
	return nil
}
