package glossary

import (
	"bytes"
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/internal/marker"
)

// Match is one occurrence of a term in text: text[Start:End].
type Match struct {
	Start, End int
	Concept    *Concept
	Term       string // the term as the glossary writes it
	Status     Status // the term's status in the matched language
	Form       string // the grammatical tag when Term is an inflected form
}

type pattern struct {
	concept       *Concept
	term          string
	status        Status
	form          string
	except        bool          // an exception phrase, not a term
	onlyIn        language.Base // an exception that applies in this language only; 0: in every one
	caseSensitive bool
	wordStart     bool // the term begins with a word rune: needs a boundary before
	wordEnd       bool // the term ends with a word rune: needs a boundary after
}

// multiSearcher finds the occurrences of the patterns in one pass over
// the folded text, overlapping ones included: at least every one that
// begins where Find can keep it (termTrie; the tests compare it with a full
// Aho-Corasick search).
type multiSearcher interface {
	findAll(hay []byte, fn func(id, start, end int))
}

// Matcher finds the terms of one language in text. It is built once per
// glossary and language (see Glossary.Matcher) and is safe for concurrent use.
type Matcher struct {
	lang     language.Tag
	fold     folder
	patterns []pattern
	search   multiSearcher // nil when there are no patterns
	bufs     sync.Pool     // *foldedText
}

// Matcher returns the matcher for the terms of lang, building it on first use.
func (g *Glossary) Matcher(lang language.Tag) *Matcher {
	if g == nil {
		return newMatcher(nil, lang)
	}
	key := lang.String()
	g.mu.Lock()
	defer g.mu.Unlock()
	if m, ok := g.matchers[key]; ok {
		return m
	}
	m := newMatcher(g.Concepts, lang)
	if g.matchers == nil {
		g.matchers = map[string]*Matcher{}
	}
	g.matchers[key] = m
	return m
}

func newMatcher(concepts []*Concept, lang language.Tag) *Matcher {
	m, keys := matcherPatterns(concepts, lang)
	if len(keys) == 0 {
		return m
	}
	starts := make([]bool, len(m.patterns))
	for i := range m.patterns {
		starts[i] = m.patterns[i].wordStart
	}
	m.search = buildTrie(keys, starts)
	m.bufs.New = func() any { return new(foldedText) }
	return m
}

// matcherPatterns returns the matcher's patterns for lang and their folded
// forms, all in one shared buffer.
func matcherPatterns(concepts []*Concept, lang language.Tag) (*Matcher, [][]byte) {
	m := &Matcher{lang: lang, fold: newFolder(lang)}
	var keys [][]byte
	var buf []byte // the folded forms, one after the other
	var ends []int
	var ft foldedText
	add := func(p pattern, text string) {
		m.fold.fold(&ft, text)
		key := bytes.Trim(ft.b, " ")
		if len(key) == 0 {
			return
		}
		first, _ := utf8.DecodeRuneInString(strings.TrimSpace(text))
		last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(text))
		p.wordStart, p.wordEnd = isWordRune(first), isWordRune(last)
		m.patterns = append(m.patterns, p)
		buf = append(buf, key...)
		ends = append(ends, len(buf))
	}
	// The tag's strings for termsFor, made once.
	exact := lang.String()
	base, _ := lang.Base()
	baseKey := base.String()
	bases := map[string]language.Base{} // language key → its base; none: not a tag
	baseOf := func(l string) (language.Base, bool) {
		if b, ok := bases[l]; ok {
			return b, b != language.Base{}
		}
		t, err := language.Parse(l)
		var b language.Base
		if err == nil {
			b, _ = t.Base()
		}
		bases[l] = b
		return b, err == nil
	}
	for _, c := range concepts {
		ts, ok := c.termsFor(exact, baseKey)
		if ok {
			cs := c.CaseSensitive || ts.CaseSensitive
			ts.all(func(t string, st Status, form string) {
				if t = strings.TrimSpace(t); t != "" {
					add(pattern{concept: c, term: t, status: st, form: form, caseSensitive: cs}, t)
				}
			})
		}
		if !ok {
			continue // exceptions only matter where the concept has terms
		}
		for _, e := range c.Exceptions {
			if e = strings.TrimSpace(e); e != "" {
				add(pattern{concept: c, term: e, except: true, caseSensitive: c.CaseSensitive}, e)
			}
		}
		some := false
		for _, ts := range c.Terms {
			if len(ts.Exceptions) > 0 {
				some = true
				break
			}
		}
		if !some {
			continue
		}
		for _, l := range sortedKeys(c.Terms) {
			b, ok := baseOf(l)
			if !ok {
				continue
			}
			for _, e := range c.Terms[l].Exceptions {
				if e = strings.TrimSpace(e); e != "" {
					add(pattern{concept: c, term: e, except: true, onlyIn: b, caseSensitive: c.CaseSensitive}, e)
				}
			}
		}
	}
	keys = make([][]byte, len(ends))
	start := 0
	for i, e := range ends {
		keys[i] = buf[start:e:e]
		start = e
	}
	return m, keys
}

