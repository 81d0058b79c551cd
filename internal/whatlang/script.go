// Script detection copied from github.com/abadojack/whatlanggo v1.0.1
// (script.go, unicode.go, utils.go), MIT licence: see NOTICE.

package whatlang

import (
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// hiraganaKatakana is the script whatlanggo returns for Japanese: the
// Hiragana ranges followed by the Katakana ones, built as whatlanggo builds
// its _HiraganaKatakana (the R32 ranges are not sorted, and unicode.Is
// searches them as they are, so they are kept in that order).
var hiraganaKatakana = sync.OnceValue(func() *unicode.RangeTable {
	return &unicode.RangeTable{
		R16: slices.Concat(unicode.Hiragana.R16, unicode.Katakana.R16),
		R32: slices.Concat(unicode.Hiragana.R32, unicode.Katakana.R32),
	}
})

// scripts are the scripts DetectScript counts, in whatlanggo's order.
func scripts() [numScripts]*unicode.RangeTable {
	return [numScripts]*unicode.RangeTable{
		unicode.Latin,
		unicode.Cyrillic,
		unicode.Arabic,
		unicode.Devanagari,
		hiraganaKatakana(),
		unicode.Ethiopic,
		unicode.Hebrew,
		unicode.Bengali,
		unicode.Georgian,
		unicode.Han,
		unicode.Hangul,
		unicode.Greek,
		unicode.Kannada,
		unicode.Tamil,
		unicode.Thai,
		unicode.Gujarati,
		unicode.Gurmukhi,
		unicode.Telugu,
		unicode.Malayalam,
		unicode.Oriya,
		unicode.Myanmar,
		unicode.Sinhala,
		unicode.Khmer,
	}
}

const (
	numScripts = 23
	latin      = 0 // unicode.Latin's index in scripts
)

// DetectScript returns the script of text: the first whose letters
// outnumber half its bytes, else the one with most letters (Japanese when
// that is Han but there is kana), or nil when no letter is in a script it
// knows.
//
// It is whatlanggo's, which counts each rune that is not a stop character
// in every script that has it, tried in an order that moves a script one
// place closer to the front each time it has a rune (the order decides
// between scripts with as many runes, and whether kana seen with more Han
// makes the text Japanese). The scripts are disjoint (TestScriptsDisjoint),
// so the search stops at the first that has the rune; ASCII letters are
// Latin and other ASCII runes in none.
func DetectScript(text string) *unicode.RangeTable {
	halfLen := len(text) / 2
	tables := scripts()

	// order[i] is the index in tables of the script at place i,
	// scriptCounter[i].script in whatlanggo; count[s] is script s's count.
	var order [numScripts]uint8
	for i := range order {
		order[i] = uint8(i)
	}
	var count [numScripts]int

	for _, ch := range text {
		if isStopChar(ch) {
			continue
		}
		i := 0
		if ch < utf8.RuneSelf {
			if !isASCIILetter(ch) {
				continue
			}
			for order[i] != latin {
				i++
			}
		} else {
			for i < numScripts && !unicode.Is(tables[order[i]], ch) {
				i++
			}
			if i == numScripts {
				continue
			}
		}
		s := order[i]
		count[s]++
		if count[s] > halfLen {
			return tables[s]
		}
		// if script is found, move it closer to the front so that it be checked first.
		if i > 0 {
			order[i], order[i-1] = order[i-1], order[i]
		}
	}

	// find the script that occurs the most in the text and return it.
	jpCount := 0
	maxCount := 0
	var maxScript *unicode.RangeTable
	for _, s := range order {
		if count[s] > maxCount {
			maxCount = count[s]
			maxScript = tables[s]
			if maxScript == hiraganaKatakana() {
				jpCount = maxCount
			}
		}
	}

	switch {
	case maxCount == 0:
		// if no valid script is detected, return nil.
		return nil
	case maxScript == unicode.Han && jpCount > 0:
		// If Hiragana or Katakana is included, even if judged as Mandarin,
		// it is regarded as Japanese. Japanese uses Kanji (unicode.Han)
		// in addition to Hiragana and Katakana.
		return hiraganaKatakana()
	default:
		return maxScript
	}
}

func isASCIILetter(r rune) bool {
	r |= 0x20
	return 'a' <= r && r <= 'z'
}

// isStopChar reports whether r is a symbol, space, punctuation or digit.
// ASCII runes are tested without the tables: the stop characters among
// them are the white space from tab to carriage return and every printable
// rune but the letters (TestASCIIStopChars).
func isStopChar(r rune) bool {
	if r < utf8.RuneSelf {
		return '\t' <= r && r <= '\r' || ' ' <= r && r <= '~' && !isASCIILetter(r)
	}
	return unicode.IsSymbol(r) || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r)
}
