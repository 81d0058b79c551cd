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
	maxToken    = 256           // bytes of a token looked at around a stop (longer ones are cut)
	shortLine   = 40            // a line narrower than this (in columns) ends at its line break
	longLine    = 120           // so does a line wider than this: wrapped text is wrapped narrower
	maxLine     = 16 * maxToken // bytes looked at for a line's start
	quoteWindow = 600           // bytes searched for the closing quotation mark
	srxWindow   = 80            // bytes of context given to SRX-style rules
)

type lookahead struct {
	closer   rune
	found    int // position of a closer at or after the last search start, or -1
	searched int // no closer in [.., searched)
}

type splitter struct {
	r       *Rules
	text    string
	spans   []Span
	user    []srxRule // a user's SRX rules, tried first (SRXOver)
	scratch []byte

	start  int // first byte of the current sentence
	done   int // end of the last decided cluster
	skipTo int // the scanner resumes here
	forced int // a list item starts here: break before it (-1: none)
	inList bool
	blank  [2]int // next "\n\n" and "\n\r\n" at or after the last search; -1 none, -2 not searched

	lines     bool // the scanner finds the line breaks (no UAX #29 iterator)
	lineStart int  // start of the line the scanner is in (when lines)

	// hasLowerWord's progress in the sentence starting at lowerStart.
	lowerStart, lowerPos int
	lowerFound           bool

	stack [8]rune // expected closing quotation marks
	verse [8]bool // the quotation at that depth quotes verse (see feed)
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
	sp.lines = true
	sp.scan(0, len(text))
	sp.finish()
	return sp.spans
}

// runUAX29 is run driven by the UAX #29 iterator's boundaries instead of
// the scanner's own line breaks and Sentence_Terminal stops. The tests
// check that both give the same spans.
func (sp *splitter) runUAX29() []Span {
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
		case sp.lines && isLineBreak(r):
			e := i + size
			if r == '\r' && e < len(text) && text[e] == '\n' {
				e++
			}
			if e < len(text) {
				sp.boundary(e)
			}
			sp.lineStart = e
			i = e
			continue
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
// or -1: an ASCII byte, or the start of a multi-byte rune whose first two
// bytes may belong to an interesting rune.
func nextInteresting(tbl *byteTable, s string) int {
	for j := 0; j < len(s); j++ {
		c := s[j]
		if !tbl.lead[c] {
			continue
		}
		if c < 0xC0 || j+1 >= len(s) || tbl.second[c]&(1<<(s[j+1]&0x3F)) != 0 {
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
			if !isSpace(prev) && !isOpener(prev) && !isTransparent(prev) && !wide(prev) {
				return
			}
		}
	}
	if r != '«' && (i+size >= len(text) || isSpace(next)) {
		return // an opening mark hugs what it opens (except French «)
	}
	end := sp.closes(i+size, c)
	if end < 0 {
		return
	}
	sp.stack[sp.depth] = c
	// Verse quoted inline, its lines parted by " / ", is one segment: its
	// sentences are lines of a poem, not of the article ("Ei fu. Siccome
	// immobile / dato il mortal sospiro / …"). Two partings are needed, as
	// one " / " is also an "and/or".
	sp.verse[sp.depth] = strings.Count(text[i+size:end], " / ") >= 2
	sp.depth++
}

// inVerse reports whether the innermost open quotation quotes verse.
func (sp *splitter) inVerse() bool { return sp.depth > 0 && sp.verse[sp.depth-1] }

// closes returns where c occurs in the text after from, within the window
// and before a blank line, or -1. Searches are cached per closer so that
// the total work stays linear.
func (sp *splitter) closes(from int, c rune) int {
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
		if e.found < limit {
			return e.found
		}
		return -1
	}
	from = max(from, e.searched)
	if from >= limit {
		return -1
	}
	if j := strings.IndexRune(text[from:limit], c); j >= 0 {
		e.found = from + j
		return e.found
	}
	e.searched = limit
	return -1
}

