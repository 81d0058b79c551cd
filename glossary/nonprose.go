package glossary

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range of a text.
type Span struct{ Start, End int }

// NonProse returns the tokens of running text that are not prose and must
// reach the edition verbatim: URLs, www. and bare domains, file names and
// paths, e-mail addresses, @handles, #hashtags, `code spans` and code-like
// tokens (snake_case, --flags, key=value, a::b). They are the
// tokens the matcher never finds a term in; the pipeline turns them into
// inline codes so that no engine sees them. Spans are in order and do not
// overlap; trailing sentence punctuation is not part of a token.
func NonProse(text string) []Span {
	var out []Span
	for i := 0; i < len(text); {
		// A `code span` of plain text, backticks included.
		if text[i] == '`' {
			if j := strings.IndexByte(text[i+1:], '`'); j > 0 && !strings.ContainsRune(text[i+1:i+1+j], '\n') {
				out = append(out, Span{i, i + j + 2})
				i += j + 2
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if isTokenBreak(r) || r == '`' {
			i += n
			continue
		}
		end := i + n
		for end < len(text) {
			r, n := utf8.DecodeRuneInString(text[end:])
			if isTokenBreak(r) || r == '`' {
				break
			}
			end += n
		}
		raw := text[i:end]
		tok := strings.TrimRight(raw, ".:!?'’")
		lead := len(tok) - len(strings.TrimLeft(tok, "'‘’"))
		tok = tok[lead:]
		if tok != "" && isVerbatimToken(tok) {
			out = append(out, Span{i + lead, i + lead + len(tok)})
		}
		i = end
	}
	return out
}

// isVerbatimToken is isNonProseToken made strict enough to take a token out
// of the translation: a hashtag or handle needs a letter, a domain's last
// part is lower case, a file name has an extension.
func isVerbatimToken(tok string) bool {
	low := strings.ToLower(tok)
	switch {
	case strings.Contains(tok, "://") && len(tok) > strings.Index(tok, "://")+3:
		return true
	case strings.HasPrefix(low, "www.") && len(tok) > 5, strings.HasPrefix(low, "mailto:"):
		return true
	case tok[0] == '#' || tok[0] == '@':
		r, _ := utf8.DecodeRuneInString(tok[1:])
		return unicode.IsLetter(r) && !strings.ContainsAny(tok[1:], "#@")
	case strings.Count(tok, "@") == 1:
		local, host, _ := strings.Cut(tok, "@")
		return local != "" && isLowerDomain(host)
	case strings.HasPrefix(tok, "/") && len(tok) > 1 && !strings.HasPrefix(tok, "//"), strings.HasPrefix(tok, "./"), strings.HasPrefix(tok, "~/"):
		return true
	case isCodeLike(tok):
		return true
	}
	host := tok
	if i := strings.IndexByte(host, '/'); i >= 0 {
		host = host[:i]
		if last := tok[strings.LastIndexByte(tok, '/')+1:]; !isLowerDomain(host) && isLowerDomain(last) && isWordRune(firstRune(host)) {
			return true // docs/setup/install.md
		}
	}
	return isLowerDomain(host)
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

// isLowerDomain is isDomain with a last part of lower-case letters and
// digits holding a letter: "kiev.ua", "report.pdf"; not "Kyiv.The", "1.200".
func isLowerDomain(s string) bool {
	if !isDomain(s) {
		return false
	}
	tld := s[strings.LastIndexByte(s, '.')+1:]
	letter := false
	for _, r := range tld {
		if unicode.IsUpper(r) {
			return false
		}
		letter = letter || unicode.IsLetter(r)
	}
	return letter
}

// isCodeLike reports identifiers and options: snake_case, --flag, a::b,
// a->b, key=value.
func isCodeLike(tok string) bool {
	switch {
	case strings.HasPrefix(tok, "--") && len(tok) > 2 && unicode.IsLetter(firstRune(tok[2:])):
		return true
	case strings.Contains(tok, "::"), strings.Contains(tok, "->"):
		return true
	}
	if i := strings.IndexAny(tok, "_="); i > 0 && i < len(tok)-1 {
		before, _ := utf8.DecodeLastRuneInString(tok[:i])
		after, _ := utf8.DecodeRuneInString(tok[i+1:])
		return isWordRune(before) && isWordRune(after)
	}
	return false
}
