package check

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/marker"
	"github.com/locpipe/locpipe/locales"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/langid"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/segment"
)

// Pair is an edition with its source, as CheckEdition takes them.
type Pair struct {
	SourceName, EditionName string // paths used in findings
	Source, Edition         []byte
	Format                  string       // txt, md, html: both are parsed with it
	From, To                language.Tag // the source and edition languages
	// Manifest is the edition's manifest record, or nil for an edition
	// written by people.
	Manifest *manifest.Edition
}

// editionCheck holds the state of one CheckEdition call.
type editionCheck struct {
	c        *Checker
	p        Pair
	src, ed  *format.Document
	same     bool // same language and script: the house-style edition
	judge    *langid.Judge
	segSrc   *segment.Segmenter
	segEd    *segment.Segmenter
	findings []Finding
	seen     map[string]bool
	prevLine int // line of the last edition unit checked, for units with no counterpart
	cur      cursor
	pairs    [][2]*format.Unit // aligned (source, edition) units, for locating findings
}

// cursor is the pair of units being checked, and where in them a finding
// being added stands, so that each finding names its source line and
// segment id.
type cursor struct {
	su, eu      *format.Unit
	off         int // byte offset in eu.Text; -1: the whole unit
	srcIdx      int // the source segment, when known; -1 otherwise
	srcSp, edSp []segment.Span
	split       bool
}

// CheckEdition runs the per-edition rules (every rule but missing-edition
// and stale-edition) on one edition and its source. It never panics on any
// edition bytes: what cannot be parsed is a parse finding.
func (c *Checker) CheckEdition(p Pair) []Finding {
	ec := &editionCheck{c: c, p: p, seen: map[string]bool{}, cur: cursor{off: -1, srcIdx: -1}}
	ec.run()
	ec.locateRest()
	return ec.findings
}

func (ec *editionCheck) add(rule string, line int, segment, msg string) {
	ec.addSev(rule, ec.c.sev.Of(rule), line, segment, msg)
}

func (ec *editionCheck) addSev(rule string, sev Severity, line int, segment, msg string) {
	if ec.c.sev.Of(rule) == Off || sev == Off {
		return
	}
	segment = strings.TrimSpace(stripMarks(segment))
	key := fmt.Sprintf("%s\x00%d\x00%s\x00%s", rule, line, normalize(segment), msg)
	if ec.seen[key] {
		return
	}
	ec.seen[key] = true
	f := Finding{
		Rule: rule, Severity: sev, File: ec.p.EditionName, Line: line,
		Locale: ec.p.To.String(), Segment: segment, Message: msg, Source: ec.p.SourceName,
	}
	ec.locate(&f)
	ec.findings = append(ec.findings, f)
}

// addAt adds a finding about the text at byte offset off of the current
// edition unit.
func (ec *editionCheck) addAt(rule string, off int, segment, msg string) {
	ec.addSevAt(rule, ec.c.sev.Of(rule), off, segment, msg)
}

func (ec *editionCheck) addSevAt(rule string, sev Severity, off int, segment, msg string) {
	ec.cur.off = off
	ec.addSev(rule, sev, unitLine(ec.cur.eu, off), segment, msg)
	ec.cur.off = -1
}

