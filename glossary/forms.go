package glossary

import (
	"strings"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/locales"
)

// Has reports whether written — a term as a text writes it — is one of the
// term set's terms or forms, or an inflected form of one by the language's
// inflection data (locales.DefaultInflections), and with which status.
// This is the only way a word belongs to a term: a word that merely starts
// like one does not (Russian Донбасса is not a form of Ukrainian Донбас;
// Donbass is not a form of Polish Donbas). Case is ignored unless the set
// is case-sensitive; only the last word of a multi-word term inflects.
func (ts TermSet) Has(written string, lang language.Tag) (Status, bool) {
	inf := locales.DefaultInflections().For(lang)
	st, ok := Status(""), false
	// The terms as written first, so that an exact deprecated form wins
	// over an admitted term that inflects into it (de Kiews).
	for _, byRule := range []bool{false, true} {
		ts.all(func(term string, s Status, _ string) {
			if ok || strings.TrimSpace(term) == "" {
				return
			}
			var in *locales.Inflector
			if byRule {
				in = inf
			}
			if isInflected(in, term, written, ts.CaseSensitive) {
				st, ok = s, true
			}
		})
		if ok || inf == nil {
			break
		}
	}
	return st, ok
}

// isInflected reports whether written is term or a form of it: the same
// words, the last one possibly inflected.
func isInflected(inf *locales.Inflector, term, written string, caseSensitive bool) bool {
	tw, ww := strings.Fields(term), strings.Fields(written)
	if len(tw) != len(ww) || len(tw) == 0 {
		return false
	}
	for i := 0; i < len(tw)-1; i++ {
		if !wordEqual(tw[i], ww[i], caseSensitive) {
			return false
		}
	}
	last, wlast := tw[len(tw)-1], ww[len(ww)-1]
	if wordEqual(last, wlast, caseSensitive) {
		return true
	}
	if inf == nil {
		return false
	}
	if caseSensitive {
		// The stem must be written as the term writes it; only the ending
		// (and a dropped last letter or two) may differ.
		tr, wr := []rune(last), []rune(wlast)
		n := min(len(tr), len(wr)) - 2
		for i := 0; i < n; i++ {
			if tr[i] != wr[i] {
				return false
			}
		}
	}
	return inf.IsForm(last, wlast)
}

func wordEqual(a, b string, caseSensitive bool) bool {
	if caseSensitive {
		return sameAsWritten(a, b)
	}
	return sameAsWritten(strings.ToLower(a), strings.ToLower(b))
}
