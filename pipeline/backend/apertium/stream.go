package apertium

import (
	"html"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	nethtml "golang.org/x/net/html"
)

// The persistent command path does in Go what Transfuse (tf-extract and
// tf-inject, the command's -f html) does to the one kind of HTML locpipe
// sends: a block of text with inline <span id="…"> elements, nested or
// not. encodeBlock writes the Apertium stream tf-extract writes for it,
// decodeBlock turns the engine's reply back into the markup tf-inject
// writes. TestStreamMatchesTransfuse checks both against Transfuse itself
// on the fidelity corpus.
//
// A block is a run of tokens: text, the opening of a set of spans (the
// engine's word-bound blank [[t:span:c0;t:span:t0]]), and a closing.
type token struct {
	kind byte   // 't' text, 'o' open, 'c' close
	text string // the text, or the ids of an open joined by ";"
}

// blockEncoding is what decodeBlock needs of a block encodeBlock wrote.
type blockEncoding struct {
	stream string // the block's stream body, terminated by NUL
	// wrap is the id of a span that holds the whole block: Transfuse keeps
	// it out of the stream and puts it back around the translation.
	wrap           string
	lead, trailing string // the block's outer white space, restored as Transfuse does
}

// tokenize reads the inline markup ToInline writes.
func tokenize(markup string) []token {
	var out []token
	z := nethtml.NewTokenizer(strings.NewReader(markup))
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return joinText(out)
		case nethtml.TextToken:
			// A NUL would end the block: it cannot travel.
			out = append(out, token{kind: 't', text: strings.ReplaceAll(string(z.Text()), "\x00", "")})
		case nethtml.StartTagToken:
			id := ""
			for _, more := z.TagName(); more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				if string(k) == "id" {
					id = string(v)
				}
			}
			out = append(out, token{kind: 'o', text: id})
		case nethtml.EndTagToken:
			out = append(out, token{kind: 'c'})
		}
	}
}

