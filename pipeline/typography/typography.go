package typography

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/locales"
	"github.com/locpipe/locpipe/pipeline/format"
)

// isMarker reports an inline-code marker rune (format.IsCodeRune): a
// translated unit holds its inline markup as these runes. Typography never
// changes, moves or removes them, and sees through them when it looks at
// the characters around a quotation mark.
func isMarker(r rune) bool { _, ok := format.IsCodeRune(r); return ok }

// Typographer applies one locale's typography to text.
// A nil *Typographer leaves text unchanged.
type Typographer struct {
	tag         language.Tag
	rules       locales.TypographyRules
	spaceBefore map[rune]string
}

// New checks rules and returns their Typographer.
func New(tag language.Tag, rules locales.TypographyRules) (*Typographer, error) {
	if err := rules.Validate(); err != nil {
		return nil, err
	}
	t := &Typographer{tag: tag, rules: rules, spaceBefore: map[rune]string{}}
	for k, v := range rules.SpaceBefore {
		r, _ := utf8.DecodeRuneInString(k)
		t.spaceBefore[r] = v
	}
	return t, nil
}

// Tag returns the locale whose rules t applies.
func (t *Typographer) Tag() language.Tag {
	if t == nil {
		return language.Und
	}
	return t.tag
}

// Rules returns t's rules.
func (t *Typographer) Rules() locales.TypographyRules {
	if t == nil {
		return locales.TypographyRules{}
	}
	return t.rules
}

// Typography holds the typography of every locale of a data table.
type Typography struct {
	table   *locales.TypographyTable
	byIndex []*Typographer
}

// Load returns the typography of every locale of table (the data of
// locales.LoadTypographyTable).
func Load(table *locales.TypographyTable) (*Typography, error) {
	s := &Typography{table: table}
	for i := range table.Len() {
		tag, rules := table.At(i)
		t, err := New(tag, rules)
		if err != nil {
			return nil, fmt.Errorf("%w: typography/%s.yaml: %v", locales.ErrData, tag, err)
		}
		s.byIndex = append(s.byIndex, t)
	}
	return s, nil
}

var defaultTypography = sync.OnceValues(func() (*Typography, error) { return Load(locales.DefaultTypographyTable()) })

// Default returns the typography of the embedded locale data, loaded once.
func Default() *Typography {
	t, err := defaultTypography()
	if err != nil {
		panic(err) // the embedded files are checked by the package's tests
	}
	return t
}

// For returns the typography for lang (its own, a parent's such as pt for
// pt-BR, or an explicit fallback's), or nil when there is none.
func (s *Typography) For(lang language.Tag) *Typographer {
	if s == nil {
		return nil
	}
	i, ok := s.table.Match(lang)
	if !ok {
		return nil
	}
	return s.byIndex[i]
}

// Tags returns the locales that have typography data.
func (s *Typography) Tags() []language.Tag { return s.table.Tags() }

// Apply adapts text to lang's typography; text in a locale without data
// comes back unchanged. Its signature is pipeline.Options.Typography's.
func (s *Typography) Apply(lang language.Tag, text string) string {
	return s.For(lang).Apply(text)
}

// protectedSpans returns the byte ranges typography must never touch: URLs
// (scheme://…, www.…, mailto:…) and e-mail addresses, each to the end of its
// word. Words end at white space, inline-code markers and quotation marks.
//
// Hand-written rather than a regexp: an unanchored pattern for e-mail
// addresses made Go's regexp engine the cost of the whole pass (3 MB/s).
func protectedSpans(text string) [][2]int {
	if !strings.Contains(text, "://") && !strings.Contains(text, "@") &&
		!strings.Contains(text, "www.") && !strings.Contains(text, "WWW.") && !strings.Contains(text, "mailto:") {
		return nil
	}
	var spans [][2]int
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordEnd(r) {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if isWordEnd(r) {
				break
			}
			j += n
		}
		if start, ok := protectedStart(text[i:j]); ok {
			// Sentence punctuation after an address is not part of it.
			end := i + len(strings.TrimRight(text[i:j], ".,;:!?)]}'’"))
			if end > i+start {
				spans = append(spans, [2]int{i + start, end})
			}
		}
		i = j
	}
	return spans
}

