package segment

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// SRX rules are written in Java's (ICU's) regular-expression dialect. This
// file translates the part of it that RE2, Go's engine, reads the same way,
// and refuses the rest with the construct named: lookaround, atomic groups,
// possessive quantifiers, class intersection, back references, Java-only
// property names. A refused rule is never approximated.

// srxRule is a compiled break or no-break rule: it applies at a position
// when before matches the text just before it and after the text just
// after it, as in SRX.
type srxRule struct {
	brk           bool
	before, after *regexp.Regexp
	// find locates the rule's candidate positions in a whole text: the
	// before pattern unanchored, or the after pattern when there is no
	// before pattern.
	find *regexp.Regexp
	// suffix is a literal every match of before ends with (a quick test
	// before the regexp runs); fold says it is compared ignoring case.
	suffix string
	fold   bool
	// bAnchored and aAnchored say the pattern uses a text start or end
	// anchor (^, $, \A, \z) that must not match at the edge of a window.
	bAnchored, aAnchored bool
	srcBefore, srcAfter  string
	line                 int
}

// javaProps maps Java's POSIX-style and Java-specific property names to
// RE2 classes with the same meaning.
var javaProps = map[string]string{
	"Lower": `[a-z]`, "Upper": `[A-Z]`, "ASCII": `[\x00-\x7F]`, "Alpha": `[a-zA-Z]`,
	"Digit": `[0-9]`, "Alnum": `[a-zA-Z0-9]`, "Punct": `[!-/:-@\[-` + "`" + `{-~]`,
	"Graph": `[!-~]`, "Print": `[ -~]`, "Blank": `[ \t]`, "Cntrl": `[\x00-\x1F\x7F]`,
	"XDigit": `[0-9a-fA-F]`, "Space": `[ \t\n\x0B\f\r]`,
	"javaLowerCase": `\p{Ll}`, "javaUpperCase": `\p{Lu}`, "javaWhitespace": `\s`,
	"IsAlphabetic": `\pL`, "IsLetter": `\pL`, "IsDigit": `\p{Nd}`, "IsUppercase": `\p{Lu}`,
	"IsLowercase": `\p{Ll}`, "IsWhite_Space": `\s`, "IsPunctuation": `\pP`,
}