// locate fills f's source line and segment id from the cursor: the source
// segment in the same place of its unit as the edition's offset (the same
// index when both split into as many sentences, else the same relative
// place), or the unit's first segment for a finding about the whole unit.
func (ec *editionCheck) locate(f *Finding) {
	su, eu := ec.cur.su, ec.cur.eu
	if su == nil {
		return
	}
	if !ec.cur.split {
		ec.cur.srcSp = ec.segSrc.Split(su.Text)
		if eu != nil {
			ec.cur.edSp = ec.segEd.Split(eu.Text)
		}
		ec.cur.split = true
	}
	src := ec.cur.srcSp
	if len(src) == 0 {
		f.SourceLine = max(su.Line, 1)
		return
	}
	j := ec.cur.srcIdx
	if j < 0 && ec.cur.off >= 0 && eu != nil && len(ec.cur.edSp) > 0 {
		k := 0
		for i, sp := range ec.cur.edSp {
			if sp.Start <= ec.cur.off {
				k = i
			}
		}
		j = k
		if len(ec.cur.edSp) != len(src) {
			// The units split differently (a sentence added or merged): the
			// source segment at the same relative place as the offending
			// text.
			off := ec.cur.off
			if seg := strings.TrimSpace(f.Segment); seg != "" && off < len(eu.Text) {
				if i := strings.Index(eu.Text[off:], seg); i >= 0 {
					off += i
				}
			}
			pos := int(float64(off) / float64(max(len(eu.Text), 1)) * float64(len(su.Text)))
			j = 0
			for i, sp := range src {
				if sp.Start <= pos {
					j = i
				}
			}
		}
	}
	j = min(max(j, 0), len(src)-1)
	f.SourceLine = unitLine(su, src[j].Start)
	f.SegmentID = edition.SegmentID(su.ID, j)
}

// locateRest gives the findings made outside a unit (placeholder leaks
// found in the whole file) the source place of the edition unit holding
// their line.
func (ec *editionCheck) locateRest() {
	for i := range ec.findings {
		f := &ec.findings[i]
		if f.SourceLine > 0 || f.Line <= 0 {
			continue
		}
		var best [2]*format.Unit
		for _, pr := range ec.pairs {
			if pr[1] != nil && pr[1].Line <= f.Line && (best[1] == nil || pr[1].Line >= best[1].Line) {
				best = pr
			}
		}
		if best[0] == nil {
			continue
		}
		ec.cur = cursor{su: best[0], eu: best[1], off: -1, srcIdx: -1}
		ec.locate(f)
	}
	ec.cur = cursor{off: -1, srcIdx: -1}
}

func (ec *editionCheck) run() {
	p := ec.p
	parser, _, err := ec.c.formats.Lookup(p.EditionName, p.Format)
	if err != nil {
		ec.add(RuleParse, 0, "", fmt.Sprintf("no parser for the edition: %v", err))
		return
	}
	if ec.src, err = parser.Parse(p.SourceName, p.Source); err != nil {
		ec.add(RuleParse, 0, "", fmt.Sprintf("the source cannot be parsed: %v", err))
		return
	}
	if strings.TrimSpace(string(p.Edition)) == "" {
		if hasText(ec.src) {
			ec.add(RuleEmpty, 0, "", "the edition is empty but its source has text: translate it")
		}
		return
	}
	if ec.ed, err = parser.Parse(p.EditionName, p.Edition); err != nil {
		line := 0
		if pe, ok := err.(*format.ParseError); ok {
			line = pe.Line
		}
		ec.add(RuleParse, line, "", fmt.Sprintf("the edition cannot be parsed as %s: %v", p.Format, err))
		return
	}
	ec.same = edition.SameLanguage(p.From, p.To)
	if !ec.same {
		ec.judge = langid.NewJudge(p.From, p.To)
	}
	ec.segSrc = ec.c.seg.Segmenter(p.From)
	ec.segEd = ec.c.seg.Segmenter(p.To)

	ec.leaks()
	pairs := align(ec.src.Units, ec.ed.Units)
	edLine := map[string]int{} // source unit id → edition line
	ec.prevLine = 0
	for _, pr := range pairs {
		var su, eu *format.Unit
		if pr.src >= 0 {
			su = &ec.src.Units[pr.src]
		}
		if pr.ed >= 0 {
			eu = &ec.ed.Units[pr.ed]
		}
		if su != nil && eu != nil {
			edLine[su.ID] = eu.Line
		}
		ec.pairs = append(ec.pairs, [2]*format.Unit{su, eu})
		ec.cur = cursor{su: su, eu: eu, off: -1, srcIdx: -1}
		ec.unit(su, eu)
		ec.cur = cursor{off: -1, srcIdx: -1}
		if eu != nil {
			ec.prevLine = eu.Line
		}
	}
	ec.fromManifest(edLine)
}

