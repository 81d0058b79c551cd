package langid

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

func TestUntranslated(t *testing.T) {
	ruUK := NewJudge(language.Russian, language.Ukrainian)
	enES := NewJudge(language.English, language.Spanish)
	srLatn := NewJudge(language.MustParse("sr-Cyrl"), language.MustParse("sr-Latn"))
	enXX := NewJudge(language.English, language.MustParse("tlh")) // no data, no detector
	tests := []struct {
		name     string
		j        *Judge
		src, out string
		want     string
	}{
		{"translated", enES, "The army has focused on the east of the country.", "El ejército se ha centrado en el este del país.", ""},
		{"empty", enES, "The army has focused on the east.", "  \ue000 ", "the engine returned an empty translation"},
		{"source unchanged", ruUK, "Власти города сообщили о новых ударах по вокзалу.", "Власти города сообщили о новых ударах по вокзалу.", "the engine returned the source text unchanged"},
		{"source unchanged but for numbers", enES, "Officials counted 12 refugees at the border.", "Officials counted 15 refugees at the border.", "the engine returned the source text unchanged"},
		{"still the source language", enES, "Officials said the roads were safe again after the army left.", "Officials said that the roads were safe again after the army had left.", "the engine's output is still in the source language"},
		{"Russian letters in a Ukrainian output", ruUK, "Жители вернулись в свои дома.", "Жители вернулись в свои дома вчера.", "the engine's output is still in the source language"},
		{"sr-Latn output in Cyrillic", srLatn, "Становници су се вратили кућама у недељу.", "Становници су се вратили својим кућама у недељу.", "the engine's output is not in the target language's script"},
		{"sr-Latn output in Latin", srLatn, "Становници су се вратили кућама у недељу.", "Stanovnici su se vratili kućama u nedelju.", ""},
		{"names only", enES, "Volodymyr Zelensky", "Volodymyr Zelensky", ""},
		{"short shared phrase", ruUK, "Удар по вокзалу", "Удар по вокзалу", ""},
		{"no words", enES, "12:30", "12:30", ""},
		{"no data: identical long text", enXX, "one two three four five six seven", "one two three four five six seven", "the engine returned the source text unchanged"},
		{"pseudo-localized", enES, "Officials said the roads were safe.", "[Öƒƒîçîáļš šáîð ţĥé ŕöáðš ŵéŕé šáƒé. ·····]", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Untranslated(tt.j, tt.src, tt.out))
		})
	}
}

// The verdict on segments, as check asks for it: identity with the source
// is the caller's to tell.
func TestJudgeSegment(t *testing.T) {
	enES := NewJudge(language.English, language.Spanish)
	ruUK := NewJudge(language.Russian, language.Ukrainian)
	enUK := NewJudge(language.English, language.Ukrainian)
	tests := []struct {
		name      string
		j         *Judge
		text      string
		identical bool
		want      Verdict
	}{
		{"identical, distant languages, two words", enES, "Breaking news", true, Verdict{Reason: Identical}},
		{"identical, close languages, short", ruUK, "Удар по вокзалу", true, Verdict{}},
		{"identical, close languages, Russian letters", ruUK, "Удар был по вокзалу", true, Verdict{Reason: Identical}},
		{"Latin in a Ukrainian edition", enUK, "Residents are coming back home", false, Verdict{Reason: WrongScript, Script: language.MustParseScript("Latn")}},
		{"Ukrainian", enUK, "Мешканці повертаються додому", false, Verdict{}},
		{"English in Spanish", enES, "Residents are coming back to their homes after the shelling", false, Verdict{Reason: Identified}},
		{"Spanish", enES, "Los residentes vuelven a sus casas después de los bombardeos", false, Verdict{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.j.Segment(tt.text, tt.identical))
		})
	}
}

func TestConfidence(t *testing.T) {
	assert.Equal(t, MinShortConfidence, Confidence(MinLangIDShortWords))
	assert.Equal(t, MinMidConfidence, Confidence(MinLangIDWords))
	assert.Equal(t, MinDiffering, Confidence(MinLangIDSureWords))
}

