package placeholder

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/locpipe/locpipe/pipeline/backend"
)

// Genitive rewrites the English possessive of a protected name as an of-
// genitive before the segment goes to a rule-based engine: "Kiev's northern
// suburbs" becomes "the northern suburbs of Kiev". Apertium's eng-cat
// tagger reads the 's after a proper noun as "has" and writes "Kíevha el
// batlle" for "Kiev's mayor" (en→es reorders it itself, as "el alcalde de
// Kiev", which the of-genitive also gives); the possessive then ends glued
// to the name in the edition ("Kyivha"). The possessed noun phrase is
// found conservatively: a word that is not a function word or a verb form,
// then up to two more while the previous one reads as an adjective, or one
// more noun of the same case that does not read as a verb. When the phrase
// cannot be found (the possessive ends the sentence, a verb follows, the
// name already has a determiner) the segment is left as it is. The runes
// of s are the same afterwards; only their order and the words around
// them change.
func Genitive(s backend.Segment) backend.Segment {
	if len(s.Terms) == 0 || !strings.ContainsAny(s.Text, "'’") {
		return s
	}
	text := s.Text
	var b strings.Builder
	start := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		k, _, ph := Parse(r)
		if !ph || k != Term || s.Terms[r] == "" {
			i += n
			continue
		}
		after := i + n
		npStart, npEnd, ok := possessed(text, after)
		if !ok || precededByDeterminer(text[:i]) {
			i = after
			continue
		}
		det := "the"
		if sentenceStart(text[:i]) {
			det = "The"
		}
		b.WriteString(text[start:i])
		b.WriteString(det + " " + text[npStart:npEnd] + " of " + string(r))
		start, i = npEnd, npEnd
	}
	if start == 0 {
		return s
	}
	b.WriteString(text[start:])
	out := s
	out.Text = b.String()
	return out
}

// possessed finds the noun phrase after a possessive 's at text[at:]: its
// byte range, or false.
func possessed(text string, at int) (int, int, bool) {
	rest := text[at:]
	var ap int
	switch {
	case strings.HasPrefix(rest, "'s "), strings.HasPrefix(rest, "'S "):
		ap = 3
	case strings.HasPrefix(rest, "’s "), strings.HasPrefix(rest, "’S "):
		ap = len("’s ")
	default:
		return 0, 0, false
	}
	pos := at + ap
	var words [][2]int
	for len(words) < 4 {
		st, en := nextWord(text, pos)
		if st < 0 {
			break
		}
		words = append(words, [2]int{st, en})
		if en >= len(text) || text[en] != ' ' {
			break
		}
		pos = en + 1
	}
	if len(words) == 0 {
		return 0, 0, false
	}
	w := func(j int) string { return strings.ToLower(text[words[j][0]:words[j][1]]) }
	// Right after 's comes a noun or an adjective, unless it is a function
	// word or a verb ("Kiev's been", "Kiev's got").
	if stopWord(w(0)) || irregularVerb(w(0)) {
		return 0, 0, false
	}
	last := 0
	for j := 1; j < len(words) && j < 3; j++ {
		prevAdj := adjectiveLike(w(last))
		cur := w(j)
		if stopWord(cur) || !sameCase(text[words[last][0]:words[last][1]], text[words[j][0]:words[j][1]]) || !prevAdj && verbLike(cur) && !pluralNoun(text, words, j) {
			break
		}
		last = j
		if !adjectiveLike(cur) {
			break // a noun ends the phrase
		}
	}
	return words[0][0], words[last][1], true
}