// hasText reports whether a document has a unit with letters or digits.
func hasText(d *format.Document) bool {
	for _, u := range d.Units {
		if hasWordRune(u.Text) {
			return true
		}
	}
	return false
}

func hasWordRune(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}

func sameBase(a, b language.Tag) bool {
	ab, _ := a.Base()
	bb, _ := b.Base()
	return ab == bb
}

// unit checks one aligned pair of units; either may be nil.
func (ec *editionCheck) unit(su, eu *format.Unit) {
	switch {
	case eu == nil:
		if su != nil && hasWordRune(stripMarks(su.Text)) {
			where := "at the start of the edition"
			if ec.prevLine > 0 {
				where = fmt.Sprintf("after line %d", ec.prevLine)
			}
			ec.add(RuleEmpty, ec.prevLine, su.Text, fmt.Sprintf("the %s at line %d of the source has no counterpart in the edition (expected %s): translate it", su.Kind, su.Line, where))
		}
		return
	case su != nil && !hasWordRune(stripMarks(eu.Text)) && hasWordRune(stripMarks(su.Text)):
		ec.add(RuleEmpty, eu.Line, su.Text, fmt.Sprintf("the %s is empty in the edition but has text in the source (line %d): translate it", eu.Kind, su.Line))
		return
	}
	if su == nil && ec.notice(eu) {
		return
	}
	ec.untranslated(su, eu)
	ec.terms(su, eu)
	if su != nil {
		ec.codes(su, eu)
		ec.verbatim(su, eu)
		ec.numbers(su, eu)
	}
}

// verbatim reports the non-prose tokens of the source unit (glossary.NonProse:
// URLs, addresses, handles, hashtags, paths, code) that the edition's unit
// does not hold byte for byte. House-style editions are judged too: the
// glossary never changes such a token.
func (ec *editionCheck) verbatim(su, eu *format.Unit) {
	if ec.c.sev.Of(RuleVerbatim) == Off {
		return
	}
	for _, sp := range glossary.NonProse(su.Text) {
		tok := su.Text[sp.Start:sp.End]
		if !strings.Contains(eu.Text, tok) {
			ec.add(RuleVerbatim, unitLine(eu, 0), tok, fmt.Sprintf("%q (line %d of the source) is not in the edition as written: restore it", tok, su.LineAt(sp.Start)))
		}
	}
}

// notice reports whether eu is the machine-translation notice translate
// adds (locales notice text, placed by format.PlaceNotice), which has no counterpart in the source. A notice
// written in English because the locale has no notice message is a note:
// the fix is a message in locales/, not in the edition.
func (ec *editionCheck) notice(eu *format.Unit) bool {
	text, tag := locales.DefaultBundle().NoticeText(ec.p.From, ec.p.To)
	if text == "" || !strings.HasPrefix(normalize(eu.Text), normalize(text)) {
		return false
	}
	if !sameBase(tag, ec.p.To) && !ec.same {
		ec.addSevAt(RuleUntranslated, min(Note, ec.c.sev.Of(RuleUntranslated)), 0, eu.Text,
			fmt.Sprintf("the machine-translation notice is in %s: locpipe has no notice message for %s (add one to its locale data)", langName(tag), langName(ec.p.To)))
	}
	return true
}