func TestIsPseudo(t *testing.T) {
	assert.True(t, IsPseudo("Ṁöŕé ţĥáñ 5.2 ɱîļļîöñ ŕéƒûĝééš"))
	assert.False(t, IsPseudo("Les familles ont commencé à revenir dimanche"))
	assert.False(t, IsPseudo("Officials said the roads were safe"))
	assert.False(t, IsPseudo("Мешканці повертаються"))
	assert.Equal(t, "Kyiv", strings.TrimSpace(StripPseudo("Kyiv [Ķýîṽ ·····]")))
	assert.Equal(t, "no pseudo [here]", StripPseudo("no pseudo [here]"))
}

func TestNewSameLanguage(t *testing.T) {
	assert.Nil(t, New(language.English, language.MustParse("en-GB")))
}

func TestContentWords(t *testing.T) {
	for in, want := range map[string]int{
		"Officials said the roads were safe again.": 7,
		"Volodymyr Zelensky, Olena Zelenska":        1, // a first word counts
		"UNHCR and ISW":                             1,
		"Мешканці повертаються додому":              3,
		"ウクライナの首都":                                  1,
	} {
		assert.Equal(t, want, ContentWords(in), in)
	}
}

func TestPrefix(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"one two three", 9, "one two"},
		{"one two three", 8, "one two"},
		{"onetwothree", 5, "onetw"},
		{"абвгд", 3, "а"}, // never inside a rune
		{"аб вгд", 7, "аб"},
		{"a" + strings.Repeat(" ", 20) + "bc  d", 6, "a bc d"}, // blanks do not count
	} {
		assert.Equal(t, tt.want, Prefix(tt.in, tt.n), "%q %d", tt.in, tt.n)
	}
}

// A long Russian output of a "Ukrainian" edition is still caught when only
// its start is identified, and a long Ukrainian one still passes.
func TestUntranslatedLong(t *testing.T) {
	ruUK := NewJudge(language.Russian, language.Ukrainian)
	ru := strings.Repeat("Власти города сообщили, что жители возвращаются в свои дома после обстрелов. ", 20)
	uk := strings.Repeat("Влада міста повідомила, що мешканці повертаються до своїх домівок після обстрілів. ", 20)
	require.Greater(t, len(ru), 2*MaxIDBytes)
	assert.Equal(t, "the engine's output is still in the source language", Untranslated(ruUK, "Жители вернулись в свои дома.", ru))
	assert.Equal(t, "", Untranslated(ruUK, ru, uk))
	enES := NewJudge(language.English, language.Spanish)
	en := strings.Repeat("Officials said that the roads were safe again after the army had left the town. ", 20)
	assert.Equal(t, "the engine's output is still in the source language", Untranslated(enES, "The town was quiet.", en))
}

// fieldsEqual and sameWords are what Untranslated compared before, without
// the strings.
func FuzzIdentical(f *testing.F) {
	for _, s := range [][2]string{{"a  b", "a b"}, {" Kyiv 12 ", "kyiv 13"}, {"ς x", "σ x"}, {"", " "}, {"a\u00a0b", "a b"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		assert.Equal(t, strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " "), fieldsEqual(a, b))
		ka, kb := NearKey(a), NearKey(b)
		assert.Equal(t, ka != "" && ka == kb, sameWords(ContentWordList(a), ContentWordList(b)))
	})
}

// A segment judged after its pseudo-localized spans are blanked: the words
// after many blanks are what IsSource reads (check's untranslated rule on a
// pseudo edition with an English sentence appended).
func TestSegmentAfterBlanks(t *testing.T) {
	enDE := NewJudge(language.English, language.German)
	text := strings.Repeat(" ", 2000) + "Officials said the roads into the city were safe again."
	assert.Equal(t, Verdict{Reason: Identified}, enDE.Segment(text, false))
}