// Len returns the number of patterns (terms, forms and exceptions) the
// matcher looks for.
func (m *Matcher) Len() int { return len(m.patterns) }

type hit struct {
	start, end int
	pat        int
	exact      bool // the text is written exactly as the term
}

// Find returns the term matches in text, in order and not overlapping: at
// one position the longest term wins. It matches whole words only, never
// inside a URL, an e-mail address, a path, a domain or a hashtag, and never
// a term that lies inside one of its concept's exceptions that apply in
// the matcher's own language. Inline-code runes (U+E000–U+EFFF) count as
// word boundaries; term placeholders are never part of a match.
func (m *Matcher) Find(text string) []Match {
	out, _, _ := m.find(text, m.lang, false)
	return out
}

// Exceptions returns the places where an exception keeps a term as written:
// each Match spans the exception phrase found in text (Chicken Kiev), with
// the concept, the phrase as the glossary writes it in Term, and the status
// of the term it keeps. Only exceptions that keep an admitted or deprecated
// term (one Apply would otherwise rewrite) are returned, in order.
func (m *Matcher) Exceptions(text string) []Match {
	_, kept, _ := m.find(text, m.lang, true)
	return kept
}

// FindFor is Find for a text on its way into target's edition: the
// exceptions that apply are those of every language and those the glossary
// gives for target. Translate (Protect) and check make this one decision.
func (m *Matcher) FindFor(text string, target language.Tag) []Match {
	out, _, _ := m.find(text, target, false)
	return out
}

// FindExceptions returns the exception phrases of text that apply in
// target's edition, each as a Match of its concept (Term is the phrase):
// where one stands in a source, translate kept the source's wording.
func (m *Matcher) FindExceptions(text string, target language.Tag) []Match {
	_, _, ex := m.find(text, target, false)
	return ex
}

