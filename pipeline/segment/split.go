package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/sentences"
)

// The splitter walks the text once, in order. UAX #29 sentence boundaries
// give the candidates that Unicode knows (every stop it recognises, every
// line break); a byte scan over each UAX #29 sentence adds the stops that
// UAX #29 hides on purpose (a period before a number or a lower-case word,
// SB8) or does not know (language terminals such as Greek ';'), and the
// quotation marks and bullets the rules need. Each candidate is decided by
// the language rules, once.
//
// Hand-written rather than SRX regular expressions at every position: the
// decisions look at a few runes either side of a stop, and doing that in
// code keeps the cost within a small factor of the bare UAX #29 iterator.
// SRX-style rules from the data files are still applied, at candidates
// only, in a bounded window.

const (
	shortLine   = 40  // a line narrower than this (in columns) ends at its line break
	quoteWindow = 600 // bytes searched for the closing quotation mark
	srxWindow   = 80  // bytes of context given to SRX-style rules
)

type lookahead struct {
	closer   rune
	found    int // position of a closer at or after the last search start, or -1
	searched int // no closer in [.., searched)
}

type splitter struct {
	r     *Rules
	text  string
	spans []Span

	start  int // first byte of the current sentence
	done   int // end of the last decided cluster
	skipTo int // the scanner resumes here
	forced int // a list item starts here: break before it (-1: none)
	inList bool
	blank  [2]int // next "\n\n" and "\n\r\n" at or after the last search; -1 none, -2 not searched

	stack [8]rune // expected closing quotation marks
	depth int
	look  [6]lookahead
	nlook int
}

func (sp *splitter) run() []Span {
	text := sp.text
	sp.forced = -1
	sp.blank = [2]int{-2, -2}
	sp.start = skipSpace(text, 0)
	sp.checkList(sp.start)
	it := sentences.FromString(text)
	for it.Next() {
		a, b := it.Start(), it.End()
		sp.scan(a, b)
		if b < len(text) {
			sp.boundary(b)
		}
	}
	sp.finish()
	return sp.spans
}

// scan looks at the interesting bytes of text[a:b].
func (sp *splitter) scan(a, b int) {
	text := sp.text
	tbl := &sp.r.scan
	i := a
	if i < sp.skipTo {
		i = sp.skipTo
	}
	for i < b {
		j := nextInteresting(tbl, text[i:b])
		if j < 0 {
			return
		}
		i += j
		c := text[i]
		if sp.forced >= 0 && i >= sp.forced {
			sp.forceBreak()
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case sp.kind(r) != termNone:
			sp.terminal(i)
			if sp.skipTo > i {
				i = sp.skipTo
				continue
			}
		case isBullet(r):
			sp.bullet(i)
		case quotePair(r) != 0 || sp.depth > 0:
			sp.feed(i, r, size)
		}
		i += size
	}
}

// nextInteresting returns the index of the first byte of s marked in tbl,
// or -1.
func nextInteresting(tbl *[256]bool, s string) int {
	for j := 0; j < len(s); j++ {
		if tbl[s[j]] {
			return j
		}
	}
	return -1
}

func (sp *splitter) kind(r rune) termKind {
	if k := terminalKind(r); k != termNone {
		return k
	}
	if len(sp.r.extra) > 0 {
		return sp.r.extra[r]
	}
	return termNone
}

// feed updates the quotation tracker with the quotation mark r at i.
func (sp *splitter) feed(i int, r rune, size int) {
	if sp.depth > 0 && sp.stack[sp.depth-1] == r {
		sp.depth--
		return
	}
	c := quotePair(r)
	if c == 0 || sp.depth == len(sp.stack) {
		return
	}
	text := sp.text
	next, _ := utf8.DecodeRuneInString(text[i+size:])
	if r == '"' {
		// A straight quotation mark opens only after a space or an opener.
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			if !isSpace(prev) && !isOpener(prev) && !isTransparent(prev) {
				return
			}
		}
	}
	if r != '«' && (i+size >= len(text) || isSpace(next)) {
		return // an opening mark hugs what it opens (except French «)
	}
	if !sp.closes(i+size, c) {
		return
	}
	sp.stack[sp.depth] = c
	sp.depth++
}