// untranslated reports edition segments still in the source language:
// identical or nearly identical to a source segment (the same ordinary
// words, whatever the names and numbers), written in another script than
// the edition's, holding letters only the source language has, or
// identified as the source language (with a confidence that grows as the
// segment shortens).
func (ec *editionCheck) untranslated(su, eu *format.Unit) {
	if ec.same || ec.c.sev.Of(RuleUntranslated) == Off {
		return
	}
	exact := map[string]int{} // normalized source segment → index
	near := map[string]int{}  // its ordinary words → index
	if su != nil {
		for i, sp := range ec.segSrc.Split(su.Text) {
			t := su.Text[sp.Start:sp.End]
			if _, dup := exact[normalize(t)]; !dup {
				exact[normalize(t)] = i
			}
			if k := langid.NearKey(ec.withoutNames(stripURLs(stripMarks(t)))); k != "" {
				if _, dup := near[k]; !dup {
					near[k] = i
				}
			}
		}
	}
	from := langName(ec.p.From)
	for _, sp := range ec.segEd.Split(eu.Text) {
		raw := eu.Text[sp.Start:sp.End]
		clean := ec.withoutNames(stripURLs(stripMarks(raw)))
		idx, same := exact[normalize(raw)]
		if !same {
			k := langid.NearKey(clean)
			idx, same = near[k]
			same = same && k != ""
		}
		text := strings.TrimSpace(langid.StripPseudo(raw))
		switch v := ec.judge.Segment(clean, same); v.Reason {
		case langid.Identical:
			ec.cur.srcIdx = idx
			ec.addAt(RuleUntranslated, sp.Start, raw, fmt.Sprintf("segment identical to its source (%s): translate it", from))
			ec.cur.srcIdx = -1
		case langid.WrongScript:
			script := "another"
			if v.Script != (language.Script{}) {
				script = scriptName(v.Script)
			}
			want, _ := langid.ScriptOf(ec.p.To)
			ec.addAt(RuleUntranslated, sp.Start, text,
				fmt.Sprintf("segment written in %s script, but a %s edition is written in %s: translate it", script, displayTag(ec.p.To), scriptName(want)))
		case langid.SourceLetters:
			ec.addAt(RuleUntranslated, sp.Start, text,
				fmt.Sprintf("segment still in %s (letters %s does not use): translate it", from, langName(ec.p.To)))
		case langid.Identified:
			ec.addAt(RuleUntranslated, sp.Start, text, fmt.Sprintf("segment still in %s: translate it", from))
		}
	}
}

// withoutNames blanks the glossary terms (of either language) in s: names
// are not evidence of a language.
func (ec *editionCheck) withoutNames(s string) string {
	g := ec.c.glossary
	if g == nil {
		return s
	}
	var spans [][2]int
	for _, m := range g.Matcher(ec.p.From).FindFor(s, ec.p.To) {
		spans = append(spans, [2]int{m.Start, m.End})
	}
	for _, m := range g.Matcher(ec.p.To).Find(s) {
		spans = append(spans, [2]int{m.Start, m.End})
	}
	return blank(s, spans)
}