func (m *Matcher) find(text string, target language.Tag, wantKept bool) (out, kept, ex []Match) {
	tb, _ := target.Base()
	if m.search == nil || text == "" {
		return nil, nil, nil
	}
	ft := m.bufs.Get().(*foldedText)
	defer m.bufs.Put(ft)
	m.fold.fold(ft, text)

	// The hits and matches gather in the pooled buffers; the matches
	// returned are copied out at their size.
	terms, excepts, found := ft.terms[:0], ft.excepts[:0], ft.found[:0]
	defer func() { ft.terms, ft.excepts, ft.found = terms[:0], excepts[:0], found[:0] }()
	m.search.findAll(ft.b, func(id, fs, fe int) {
		p := &m.patterns[id]
		s, ok1 := ft.orig(fs)
		e, ok2 := ft.orig(fe)
		if !ok1 || !ok2 || s >= e {
			return
		}
		if p.wordStart && !boundaryBefore(text, s) || p.wordEnd && !boundaryAfter(text, e) {
			return
		}
		exact := sameAsWritten(text[s:e], p.term)
		if p.caseSensitive && !exact {
			return
		}
		h := hit{start: s, end: e, pat: id, exact: exact}
		if p.except {
			if p.onlyIn == (language.Base{}) || p.onlyIn == tb {
				excepts = append(excepts, h)
			}
			return
		}
		if strings.ContainsFunc(text[s:e], isCodeRune) {
			return
		}
		terms = append(terms, h)
	})
	slices.SortFunc(excepts, func(a, b hit) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end), cmp.Compare(a.pat, b.pat))
	})
	for _, e := range excepts {
		p := &m.patterns[e.pat]
		ex = append(ex, Match{Start: e.start, End: e.end, Concept: p.concept, Term: p.term})
	}
	if len(terms) == 0 {
		return nil, nil, ex
	}
	slices.SortFunc(terms, func(a, b hit) int {
		switch {
		case a.start != b.start:
			return cmp.Compare(a.start, b.start)
		case a.end != b.end:
			return cmp.Compare(b.end, a.end)
		case a.exact != b.exact:
			if a.exact {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.pat, b.pat)
	})
	// Terms come in order: exceptions (sorted above) and code spans are
	// swept forward once, so that find is linear in the text however many
	// terms it holds.
	exs := exceptionSweep{all: excepts}
	bt := backtickSweep{text: text}
	next := 0
	var keptAt map[int]bool
	for _, h := range terms {
		if h.start < next {
			continue
		}
		p := &m.patterns[h.pat]
		code := bt.in(h.start)
		if x, ok := exs.inside(h, p.concept, m.patterns); ok {
			if wantKept && p.status != Preferred && !keptAt[x.start] && !code && !inURLOrEmail(text, h.start, h.end) {
				if keptAt == nil {
					keptAt = map[int]bool{}
				}
				keptAt[x.start] = true
				kept = append(kept, Match{Start: x.start, End: x.end, Concept: p.concept, Term: m.patterns[x.pat].term, Status: p.status})
			}
			continue
		}
		if code || inURLOrEmail(text, h.start, h.end) {
			continue
		}
		found = append(found, Match{Start: h.start, End: h.end, Concept: p.concept, Term: p.term, Status: p.status, Form: p.form})
		next = h.end
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Start < kept[j].Start })
	if len(found) > 0 {
		out = slices.Clone(found)
	}
	return out, kept, ex
}

// exceptionSweep answers, for hits in increasing start order, which
// exception of the hit's concept (sorted by start) contains it: only the
// exceptions open at the hit are looked at. The first such exception, in
// start order, is returned.
type exceptionSweep struct {
	all    []hit
	next   int   // first exception not yet opened
	active []hit // opened exceptions that may still contain a hit
}

func (s *exceptionSweep) inside(h hit, c *Concept, pats []pattern) (hit, bool) {
	for s.next < len(s.all) && s.all[s.next].start <= h.start {
		s.active = append(s.active, s.all[s.next])
		s.next++
	}
	keep := s.active[:0]
	var found hit
	ok := false
	for _, e := range s.active {
		if e.end < h.start {
			continue // closed before this hit: before every later one too
		}
		keep = append(keep, e)
		if !ok && h.end <= e.end && pats[e.pat].concept == c {
			found, ok = e, true
		}
	}
	s.active = keep
	return found, ok
}

// sameAsWritten reports whether s is written exactly as term, allowing any
// run of white space for a space and ’ for '.
func sameAsWritten(s, term string) bool {
	i, j := 0, 0
	for i < len(s) && j < len(term) {
		r1, n1 := utf8.DecodeRuneInString(s[i:])
		r2, n2 := utf8.DecodeRuneInString(term[j:])
		switch {
		case unicode.IsSpace(r1) && unicode.IsSpace(r2):
			i = skipSpace(s, i)
			j = skipSpace(term, j)
			continue
		case r1 == r2, isApostrophe(r1) && isApostrophe(r2):
		default:
			return false
		}
		i += n1
		j += n2
	}
	return i == len(s) && j == len(term)
}