// closes reports whether c occurs in the text after from, within the window
// and before a blank line. Searches are cached per closer so that the total
// work stays linear.
func (sp *splitter) closes(from int, c rune) bool {
	text := sp.text
	limit := min(len(text), from+quoteWindow)
	for k, sep := range [2]string{"\n\n", "\n\r\n"} {
		if sp.blank[k] != -1 && sp.blank[k] < from {
			if j := strings.Index(text[from:], sep); j >= 0 {
				sp.blank[k] = from + j
			} else {
				sp.blank[k] = -1
			}
		}
		if sp.blank[k] >= 0 && sp.blank[k] < limit {
			limit = sp.blank[k]
		}
	}
	var e *lookahead
	for k := 0; k < sp.nlook; k++ {
		if sp.look[k].closer == c {
			e = &sp.look[k]
			break
		}
	}
	if e == nil {
		if sp.nlook == len(sp.look) {
			sp.nlook = 0
		}
		e = &sp.look[sp.nlook]
		*e = lookahead{closer: c, found: -1}
		sp.nlook++
	}
	if e.found >= from {
		return e.found < limit
	}
	from = max(from, e.searched)
	if from >= limit {
		return false
	}
	if j := strings.IndexRune(text[from:limit], c); j >= 0 {
		e.found = from + j
		return true
	}
	e.searched = limit
	return false
}

// cluster is a run of stops with the closing marks and codes after them.
type cluster struct {
	start, end int
	kind       termKind
	dots       int
	noSpace    bool
}

// terminal decides the stop at i.
func (sp *splitter) terminal(i int) {
	text := sp.text
	cl := cluster{start: i}
	j := i
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		k := sp.kind(r)
		switch {
		case k != termNone:
			if r == '.' {
				cl.dots++
			}
			switch k {
			case termNoSpace:
				cl.noSpace = true
				cl.kind = termStrong
			case termStrong:
				cl.kind = termStrong
			case termEllipsis:
				if cl.kind != termStrong {
					cl.kind = termEllipsis
				}
			}
		case isCloser(r):
			sp.feed(j, r, size)
		case isTransparent(r):
		default:
			goto out
		}
		j += size
	}
out:
	if cl.kind == termNone {
		switch {
		case cl.dots >= 3:
			cl.kind = termEllipsis
		case cl.dots == 2:
			cl.kind = termStrong // "Nov..": the abbreviation's period, then the stop
		default:
			cl.kind = termPeriod
		}
	}
	// French and others put a space before the closing guillemet.
	if sc := sp.r.spacedClosers; sc != "" && j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if r == ' ' || r == '\u00a0' || r == '\u202f' {
			r2, size2 := utf8.DecodeRuneInString(text[j+size:])
			if strings.ContainsRune(sc, r2) {
				sp.feed(j+size, r2, size2)
				j += size + size2
			}
		}
	}
	cl.end = j
	sp.skipTo = j
	sp.done = j
	if cl.kind == termEllipsis && i > 0 && (text[i-1] == '[' || text[i-1] == '(') {
		return // "[...]" marks an omission, not a stop
	}
	k := skipSpace(text, j)
	if k >= len(text) {
		return // the end of the text ends the sentence
	}
	if k == j {
		if !sp.tightBreak(cl) {
			return
		}
	}
	if sp.decide(cl, k) {
		sp.emit(cl.end, k)
	}
}