// terms applies the glossary rules to a pair of units.
func (ec *editionCheck) terms(su, eu *format.Unit) {
	g := ec.c.glossary
	if g == nil {
		return
	}
	to, from := ec.p.To, ec.p.From
	present := map[*glossary.Concept]bool{}
	// presentText holds the edition's preferred terms as written (folded), so
	// that a term two concepts share ("Dnipro" the city and the river in
	// German) counts for both, whichever one the matcher chose.
	presentText := map[string]bool{}
	admitted := map[*glossary.Concept]string{}
	// flagged concepts had a glossary-deprecated finding in this unit: no
	// glossary-missing finding repeats it (unless that rule is off).
	flagged := map[*glossary.Concept]bool{}
	judged := map[int]bool{} // starts of the edition-language matches
	// kept counts, per concept, the exception phrases of the source that
	// apply in this edition: translate left their wording to the engine
	// (Matcher.FindFor), so that many source-language terms of the
	// concept may stand in the edition, and the preferred term need not.
	kept := map[*glossary.Concept]int{}
	if su != nil && !ec.same {
		for _, x := range g.Matcher(from).FindExceptions(su.Text, to) {
			kept[x.Concept]++
		}
	}
	for _, m := range g.Matcher(to).Find(eu.Text) {
		term := eu.Text[m.Start:m.End]
		judged[m.Start] = true
		switch m.Status {
		case glossary.Deprecated:
			flagged[m.Concept] = true
			ts, _ := m.Concept.TermsFor(to)
			ec.addAt(RuleGlossaryDeprecated, m.Start, term,
				fmt.Sprintf("deprecated term %q (%s): write %q", term, m.Concept.ID, preferredFor(ts, m.Form)))
		case glossary.Admitted:
			admitted[m.Concept] = term
		default:
			present[m.Concept] = true
			presentText[strings.ToLower(term)] = true
		}
	}
	if !ec.same {
		for _, m := range g.Matcher(from).FindFor(eu.Text, to) {
			c := m.Concept
			term := eu.Text[m.Start:m.End]
			if c.DoNotTranslate {
				present[c] = true
				continue
			}
			if kept[c] > 0 {
				kept[c]--
				present[c] = true
				continue
			}
			ts, ok := c.TermsFor(to)
			if !ok { // no term in the edition's language: the source's preferred term stands
				if m.Status == glossary.Deprecated {
					flagged[c] = true
					sts, _ := c.TermsFor(from)
					ec.addAt(RuleGlossaryDeprecated, m.Start, term,
						fmt.Sprintf("deprecated term %q (%s): write %q", term, c.ID, preferredFor(sts, m.Form)))
				} else {
					present[c] = true
				}
				continue
			}
			if st, ok := ts.Has(term, to); ok {
				switch {
				case judged[m.Start]:
					// also a term of the edition's language: judged above
				case st == glossary.Deprecated:
					// an inflected form of a deprecated term of the edition's language
					flagged[c] = true
					ec.addAt(RuleGlossaryDeprecated, m.Start, term,
						fmt.Sprintf("deprecated term %q (%s): write %q", term, c.ID, preferredFor(ts, m.Form)))
				case st == glossary.Admitted:
					admitted[c] = term
				default:
					present[c] = true
				}
				continue
			}
			flagged[c] = true
			what := "source-language term"
			if m.Status == glossary.Deprecated {
				what = "deprecated " + langName(from) + " term"
			}
			ec.addAt(RuleGlossaryDeprecated, m.Start, term,
				fmt.Sprintf("%s %q (%s) in a %s edition: write %q", what, term, c.ID, langName(to), preferredFor(ts, m.Form)))
		}
	}
	if su != nil {
		for c := range ec.damagedTerms(su, eu) {
			flagged[c] = true
		}
	}
	if su == nil || ec.c.sev.Of(RuleGlossaryMissing) == Off {
		return
	}
	done := map[*glossary.Concept]bool{}
	for _, m := range g.Matcher(from).FindFor(su.Text, to) {
		c := m.Concept
		if done[c] || (flagged[c] && ec.c.sev.Of(RuleGlossaryDeprecated) != Off) || present[c] || c.DoNotTranslate {
			continue
		}
		done[c] = true
		want := ""
		if ts, ok := c.TermsFor(to); ok {
			want = preferredFor(ts, m.Form)
		} else if ts, ok := c.TermsFor(from); ok {
			want = ts.Preferred
		}
		if want == "" || presentText[strings.ToLower(want)] || ec.inflectedPresent(c, eu.Text) {
			continue
		}
		srcTerm := su.Text[m.Start:m.End]
		msg := fmt.Sprintf("the source names %q (%s) but the edition lacks the preferred term %q", srcTerm, c.ID, want)
		seg := srcTerm
		if a, ok := admitted[c]; ok {
			msg = fmt.Sprintf("admitted term %q (%s) where the house style is %q", a, c.ID, want)
			seg = a
		}
		ec.add(RuleGlossaryMissing, eu.Line, seg, msg)
	}
}

// preferredFor is the preferred term of ts, or its form with tag form.
func preferredFor(ts glossary.TermSet, form string) string {
	if form != "" {
		if f, ok := ts.Forms.Get(form); ok && f != "" {
			return f
		}
	}
	return ts.Preferred
}