// joinText merges adjacent text tokens and drops empty ones.
func joinText(toks []token) []token {
	out := toks[:0]
	for _, t := range toks {
		if t.kind == 't' {
			if t.text == "" {
				continue
			}
			if n := len(out); n > 0 && out[n-1].kind == 't' {
				out[n-1].text += t.text
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// encodeBlock writes block n (inline markup) as tf-extract writes it, but
// for two things the null-flush pipeline does not need and every stage
// would pay for (about 5% of the engine's processor time on news text,
// BenchmarkSeedCommand): the block id is not set on lines of its own, and
// the "." that Transfuse appends to end a sentence is left out when the
// block's text ends one already (the NUL ends the block for every stage).
// TestStreamMatchesTransfuse checks that nothing else differs, and
// TestPersistentSameEditions that the editions are those of `apertium -f
// html`.
func encodeBlock(n int, markup string) blockEncoding {
	toks := cleanupStyles(tokenize(markup))
	var enc blockEncoding
	enc.lead, enc.trailing = outerSpace(toks)
	// A span around the whole block stays out of the stream.
	if len(toks) == 3 && toks[0].kind == 'o' && toks[1].kind == 't' && toks[2].kind == 'c' {
		enc.wrap = toks[0].text
		toks = toks[1:2]
	}
	var b strings.Builder
	b.Grow(len(markup) + 32)
	b.WriteString("[tf-block:")
	b.WriteString(strconv.Itoa(n))
	b.WriteString("]")
	for _, t := range toks {
		switch t.kind {
		case 't':
			escapeBody(&b, t.text)
		case 'o':
			b.WriteString("[[")
			for i, id := range strings.Split(t.text, ";") {
				if i > 0 {
					b.WriteString(";")
				}
				b.WriteString("t:span:")
				escapeBody(&b, id)
			}
			b.WriteString("]]")
		case 'c':
			b.WriteString("[[/]]")
		}
	}
	if endsSentence(toks) {
		b.WriteString("\n\x00")
	} else {
		b.WriteString(".[]\n\x00")
	}
	enc.stream = b.String()
	return enc
}

// endsSentence reports whether a block's tokens end with text whose last
// character, white space aside, is a full stop, a question or an
// exclamation mark: the block ends a sentence without Transfuse's ".".
func endsSentence(toks []token) bool {
	n := len(toks)
	if n == 0 || toks[n-1].kind != 't' {
		return false
	}
	t := strings.TrimRightFunc(toks[n-1].text, unicode.IsSpace)
	return t != "" && strings.ContainsRune(".!?", rune(t[len(t)-1]))
}

// escapeBody escapes what Transfuse 0.5 escapes in a block's text. A NUL,
// which would end the block, is dropped.
func escapeBody(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case 0:
		case '^', '$', '[', ']', '{', '}', '/', '\\', '@', '<', '>':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
}

// outerSpace is the white space that opens and closes the block's text.
func outerSpace(toks []token) (lead, trailing string) {
	if len(toks) > 0 && toks[0].kind == 't' {
		t := toks[0].text
		lead = t[:len(t)-len(strings.TrimLeftFunc(t, unicode.IsSpace))]
	}
	if len(toks) == 1 && lead == toks[0].text {
		return lead, "" // white space only
	}
	if n := len(toks); n > 0 && toks[n-1].kind == 't' {
		t := toks[n-1].text
		trailing = t[len(strings.TrimRightFunc(t, unicode.IsSpace)):]
	}
	return lead, trailing
}

// decodeBlock reads the engine's reply to one block (its stream, up to
// the NUL) and returns the block's markup as tf-inject writes it.
func decodeBlock(reply string, enc blockEncoding) string {
	toks := parseReply(reply)
	toks = trimTokens(toks)
	toks = cleanupStyles(toks)
	var b strings.Builder
	b.Grow(len(reply) + 32)
	b.WriteString(enc.lead)
	if enc.wrap != "" {
		b.WriteString(`<span id="` + html.EscapeString(enc.wrap) + `">`)
	}
	var open []int // spans opened per open token
	for _, t := range toks {
		switch t.kind {
		case 't':
			b.WriteString(html.EscapeString(t.text))
		case 'o':
			ids := strings.Split(t.text, ";")
			for _, id := range ids {
				b.WriteString(`<span id="` + html.EscapeString(id) + `">`)
			}
			open = append(open, len(ids))
		case 'c':
			if n := len(open); n > 0 {
				b.WriteString(strings.Repeat("</span>", open[n-1]))
				open = open[:n-1]
			}
		}
	}
	for _, n := range open {
		b.WriteString(strings.Repeat("</span>", n))
	}
	if enc.wrap != "" {
		b.WriteString("</span>")
	}
	b.WriteString(enc.trailing)
	return b.String()
}

// parseReply reads a block of the engine's stream as Transfuse's
// ApertiumStream::get_block does: escapes undone, superblanks dropped
// (their content kept, except the block id), word-bound blanks turned
// into opens and closes of their t: tags, the ".[]" terminator removed.
func parseReply(s string) []token {
	var out []token
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			out = append(out, token{kind: 't', text: text.String()})
			text.Reset()
		}
	}
	open := false // the last word-bound blank opened tags
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			text.WriteByte(s[i])
		case c == 0:
			i = len(s)
		case c == '[':
			end, blank := readBlank(s, i)
			i = end - 1
			switch {
			case !strings.HasSuffix(blank, "]"):
				text.WriteString(blank[1:]) // unterminated: text
			case strings.HasPrefix(blank, "[[/]]"):
				if open {
					flush()
					out = append(out, token{kind: 'c'})
				}
			case strings.HasPrefix(blank, "[[") && strings.HasSuffix(blank, "]]") && len(blank) >= 4:
				var ids []string
				for _, part := range strings.Split(blank[2:len(blank)-2], ";") {
					part = strings.Trim(part, "; ")
					if id, ok := strings.CutPrefix(part, "t:span:"); ok && !slices.Contains(ids, id) {
						ids = append(ids, id)
					}
				}
				open = len(ids) > 0
				if open {
					flush()
					out = append(out, token{kind: 'o', text: strings.Join(ids, ";")})
				}
			case strings.Contains(blank, "[tf-block:"):
			case blank == "[]":
				if t := text.String(); strings.HasSuffix(t, ".") {
					text.Reset()
					text.WriteString(t[:len(t)-1])
				}
			default:
				text.WriteString(blank[1 : len(blank)-1])
			}
		default:
			text.WriteByte(c)
		}
	}
	flush()
	return joinText(out)
}

// readBlank reads the blank at s[i] ('['): a superblank [ … ] or a
// word-bound blank [[ … ]], escapes kept undone. It returns the index past
// it and its text, unescaped.
func readBlank(s string, i int) (int, string) {
	var b strings.Builder
	depth := 0
	wb := strings.HasPrefix(s[i:], "[[")
	for ; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			i++
			b.WriteByte(s[i])
			continue
		}
		if c == 0 {
			return i, b.String()
		}
		b.WriteByte(c)
		switch c {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 || !wb {
				return i + 1, b.String()
			}
		}
	}
	return i, b.String()
}

// trimTokens removes the block's outer white space (tf-inject's trim).
func trimTokens(toks []token) []token {
	for len(toks) > 0 && toks[0].kind == 't' {
		toks[0].text = strings.TrimLeftFunc(toks[0].text, unicode.IsSpace)
		if toks[0].text != "" {
			break
		}
		toks = toks[1:]
	}
	for n := len(toks); n > 0 && toks[n-1].kind == 't'; n = len(toks) {
		toks[n-1].text = strings.TrimRightFunc(toks[n-1].text, unicode.IsSpace)
		if toks[n-1].text != "" {
			break
		}
		toks = toks[:n-1]
	}
	return toks
}

// cleanupStyles is Transfuse's cleanup_styles on a block's tokens, to a
// fixed point: identical spans with only space between them merged,
// perfectly nested spans joined into one set, a span extended over the
// rest of a word it cuts, space moved out of a span.
func cleanupStyles(toks []token) []token {
	for changed := true; changed; {
		changed = false
		for _, step := range []func([]token) ([]token, bool){mergeSpans, mergeNested, alphaPrefix, alphaSuffix, spacePrefix, spaceSuffix, mergeSpans} {
			var did bool
			toks, did = step(toks)
			toks = joinText(toks)
			changed = changed || did
		}
	}
	return toks
}