// tightBreak decides a stop that is not followed by space: CJK and other
// stops that need none, and "world.Today" run-ons.
func (sp *splitter) tightBreak(cl cluster) bool {
	text := sp.text
	next, _ := utf8.DecodeRuneInString(text[cl.end:])
	prev, _ := utf8.DecodeLastRuneInString(text[:cl.start])
	if cl.noSpace {
		return !(unicode.IsDigit(next) && unicode.IsDigit(prev)) && !isContinuation(next)
	}
	if cl.kind != termPeriod || cl.end != cl.start+1 || !unicode.IsUpper(next) {
		return false
	}
	if !(unicode.IsLower(prev) || unicode.IsDigit(prev)) {
		return false
	}
	tok := sp.token(cl.start)
	if utf8.RuneCountInString(tok) < 2 || isURL(tok) { // "1.Helado, 2.Carne" is a list
		return false
	}
	// What follows must be a word, not the rest of an address.
	e := cl.end
	for e < len(text) && !isSpace(rune(text[e])) {
		e++
	}
	w := wordAt(text, cl.end)
	if w == "" || strings.ContainsAny(text[cl.end:e], "@/") {
		return false
	}
	n := utf8.RuneCountInString(w)
	if n == 1 {
		// "Ph.D.": a single letter and a period continue an abbreviation.
		return !(cl.end+len(w) < len(text) && text[cl.end+len(w)] == '.')
	}
	// A word, not a name in capitals: "Node.JS" is one token.
	_, size := utf8.DecodeRuneInString(w)
	second, _ := utf8.DecodeRuneInString(w[size:])
	return unicode.IsLower(second) || isRoman(w) // "жағдайы.XVIII ғасырдың"

}

// decide says whether the cluster ends the sentence; k is the first
// non-space byte after it.
func (sp *splitter) decide(cl cluster, k int) bool {
	text := sp.text
	ws := text[cl.end:k]
	nl := strings.Count(ws, "\n")
	if nl >= 2 {
		return true
	}
	if sp.depth > 0 {
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[k:])
	if isBullet(next) {
		return true
	}
	if nl > 0 && (sp.inList || listMarker(text, k) > 0) {
		return true
	}
	if len(sp.r.srx) > 0 {
		if brk, ok := sp.applySRX(cl, k); ok {
			return brk
		}
	}
	m := skipOpeners(text, k)
	r2, _ := utf8.DecodeRuneInString(text[m:])
	brk, firm := sp.decideKind(cl, k, m, r2)
	if brk || firm {
		return brk
	}
	return nl > 0 && sp.shortLine(cl.end)
}

// shortLine reports whether the line ending at e is short enough to be a
// line of its own (a headline, a list item, a label) rather than part of a
// soft-wrapped paragraph, or has no letters at all (a rule "_____").
func (sp *splitter) shortLine(e int) bool {
	text := sp.text
	// Walk back at most shortLine columns: a line start found on the way
	// makes the line short.
	w := 0
	letters := false
	for i := e; i > 0; {
		c := text[i-1]
		if c == '\n' {
			return true
		}
		if c < utf8.RuneSelf {
			w++
			i--
			letters = letters || isASCIILetter(c)
		} else {
			r, size := utf8.DecodeLastRuneInString(text[:i])
			i -= size
			if wide(r) {
				w += 2
			} else {
				w++
			}
			letters = letters || unicode.IsLetter(r)
		}
		if w >= shortLine {
			if letters {
				return false
			}
			// No letter so far: short only if the whole line has none.
			s := strings.LastIndexByte(text[:i], '\n') + 1
			return !strings.ContainsFunc(text[s:i], unicode.IsLetter)
		}
	}
	return true
}