// damagedTerms reports terms an engine glued to the next word where the
// source has the term with a possessive or clitic ("Kiev's mayor" →
// Catalan "Kyivha el batlle": the engine read the placeholder's 's as
// "has"). A word that starts with a term of the concept and is neither one
// of its forms nor a word derived from it (German Kyjiwer) is such damage:
// an error of the placeholder rule. It returns the concepts reported.
func (ec *editionCheck) damagedTerms(su, eu *format.Unit) map[*glossary.Concept]bool {
	g := ec.c.glossary
	if ec.c.sev.Of(RulePlaceholder) == Off {
		return nil
	}
	possessive := map[*glossary.Concept]string{}
	for _, m := range g.Matcher(ec.p.From).Find(su.Text) {
		rest := su.Text[m.End:]
		r, n := utf8.DecodeRuneInString(rest)
		if n == 0 || !isApostropheRune(r) {
			continue
		}
		if r2, _ := utf8.DecodeRuneInString(rest[n:]); unicode.IsLetter(r2) {
			end := n + strings.IndexFunc(rest[n:]+" ", func(r rune) bool { return !unicode.IsLetter(r) })
			possessive[m.Concept] = su.Text[m.Start : m.End+end]
		}
	}
	if len(possessive) == 0 {
		return nil
	}
	inf := locales.DefaultInflections().For(ec.p.To)
	out := map[*glossary.Concept]bool{}
	for _, w := range wordSpans(eu.Text) {
		word := eu.Text[w[0]:w[1]]
		for c, srcPoss := range possessive {
			tsTo, okTo := c.TermsFor(ec.p.To)
			tsFrom, _ := c.TermsFor(ec.p.From)
			if _, ok := tsTo.Has(word, ec.p.To); ok && okTo {
				continue
			}
			if _, ok := tsFrom.Has(word, ec.p.From); ok {
				continue
			}
			term := ""
			for _, ts := range []glossary.TermSet{tsTo, tsFrom} {
				for _, t := range termsOf(ts) {
					if len(word) > len(t) && !strings.ContainsRune(t, ' ') && strings.HasPrefix(strings.ToLower(word), strings.ToLower(t)) && !inf.IsDerived(t, word) {
						term = t
					}
				}
			}
			if term == "" {
				continue
			}
			out[c] = true
			ec.addAt(RulePlaceholder, w[0], word, fmt.Sprintf("glossary term %q (%s) is glued to %q in %q where the source has %q: the engine damaged the term around the possessive; rewrite the phrase",
				word[:len(term)], c.ID, word[len(term):], word, srcPoss))
		}
	}
	return out
}