// isWordEnd reports the runes that end a word for protectedSpans.
func isWordEnd(r rune) bool {
	if unicode.IsSpace(r) || isMarker(r) {
		return true
	}
	switch r {
	case '"', '<', '>', '«', '»', '“', '”', '„':
		return true
	}
	return false
}

// protectedStart says whether word holds a URL or an e-mail address, and
// where the protected part starts.
func protectedStart(word string) (int, bool) {
	if !strings.ContainsAny(word, ":@.") {
		return 0, false // the common case: an ordinary word
	}
	if k := strings.Index(word, "://"); k > 0 {
		s := k
		for s > 0 && isSchemeByte(word[s-1]) {
			s--
		}
		if s < k {
			return s, true
		}
	}
	for _, p := range []string{"www.", "mailto:"} {
		if k := indexASCIIFold(word, p); k >= 0 && (k == 0 || !isASCIIAlnum(word[k-1])) {
			return k, true
		}
	}
	if at := strings.IndexByte(word, '@'); at > 0 && strings.Contains(word[at+1:], ".") {
		s := 0
		for s < at && strings.IndexByte("([{'", word[s]) >= 0 {
			s++
		}
		if s < at {
			return s, true
		}
	}
	return 0, false
}

// indexASCIIFold is strings.Index for a lower-case ASCII pattern, ignoring
// the case of ASCII letters in s.
func indexASCIIFold(s, pat string) int {
	for i := 0; i+len(pat) <= len(s); i++ {
		j := 0
		for j < len(pat) && lowerASCII(s[i+j]) == pat[j] {
			j++
		}
		if j == len(pat) {
			return i
		}
	}
	return -1
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isSchemeByte(c byte) bool { return isASCIIAlnum(c) || c == '+' || c == '-' || c == '.' }

type quoteKind uint8

const (
	doubleQuote quoteKind = iota + 1
	singleQuote
)

type quoteRole uint8

const (
	roleNone quoteRole = iota
	roleOpen
	roleClose
	roleApostrophe
)

// quoteMark is a quotation mark or apostrophe found in the text.
type quoteMark struct {
	pos, size int
	r         rune
	kind      quoteKind
	role      quoteRole
	hint      quoteRole // the role of an ambiguous mark when pairing cannot tell
	matched   bool
	level     int
}

// Apply returns text with t's typography: quotation marks of the locale with
// proper nesting (straight quotes and other locales' marks alike), its
// apostrophe, and its spaces before punctuation. It leaves URLs, e-mail
// addresses and inline-code markers alone, and applying it twice gives the
// same text as applying it once.
//
// Hand-written: no Go library does locale typography (smartypants ports know
// only English marks and work on HTML, not on marked-up unit text).
func (t *Typographer) Apply(text string) string {
	if t == nil || text == "" {
		return text
	}
	// Idempotent by construction: the result is a fixed point of one pass.
	// Well-formed text reaches it in one pass (the second only checks);
	// malformed quoting that keeps changing is left as it was.
	cur := text
	for range maxPasses {
		next := t.pass(cur)
		if next == cur {
			return cur
		}
		cur = next
	}
	return text
}

// maxPasses bounds the search for a fixed point.
const maxPasses = 4

// pass applies the rules once.
func (t *Typographer) pass(text string) string {
	if !strings.ContainsAny(text, "\"'“”„‟‘’‚‛«»‹›") && !t.hasSpaceBefore(text) {
		return text
	}
	protected := protectedSpans(text)
	marks := t.findQuotes(text, protected)
	t.pair(marks)

	var out []byte
	out = make([]byte, 0, len(text)+len(text)/8)
	mi, pi := 0, 0
	skipSpace := false
	for i := 0; i < len(text); {
		if pi < len(protected) && i >= protected[pi][0] {
			end := protected[pi][1]
			out = append(out, text[i:end]...)
			i = end
			pi++
			skipSpace = false
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if skipSpace {
			if isHSpace(r) {
				i += size
				continue
			}
			skipSpace = false
		}
		if mi < len(marks) && marks[mi].pos == i {
			m := marks[mi]
			mi++
			switch {
			case m.role == roleApostrophe && t.rules.Apostrophe != "":
				out = append(out, t.rules.Apostrophe...)
			case (m.role == roleOpen || m.role == roleClose) && len(t.rules.Quotes) > 0:
				q := t.rules.Quotes[m.level%len(t.rules.Quotes)]
				// Guillemets often come with (French) spaces inside: a
				// locale without them drops them.
				guillemet := m.r == '«' || m.r == '»'
				if m.role == roleOpen {
					out = append(out, q.Open...)
					if q.Space != "" {
						out = append(out, q.Space...)
					}
					skipSpace = q.Space != "" || guillemet
				} else {
					if q.Space != "" || guillemet {
						out = trimHSpace(out)
					}
					out = append(out, q.Space...)
					out = append(out, q.Close...)
				}
			default:
				out = append(out, text[i:i+size]...)
			}
			i += size
			continue
		}
		if sp, ok := t.spaceBefore[r]; ok && t.wantsSpaceBefore(text, i, size) {
			trimmed := trimHSpace(out)
			if len(trimmed) > 0 && !endsWithNewline(trimmed) {
				out = append(trimmed, sp...)
			}
		}
		out = append(out, text[i:i+size]...)
		i += size
	}
	return string(out)
}

func (t *Typographer) hasSpaceBefore(text string) bool {
	for r := range t.spaceBefore {
		if strings.ContainsRune(text, r) {
			return true
		}
	}
	return false
}

// wantsSpaceBefore reports whether the punctuation mark at text[i:i+size]
// ends a phrase (followed by a space, the end, or more punctuation) after a
// word, so that it takes the locale's space: "Quoi?" yes, "10:30" or "?!"'s
// "!" no.
func (t *Typographer) wantsSpaceBefore(text string, i, size int) bool {
	next := nextRune(text, i+size)
	if !(next == 0 || unicode.IsSpace(next) || unicode.IsPunct(next) || unicode.IsSymbol(next)) {
		return false
	}
	// The character before, past any space and markers.
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:j])
		if isMarker(r) || isHSpace(r) {
			j -= n
			continue
		}
		if r == '\n' || r == '\r' {
			return false
		}
		if _, ok := t.spaceBefore[r]; ok {
			return false // the second mark of "?!" or "!!"
		}
		return true
	}
	return false
}