// decideKind applies the rules of the stop's kind. firm means the answer
// must not be overturned by the short-line rule (a title before a name).
func (sp *splitter) decideKind(cl cluster, k, m int, r2 rune) (brk, firm bool) {
	text := sp.text
	switch cl.kind {
	case termStrong:
		if listMarker(text, k) > 0 {
			return true, false
		}
		return !unicode.IsLower(r2) && !isContinuation(r2), false
	case termEllipsis:
		return unicode.IsUpper(r2) || isUncasedLetter(r2), false
	}
	// A period.
	if cl.start > 0 && text[cl.start-1] == ' ' {
		return sp.spacedDots(cl, k, r2), false
	}
	if strings.HasPrefix(text[k:], ". . .") {
		// "compounds. . . . The": the stop, then an ellipsis that opens the next sentence.
		r3 := nextWordRune(text, k+5)
		return unicode.IsUpper(r3), false
	}
	if isContinuation(r2) {
		return false, false
	}
	tok := sp.token(cl.start)
	if isMarkerPrefix(text[sp.start:cl.start]) {
		return false, true
	}
	class, kind := sp.classify(tok, cl.start)
	if kind == tokWord && listMarker(text, k) > 0 {
		return true, false
	}
	if unicode.IsLower(r2) {
		return false, false
	}
	switch kind {
	case tokURL:
		return true, false
	case tokInitial:
		return false, true
	case tokPronoun:
		return true, false
	}
	switch class {
	case abbrTitle:
		return false, true
	case abbrNumber:
		if isDigitLike(r2) {
			return false, true
		}
		return true, false
	case abbrGeneral:
		if isDigitLike(r2) {
			return false, true
		}
		return sp.starter(m), false
	case abbrFinal:
		return true, false
	case abbrClosing:
		if isDigitLike(r2) {
			return false, true
		}
		return !sp.continues(m), false
	}
	return true, false
}

// spacedDots decides the period of a spaced ellipsis ". . .".
func (sp *splitter) spacedDots(cl cluster, k int, r2 rune) bool {
	text := sp.text
	if strings.HasPrefix(text[cl.end:], " .") {
		return false // more dots follow
	}
	n := 1
	for p := cl.start - 1; n < 4 && p >= 3 && text[p] == ' ' && text[p-1] == '.' && text[p-2] == ' '; p -= 2 {
		n++
	}
	switch {
	case n == 3:
		return false // an omission inside the sentence
	case n >= 4:
		return unicode.IsUpper(r2)
	}
	return !unicode.IsLower(r2)
}

type tokKind uint8

const (
	tokWord tokKind = iota
	tokInitial
	tokPronoun
	tokAcronym
	tokOrdinal
	tokURL
	tokAbbrev
)

// token returns the word before the stop at i, without leading openers.
func (sp *splitter) token(i int) string {
	text := sp.text
	s := max(sp.start, 0)
	j := i
	for j > s {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if isSpace(r) {
			break
		}
		j -= size
	}
	for j < i {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !isOpener(r) && !isTransparent(r) && !isBullet(r) {
			break
		}
		j += size
	}
	return text[j:i]
}

// classify says what the word before a period is.
func (sp *splitter) classify(tok string, at int) (abbrClass, tokKind) {
	if tok == "" {
		return abbrNone, tokWord
	}
	if isURL(tok) {
		return abbrNone, tokURL
	}
	var buf [maxAbbrev]byte
	key, ok := clean(buf[:0], tok)
	if !ok {
		return abbrNone, tokWord
	}
	n := utf8.RuneCount(key)
	r, _ := utf8.DecodeRune(key)
	if n == 1 && !unicode.IsLower(r) && unicode.IsLetter(r) {
		if _, ok := sp.r.pronouns[string(key)]; ok {
			if unicode.IsLower(sp.prevWordRune(at - len(tok))) {
				return abbrNone, tokPronoun
			}
		}
		return abbrNone, tokInitial // J. R. R. Tolkien, M. Т. Бехар
	}
	if c := sp.r.lookup(key); c != abbrNone {
		return c, tokAbbrev
	}
	a, sz := strings.LastIndexByte(tok, '\''), 1
	if b := strings.LastIndex(tok, "’"); b > a {
		a, sz = b, len("’")
	}
	if a >= 0 && a+sz < len(tok) {
		// Elided article: l'Ing., dell'Avv.
		if k2, ok := clean(buf[:0], tok[a+sz:]); ok {
			if c := sp.r.lookup(k2); c != abbrNone {
				return c, tokAbbrev
			}
		}
	}
	if n == 1 && unicode.IsLetter(r) {
		return abbrGeneral, tokAcronym // a lower-case letter: "z. B.", "т. е."
	}
	if isAcronym(key) {
		return abbrGeneral, tokAcronym
	}
	if sp.r.ordinals && (allDigits(string(key)) && len(key) <= 4 || isRoman(string(key))) {
		return abbrGeneral, tokOrdinal
	}
	return abbrNone, tokWord
}

