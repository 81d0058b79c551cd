package pseudo

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/locpipe/locpipe/pipeline/backend"
)

// Translator pseudo-localizes.
type Translator struct{}

var (
	_ backend.Translator = Translator{}
	_ backend.Describer  = Translator{}
)

// Capabilities implements backend.Describer: the output is the source in
// disguise.
func (Translator) Capabilities() backend.Capabilities { return backend.Capabilities{Echo: true} }

// New is the engine's factory.
func New(backend.Params) (backend.Translator, error) { return Translator{}, nil }

// Translate implements backend.Translator.
func (Translator) Translate(ctx context.Context, req backend.Request) ([]backend.Translation, error) {
	out := make([]backend.Translation, len(req.Segments))
	for i, s := range req.Segments {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out[i].Text = Pseudo(s.Text)
	}
	return out, nil
}

var accents = map[rune]rune{
	'a': 'á', 'b': 'ƀ', 'c': 'ç', 'd': 'ð', 'e': 'é', 'f': 'ƒ', 'g': 'ĝ', 'h': 'ĥ', 'i': 'î',
	'j': 'ĵ', 'k': 'ķ', 'l': 'ļ', 'm': 'ɱ', 'n': 'ñ', 'o': 'ö', 'p': 'þ', 'q': 'ǫ', 'r': 'ŕ',
	's': 'š', 't': 'ţ', 'u': 'û', 'v': 'ṽ', 'w': 'ŵ', 'x': 'ẋ', 'y': 'ý', 'z': 'ž',
	'A': 'Å', 'B': 'Ɓ', 'C': 'Ç', 'D': 'Ð', 'E': 'É', 'F': 'Ƒ', 'G': 'Ĝ', 'H': 'Ĥ', 'I': 'Î',
	'J': 'Ĵ', 'K': 'Ķ', 'L': 'Ļ', 'M': 'Ṁ', 'N': 'Ñ', 'O': 'Ö', 'P': 'Þ', 'Q': 'Ǫ', 'R': 'Ŕ',
	'S': 'Š', 'T': 'Ţ', 'U': 'Û', 'V': 'Ṽ', 'W': 'Ŵ', 'X': 'Ẋ', 'Y': 'Ý', 'Z': 'Ž',
}

// Pseudo returns the pseudo-localization of s.
func Pseudo(s string) string {
	if strings.TrimSpace(s) == "" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	b.WriteByte('[')
	letters := 0
	for tok := range tokens(s) {
		if keepToken(tok) {
			b.WriteString(tok)
			continue
		}
		for _, r := range tok {
			if a, ok := accents[r]; ok {
				b.WriteRune(a)
				letters++
			} else {
				if unicode.IsLetter(r) {
					letters++
				}
				b.WriteRune(r)
			}
		}
	}
	// About 30% longer: pad by a third of the letters (at least one).
	if pad := (letters*3 + 9) / 10; pad > 0 {
		b.WriteByte(' ')
		b.WriteString(strings.Repeat("·", pad))
	}
	b.WriteByte(']')
	return b.String()
}

// tokens yields s split into alternating runs of white space and non-space.
func tokens(s string) func(func(string) bool) {
	return func(yield func(string) bool) {
		start := 0
		for start < len(s) {
			r, _ := utf8.DecodeRuneInString(s[start:])
			space := unicode.IsSpace(r)
			end := start
			for end < len(s) {
				r2, n := utf8.DecodeRuneInString(s[end:])
				if unicode.IsSpace(r2) != space {
					break
				}
				end += n
			}
			if !yield(s[start:end]) {
				return
			}
			start = end
		}
	}
}

// keepToken reports whether a word must not be pseudo-localized: URLs,
// domains and e-mail addresses, which would stop working.
func keepToken(tok string) bool {
	t := strings.ToLower(tok)
	return strings.Contains(t, "://") || strings.HasPrefix(t, "www.") ||
		(strings.Contains(t, "@") && strings.Contains(t, "."))
}