// javaToRE2 translates a Java regular expression to RE2 syntax.
func javaToRE2(p string) (string, error) {
	var b strings.Builder
	inClass := 0
	quant := false // the last token written was a quantifier
	refuse := func(what, why string) (string, error) {
		return "", fmt.Errorf("pattern %q uses %s, %s", p, what, why)
	}
	for i := 0; i < len(p); {
		c := p[i]
		wasQuant := quant
		quant = false
		if inClass == 0 {
			switch c {
			case '*', '+', '?':
				if c == '+' && wasQuant {
					return refuse(`a possessive quantifier "`+p[max(0, i-1):i+1]+`"`, "which Go's regexp does not support")
				}
				b.WriteByte(c)
				i++
				quant = c != '?' || !wasQuant // "a??" is lazy; "a?+" is possessive
				continue
			case '{':
				if j := strings.IndexByte(p[i:], '}'); j > 1 && isRepeat(p[i+1:i+j]) {
					b.WriteString(p[i : i+j+1])
					i += j + 1
					quant = true
					continue
				}
			}
		}
		switch {
		case c == '\\':
			if i+1 >= len(p) {
				return refuse(`a trailing \`, "which is not a complete escape")
			}
			e := p[i+1]
			switch {
			case e == 'u' && i+6 <= len(p) && isHex(p[i+2:i+6]):
				b.WriteString(`\x{` + p[i+2:i+6] + `}`)
				i += 6
				continue
			case e == 'h':
				b.WriteString(wrapClass(`\t \x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}`, inClass > 0))
			case e == 'R':
				if inClass > 0 {
					return refuse(`\R inside a class`, "which Java does not allow either")
				}
				b.WriteString(`(?:\r\n|[\n\x0B\f\r\x{85}\x{2028}\x{2029}])`)
			case e == 'Z':
				b.WriteString(`(?:\n?\z)`)
			case e == 'G':
				return refuse(`\G`, "which Go's regexp does not support")
			case e >= '1' && e <= '9':
				return refuse(`a back reference \`+string(e), "which Go's regexp does not support")
			case e == 'k' && i+2 < len(p) && p[i+2] == '<':
				return refuse(`a named back reference \k<…>`, "which Go's regexp does not support")
			case e == 'p' || e == 'P':
				name, n := propName(p[i+2:])
				if n == 0 {
					b.WriteString(p[i : i+2])
					i += 2
					continue
				}
				if strings.HasPrefix(name, "In") {
					return refuse(`\`+string(e)+"{"+name+"}", "a Unicode block, which Go's regexp does not support")
				}
				if r, ok := javaProps[name]; ok {
					if e == 'P' {
						r = negate(r)
					}
					if r == "" {
						return refuse(`\P{`+name+`}`, "which cannot be negated here")
					}
					b.WriteString(wrapClassBody(r, inClass > 0))
				} else {
					name = strings.TrimPrefix(name, "Is")
					name = strings.TrimPrefix(name, "general_category=")
					name = strings.TrimPrefix(name, "gc=")
					name = strings.TrimPrefix(name, "script=")
					name = strings.TrimPrefix(name, "sc=")
					b.WriteString(`\` + string(e) + "{" + name + "}")
				}
				i += 2 + n
				continue
			case e == 'Q':
				end := strings.Index(p[i+2:], `\E`)
				lit := p[i+2:]
				if end >= 0 {
					lit = p[i+2 : i+2+end]
				}
				b.WriteString(regexp.QuoteMeta(lit))
				if end < 0 {
					i = len(p)
				} else {
					i += 2 + end + 2
				}
				continue
			default:
				b.WriteString(p[i : i+2])
			}
			i += 2
			continue
		case inClass > 0:
			switch {
			case c == '[' && !strings.HasPrefix(p[i:], "[:"):
				return refuse("a nested class [… […] …]", "a union Go's regexp does not support")
			case c == '&' && strings.HasPrefix(p[i:], "&&"):
				return refuse(`"&&"`, "a class intersection, which Go's regexp does not support")
			case c == ']':
				inClass--
			}
		case c == '[':
			inClass++
			b.WriteByte(c)
			i++
			// A ']' or '^]' right after the opening is a literal.
			if strings.HasPrefix(p[i:], "^") {
				b.WriteByte('^')
				i++
			}
			if strings.HasPrefix(p[i:], "]") {
				b.WriteString(`\]`)
				i++
			}
			continue
		case c == '(' && strings.HasPrefix(p[i:], "(?"):
			rest := p[i+2:]
			switch {
			case strings.HasPrefix(rest, "<=") || strings.HasPrefix(rest, "<!"):
				return refuse(`"(?`+rest[:2]+`"`, "a lookbehind, which Go's regexp does not support")
			case strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, "!"):
				return refuse(`"(?`+rest[:1]+`"`, "a lookahead, which Go's regexp does not support")
			case strings.HasPrefix(rest, ">"):
				return refuse(`"(?>"`, "an atomic group, which Go's regexp does not support")
			case strings.HasPrefix(rest, "<"):
				b.WriteString("(?P<")
				i += 3
				continue
			}
			// Flags: Java's u (Unicode case) is what RE2 always does; d
			// (Unix lines) and x (comments) have no RE2 equivalent.
			j := 0
			for j < len(rest) && strings.IndexByte("imsuxdU-", rest[j]) >= 0 {
				j++
			}
			if j < len(rest) && (rest[j] == ')' || rest[j] == ':') {
				flags := rest[:j]
				if strings.ContainsAny(flags, "xdU") {
					return refuse(`"(?`+flags+`"`, "a flag Go's regexp does not support")
				}
				flags = strings.ReplaceAll(flags, "u", "")
				if flags == "" || flags == "-" {
					if rest[j] == ')' {
						i += 2 + j + 1
						continue
					}
					b.WriteString("(?:")
				} else {
					b.WriteString("(?" + strings.TrimSuffix(flags, "-") + string(rest[j]))
				}
				i += 2 + j + 1
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String(), nil
}

// isRepeat reports the inside of a counted repetition: "2", "2,", "2,5".
func isRepeat(s string) bool {
	lo, hi, comma := strings.Cut(s, ",")
	return lo != "" && isDigits(lo) && (!comma || hi == "" || isDigits(hi))
}

func isDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func isHex(s string) bool {
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// propName reads "{Name}" or a one-letter name at the start of s.
func propName(s string) (string, int) {
	if strings.HasPrefix(s, "{") {
		if j := strings.IndexByte(s, '}'); j > 1 {
			return s[1:j], j + 1
		}
		return "", 0
	}
	if len(s) > 0 && utf8.RuneStart(s[0]) && s[0] < utf8.RuneSelf {
		return s[:1], 1
	}
	return "", 0
}

// wrapClass turns the body of a character class into a class, unless it is
// already inside one.
func wrapClass(body string, inClass bool) string {
	if inClass {
		return body
	}
	return "[" + body + "]"
}

// wrapClassBody writes a class or an escape r inside or outside a class.
func wrapClassBody(r string, inClass bool) string {
	if inClass && strings.HasPrefix(r, "[") && strings.HasSuffix(r, "]") {
		return r[1 : len(r)-1]
	}
	return r
}

// negate negates a class written as [...] or an escape \p{..}/\s.
func negate(r string) string {
	switch {
	case strings.HasPrefix(r, "[") && !strings.HasPrefix(r, "[^"):
		return "[^" + r[1:]
	case strings.HasPrefix(r, `\p`):
		return `\P` + r[2:]
	case r == `\s`:
		return `\S`
	case r == `\pL`:
		return `\PL`
	case r == `\pP`:
		return `\PP`
	}
	return ""
}

// errNoPattern is returned for a rule with neither pattern.
var errNoPattern = errors.New("segment: a rule needs before or after")

// compileRule translates an SRX rule to RE2: before is matched at the end
// of the text before a position, after at the start of the text after it.
func compileRule(brk bool, before, after string, line int) (srxRule, error) {
	if before == "" && after == "" {
		return srxRule{}, errNoPattern
	}
	out := srxRule{brk: brk, srcBefore: before, srcAfter: after, line: line}
	for k, p := range []string{before, after} {
		if p == "" {
			continue
		}
		re2, err := javaToRE2(p)
		if err != nil {
			return srxRule{}, err
		}
		if _, err := syntax.Parse(re2, syntax.Perl); err != nil {
			return srxRule{}, fmt.Errorf("pattern %q: %w", p, err)
		}
		anchored := strings.Contains(re2, "^") || strings.Contains(re2, `\A`) ||
			strings.Contains(re2, "$") || strings.Contains(re2, `\z`)
		if k == 0 {
			if out.before, err = regexp.Compile("(?:" + re2 + `)\z`); err != nil {
				return srxRule{}, fmt.Errorf("pattern %q: %w", p, err)
			}
			out.bAnchored = anchored
			out.suffix, out.fold = literalSuffix(re2)
			out.find = regexp.MustCompile("(?:" + re2 + ")")
		} else {
			if out.after, err = regexp.Compile(`\A(?:` + re2 + ")"); err != nil {
				return srxRule{}, fmt.Errorf("pattern %q: %w", p, err)
			}
			out.aAnchored = anchored
			if out.find == nil {
				out.find = regexp.MustCompile("(?:" + re2 + ")")
			}
		}
	}
	return out, nil
}

// literalSuffix returns a literal that every match of the pattern ends
// with ("Dr\." ends with "Dr."), or "".
func literalSuffix(re2 string) (string, bool) {
	re, err := syntax.Parse(re2, syntax.Perl)
	if err != nil {
		return "", false
	}
	re = re.Simplify()
	for re.Op == syntax.OpCapture && len(re.Sub) == 1 {
		re = re.Sub[0]
	}
	if re.Op == syntax.OpConcat && len(re.Sub) > 0 {
		re = re.Sub[len(re.Sub)-1]
	}
	if re.Op != syntax.OpLiteral {
		return "", false
	}
	fold := re.Flags&syntax.FoldCase != 0
	s := string(re.Rune)
	if fold {
		s = strings.ToLower(s)
	}
	return s, fold
}

// matchBefore reports whether the rule's before pattern matches at the end
// of text[:p], looking back at most srxWindow bytes. scratch is reused
// for anchored patterns.
func (r *srxRule) matchBefore(text string, p int, scratch *[]byte) bool {
	if r.before == nil {
		return true
	}
	b := max(p-srxWindow, 0)
	for b > 0 && b < p && !utf8.RuneStart(text[b]) {
		b++
	}
	w := text[b:p]
	if r.suffix != "" {
		if len(w) < len(r.suffix) {
			return false
		}
		tail := w[len(w)-len(r.suffix):]
		if r.fold {
			if !strings.EqualFold(tail, r.suffix) {
				return false
			}
		} else if tail != r.suffix {
			return false
		}
	}
	if r.bAnchored && b > 0 {
		// The window does not start the text: a NUL before it keeps ^ and
		// \A from matching there.
		*scratch = append(append((*scratch)[:0], 0), w...)
		return r.before.Match(*scratch)
	}
	return r.before.MatchString(w)
}

// matchAfter reports whether the rule's after pattern matches at the start
// of text[p:], looking ahead at most srxWindow bytes.
func (r *srxRule) matchAfter(text string, p int, scratch *[]byte) bool {
	if r.after == nil {
		return true
	}
	a := min(len(text), p+srxWindow)
	for a < len(text) && a > p && !utf8.RuneStart(text[a]) {
		a--
	}
	w := text[p:a]
	if r.aAnchored && a < len(text) {
		*scratch = append(append((*scratch)[:0], w...), 0)
		return r.after.Match(*scratch)
	}
	return r.after.MatchString(w)
}

// decideAt applies rules at position p: the first rule whose patterns both
// match decides; ok is false when none does.
func decideAt(rules []srxRule, text string, p int, scratch *[]byte) (brk, ok bool) {
	for i := range rules {
		r := &rules[i]
		// The anchored after pattern fails fast: try it first.
		if !r.matchAfter(text, p, scratch) || !r.matchBefore(text, p, scratch) {
			continue
		}
		return r.brk, true
	}
	return false, false
}