// pluralNoun tells a plural after a noun ("coal mines closed") from a verb
// ("mayor opens the bridge", "mayor says Russia"): a verb in -s is followed
// by a determiner, a pronoun or a name.
func pluralNoun(text string, words [][2]int, j int) bool {
	cur := strings.ToLower(text[words[j][0]:words[j][1]])
	if !strings.HasSuffix(cur, "s") || strings.HasSuffix(cur, "ed") || irregularVerb(cur) {
		return false
	}
	if j+1 >= len(words) {
		return true
	}
	next := text[words[j+1][0]:words[j+1][1]]
	if !sameCase(text[words[j][0]:words[j][1]], next) {
		return false
	}
	switch strings.ToLower(next) {
	case "the", "a", "an", "that", "this", "these", "those", "it", "its", "his", "her", "their", "our", "he", "she", "they", "we", "no":
		return false
	}
	return true
}

// nextWord returns the word starting at text[pos:] (letters and inner
// hyphens), or -1 when something else is there.
func nextWord(text string, pos int) (int, int) {
	en := pos
	for en < len(text) {
		r, n := utf8.DecodeRuneInString(text[en:])
		if unicode.IsLetter(r) || r == '-' && en > pos {
			en += n
			continue
		}
		break
	}
	if en == pos || text[en-1] == '-' {
		return -1, -1
	}
	return pos, en
}

func sameCase(a, b string) bool {
	ra, _ := utf8.DecodeRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	return unicode.IsUpper(ra) == unicode.IsUpper(rb)
}

// sentenceStart reports whether only spaces, codes or an opening
// punctuation mark stand between the last sentence end and the name.
func sentenceStart(before string) bool {
	t := strings.TrimRightFunc(before, func(r rune) bool {
		_, _, ph := Parse(r)
		return ph || unicode.IsSpace(r) || strings.ContainsRune("\"“‘«(¿¡-–—", r)
	})
	return t == "" || strings.ContainsRune(".!?:", rune(t[len(t)-1]))
}

func precededByDeterminer(before string) bool {
	f := strings.Fields(before)
	if len(f) == 0 {
		return false
	}
	switch strings.ToLower(f[len(f)-1]) {
	case "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your":
		return true
	}
	return false
}

// adjectiveLike: common adjective endings and the adjectives news puts
// before a possessed noun.
func adjectiveLike(w string) bool {
	switch w {
	case "main", "new", "old", "top", "chief", "former", "own", "first", "last", "only", "next", "key",
		"big", "long", "short", "great", "small", "large", "high", "low", "young", "best", "worst", "late":
		return true
	}
	for _, suf := range []string{"ern", "al", "ic", "ian", "ese", "ive", "ous", "ful", "ary", "est", "ish", "less", "ble", "ant", "ent"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// verbLike: a form that, after a possessed noun, is more likely the verb
// of the sentence than more of the noun phrase.
func verbLike(w string) bool {
	if len(w) > 3 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) {
		return true
	}
	if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") {
		return true // "opens", "says"; a plural after a noun is rare in a possessed phrase
	}
	return irregularVerb(w)
}

func irregularVerb(w string) bool {
	switch w {
	case "said", "told", "made", "took", "came", "went", "left", "saw", "got", "gave", "found", "began", "became",
		"held", "kept", "met", "ran", "sent", "spent", "stood", "won", "lost", "hit", "put", "set", "cut", "let",
		"shut", "spread", "led", "fled", "fought", "brought", "bought", "built", "paid", "sold", "felt", "heard",
		"meant", "thought", "knew", "grew", "drew", "threw", "flew", "wrote", "spoke", "broke", "chose", "rose",
		"fell", "struck", "sought", "taught", "drove", "rode", "woke", "do", "did", "be", "shall", "should":
		return true
	}
	return false
}

// stopWord: function words that end a possessed noun phrase or show there
// is none.
func stopWord(w string) bool {
	switch w {
	case "the", "a", "an", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by", "with",
		"into", "onto", "over", "under", "after", "before", "since", "during", "about", "against", "between",
		"through", "near", "as", "than", "that", "which", "who", "whom", "whose", "this", "these", "those",
		"it", "he", "she", "they", "we", "i", "you", "not", "no", "so", "if", "when", "where", "while",
		"also", "now", "then", "there", "here", "very", "too", "just", "still", "already", "been", "being",
		"is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must":
		return true
	}
	return false
}
