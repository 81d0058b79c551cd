package apertium

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// StripMarks removes Apertium's unknown-word marks (*word) and generation
// marks (#word) from out and returns the unknown words. A mark is only taken
// for one when it starts a word and the source does not itself hold the
// same marked word (a hashtag, a footnote star). Written by hand: the marks
// are a one-character prefix, a regexp would not know the source.
func StripMarks(src, out string) (string, []string) {
	text, unknown, _ := stripMarks(src, out)
	return text, unknown
}

// stripMarks is StripMarks that also returns the words marked as
// generation errors (#word: the engine could not inflect them).
func stripMarks(src, out string) (string, []string, []string) {
	if !strings.ContainsAny(out, "*#") {
		return out, nil, nil
	}
	var b strings.Builder
	var unknown, generation []string
	prev := ' '
	for i := 0; i < len(out); {
		r, n := utf8.DecodeRuneInString(out[i:])
		if (r == '*' || r == '#') && !isWordRune(prev) {
			word := leadingWord(out[i+n:])
			if word != "" && !strings.Contains(src, string(r)+word) {
				if r == '*' {
					unknown = append(unknown, word)
				} else {
					generation = append(generation, word)
				}
				i += n
				continue
			}
		}
		b.WriteString(out[i : i+n]) // the bytes as they were, even if not UTF-8
		prev = r
		i += n
	}
	return b.String(), unknown, generation
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// leadingWord is the run of letters, digits, hyphens and apostrophes at the
// start of s (it must start with a letter or digit).
func leadingWord(s string) string {
	end := 0
	for i, r := range s {
		if isWordRune(r) || i > 0 && (r == '-' || r == '\'' || r == '’' || r == '·') {
			end = i + utf8.RuneLen(r)
			continue
		}
		break
	}
	return strings.TrimRight(s[:end], "-'’·")
}