func (r *Rules) lookup(key []byte) abbrClass {
	if len(key) > r.longest {
		return abbrNone
	}
	if c, ok := r.abbr[string(key)]; ok {
		return c
	}
	if c, ok := r.abbrFold[string(key)]; ok || len(r.abbrFold) == 0 {
		return c
	}
	if first, _ := utf8.DecodeRune(key); !unicode.IsUpper(first) {
		return abbrNone // lower-case keys were looked up as they are
	}
	var buf [maxAbbrev * 2]byte
	low := buf[:0]
	for _, c := range string(key) {
		low = utf8.AppendRune(low, unicode.ToLower(c))
		if len(low) > maxAbbrev {
			return abbrNone
		}
	}
	return r.abbrFold[string(low)]
}

// clean copies tok without transparent runes and a leading opener.
func clean(dst []byte, tok string) ([]byte, bool) {
	for _, r := range tok {
		if isTransparent(r) {
			continue
		}
		if len(dst)+utf8.RuneLen(r) > cap(dst) {
			return dst, false
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst, len(dst) > 0
}

// prevWordRune returns the first rune of the word before position i.
func (sp *splitter) prevWordRune(i int) rune {
	text := sp.text[:i]
	text = strings.TrimRightFunc(text, func(r rune) bool { return isSpace(r) || isOpener(r) })
	j := strings.LastIndexFunc(text, isSpace)
	w := text[j+1:]
	for _, r := range w {
		if unicode.IsLetter(r) {
			return r
		}
	}
	return 0
}

// starter reports whether the word at m usually begins a sentence.
func (sp *splitter) starter(m int) bool {
	if len(sp.r.starters) == 0 {
		return false
	}
	w := wordAt(sp.text, m)
	_, ok := sp.r.starters[w]
	return ok
}

// continues reports whether the word at m carries on the sentence after a
// closing abbreviation: a listed continuation (Monday, GMT) or a title
// ("5 a.m. Mr. Smith").
func (sp *splitter) continues(m int) bool {
	w := wordAt(sp.text, m)
	if _, ok := sp.r.continuations[w]; ok {
		return true
	}
	if e := m + len(w); e < len(sp.text) && sp.text[e] == '.' {
		var buf [maxAbbrev]byte
		if key, ok := clean(buf[:0], w); ok {
			return sp.r.lookup(key) == abbrTitle
		}
	}
	return false
}

// applySRX runs the data file's rules; ok is false when none matched.
func (sp *splitter) applySRX(cl cluster, k int) (brk, ok bool) {
	text := sp.text
	b := max(cl.end-srxWindow, sp.start, 0)
	for b > 0 && b < len(text) && !utf8.RuneStart(text[b]) {
		b++
	}
	a := min(len(text), cl.end+srxWindow)
	for a < len(text) && a > cl.end && !utf8.RuneStart(text[a]) {
		a--
	}
	before, after := text[b:cl.end], text[cl.end:a]
	for _, rule := range sp.r.srx {
		// The anchored after pattern fails fast: try it first.
		if rule.after != nil && !rule.after.MatchString(after) {
			continue
		}
		if rule.before != nil && !rule.before.MatchString(before) {
			continue
		}
		return rule.brk, true
	}
	return false, false
}

// bullet breaks before a list bullet that follows space in mid-text.
func (sp *splitter) bullet(i int) {
	if i <= sp.start || sp.depth > 0 {
		return
	}
	prev, _ := utf8.DecodeLastRuneInString(sp.text[:i])
	if !isSpace(prev) {
		return
	}
	sp.emit(trimRight(sp.text, i), i)
}

// boundary handles a UAX #29 boundary at b that the scanner did not
// decide: a line break, or a stop of a script the rules do not list.
func (sp *splitter) boundary(b int) {
	text := sp.text
	if sp.forced >= 0 && b >= sp.forced {
		sp.forceBreak()
	}
	if b <= sp.done {
		return
	}
	q := trimRight(text, b)
	if q <= sp.done || q <= sp.start {
		return
	}
	k := skipSpace(text, b)
	if k >= len(text) {
		return
	}
	ws := text[q:k]
	nl := strings.Count(ws, "\n")
	if nl == 0 && len(ws) > 0 {
		if strings.IndexByte(ws, '\r') >= 0 {
			nl = 1
		} else if strings.ContainsAny(ws, "\u2028\u2029\u0085") {
			nl = strings.Count(ws, "\u2029") + strings.Count(ws, "\u2028") + strings.Count(ws, "\u0085")
		}
	}
	var brk bool
	switch {
	case nl >= 2:
		brk = true
	case sp.depth > 0:
		brk = false
	case nl == 1:
		next, _ := utf8.DecodeRuneInString(text[k:])
		brk = isBullet(next) || listMarker(text, k) > 0 || sp.inList || sp.shortLine(q) ||
			((next == '-' || next == '*' || next == '–') && k+1 < len(text) && text[k+1] == ' ')
	default:
		// A stop UAX #29 knows but the rules do not (another script's).
		if q == b {
			return
		}
		next, _ := utf8.DecodeRuneInString(text[skipOpeners(text, k):])
		brk = !unicode.IsLower(next)
	}
	sp.done = q
	if brk {
		sp.emit(q, k)
	}
}

// emit ends the current sentence at end and starts the next one at next.
func (sp *splitter) emit(end, next int) {
	if end > sp.start {
		sp.spans = append(sp.spans, Span{Start: sp.start, End: end})
	}
	sp.start = next
	sp.depth = 0
	sp.inList = false
	sp.forced = -1
	sp.checkList(next)
}

func (sp *splitter) forceBreak() {
	f := sp.forced
	sp.forced = -1
	if f <= sp.start {
		return
	}
	sp.emit(trimRight(sp.text, f), f)
}

func (sp *splitter) finish() {
	for sp.forced >= 0 {
		sp.forceBreak()
	}
	end := trimRight(sp.text, len(sp.text))
	if end > sp.start {
		sp.spans = append(sp.spans, Span{Start: sp.start, End: end})
	}
}

// checkList looks at the sentence starting at p: when it starts with a
// list marker ("1.)", "b.", "(iv)"), the next item's marker is a break.
func (sp *splitter) checkList(p int) {
	text := sp.text
	if p >= len(text) {
		return
	}
	q := p
	if r, size := utf8.DecodeRuneInString(text[q:]); isBullet(r) {
		q = skipSpace(text, q+size)
	}
	e := listMarker(text, q)
	if e == 0 {
		return
	}
	sp.inList = true
	m := text[q:e]
	open := strings.HasPrefix(m, "(")
	m = strings.TrimPrefix(m, "(")
	v := strings.TrimRight(m, ".)")
	suffix := m[len(v):]
	limit := min(len(text), e+quoteWindow)
	best := -1
	for _, succ := range successors(v) {
		var buf [16]byte
		pat := buf[:0]
		pat = append(pat, ' ')
		if open {
			pat = append(pat, '(')
		}
		pat = append(pat, succ...)
		pat = append(pat, suffix...)
		if j := strings.Index(text[e:limit], string(pat)); j >= 0 {
			f := e + j + 1
			if listMarker(text, f) > 0 && (best < 0 || f < best) {
				best = f
			}
		}
	}
	sp.forced = best
}

// listMarker returns the end of a list marker at p ("1.", "2.)", "a)",
// "(iv)", "b. " followed by space), or 0.
func listMarker(text string, p int) int {
	q := p
	if q < len(text) && text[q] == '(' {
		q++
	}
	s := q
	for q < len(text) && q-s < 4 && (isASCIIDigit(text[q]) || isASCIILetter(text[q])) {
		q++
	}
	v := text[s:q]
	if v == "" || q >= len(text) || (text[q] != '.' && text[q] != ')') {
		return 0
	}
	if !(allDigits(v) || len(v) == 1 || isRoman(v) || isLowerRoman(v)) {
		return 0
	}
	switch {
	case strings.HasPrefix(text[q:], ".)"):
		q += 2
	case strings.HasPrefix(text[q:], ")"):
		q++
	case strings.HasPrefix(text[q:], ".") && s == p:
		q++
	default:
		return 0
	}
	if q < len(text) && text[q] != ' ' && text[q] != '\t' {
		return 0
	}
	if q >= len(text) {
		return 0
	}
	return q
}

// isMarkerPrefix reports whether s, the sentence so far before a period,
// is only a list marker: "1", "• 9", "a", "⁃10".
func isMarkerPrefix(s string) bool {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return isBullet(r) || isSpace(r) || r == '(' })
	if s == "" || len(s) > 4 {
		return false
	}
	return allDigits(s) || (len(s) == 1 && isASCIILetter(s[0]))
}

