package langid

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/locales"
)

// Thresholds of the segment verdict (Judge.Segment): fewer content words
// than these (see ContentWords) say too little to judge, so names, numbers
// and short replies ("Yes.", "Volodymyr Zelensky") are never called
// untranslated.
const (
	MinIdenticalWords      = 2 // a segment identical to its source, distant languages
	MinCloseIdenticalWords = 3 // … close languages, and identified as the source
	MinSureIdenticalWords  = 6 // … whatever its language reads as
	MinLetterWords         = 2 // a segment with letters of the source language only
	MinLangIDWords         = 4 // a segment whose language is identified at MinDiffering
	MinLangIDShortWords    = 3 // … at a higher confidence (Confidence)
	MinLangIDSureWords     = 6 // … from which MinDiffering is enough
	MinWrongScriptLetters  = 6 // letters of ordinary words in another script
)

// Confidences for segments shorter than MinLangIDSureWords (see
// Confidence).
const (
	MinShortConfidence = 0.95
	MinMidConfidence   = 0.7
)

// Confidence is the confidence whatlang must give before a segment of n
// ordinary words counts as the source language: its verdicts on three
// words are near coin tosses unless it is sure.
func Confidence(n int) float64 {
	switch {
	case n >= MinLangIDSureWords:
		return MinDiffering
	case n >= MinLangIDWords:
		return MinMidConfidence
	}
	return MinShortConfidence
}

// Reason says why a segment is still in the source language.
type Reason int

// Reasons of a Verdict.
const (
	Translated    Reason = iota // nothing shows the source language
	Identical                   // identical (or nearly) to its source segment
	WrongScript                 // written in another script than the target's
	SourceLetters               // holds letters only the source language has
	Identified                  // identified as the source language
)

// Verdict is Judge.Segment's answer.
type Verdict struct {
	Reason Reason
	// Script is, for WrongScript, the script the segment is mostly
	// written in (the zero Script when none of those ScriptOf knows).
	Script language.Script
}

// Judge decides whether a segment of a text in the target language is
// still in the source language: the one decision behind translate's check
// of an engine's output and check's untranslated rule. It weighs, from the
// cheapest and surest: identity with the source, the script, the letters
// of the two alphabets (locales letters data), and language identification
// with a confidence that grows as the segment shortens.
type Judge struct {
	lid   *Detector // nil: whatlang cannot tell the languages apart
	close bool      // languages that share short phrases
	// alphaFrom and alphaTo are the languages' alphabets (nil: no data);
	// toTable and fromTable their scripts' tables (nil: not checked).
	alphaFrom, alphaTo *locales.Alphabet
	toTable, fromTable *unicode.RangeTable
	// tgtOwn: the target's alphabet has letters the source's lacks;
	// srcTelltale: the source language writes its own letters in nearly
	// every sentence.
	tgtOwn, srcTelltale bool
}

// NewJudge returns the judge of translations from src to tgt.
func NewJudge(src, tgt language.Tag) *Judge {
	al := locales.DefaultAlphabets()
	j := &Judge{lid: New(src, tgt), close: al.Close(src, tgt), alphaFrom: al.For(src), alphaTo: al.For(tgt)}
	_, j.toTable = ScriptOf(tgt)
	_, j.fromTable = ScriptOf(src)
	j.tgtOwn = locales.OwnLetters(j.alphaTo, j.alphaFrom)
	j.srcTelltale = j.alphaFrom.Telltale() && locales.OwnLetters(j.alphaFrom, j.alphaTo)
	return j
}

// Segment judges one segment of a text in the target language. text is
// the segment with what is no evidence of a language blanked (names,
// URLs, inline codes); identical tells whether it equals its source
// segment, exactly or but for names and numbers (NearKey).
func (j *Judge) Segment(text string, identical bool) Verdict {
	var buf [wordBuf]string
	return j.segment(text, appendContentWords(buf[:0], text), identical)
}

// segment is Segment given ws, the content words of text (ContentWordList),
// for callers that have them already (Untranslated).
func (j *Judge) segment(text string, ws []string, identical bool) Verdict {
	n := len(ws)
	ev, tgtOnly := j.letterEvidence(ws)
	if identical && n > 0 && j.identicalUntranslated(text, n, ev, tgtOnly) {
		return Verdict{Reason: Identical}
	}
	rest := StripPseudo(text)
	if IsPseudo(rest) {
		return Verdict{}
	}
	if rest != text { // the words outside pseudo-localized spans
		ws = ContentWordList(rest)
		n = len(ws)
		ev, tgtOnly = j.letterEvidence(ws)
	}
	if script, ok := j.wrongScript(ws); ok {
		return Verdict{Reason: WrongScript, Script: script}
	}
	// Letters of the source language only. When the target language has
	// letters of its own, their absence vouches for the verdict (a
	// Ukrainian sentence without і, ї, є or ґ is rare); otherwise a quarter
	// of the words must hold such letters (a café in English).
	if ev > 0 && !tgtOnly && n >= MinLetterWords && (j.tgtOwn || ev*4 >= n) {
		return Verdict{Reason: SourceLetters}
	}
	// Language identification, unless the letters already tell: a letter
	// only the target language has, text mostly outside the source's
	// script, or none of the letters the source language writes in nearly
	// every sentence (Ukrainian і, ї, є).
	if j.lid == nil || identical || n < MinLangIDShortWords || tgtOnly || !j.inSourceScript(ws) ||
		(ev == 0 && j.srcTelltale) {
		return Verdict{}
	}
	if j.lid.IsSource(rest, Confidence(n)) {
		return Verdict{Reason: Identified}
	}
	return Verdict{}
}