// cluster is a run of stops with the closing marks and codes after them.
type cluster struct {
	start, end int
	kind       termKind
	dots       int
	noSpace    bool
	cjk        bool // a half-width stop right after a CJK letter
	quoted     bool // a quotation mark closes after the stop
}

// terminal decides the stop at i.
func (sp *splitter) terminal(i int) {
	text := sp.text
	cl := cluster{start: i}
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		cl.cjk = isCJKLetter(prev)
	}
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
			if !sp.attaches(r, cl) {
				goto out
			}
			sp.feed(j, r, size)
			cl.quoted = cl.quoted || strings.ContainsRune(`"'”’»›“‘«‹」』`, r)
		case isTransparent(r):
		default:
			goto out
		}
		j += size
	}
out:
	j = sp.citation(j)
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

// attaches reports whether the closing mark r after the stops of cl stays
// with the sentence. In languages that list their quotation marks, an
// opening mark never does ("。“" opens the next sentence), and a straight
// quote after a stop that needs no space only when it closes an open
// quotation ("他說："走。"他走了" against "寫道。"最新…").
func (sp *splitter) attaches(r rune, cl cluster) bool {
	q := sp.r.quotes
	if q == nil {
		return true
	}
	if q.opening[r] {
		return false
	}
	if r == '"' && (cl.noSpace || cl.cjk) {
		return sp.depth > 0 && sp.stack[sp.depth-1] == '"'
	}
	return true
}