// successors returns the markers that may follow v: "3" after "2", "c"
// after "b", and both "ii" and "j" after the ambiguous "i".
func successors(v string) []string {
	var out []string
	if allDigits(v) {
		n := 0
		for _, c := range v {
			n = n*10 + int(c-'0')
		}
		return append(out, itoa(n+1))
	}
	romans := [...]string{"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}
	for i, r := range romans[:len(romans)-1] {
		if v == r {
			out = append(out, romans[i+1])
		}
		if v == strings.ToUpper(r) {
			out = append(out, strings.ToUpper(romans[i+1]))
		}
	}
	if len(v) == 1 && isASCIILetter(v[0]) && v[0] != 'z' && v[0] != 'Z' {
		out = append(out, string(v[0]+1))
	}
	return out
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(b[i:])
}

func skipSpace(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == ' ' || (c >= '\t' && c <= '\r') {
				i++
				continue
			}
			return i
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

func trimRight(text string, i int) int {
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if !isSpace(r) {
			return i
		}
		i -= size
	}
	return i
}

// skipOpeners returns the position of the first rune after openers and codes.
// A dash may stand apart: "voila! -- you have cake", "бар? — деді".
func skipOpeners(text string, i int) int {
	dash := false
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '—' || r == '–' || r == '-':
			dash = true
		case isOpener(r) || isTransparent(r):
		case dash && isSpace(r):
		default:
			return i
		}
		i += size
	}
	return i
}