// mergeSpans: open X, text, close, space only, open X → open X, text and
// space, the second span's content.
func mergeSpans(toks []token) ([]token, bool) {
	did := false
	for i := 0; i+3 < len(toks); i++ {
		if toks[i].kind != 'o' || toks[i+1].kind != 't' || toks[i+2].kind != 'c' {
			continue
		}
		j, space := i+3, ""
		if toks[j].kind == 't' {
			if strings.TrimFunc(toks[j].text, isSpace) != "" {
				continue
			}
			space, j = toks[j].text, j+1
		}
		if j >= len(toks) || toks[j].kind != 'o' || toks[j].text != toks[i].text {
			continue
		}
		merged := append([]token{}, toks[:i+1]...)
		merged = append(merged, token{kind: 't', text: toks[i+1].text + space})
		toks = append(merged, toks[j+1:]...)
		did = true
		i-- // the merged span may merge again with the next
		if i < -1 {
			i = -1
		}
	}
	return toks, did
}

// mergeNested: open A, open B, text, close, close → open A;B, text, close.
func mergeNested(toks []token) ([]token, bool) {
	did := false
	for i := 0; i+4 < len(toks); i++ {
		if toks[i].kind == 'o' && toks[i+1].kind == 'o' && toks[i+2].kind == 't' && toks[i+3].kind == 'c' && toks[i+4].kind == 'c' {
			toks[i].text = strings.Trim(toks[i].text, "; ") + ";" + strings.Trim(toks[i+1].text, "; ")
			toks = append(toks[:i+1], append([]token{toks[i+2], toks[i+3]}, toks[i+5:]...)...)
			did = true
		}
	}
	return toks, did
}

// alphaPrefix: a letter, then a span that starts with letters: the word's
// start before the span moves inside it.
func alphaPrefix(toks []token) ([]token, bool) {
	did := false
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].kind != 'o' || toks[i-1].kind != 't' || toks[i+1].kind != 't' {
			continue
		}
		before, after := toks[i-1].text, toks[i+1].text
		if !cutsWord(before, after) {
			continue
		}
		start := len(before)
		for start > 0 {
			r, n := utf8.DecodeLastRuneInString(before[:start])
			if !wordRune(r) {
				break
			}
			start -= n
		}
		toks[i-1].text = before[:start]
		toks[i+1].text = before[start:] + after
		did = true
	}
	return toks, did
}

// alphaSuffix: a span that ends with a letter, then a word: the word's end
// moves inside the span.
func alphaSuffix(toks []token) ([]token, bool) {
	did := false
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].kind != 'c' || toks[i-1].kind != 't' || toks[i+1].kind != 't' {
			continue
		}
		before, after := toks[i-1].text, toks[i+1].text
		if !cutsWord(before, after) {
			continue
		}
		end := 0
		for j, r := range after {
			if !wordRune(r) {
				break
			}
			end = j + utf8.RuneLen(r)
		}
		toks[i-1].text = before + after[:end]
		toks[i+1].text = after[end:]
		did = true
	}
	return toks, did
}

// cutsWord reports whether a span's edge between before and after cuts a
// word: a letter (or mark) before it, a letter after it.
func cutsWord(before, after string) bool {
	last, _ := utf8.DecodeLastRuneInString(before)
	first, _ := utf8.DecodeRuneInString(after)
	return (unicode.IsLetter(last) || unicode.Is(unicode.M, last)) && unicode.IsLetter(first)
}

// wordRune reports whether r belongs to the word a span cuts.
func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// spacePrefix: space at the start of a span moves before it.
func spacePrefix(toks []token) ([]token, bool) {
	did := false
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].kind != 'o' || toks[i+1].kind != 't' {
			continue
		}
		t := toks[i+1].text
		rest := strings.TrimLeftFunc(t, isSpace)
		if rest == t {
			continue
		}
		space := t[:len(t)-len(rest)]
		toks[i+1].text = rest
		if i > 0 && toks[i-1].kind == 't' {
			toks[i-1].text += space
		} else {
			toks = append(toks[:i], append([]token{{kind: 't', text: space}}, toks[i:]...)...)
			i++
		}
		did = true
	}
	return toks, did
}

// spaceSuffix: space at the end of a span moves after it.
func spaceSuffix(toks []token) ([]token, bool) {
	did := false
	for i := 1; i < len(toks); i++ {
		if toks[i].kind != 'c' || toks[i-1].kind != 't' {
			continue
		}
		t := toks[i-1].text
		rest := strings.TrimRightFunc(t, isSpace)
		if rest == t {
			continue
		}
		space := t[len(rest):]
		toks[i-1].text = rest
		if i+1 < len(toks) && toks[i+1].kind == 't' {
			toks[i+1].text = space + toks[i+1].text
		} else {
			toks = append(toks[:i+1], append([]token{{kind: 't', text: space}}, toks[i+1:]...)...)
		}
		did = true
	}
	return toks, did
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) }