func skipSpace(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// isWordRune reports whether r is part of a word: letters (with the
// modifier apostrophe ʼ of Ukrainian spelling), digits, marks and the
// connector _. Punctuation (including ' and ’, so that possessives and
// Turkish suffixes such as Kiev'de keep the name whole), spaces, inline-code
// runes and placeholders are boundaries.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

func boundaryBefore(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return !isWordRune(r)
}

func boundaryAfter(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return !isWordRune(r)
}

// isTokenBreak reports whether r ends a token for the URL check: white
// space, inline codes, placeholders, brackets and quotes.
func isTokenBreak(r rune) bool {
	if unicode.IsSpace(r) || marker.IsPrivateUse(r) {
		return true
	}
	return strings.ContainsRune("()[]{}<>\"“”«»„,;|", r)
}

// inURLOrEmail reports whether text[start:end] lies inside a token that is a
// URL, a path, a domain or file name, an e-mail address, a handle or a hashtag.
func inURLOrEmail(text string, start, end int) bool {
	ts := strings.LastIndexFunc(text[:start], isTokenBreak) + 1
	if ts > 0 {
		_, n := utf8.DecodeRuneInString(text[ts-1:])
		ts += n - 1
	}
	te := strings.IndexFunc(text[end:], isTokenBreak)
	if te < 0 {
		te = len(text)
	} else {
		te += end
	}
	if ts == start && te == end {
		return false // the fast, common case: the term is the whole token
	}
	return isNonProseToken(trimToken(text[ts:te]))
}

// trimToken removes the sentence punctuation and quotes around a token.
func trimToken(tok string) string {
	tok = strings.TrimRight(tok, ".:!?'’")
	return strings.TrimLeft(tok, "'‘’")
}

// isNonProseToken reports whether a token (no white space) is a URL, a
// path, a domain or file name, an e-mail address, a handle or a hashtag.
func isNonProseToken(tok string) bool {
	low := strings.ToLower(tok)
	switch {
	case strings.Contains(tok, "://"), strings.HasPrefix(low, "www."), strings.HasPrefix(low, "mailto:"):
		return true
	case strings.ContainsRune(tok, '@'), strings.HasPrefix(tok, "#"):
		return true
	case strings.HasPrefix(tok, "/"), strings.HasPrefix(tok, "./"), strings.HasPrefix(tok, "~/"):
		return true
	case isCodeLike(tok):
		return true
	}
	host := tok
	if i := strings.IndexByte(host, '/'); i >= 0 {
		host = host[:i]
	}
	return isDomain(host)
}

// backtickSweep answers, for offsets in increasing order, whether an
// offset of text lies in a `code span` of plain text (an odd number of
// backticks before it on its line), counting each byte once. Formats with
// markup turn code spans into inline codes before matching.
type backtickSweep struct {
	text string
	pos  int  // counted up to here
	odd  bool // an odd number of backticks since the last line break
}

func (s *backtickSweep) in(i int) bool {
	for ; s.pos < i; s.pos++ {
		switch s.text[s.pos] {
		case '\n':
			s.odd = false
		case '`':
			s.odd = !s.odd
		}
	}
	return s.odd
}

// isDomain reports whether s looks like a domain or a file name: dotted
// parts of word runes, the last one (the TLD or extension) of two letters
// or more. "U.N" and "i.e" are not; "kiev.ua" and "kiev.jpg" are.
func isDomain(s string) bool {
	i := strings.LastIndexByte(s, '.')
	if i <= 0 || i == len(s)-1 {
		return false
	}
	tld := s[i+1:]
	if utf8.RuneCountInString(tld) < 2 {
		return false
	}
	for _, r := range tld {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordRune(r)
}