// wordAt returns the letters starting at m.
func wordAt(text string, m int) string {
	j := m
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) && !unicode.IsMark(r) {
			break
		}
		j += size
	}
	return text[m:j]
}

func nextWordRune(text string, i int) rune {
	i = skipOpeners(text, skipSpace(text, i))
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r
}

func isURL(tok string) bool {
	return strings.Contains(tok, "://") || strings.HasPrefix(tok, "www.") ||
		(strings.Contains(tok, "@") && strings.Contains(tok, "."))
}

// isAcronym reports letters joined by periods: U.S, e.g, т.е.
func isAcronym(key []byte) bool {
	parts, run := 0, 0
	for _, r := range string(key) {
		switch {
		case r == '.':
			if run == 0 {
				return false
			}
			parts++
			run = 0
		case unicode.IsLetter(r):
			run++
			if run > 3 {
				return false
			}
		default:
			return false
		}
	}
	return parts > 0 && run > 0
}

func isRoman(key string) bool {
	if len(key) == 0 || len(key) > 6 {
		return false
	}
	for _, c := range []byte(key) {
		switch c {
		case 'I', 'V', 'X', 'L', 'C', 'D', 'M':
		default:
			return false
		}
	}
	return true
}

func isLowerRoman(key string) bool {
	if len(key) == 0 || len(key) > 6 {
		return false
	}
	for _, c := range []byte(key) {
		switch c {
		case 'i', 'v', 'x', 'l', 'c', 'd', 'm':
		default:
			return false
		}
	}
	return true
}

func allDigits(key string) bool {
	if len(key) == 0 {
		return false
	}
	for _, c := range []byte(key) {
		if !isASCIIDigit(c) {
			return false
		}
	}
	return true
}

func isASCIIDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

func isUncasedLetter(r rune) bool {
	return unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsLower(r)
}