func isApostropheRune(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// termsOf lists every term and form of a term set.
func termsOf(ts glossary.TermSet) []string {
	out := []string{ts.Preferred}
	out = append(out, ts.Admitted...)
	out = append(out, ts.Deprecated...)
	for _, f := range ts.Forms {
		out = append(out, f.Text)
	}
	for _, l := range ts.DeprecatedForms {
		out = append(out, l...)
	}
	return out
}

// wordSpans returns the byte spans of the words of s: runs of letters,
// marks and digits.
func wordSpans(s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s {
		isW := unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
		switch {
		case isW && start < 0:
			start = i
		case !isW && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

// inflectedPresent reports whether text holds a word that is the
// concept's preferred term in the edition's language, or a form of it (by
// the glossary's forms or the language's inflection: Polish "Donbasie").
func (ec *editionCheck) inflectedPresent(c *glossary.Concept, text string) bool {
	ts, ok := c.TermsFor(ec.p.To)
	if !ok {
		return false
	}
	for _, sp := range wordSpans(text) {
		if st, ok := ts.Has(text[sp[0]:sp[1]], ec.p.To); ok && st == glossary.Preferred {
			return true
		}
	}
	return false
}

// attrRE finds what a translation may legitimately localize inside an
// inline code: attribute values (quoted or not: a translated title or alt
// is quoted when it needs to be) and Markdown link destinations and titles.
var attrRE = regexp.MustCompile(`"[^"]*"|'[^']*'|=[^\s"'=<>` + "`" + `]+|\]\([^)]*\)`)

func codeKey(c format.Code) string {
	return attrRE.ReplaceAllStringFunc(c.Data, func(s string) string {
		switch {
		case strings.HasPrefix(s, "]("):
			return "]()"
		case s[0] == '=':
			return `=""`
		}
		return `""`
	})
}

// codes compares the inline codes of a pair of units.
func (ec *editionCheck) codes(su, eu *format.Unit) {
	if ec.c.sev.Of(RulePlaceholder) == Off {
		return
	}
	count := map[string]int{}
	label := map[string]string{}
	// A pair counts once, by its opening code: a lost link is one finding.
	for _, c := range su.Codes {
		if c.Kind == format.Close && c.Pair >= 0 {
			continue
		}
		k := codeKey(c)
		count[k]++
		label[k] = c.Data
	}
	for _, c := range eu.Codes {
		if c.Kind == format.Close && c.Pair >= 0 {
			continue
		}
		k := codeKey(c)
		count[k]--
		if _, ok := label[k]; !ok {
			label[k] = c.Data
		}
	}
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch n := count[k]; {
		case n > 0:
			ec.add(RulePlaceholder, eu.Line, label[k], fmt.Sprintf("inline code %q of the source (line %d) lost %d time(s): put it back", label[k], su.Line, n))
		case n < 0:
			ec.add(RulePlaceholder, eu.Line, label[k], fmt.Sprintf("inline code %q appears %d more time(s) than in the source (line %d): remove the extra", label[k], -n, su.Line))
		}
	}
	// Nesting: every pair closes the innermost open one.
	var stack []int
	for i, r := range eu.Text {
		id, ok := format.IsCodeRune(r)
		if !ok || id >= len(eu.Codes) {
			continue
		}
		c := eu.Codes[id]
		switch c.Kind {
		case format.Open:
			if c.Pair < 0 {
				ec.addAt(RulePlaceholder, i, c.Data, fmt.Sprintf("inline code %q is never closed", c.Data))
			}
			stack = append(stack, id)
		case format.Close:
			if c.Pair < 0 || len(stack) == 0 || stack[len(stack)-1] != c.Pair {
				ec.addAt(RulePlaceholder, i, c.Data, fmt.Sprintf("inline code %q closes out of order: the markup nests wrongly", c.Data))
				continue
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// leaks reports placeholder runes and tokens left in the edition.
func (ec *editionCheck) leaks() {
	if ec.c.sev.Of(RulePlaceholder) == Off {
		return
	}
	text := string(ec.p.Edition)
	line := 1
	last := 0
	lineAt := func(off int) int {
		line += strings.Count(text[last:off], "\n")
		last = off
		return line
	}
	for i, r := range text {
		if r == utf8.RuneError {
			continue
		}
		if isPrivateUse(r) {
			ec.add(RulePlaceholder, lineAt(i), fmt.Sprintf("U+%04X", r), fmt.Sprintf("private-use character U+%04X (an engine placeholder) left in the edition: remove it and restore the term or markup it stood for", r))
		}
	}
	line, last = 1, 0
	if !strings.Contains(text, "⟦") && !strings.Contains(text, "<x") {
		return
	}
	for _, m := range tokenLeakRE.FindAllStringIndex(text, -1) {
		tok := text[m[0]:m[1]]
		ec.add(RulePlaceholder, lineAt(m[0]), tok, fmt.Sprintf("placeholder token %q left in the edition: restore the term or markup it stood for", tok))
	}
}

func isPrivateUse(r rune) bool { return marker.IsPrivateUse(r) }

// numbers compares the numbers of a pair of units.
func (ec *editionCheck) numbers(su, eu *format.Unit) {
	if ec.c.sev.Of(RuleNumbers) == Off {
		return
	}
	// The source is read with its language's decimal mark; the edition with
	// its own or the source's, since figures are often copied as they stand.
	sm, em := decimalMark(ec.p.From), decimalMark(ec.p.To)
	missing, extra := diffNumbers(numbers(su.Text, sm), numbers(eu.Text, em, sm))
	if len(missing) == 0 && len(extra) == 0 {
		return
	}
	var parts []string
	if len(missing) > 0 {
		parts = append(parts, "missing "+strings.Join(missing, ", "))
	}
	if len(extra) > 0 {
		parts = append(parts, "not in the source "+strings.Join(extra, ", "))
	}
	seg := strings.Join(append(append([]string{}, missing...), extra...), " ")
	ec.add(RuleNumbers, eu.Line, seg, fmt.Sprintf("numbers differ from the source (line %d): %s", su.Line, strings.Join(parts, "; ")))
}

// fromManifest reports what the translate run recorded: segments the
// engine failed on, unknown words, repairs.
func (ec *editionCheck) fromManifest(edLine map[string]int) {
	m := ec.p.Manifest
	if m == nil {
		return
	}
	if m.Unpublished && !ec.same {
		ec.addManifest(RuleUntranslated, ec.c.sev.Of(RuleUntranslated), 0, "", "",
			"the last translate run could not complete this edition, so it was not written (this file, if any, is the previous edition): translate it again")
	}
	srcText := map[string]*format.Unit{}
	for i := range ec.src.Units {
		srcText[ec.src.Units[i].ID] = &ec.src.Units[i]
	}
	for _, s := range m.Segments {
		line := edLine[s.Unit]
		seg := ""
		if u := srcText[s.Unit]; u != nil {
			seg = ec.segmentText(u, s.SourceHash)
		}
		if s.Status == manifest.StatusFailed && !ec.same && !ec.reported(RuleUntranslated, seg) {
			ec.addManifest(RuleUntranslated, ec.c.sev.Of(RuleUntranslated), line, s.ID, seg,
				fmt.Sprintf("the engine failed on segment %s and its source text was kept: translate it", s.ID))
		}
		if len(s.Unknown) > 0 {
			ec.addManifest(RuleUnknownWords, ec.c.sev.Of(RuleUnknownWords), line, s.ID, strings.Join(s.Unknown, " "),
				fmt.Sprintf("the engine did not know %s in segment %s: review them", quoteList(s.Unknown), s.ID))
		}
		for _, w := range s.Warnings {
			ec.addManifest(RulePlaceholder, min(Note, ec.c.sev.Of(RulePlaceholder)), line, s.ID, "",
				"repaired during translation of segment "+s.ID+": "+w)
		}
	}
	for _, w := range m.Warnings {
		ec.addManifest(RulePlaceholder, min(Note, ec.c.sev.Of(RulePlaceholder)), 0, "", "", "repaired during translation: "+w)
	}
}

// segmentText finds the sentence of unit u whose manifest source hash is
// hash; failing that, the unit's text.
func (ec *editionCheck) segmentText(u *format.Unit, hash string) string {
	for _, sp := range ec.segSrc.Split(u.Text) {
		if t := u.Text[sp.Start:sp.End]; manifest.HashString(t) == hash {
			return t
		}
	}
	return u.Text
}

// reported reports whether a finding of rule about text exists already.
func (ec *editionCheck) reported(rule, text string) bool {
	n := normalize(text)
	for _, f := range ec.findings {
		if f.Rule == rule && normalize(f.Segment) == n {
			return true
		}
	}
	return false
}

func (ec *editionCheck) addManifest(rule string, sev Severity, line int, id, seg, msg string) {
	n := len(ec.findings)
	ec.addSev(rule, sev, line, seg, msg)
	if len(ec.findings) > n {
		ec.findings[n].SegmentID = id
	}
}

func quoteList(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(q, ", ")
}
