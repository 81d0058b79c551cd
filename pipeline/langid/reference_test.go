package langid

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"
)

// refContentWordList is ContentWordList as first written, through
// strings.FieldsFunc: the reference the faster one must agree with.
func refContentWordList(s string) []string {
	var out []string
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '\'' && r != '’' && r != '-'
	})
	for i, w := range fields {
		w = strings.Trim(w, "'’-")
		letters := 0
		var first rune = -1
		for _, r := range w {
			if unicode.IsLetter(r) {
				if first < 0 {
					first = r
				}
				letters++
			}
		}
		if letters < 2 || first < 0 {
			continue
		}
		switch {
		case unicode.IsLower(first):
			out = append(out, w)
		case !unicode.IsUpper(first) && !unicode.IsTitle(first):
			out = append(out, w)
		case i == 0 && !isAllUpper(w):
			out = append(out, w)
		}
	}
	return out
}

// refUntranslated is Untranslated as first written: every word list
// computed again where it is needed, Segment judging out from scratch.
func refUntranslated(j *Judge, src, out string) string {
	src, out = clean(src), clean(out)
	srcWords := refContentWordList(src)
	if len(srcWords) == 0 {
		return ""
	}
	if out == "" {
		return "the engine returned an empty translation"
	}
	identical := fieldsEqual(out, src) || sameWords(refContentWordList(out), srcWords)
	switch j.Segment(out, identical).Reason {
	case Identical:
		return "the engine returned the source text unchanged"
	case WrongScript:
		return "the engine's output is not in the target language's script"
	case SourceLetters, Identified:
		return "the engine's output is still in the source language"
	}
	return ""
}

// edgeTexts are texts at the edges of ContentWordList: no words, names
// only, apostrophes and hyphens alone or at word ends, pseudo-localized
// text, other scripts, private-use runes (which clean blanks), marks,
// invalid UTF-8.
var edgeTexts = []string{
	"", " ", "\t\n", "12:30", "Yes.", "a", "ab", "AB", "Ab", "aB",
	"Volodymyr Zelensky", "Volodymyr Zelensky, Olena Zelenska", "UNHCR and ISW", "NATO",
	"- Officials said", "' quoted words '", "'-'", "--", "rock-'n'-roll", "O'Brien's", "’tis the season’s",
	"well-known", "-well- known-", "x'y", "don't", "a-b c-d",
	"[Öƒƒîçîáļš šáîð ţĥé ŕöáðš ŵéŕé šáƒé. ·····]", "Kyiv [Ķýîṽ ·····] es la capital.", "Ṁöŕé ţĥáñ 5.2 ɱîļļîöñ ŕéƒûĝééš",
	"Мешканці повертаються додому", "Жители вернулись в свои дома.", "Становници су се вратили кућама у недељу.",
	"Residents Мешканці mixed Latin and Кириллица", "ウクライナの首都", "キーウ is the capital", "Σίσυφος και ς σ",
	"مرحبا بالعالم", "नमस्ते दुनिया", "ǅemal ǈubljana", "e\u0301te\u0301 ete",
	"\ue000\ue001", "Click \ue000here\ue001 now", "word\ue000word", "\U000F0000 private \U00100000 planes",
	"bad \xff utf-8 \xc3", "tab\tseparated\u00a0words\u2028here",
}

// The fast word lists and the judging path that shares them agree with
// the reference on the benchmark's pairs, every pairing of the edge
// texts and every judge.
func TestAgainstReference(t *testing.T) {
	judges := []*Judge{
		NewJudge(language.English, language.Spanish),
		NewJudge(language.Russian, language.Ukrainian),
		NewJudge(language.English, language.Ukrainian),
		NewJudge(language.MustParse("sr-Cyrl"), language.MustParse("sr-Latn")),
		NewJudge(language.English, language.MustParse("tlh")),
	}
	var texts []string
	for _, p := range enESPairs {
		texts = append(texts, p[0], p[1])
	}
	texts = append(texts, edgeTexts...)
	for _, s := range texts {
		assert.Equal(t, refContentWordList(s), ContentWordList(s), "%q", s)
		assert.Equal(t, len(refContentWordList(s)), ContentWords(s), "%q", s)
	}
	for _, j := range judges {
		for _, p := range enESPairs {
			assert.Equal(t, refUntranslated(j, p[0], p[1]), Untranslated(j, p[0], p[1]), "%q → %q", p[0], p[1])
			assert.Equal(t, refUntranslated(j, p[0], p[0]), Untranslated(j, p[0], p[0]), "%q unchanged", p[0])
		}
		for _, src := range edgeTexts {
			for _, out := range edgeTexts {
				assert.Equal(t, refUntranslated(j, src, out), Untranslated(j, src, out), "%q → %q", src, out)
			}
		}
	}
}

func FuzzContentWordList(f *testing.F) {
	for _, s := range edgeTexts {
		f.Add(s, s)
	}
	for _, p := range enESPairs {
		f.Add(p[0], p[1])
	}
	j := NewJudge(language.English, language.Spanish)
	f.Fuzz(func(t *testing.T, src, out string) {
		assert.Equal(t, refContentWordList(out), ContentWordList(out))
		assert.Equal(t, refUntranslated(j, src, out), Untranslated(j, src, out))
	})
}
