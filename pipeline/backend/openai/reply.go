package openai

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/locpipe/locpipe/pipeline/backend/placeholder"
)

// ErrReply is wrapped by every rejection of a model's reply.
var ErrReply = errors.New("openai: unusable model reply")

// ErrPlaceholders is wrapped when a reply is well formed but lost,
// duplicated or invented placeholder tokens.
var ErrPlaceholders = errors.New("openai: placeholders not kept")

type item struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// ParseReply reads a model's reply to the segments src (texts with
// placeholder runes) sent with ids "1".."n". It returns the translations
// with placeholders as runes. The reply must be one JSON object (a Markdown
// code fence around it is tolerated) whose "translations" hold each id
// exactly once with a string text; anything else is ErrReply. A reply that
// fits but does not keep every placeholder exactly once returns the texts
// with ErrPlaceholders, so that the caller may repair them.
func ParseReply(content string, src []string) ([]string, error) {
	s := strings.TrimSpace(content)
	if rest, ok := strings.CutPrefix(s, "```"); ok {
		rest = strings.TrimPrefix(rest, "json")
		body, ok := strings.CutSuffix(strings.TrimSpace(rest), "```")
		if !ok {
			return nil, fmt.Errorf("%w: unterminated code fence", ErrReply)
		}
		s = strings.TrimSpace(body)
	}
	var r struct {
		Translations []json.RawMessage `json:"translations"`
	}
	dec := json.NewDecoder(strings.NewReader(s))
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("%w: not a JSON object: %v", ErrReply, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: text after the JSON object", ErrReply)
	}
	if len(r.Translations) != len(src) {
		return nil, fmt.Errorf("%w: %d translations for %d segments", ErrReply, len(r.Translations), len(src))
	}
	out := make([]string, len(src))
	seen := make([]bool, len(src))
	for _, raw := range r.Translations {
		var it item
		if err := json.Unmarshal(raw, &it); err != nil {
			return nil, fmt.Errorf("%w: translation %s: %v", ErrReply, raw, err)
		}
		n, err := strconv.Atoi(it.ID)
		if err != nil || n < 1 || n > len(src) || seen[n-1] {
			return nil, fmt.Errorf("%w: unexpected or repeated id %q", ErrReply, it.ID)
		}
		seen[n-1] = true
		out[n-1] = placeholder.FromTokens(it.Text)
	}
	var bad []string
	for i := range src {
		if strings.TrimSpace(out[i]) == "" && strings.TrimSpace(src[i]) != "" {
			return nil, fmt.Errorf("%w: empty translation for id %d", ErrReply, i+1)
		}
		if lost, extra := placeholder.Check(src[i], out[i]); len(lost)+len(extra) > 0 {
			bad = append(bad, strconv.Itoa(i+1))
		}
	}
	if bad != nil {
		return out, fmt.Errorf("%w: ids %s", ErrPlaceholders, strings.Join(bad, ", "))
	}
	return out, nil
}