// findQuotes finds the quotation marks and apostrophes outside protected
// ranges and classifies them by their neighbours.
func (t *Typographer) findQuotes(text string, protected [][2]int) []quoteMark {
	var marks []quoteMark
	pi := 0
	for i := 0; i < len(text); {
		if pi < len(protected) && i >= protected[pi][0] {
			i = protected[pi][1]
			pi++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		kind, hint := quoteInfo(r)
		if kind == 0 {
			i += size
			continue
		}
		prev, next := prevRune(text, i), nextRune(text, i+size)
		m := quoteMark{pos: i, size: size, r: r, kind: kind}
		left := !isSpaceOrStart(next) && (!isPunct(next) || isSpaceOrStart(prev) || isPunct(prev))
		right := !isSpaceOrStart(prev) && (!isPunct(prev) || isSpaceOrStart(next) || isPunct(next))
		switch {
		case kind == singleQuote && (r == '\'' || r == '’') && isWordRune(prev) && isWordRune(next):
			m.role = roleApostrophe // l'armée, don't, rock'n'roll
		case hint == roleOpen && (r == '„' || r == '‚' || r == '«' || r == '‹'):
			m.role = roleOpen // marks that only ever open
		case hint == roleClose && (r == '»' || r == '›'):
			m.role = roleClose
		case left && !right:
			m.role = roleOpen
		case right && !left:
			m.role = roleClose
		case left && right:
			m.role, m.hint = ambiguous, hint // decided by pairing
		default:
			m.role = roleNone
		}
		marks = append(marks, m)
		i += size
	}
	return marks
}

// quoteInfo says whether r is a quotation mark, of which kind, and which
// role it has when its neighbours do not say.
func quoteInfo(r rune) (quoteKind, quoteRole) {
	switch r {
	case '"':
		return doubleQuote, roleNone
	case '“', '„', '‟', '«':
		return doubleQuote, roleOpen
	case '”', '»':
		return doubleQuote, roleClose
	case '\'':
		return singleQuote, roleNone
	case '‘', '‚', '‛', '‹':
		return singleQuote, roleOpen
	case '’', '›':
		return singleQuote, roleClose
	}
	return 0, roleNone
}

// ambiguous is the role of a mark that could open or close.
const ambiguous = roleOpen | roleClose<<4

// pair matches opening and closing marks of the same kind with a stack and
// gives each matched pair its nesting level; unmatched single marks become
// apostrophes (the boys' toys, 'tis), unmatched straight double quotes keep their
// role at the level where they stand, other unmatched marks stay as they are.
func (t *Typographer) pair(marks []quoteMark) {
	var stack []int
	for i := range marks {
		m := &marks[i]
		role := m.role
		if role == ambiguous {
			role = roleOpen
			if m.hint == roleClose {
				role = roleClose
			}
			for _, j := range stack {
				if marks[j].kind == m.kind {
					role = roleClose
				}
			}
			m.role = role
		}
		switch role {
		case roleOpen:
			stack = append(stack, i)
		case roleClose:
			for s := len(stack) - 1; s >= 0; s-- {
				if marks[stack[s]].kind == m.kind {
					marks[stack[s]].matched = true
					m.matched = true
					stack = stack[:s]
					break
				}
			}
		}
	}
	depth := 0
	var open []int
	for i := range marks {
		m := &marks[i]
		switch {
		case m.role == roleOpen && m.matched:
			m.level = depth
			open = append(open, i)
			depth++
		case m.role == roleClose && m.matched:
			depth--
			m.level = marks[open[len(open)-1]].level
			open = open[:len(open)-1]
		case m.kind == singleQuote && (m.role == roleOpen || m.role == roleClose):
			if m.r == '\'' || m.r == '’' {
				m.role = roleApostrophe
			} else {
				m.role = roleNone
			}
		case (m.role == roleOpen || m.role == roleClose) && (m.r != '"' || depth > 0):
			// An unmatched typographic mark, or one inside a pair, is
			// left as it is: its direction cannot be told for sure, and
			// converting it could make a second pass read it otherwise.
			m.role = roleNone
		default: // an unmatched straight quote outside any pair (a quotation
			// running over several paragraphs opens each one)
			m.level = 0
		}
	}
}

func prevRune(s string, i int) rune {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !isMarker(r) {
			return r
		}
		i -= n
	}
	return 0
}

func nextRune(s string, i int) rune {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isMarker(r) {
			return r
		}
		i += n
	}
	return 0
}

func isSpaceOrStart(r rune) bool { return r == 0 || unicode.IsSpace(r) }

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// isHSpace reports horizontal white space: spaces, tabs, no-break spaces.
func isHSpace(r rune) bool { return r != '\n' && r != '\r' && unicode.IsSpace(r) }

func trimHSpace(b []byte) []byte {
	for len(b) > 0 {
		r, n := utf8.DecodeLastRune(b)
		if !isHSpace(r) {
			break
		}
		b = b[:len(b)-n]
	}
	return b
}

func endsWithNewline(b []byte) bool {
	return len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r')
}
