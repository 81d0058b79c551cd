package placeholder

import (
	"fmt"
	"strings"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/format"
)

// Verbatim holds the non-prose tokens of a segment (URLs, e-mail
// addresses, handles, hashtags, paths, code: glossary.NonProse) while an
// engine translates it: each is an inline code the engine never sees, which
// Restore writes back byte for byte.
type Verbatim struct {
	codes []verbatimCode
}

type verbatimCode struct {
	r    rune
	text string
}

// ProtectVerbatim replaces every span of text by an inline-code rune taken
// from the top of the code range (runes text does not hold), and returns
// the text to send with what Restore needs. With no span it returns text
// and nil.
func ProtectVerbatim(text string, spans []glossary.Span) (string, *Verbatim) {
	if len(spans) == 0 {
		return text, nil
	}
	v := &Verbatim{}
	var b strings.Builder
	last, id := 0, format.MaxCodes-1
	for _, sp := range spans {
		if sp.Start < last || sp.End > len(text) || sp.Start >= sp.End {
			continue
		}
		for id >= 0 && strings.ContainsRune(text, format.CodeRune(id)) {
			id--
		}
		if id < 0 {
			break
		}
		r := format.CodeRune(id)
		id--
		b.WriteString(text[last:sp.Start])
		b.WriteRune(r)
		v.codes = append(v.codes, verbatimCode{r, text[sp.Start:sp.End]})
		last = sp.End
	}
	b.WriteString(text[last:])
	return b.String(), v
}

// Restore writes the tokens back into a translation. A token whose code the
// translation lacks is appended, with a warning.
func (v *Verbatim) Restore(text string) (string, []string) {
	if v == nil {
		return text, nil
	}
	var warnings []string
	for _, c := range v.codes {
		if strings.ContainsRune(text, c.r) {
			text = strings.Replace(text, string(c.r), c.text, 1)
			text = strings.ReplaceAll(text, string(c.r), "")
			continue
		}
		text = strings.TrimRight(text, " ") + " " + c.text
		warnings = append(warnings, fmt.Sprintf("%q lost by the engine: appended", c.text))
	}
	return text, warnings
}

// Tokens returns the protected tokens, in order.
func (v *Verbatim) Tokens() []string {
	if v == nil {
		return nil
	}
	out := make([]string, len(v.codes))
	for i, c := range v.codes {
		out[i] = c.text
	}
	return out
}

// LiteralMarkup returns the characters of text that HTML escapes (<, >
// and &: "The tag <b> makes text bold", "a < b"): escaped going in, some
// engines (LibreTranslate's format=html) unescape them in the reply, which
// then reads as markup and loses them. Protect them with ProtectVerbatim so
// that they never reach such an engine; the words between them ("b") are
// still translated.
func LiteralMarkup(text string) []glossary.Span {
	var out []glossary.Span
	for i := 0; i < len(text); i++ {
		if c := text[i]; c == '<' || c == '>' || c == '&' {
			out = append(out, glossary.Span{Start: i, End: i + 1})
		}
	}
	return out
}