// citation returns the end of a citation mark after a stop ("1805. [19]",
// "end.[3]"): it stays with the sentence it documents.
func (sp *splitter) citation(j int) int {
	text := sp.text
	k := j
	if k < len(text) && text[k] == ' ' {
		k++
	}
	if k >= len(text) || text[k] != '[' {
		return j
	}
	e := k + 1
	for e < len(text) && e-k <= 4 && isASCIIDigit(text[e]) {
		e++
	}
	if e == k+1 || e >= len(text) || text[e] != ']' {
		return j
	}
	e++
	if e < len(text) && !isSpace(rune(text[e])) {
		return j
	}
	return e
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
	if isCJKLetter(next) || (cl.cjk && (isCJKOpener(next) || unicode.IsDigit(next) || unicode.IsLetter(next))) {
		// "美味!組内", "いいのでは?青雉", "基地..另外", "寫道."最新": half-width
		// stops in CJK text. A lone period needs CJK on both sides.
		return cl.kind == termStrong || cl.cjk && cl.kind == termPeriod
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
	for e < len(text) && e-cl.end < maxToken && !isSpace(rune(text[e])) {
		e++
	}
	w := wordAt(text, cl.end)
	if w == "" || strings.ContainsAny(text[cl.end:e], "@/") || isDomain(text, cl.end, w) {
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
	next, _ := utf8.DecodeRuneInString(text[k:])
	if isBullet(next) {
		return true
	}
	if nl > 0 && (sp.inList || listMarker(text, k) > 0) {
		return true
	}
	if sp.user != nil {
		if brk, ok := gapDecision(sp.user, text, cl.end, k, &sp.scratch); ok {
			return brk
		}
	}
	if len(sp.r.srx) > 0 {
		if brk, ok := sp.applySRX(cl, k); ok {
			return brk
		}
	}
	m := skipOpeners(text, k)
	if m >= len(text) {
		return false // only quotation marks follow
	}
	r2, _ := utf8.DecodeRuneInString(text[m:])
	if cannotStart(r2) && !strings.HasPrefix(text[m:], ". . .") && !strings.HasPrefix(text[m:], "...") {
		return false
	}
	if sp.inBrackets() {
		return false // 《摔跤吧！爸爸》, "(ad es. RAM, CPU)": a title or an aside
	}
	if sp.depth > 0 && (next == '—' || next == '–') {
		return false // «…? – спросила мама. – Завтра…»: the quotation resumes
	}
	if sp.inVerse() {
		return false
	}
	if cl.quoted && sp.attribution(m) {
		return false // "Why?" I asked.
	}
	brk, firm := sp.decideKind(cl, k, m, r2)
	if brk || firm {
		return brk
	}
	return nl > 0 && sp.ownLine(cl.end, r2)
}

// ownLine reports whether the line ending at e is a line of its own rather
// than part of a soft-wrapped paragraph: short (a headline, a list item, a
// label), without letters (a rule "_____"), or, before a word that is not
// in lower case, wrapped past any wrap width: a space after column
// longLine says the text is not wrapped (a paragraph written on one line),
// while a long token alone may overflow a wrapped line ("[link](https://…)").
func (sp *splitter) ownLine(e int, next rune) bool {
	text := sp.text
	s, cut := sp.lineStartOf(e)
	if e-s < shortLine {
		return true // fewer bytes than columns needed
	}
	// Walk back at most shortLine columns: reaching the line start on the
	// way makes the line short.
	w := 0
	letters := false
	i := e
	for i > s && w < shortLine {
		c := text[i-1]
		if c < utf8.RuneSelf {
			w++
			i--
			letters = letters || isASCIILetter(c)
			continue
		}
		r, size := utf8.DecodeLastRuneInString(text[:i])
		i -= size
		if wide(r) {
			w += 2
		} else {
			w++
		}
		letters = letters || unicode.IsLetter(r)
	}
	if w < shortLine || !letters && !strings.ContainsFunc(text[s:i], unicode.IsLetter) {
		return true
	}
	if unicode.IsLower(next) {
		return false
	}
	if cut {
		return true
	}
	if e-s <= longLine {
		return false // fewer bytes than columns needed
	}
	j := strings.LastIndexAny(text[s:e], " \t")
	return j > longLine && columns(text[s:s+j], longLine+1) > longLine
}

// lineStartOf returns the start of the line that ends at e; cut reports a
// line longer than maxLine bytes, whose start is not looked for.
func (sp *splitter) lineStartOf(e int) (s int, cut bool) {
	lo := max(0, e-maxLine)
	if sp.lines {
		// The scanner passed every line break before e.
		if sp.lineStart >= lo {
			return sp.lineStart, false
		}
		return lo, true
	}
	text := sp.text
	for i := e; i > lo; {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if isLineBreak(r) {
			return i, false
		}
		i -= size
	}
	return lo, lo > 0
}

// columns returns the display width of s, counted up to limit.
func columns(s string, limit int) int {
	w := 0
	for _, r := range s {
		if wide(r) {
			w += 2
		} else {
			w++
		}
		if w >= limit {
			break
		}
	}
	return w
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
		if unicode.IsLower(r2) {
			// A question mark after a word and straight before a lower-case
			// word ends a question ("where did you grow up? india?", "кім?
			// не?"); a
			// quotation mark, a dash or "¿" after it continues the sentence
			// ("Why?" she asked, "¿Qué? —preguntó", "¿Vienes? ¿o no?").
			return m == k && cl.end == cl.start+1 && text[cl.start] == '?' && isLetterRune(text[:cl.start]), false
		}
		return !isContinuation(r2), false
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
		// A word that ends in a letter only complete words end in (Greek
		// final sigma: "κανένας. το") is no abbreviation: its period ends
		// the sentence even before a lower-case word.
		return kind == tokWord && class == abbrNone && sp.endsComplete(tok), false
	}
	switch kind {
	case tokURL:
		return true, false
	case tokInitial:
		// "J. R. R. Tolkien", "Albert I. Jones", but "Plan B. The" and
		// "Dagobert I. Ils" end: an initial precedes a name, not a word
		// that starts sentences.
		return sp.starter(m) && !sp.initialAt(m), !sp.starter(m)
	case tokPronoun:
		return true, false
	case tokOrdinal:
		if isDigitLike(r2) {
			return false, true
		}
		if sp.cardinal(cl.start - len(tok)) {
			return true, false // "Platz 3. Sieger": a number, then the stop
		}
		return sp.starter(m), false
	}
	switch class {
	case abbrTitle:
		if sp.unitOrStreet(tok, cl.start-len(tok)) {
			// "10 Downing St. Later", "400 м. Однако": after a number a
			// title is a street name's suffix or a unit.
			return !isDigitLike(r2) && !sp.continues(m), false
		}
		return false, true
	case abbrNumber:
		if isDigitLike(r2) {
			return false, true
		}
		return true, false
	case abbrGeneral, abbrClosing:
		if isDigitLike(r2) || dashAside(text, k) {
			return false, true // "Jan. 5", "Bogotá, D.C. - Colombia", "2002 г. -- «…»"
		}
		if sp.r.nounCaps && class == abbrGeneral {
			// German capitalises nouns: a capital says little ("5 Mio.
			// Euro"), a sentence starter says more.
			return sp.starter(m), false
		}
		return !sp.continues(m) && sp.hasLowerWord(cl.start-len(tok)), false
	case abbrFinal:
		return true, false
	}
	// "los párrf. 5 y 6": a lower-case word ending in a letter no word of
	// the language ends in is an abbreviation before a number.
	if sp.r.nonFinal == "" || kind != tokWord || m != k || r2 < '0' || r2 > '9' {
		return true, false
	}
	return !(sp.plainNumber(cl, k) && sp.abbreviationShape(tok)), false
}

// endsComplete reports whether tok ends in one of the language's final
// letters.
func (sp *splitter) endsComplete(tok string) bool {
	if sp.r.finalLetters == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(tok)
	return strings.ContainsRune(sp.r.finalLetters, r)
}

// abbreviationShape reports whether tok is a lower-case word that ends in
// one of the language's nonfinal letters, which no word of the language
// ends in (Spanish "párrf", "pág", "núm", but not "años", "él", "déficit"
// is one).
func (sp *splitter) abbreviationShape(tok string) bool {
	if tok == "" {
		return false
	}
	for _, r := range tok {
		if !unicode.IsLower(r) {
			return false
		}
	}
	r, _ := utf8.DecodeLastRuneInString(tok)
	return strings.ContainsRune(sp.r.nonFinal, r)
}

// plainNumber reports whether a bare period (no closer) is followed, on the
// same line, by a number that is not a list marker or a heading number:
// its digits are not followed by '.' or ')' ("párrf. 5 y 6", not "5." or
// "5)").
func (sp *splitter) plainNumber(cl cluster, k int) bool {
	text := sp.text
	if cl.end != cl.start+1 || k == cl.end {
		return false
	}
	for _, r := range text[cl.end:k] {
		if r != ' ' && r != '\t' && r != '\u00A0' && r != '\u202F' {
			return false // as the exported rule's space: no line break
		}
	}
	q := k
	for q < len(text) && isASCIIDigit(text[q]) {
		q++
	}
	return q > k && (q == len(text) || (text[q] != '.' && text[q] != ')'))
}

// inBrackets reports whether a bracket or the title of a work is open
// ("(…)", "（…）", 《…》): stops inside an aside or a title do not end the
// sentence around it. Quotations, unlike brackets, hold sentences of their
// own.
func (sp *splitter) inBrackets() bool {
	for _, c := range sp.stack[:sp.depth] {
		switch c {
		case ')', ']', '}', '）', '》', '〉', '】', '〕', '］':
			return true
		}
	}
	return false
}

// hasLowerWord reports whether the sentence before i has a word in lower
// case: "В 2010-2012 гг." alone is a phrase that a sentence goes on from,
// not a sentence.
func (sp *splitter) hasLowerWord(i int) bool {
	// Within a sentence the answer only turns from false to true: resume
	// where the last call stopped, so that the scans stay linear.
	if sp.lowerStart != sp.start {
		sp.lowerStart, sp.lowerPos, sp.lowerFound = sp.start, sp.start, false
	}
	if sp.lowerFound {
		return true
	}
	text := sp.text
	j := sp.lowerPos
	for j < i {
		r, size := utf8.DecodeRuneInString(text[j:])
		if unicode.IsLower(r) && (j == sp.start || !isLetterRune(text[:j])) {
			sp.lowerFound = true
			return true
		}
		j += size
	}
	sp.lowerPos = max(sp.lowerPos, j)
	return false
}

func isLetterRune(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsLetter(r)
}

// attribution reports whether the words at m attribute the quotation
// that just closed: an attribution verb ("Said the minister"), or a
// pronoun that is always capitalised and such a verb ("I asked").
func (sp *splitter) attribution(m int) bool {
	if len(sp.r.attribution) == 0 {
		return false
	}
	text := sp.text
	w := wordAt(text, m)
	if _, ok := sp.r.pronouns[w]; ok && m+len(w) < len(text) && text[m+len(w)] == ' ' {
		w = wordAt(text, m+len(w)+1)
	}
	if w == "" || len(w) > maxAbbrev {
		return false
	}
	var buf [maxAbbrev * 2]byte
	low := buf[:0]
	for _, c := range w {
		low = utf8.AppendRune(low, unicode.ToLower(c))
	}
	_, ok := sp.r.attribution[string(low)]
	return ok
}

// dashAside reports a dash set apart by spaces at k ("- ", "-- ", "— "):
// after an abbreviation it continues the sentence.
func dashAside(text string, k int) bool {
	j := k
	for j < len(text) && j-k < 6 {
		r, size := utf8.DecodeRuneInString(text[j:])
		if r != '-' && r != '—' && r != '–' {
			break
		}
		j += size
	}
	return j > k && j < len(text) && text[j] == ' '
}

// cannotStart reports runes a sentence does not start with: a stop found
// before anything else ("?” ." in ru-GSD's quotes), closing brackets,
// "/ km2", "%".
func cannotStart(r rune) bool {
	switch r {
	case ')', ']', '}', '/', '%', '.', '!', '?', '»', '”', '）', '」', '』':
		return true
	}
	return false
}

// wordBefore returns the token that ends before i (after white space), and
// its start; "" at the start of the sentence.
func (sp *splitter) wordBefore(i int) (string, int) {
	text := sp.text
	j := i
	for j > sp.start {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if !isSpace(r) {
			break
		}
		j -= size
	}
	if j == i || j <= sp.start {
		return "", j
	}
	e := j
	for j > sp.start && e-j < maxToken {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if isSpace(r) {
			break
		}
		j -= size
	}
	return text[j:e], j
}

// cardinal reports whether the number with a period starting at i follows
// a capitalised word that is not a sentence starter ("Platz 3."), so that
// it is a count or a rank, not an ordinal before its noun ("am 3. Mai",
// "Die 3. Liga").
func (sp *splitter) cardinal(i int) bool {
	w, _ := sp.wordBefore(i)
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || !strings.ContainsFunc(w, unicode.IsLower) {
		return false
	}
	w = strings.TrimRightFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
	_, ok := sp.r.starters[w]
	return !ok
}

// unitOrStreet reports a title abbreviation that follows a number: written
// in lower case right after it ("400 м.", a unit) or capitalised after a
// number and a name ("10 Downing St.", a street).
func (sp *splitter) unitOrStreet(tok string, i int) bool {
	w, j := sp.wordBefore(i)
	if w == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(tok)
	if unicode.IsLower(first) {
		return startsWithDigit(w)
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	w2, _ := sp.wordBefore(j)
	return startsWithDigit(w2) && allDigitsOrPunct(w2)
}

func startsWithDigit(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

func allDigitsOrPunct(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) && !unicode.IsPunct(r) && !unicode.IsLetter(r) {
			return false
		}
	}
	return len(w) <= 8
}

// initialAt reports a single capital letter and a period at m ("J.-C.",
// "J. Smith"): a name goes on.
func (sp *splitter) initialAt(m int) bool {
	text := sp.text
	r, size := utf8.DecodeRuneInString(text[m:])
	return unicode.IsUpper(r) && m+size < len(text) && text[m+size] == '.'
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
	s := max(sp.start, 0, i-maxToken)
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
	r, size := utf8.DecodeRune(key)
	single := size == len(key) // one rune (utf8.RuneCount would copy the key)
	if single && !unicode.IsLower(r) && unicode.IsLetter(r) {
		if _, ok := sp.r.pronouns[string(key)]; ok {
			if unicode.IsLower(sp.prevWordRune(at - len(tok))) {
				return abbrNone, tokPronoun
			}
		}
		if c := sp.r.lookup(key); c == abbrTitle {
			return c, tokAbbrev // French "M. Le Pen"
		}
		return abbrNone, tokInitial // J. R. R. Tolkien, M. Т. Бехар
	}
	if hyphenInitials(key) {
		return abbrNone, tokInitial // J.-P. Dupont
	}
	if isSyllable(key) && sp.syllableInitials(tok, at) {
		return abbrNone, tokInitial // बी. सी. शर्मा
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
	if single && unicode.IsLetter(r) {
		return abbrGeneral, tokAcronym // a lower-case letter: "z. B.", "т. е."
	}
	if isAcronym(key) {
		if capitalInitials(key) {
			return abbrNone, tokInitial // "Л.Н. Толстой", "J.C. Penney" (U.S. is listed)
		}
		return abbrGeneral, tokAcronym
	}
	if sp.r.ordinals && (allDigits(key) && len(key) <= 4 || isRoman(key)) {
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
	for i := 0; i < len(key); {
		c, size := utf8.DecodeRune(key[i:])
		i += size
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
	text := sp.text[max(0, i-maxToken):i]
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
	if sp.initialAt(m) {
		return true // "av. J.-C.", "Inc. J. Smith"
	}
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
	var brk, decided bool
	if nl < 2 && sp.user != nil {
		brk, decided = gapDecision(sp.user, text, q, k, &sp.scratch)
	}
	switch {
	case decided:
	case nl >= 2:
		brk = true
	case sp.depth > 0:
		brk = false
	case nl == 1:
		next, _ := utf8.DecodeRuneInString(text[k:])
		word, _ := utf8.DecodeRuneInString(text[skipOpeners(text, k):])
		brk = isBullet(next) || listMarker(text, k) > 0 || sp.inList || sp.ownLine(q, word) ||
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
	if strings.Count(sp.text[end:next], "\n") >= 2 {
		sp.depth = 0 // a quotation does not run across paragraphs
	}
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
	var succ [2][8]byte
	var succLen [2]int
	n := successors(v, &succ, &succLen)
	for si := 0; si < n; si++ {
		var buf [24]byte
		pat := buf[:0]
		pat = append(pat, ' ')
		if open {
			pat = append(pat, '(')
		}
		pat = append(pat, succ[si][:succLen[si]]...)
		pat = append(pat, suffix...)
		if j := indexBytes(text[e:limit], pat); j >= 0 {
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
func successors(v string, out *[2][8]byte, n *[2]int) int {
	k := 0
	put := func(s string) {
		if k < len(out) && len(s) <= len(out[k]) {
			n[k] = copy(out[k][:], s)
			k++
		}
	}
	if allDigits(v) {
		if len(v) > 6 {
			return 0
		}
		num := 0
		for _, c := range v {
			num = num*10 + int(c-'0')
		}
		num++
		var b [8]byte
		i := len(b)
		for {
			i--
			b[i] = byte('0' + num%10)
			num /= 10
			if num == 0 {
				break
			}
		}
		n[0] = copy(out[0][:], b[i:])
		return 1
	}
	romans := [...]string{"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}
	upper := [...]string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}
	for i := range romans[:len(romans)-1] {
		if v == romans[i] {
			put(romans[i+1])
		}
		if v == upper[i] {
			put(upper[i+1])
		}
	}
	if len(v) == 1 && isASCIILetter(v[0]) && v[0] != 'z' && v[0] != 'Z' {
		if k < len(out) {
			out[k][0] = v[0] + 1
			n[k] = 1
			k++
		}
	}
	return k
}

// indexBytes is strings.Index for a pattern held in a byte slice, without
// converting it.
func indexBytes(s string, pat []byte) int {
	if len(pat) == 0 {
		return 0
	}
	for i := 0; i+len(pat) <= len(s); {
		j := strings.IndexByte(s[i:], pat[0])
		if j < 0 {
			return -1
		}
		i += j
		if i+len(pat) <= len(s) && s[i:i+len(pat)] == string(pat) {
			return i
		}
		i++
	}
	return -1
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

// capitalInitials reports single capital letters joined by periods: "Л.Н",
// "J.C".
func capitalInitials(key []byte) bool {
	s := key
	for n := 0; ; n++ {
		r, size := utf8.DecodeRune(s)
		if !unicode.IsUpper(r) || n > 3 {
			return false
		}
		s = s[size:]
		if len(s) == 0 {
			return true
		}
		if s[0] != '.' {
			return false
		}
		s = s[1:]
	}
}

// hyphenInitials reports initials of a hyphenated first name: "J.-P",
// "J.-C".
func hyphenInitials(key []byte) bool {
	// Capital, then (".-" capital) one or more times.
	s := key
	n := 0
	for {
		r, size := utf8.DecodeRune(s)
		if !unicode.IsUpper(r) {
			return false
		}
		s = s[size:]
		n++
		if len(s) == 0 {
			return n >= 2
		}
		if len(s) < 2 || s[0] != '.' || s[1] != '-' {
			return false
		}
		s = s[2:]
	}
}

// isSyllable reports one letter of a script without case and the marks
// that follow it (Devanagari "बी", "सी"): written with a period, an
// initial, like a single capital letter in Latin script.
func isSyllable(key []byte) bool {
	r, size := utf8.DecodeRune(key)
	if !isUncasedLetter(r) || r < 0x0900 || isCJKLetter(r) {
		return false
	}
	for _, c := range string(key[size:]) {
		if !unicode.IsMark(c) {
			return false
		}
	}
	return true
}

// syllableInitials reports whether the syllable and period tok at ends
// (at is the period) stands beside another one, as initials do: a lone
// short word before a period is an ordinary word ("है.").
func (sp *splitter) syllableInitials(tok string, at int) bool {
	text := sp.text
	if w, _ := sp.wordBefore(at - len(tok)); strings.HasSuffix(w, ".") {
		var buf [maxAbbrev]byte
		if k, ok := clean(buf[:0], strings.TrimSuffix(w, ".")); ok && isSyllable(k) {
			return true
		}
	}
	k := skipSpace(text, at+1)
	e := k
	for e < len(text) && !isSpace(rune(text[e])) && text[e] != '.' {
		e++
	}
	if e < len(text) && e > k && text[e] == '.' {
		var buf [maxAbbrev]byte
		if k2, ok := clean(buf[:0], text[k:e]); ok && isSyllable(k2) {
			return true
		}
	}
	return false
}

// isDomain reports a domain name written with a capital, "Amazon.Com":
// the word after the period is a top-level domain and ends the token.
func isDomain(text string, at int, w string) bool {
	if len(w) > 4 {
		return false
	}
	e := at + len(w)
	if e < len(text) {
		r, _ := utf8.DecodeRuneInString(text[e:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	for _, d := range [...]string{"com", "net", "org", "edu", "gov", "info", "biz", "io", "co", "tv"} {
		if strings.EqualFold(w, d) {
			return true
		}
	}
	return false
}

// isCJKLetter reports Han, Hiragana and Katakana letters.
func isCJKLetter(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || r == 'ー' || r == '々' || r == '〆')
}

// isCJKOpener reports marks that open a sentence in CJK text after a
// half-width stop.
func isCJKOpener(r rune) bool {
	switch r {
	case '“', '"', '「', '『', '（', '《':
		return true
	}
	return false
}

// isAcronym reports letters joined by periods: U.S, e.g, т.е.
func isAcronym(key []byte) bool {
	parts, run := 0, 0
	for i := 0; i < len(key); {
		r, size := utf8.DecodeRune(key[i:])
		i += size
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

func isRoman[T ~string | ~[]byte](key T) bool {
	if len(key) == 0 || len(key) > 6 {
		return false
	}
	for i := 0; i < len(key); i++ {
		switch key[i] {
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

func allDigits[T ~string | ~[]byte](key T) bool {
	if len(key) == 0 {
		return false
	}
	for i := 0; i < len(key); i++ {
		if !isASCIIDigit(key[i]) {
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
