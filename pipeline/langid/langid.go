package langid

import (
	"strings"
	"unicode"

	"github.com/abadojack/whatlanggo"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/internal/marker"
)

// Detector tells whether a text is still in the source language of a
// translation. It asks whatlanggo with a whitelist of the source and target
// languages only: without one, whatlanggo confuses close languages (it
// called Ukrainian and Russian "Bulgarian"); with one, the question is only
// "source or target?".
type Detector struct {
	src, tgt whatlanggo.Lang
	opts     whatlanggo.Options
}

// New returns nil when whatlanggo does not know either language or they are
// the same: callers then rely on comparison with the source alone.
func New(src, tgt language.Tag) *Detector {
	s, t := lang(src), lang(tgt)
	if s < 0 || t < 0 || s == t {
		return nil
	}
	return &Detector{src: s, tgt: t, opts: whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{s: true, t: true}}}
}

// Confidences whatlanggo must give before a text is said to be in the
// source language. With two close languages (Russian and Ukrainian) short
// sentences come back at about 0.5 either way, so a short text identical to
// its source — a phrase both languages share — needs a sure verdict
// (MinIdentical); a text that differs from the source only a majority one
// (MinDiffering: short English headlines against French come back at 0.4 to
// 0.7).
const (
	MinDiffering = 0.5
	MinIdentical = 0.8
)

// IsSource reports whether text reads as the source language with at least
// confidence conf.
func (d *Detector) IsSource(text string, conf float64) bool {
	info := whatlanggo.DetectWithOptions(text, d.opts)
	return info.Lang == d.src && info.Confidence >= conf
}

// macro maps ISO 639-3 macrolanguage codes (what x/text returns) to the
// individual languages whatlanggo profiles.
var macro = map[string]string{"zho": "cmn", "ara": "arb", "fas": "pes", "nor": "nob", "aze": "azj", "msa": "ind", "lah": "skr"}

func lang(t language.Tag) whatlanggo.Lang {
	base, _ := t.Base()
	code := base.ISO3()
	if m, ok := macro[code]; ok {
		code = m
	}
	return whatlanggo.CodeToLang(code)
}

// Thresholds of the verdict: fewer content words than these (see
// ContentWords) say too little to judge, so names, numbers and short
// replies ("Yes.", "Volodymyr Zelensky") are never called untranslated.
const (
	MinIdenticalWords     = 3 // a text identical to its source
	MinSureIdenticalWords = 6 // … whatever its language reads as
	MinLangIDWords        = 4 // a text whose language is identified
)

func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '\'' && r != '’' && r != '-'
	})
}

// ContentWords counts the words that carry language: at least two
// letters, not capitalized (names, acronyms) unless the script has no case,
// the first word of a sentence excepted.
func ContentWords(s string) int { return len(ContentWordList(s)) }

// ContentWordList returns the words ContentWords counts, as written.
func ContentWordList(s string) []string {
	var out []string
	for i, w := range words(s) {
		w = strings.Trim(w, "'’-")
		letters := 0
		var first rune = -1
		for _, r := range w {
			if unicode.IsLetter(r) {
				if first < 0 {
					first = r
				}
				letters++
			}
		}
		if letters < 2 || first < 0 {
			continue
		}
		switch {
		case unicode.IsLower(first):
			out = append(out, w)
		case !unicode.IsUpper(first) && !unicode.IsTitle(first):
			out = append(out, w) // a script without case
		case i == 0 && !isAllUpper(w):
			out = append(out, w) // a capitalized first word is an ordinary word
		}
	}
	return out
}

func isAllUpper(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// Untranslated says why out, an engine's translation of src, is not a
// translation, or "" when it is one: it is empty where src has words, it is
// src unchanged (and reads as the source language, unless it is long), or
// it reads as the source language. d may be nil (the languages cannot be
// told apart): only the first two are judged then. Placeholder runes and
// white space do not count.
func Untranslated(d *Detector, src, out string) string {
	src, out = clean(src), clean(out)
	n := ContentWords(src)
	if n == 0 {
		return ""
	}
	if out == "" {
		return "the engine returned an empty translation"
	}
	if strings.Join(strings.Fields(out), " ") == strings.Join(strings.Fields(src), " ") {
		if n >= MinIdenticalWords && (d == nil || n >= MinSureIdenticalWords || d.IsSource(out, MinIdentical)) {
			return "the engine returned the source text unchanged"
		}
		return ""
	}
	if d != nil && ContentWords(out) >= MinLangIDWords && d.IsSource(out, MinDiffering) {
		return "the engine's output is still in the source language"
	}
	return ""
}

// clean drops private-use runes (inline codes, placeholders) and trims.
func clean(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if marker.IsPrivateUse(r) {
			return ' '
		}
		return r
	}, s))
}
