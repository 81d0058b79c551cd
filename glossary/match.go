package glossary

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Match is one occurrence of a term in text: text[Start:End].
type Match struct {
	Start, End int
	Concept    *Concept
	Term       string // the term as the glossary writes it
	Status     Status // the term's status in the matched language
}

type pattern struct {
	runes   []rune
	concept *Concept
	term    string
	status  Status
	except  bool // an exception phrase, not a term
}

// Matcher finds the terms of one language in text.
type Matcher struct {
	lang     language.Tag
	patterns []pattern
}

// Matcher returns a matcher for the terms of lang.
func (g *Glossary) Matcher(lang language.Tag) *Matcher {
	m := &Matcher{lang: lang}
	if g == nil {
		return m
	}
	for _, c := range g.Concepts {
		ts, ok := c.TermsFor(lang)
		if ok {
			add := func(t string, st Status) {
				if t = strings.TrimSpace(t); t != "" {
					m.patterns = append(m.patterns, pattern{runes: []rune(t), concept: c, term: t, status: st})
				}
			}
			add(ts.Preferred, Preferred)
			for _, t := range ts.Admitted {
				add(t, Admitted)
			}
			for _, t := range ts.Deprecated {
				add(t, Deprecated)
			}
		}
		for _, e := range c.Exceptions {
			m.patterns = append(m.patterns, pattern{runes: []rune(e), concept: c, term: e, except: true})
		}
	}
	// Longest patterns first, so that at one position the longest wins.
	sort.SliceStable(m.patterns, func(i, j int) bool { return len(m.patterns[i].runes) > len(m.patterns[j].runes) })
	return m
}

// Find returns the term matches in text, in order and not overlapping.
// Terms inside an exception phrase, a URL, an e-mail address, or touching an
// inline-code marker from inside a word are not matched.
func (m *Matcher) Find(text string) []Match {
	if len(m.patterns) == 0 {
		return nil
	}
	var out []Match
	exceptEnd := -1 // matches starting before this offset lie in an exception
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) || (i > 0 && isWordRune(lastRune(text[:i]))) {
			i += size
			continue
		}
		found := false
		for pi := range m.patterns {
			p := &m.patterns[pi]
			end, ok := matchAt(text, i, p.runes, !p.concept.CaseSensitive)
			if !ok || (end < len(text) && isWordRune(firstRune(text[end:]))) {
				continue
			}
			if p.except {
				if end > exceptEnd {
					exceptEnd = end
				}
				continue
			}
			if i < exceptEnd || inURLOrEmail(text, i, end) {
				continue
			}
			out = append(out, Match{Start: i, End: end, Concept: p.concept, Term: p.term, Status: p.status})
			i = end
			found = true
			break
		}
		if !found {
			i += size
		}
	}
	return out
}

// matchAt reports whether pattern p occurs at text[i:], and where it ends.
// White space in the pattern matches any run of white space (so multi-word
// terms match across a line break); apostrophes ' and ’ match each other.
func matchAt(text string, i int, p []rune, fold bool) (int, bool) {
	j := i
	for k := 0; k < len(p); k++ {
		if j >= len(text) {
			return 0, false
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		pr := p[k]
		switch {
		case unicode.IsSpace(pr):
			if !unicode.IsSpace(r) {
				return 0, false
			}
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += s2
			}
			for k+1 < len(p) && unicode.IsSpace(p[k+1]) {
				k++
			}
			continue
		case isApostrophe(pr) && isApostrophe(r):
		case r == pr:
		case fold && equalFold(r, pr):
		default:
			return 0, false
		}
		j += size
	}
	return j, true
}

func equalFold(a, b rune) bool {
	if a == b {
		return true
	}
	for f := unicode.SimpleFold(a); f != a; f = unicode.SimpleFold(f) {
		if f == b {
			return true
		}
	}
	return false
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// isWordRune reports whether r is part of a word: letters, digits, marks,
// and inline-code markers (so a term glued to markup is not a whole word).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }
func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

// inURLOrEmail reports whether text[start:end] lies inside a token that is a
// URL, a path, a domain or an e-mail address.
func inURLOrEmail(text string, start, end int) bool {
	ts := strings.LastIndexFunc(text[:start], unicode.IsSpace) + 1
	te := strings.IndexFunc(text[end:], unicode.IsSpace)
	if te < 0 {
		te = len(text)
	} else {
		te += end
	}
	tok := strings.TrimRight(text[ts:te], ".,;:!?)]}\"'’”»")
	tok = strings.TrimLeft(tok, "([{\"'‘“«")
	if strings.Contains(tok, "://") || strings.Contains(tok, "@") || strings.HasPrefix(strings.ToLower(tok), "www.") {
		return true
	}
	if strings.Contains(tok, "/") {
		return true
	}
	// A domain: dots inside the token with letters on both sides (kiev.ua).
	if i := strings.IndexByte(tok, '.'); i > 0 && i < len(tok)-1 {
		if isWordRune(firstRune(tok[i+1:])) && isWordRune(lastRune(tok[:i])) {
			return true
		}
	}
	return false
}

// carryCase writes repl in the case pattern of matched: all upper, all lower,
// or (otherwise) as the glossary writes it.
func carryCase(matched, repl string) string {
	hasUpper, hasLower := false, false
	for _, r := range matched {
		if unicode.IsUpper(r) {
			hasUpper = true
		} else if unicode.IsLower(r) {
			hasLower = true
		}
	}
	switch {
	case hasUpper && !hasLower && utf8.RuneCountInString(matched) > 1:
		return strings.ToUpper(repl)
	case hasLower && !hasUpper:
		return strings.ToLower(repl)
	}
	return repl
}
