package check

import (
	"github.com/abadojack/whatlanggo"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// langID tells whether a text is still in the source language. It asks
// whatlanggo with a whitelist of the source and target languages only:
// without one, whatlanggo confuses close languages (it called Ukrainian and
// Russian "Bulgarian"); with one, the question is only "source or target?".
type langID struct {
	src, tgt whatlanggo.Lang
	opts     whatlanggo.Options
}

// newLangID returns nil when whatlanggo does not know either language: the
// untranslated rule then relies on comparison with the source alone.
func newLangID(src, tgt language.Tag) *langID {
	s, t := wlLang(src), wlLang(tgt)
	if s < 0 || t < 0 || s == t {
		return nil
	}
	return &langID{src: s, tgt: t, opts: whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{s: true, t: true}}}
}

// Confidences whatlanggo must give before check says a text is in the
// source language. With two close languages (Russian and Ukrainian) short
// sentences come back at about 0.5 either way, so a short segment identical
// to its source — a phrase both languages share — needs a sure verdict; a
// segment that differs from the source only a majority one (short English
// headlines against French come back at 0.4 to 0.7).
const (
	minConfidence          = 0.5
	minIdenticalConfidence = 0.8
)

// isSource reports whether text reads as the source language with at least
// confidence conf.
func (l *langID) isSource(text string, conf float64) bool {
	info := whatlanggo.DetectWithOptions(text, l.opts)
	return info.Lang == l.src && info.Confidence >= conf
}

// macro maps ISO 639-3 macrolanguage codes (what x/text returns) to the
// individual languages whatlanggo profiles.
var macro = map[string]string{"zho": "cmn", "ara": "arb", "fas": "pes", "nor": "nob", "aze": "azj", "msa": "ind", "lah": "skr"}

func wlLang(t language.Tag) whatlanggo.Lang {
	base, _ := t.Base()
	code := base.ISO3()
	if m, ok := macro[code]; ok {
		code = m
	}
	return whatlanggo.CodeToLang(code)
}

// langName is the English name of a language, for messages.
func langName(t language.Tag) string {
	base, _ := t.Base()
	if n := display.English.Languages().Name(base); n != "" {
		return n
	}
	return t.String()
}