// identicalUntranslated decides whether a segment identical (or nearly) to
// its source, with n ordinary words, was left untranslated. Two distant
// languages share no sentence of two ordinary words; close ones (ru and uk:
// "Удар по вокзалу") do, so there a short identical segment counts only
// with letters of the source language or a sure language identification.
func (j *Judge) identicalUntranslated(text string, n, ev int, tgtOnly bool) bool {
	switch {
	case n >= MinSureIdenticalWords:
		return true
	case ev > 0 && !tgtOnly:
		return true
	case !j.close:
		return n >= MinIdenticalWords
	case j.lid != nil && n >= MinCloseIdenticalWords:
		return j.lid.IsSource(text, MinIdentical)
	}
	return false
}

// letterEvidence counts the words that hold a letter of the source
// language's alphabet that the target language does not have (Russian ы
// in Ukrainian), and says whether any word holds a letter only the target
// language has. Only letters of the target's script count.
func (j *Judge) letterEvidence(ws []string) (int, bool) {
	src, tgt := j.alphaFrom, j.alphaTo
	if src == nil || tgt == nil || j.toTable == nil {
		return 0, false
	}
	n, tgtOnly := 0, false
	for _, w := range ws {
		found := false
		for _, r := range w {
			// Letters of another script are wrongScript's business.
			if !unicode.IsLetter(r) || !unicode.Is(j.toTable, r) {
				continue
			}
			switch s, t := src.Has(r), tgt.Has(r); {
			case s && !t:
				found = true
			case t && !s:
				tgtOnly = true
			}
		}
		if found {
			n++
		}
	}
	return n, tgtOnly
}

// inSourceScript reports whether most letters of the words are in the
// source language's script (true when ScriptOf does not know that
// script).
func (j *Judge) inSourceScript(ws []string) bool {
	if j.fromTable == nil {
		return true
	}
	in, out := 0, 0
	for _, w := range ws {
		for _, r := range w {
			switch {
			case !unicode.IsLetter(r):
			case unicode.Is(j.fromTable, r):
				in++
			default:
				out++
			}
		}
	}
	return in > out
}

// wrongScript reports whether the ordinary words of a segment are mostly
// in a script other than the target's (Cyrillic in sr-Latn, Latin in
// Ukrainian), and which.
func (j *Judge) wrongScript(ws []string) (language.Script, bool) {
	if j.toTable == nil || len(ws) < MinLetterWords {
		return language.Script{}, false // a name alone, capitalized first word of its sentence
	}
	in, out := 0, 0
	other := map[string]int{}
	for _, w := range ws {
		for _, r := range w {
			if !unicode.IsLetter(r) {
				continue
			}
			if unicode.Is(j.toTable, r) {
				in++
				continue
			}
			out++
			if code := runeScript(r); code != "" {
				other[code]++
			}
		}
	}
	if out < MinWrongScriptLetters || out <= in {
		return language.Script{}, false
	}
	best, bn := "", 0
	for code, c := range other {
		if c > bn || c == bn && code < best {
			best, bn = code, c
		}
	}
	if best == "" {
		return language.Script{}, true
	}
	return language.MustParseScript(best), true
}

// scripts maps the ISO 15924 scripts of alphabetic languages to their
// Unicode tables: only these are checked (ideographic and syllabic scripts
// mix with others by design).
var scripts = map[string]*unicode.RangeTable{
	"Latn": unicode.Latin, "Cyrl": unicode.Cyrillic, "Grek": unicode.Greek,
	"Arab": unicode.Arabic, "Hebr": unicode.Hebrew, "Armn": unicode.Armenian,
	"Geor": unicode.Georgian, "Deva": unicode.Devanagari, "Thai": unicode.Thai,
}

// ScriptOf returns the script a text in t is written in (sr-Latn: Latin;
// sr and uk: Cyrillic) and its table, nil when not checked.
func ScriptOf(t language.Tag) (language.Script, *unicode.RangeTable) {
	s, _ := t.Script()
	return s, scripts[s.String()]
}

// runeScript returns the ISO 15924 code of r's script among those of
// scripts, or "".
func runeScript(r rune) string {
	for code, tab := range scripts {
		if unicode.Is(tab, r) {
			return code
		}
	}
	return ""
}

// pseudoRE finds one pseudo-localized segment: "[Ŕéšîðéñţš ·····]".
var pseudoRE = regexp.MustCompile(`\[[^\[\]]*?\s?·+\]`)

// StripPseudo blanks pseudo-localized spans.
func StripPseudo(s string) string {
	if !strings.Contains(s, "·") {
		return s
	}
	b := []byte(s)
	for _, m := range pseudoRE.FindAllStringIndex(s, -1) {
		for i := m[0]; i < m[1]; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// IsPseudo reports whether s reads as pseudo-localized text: most of its
// Latin letters carry diacritics, as no natural language's do (Vietnamese
// comes closest and is therefore never called untranslated).
func IsPseudo(s string) bool {
	latin, decorated := 0, 0
	for _, r := range s {
		if !unicode.IsLetter(r) || !unicode.Is(unicode.Latin, r) {
			continue
		}
		latin++
		if r > unicode.MaxASCII {
			decorated++
		}
	}
	return latin >= 4 && decorated*10 >= latin*4
}

// NearKey is the ordinary words of s in lower case: two segments with the
// same key differ only in names, numbers and punctuation.
func NearKey(s string) string {
	ws := ContentWordList(s)
	for i, w := range ws {
		ws[i] = strings.ToLower(w)
	}
	return strings.Join(ws, " ")
}
