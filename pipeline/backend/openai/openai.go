package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/secret"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/batch"
	"github.com/locpipe/locpipe/pipeline/backend/internal/httpx"
	"github.com/locpipe/locpipe/pipeline/backend/placeholder"
)

// Environment variables holding the API key, in order of preference.
const (
	EnvKey       = "LOCPIPE_OPENAI_API_KEY"
	EnvKeyOpenAI = "OPENAI_API_KEY"
)

// DefaultURL is the API base used when no url is set.
const DefaultURL = "https://api.openai.com/v1"

// Translator is the chat-completion engine.
type Translator struct {
	base        string
	key         string
	model       string
	temperature float64
	jsonMode    bool
	gloss       *glossary.Glossary
	client      *httpx.Client
	limits      batch.Limits
}

var (
	_ backend.Translator = (*Translator)(nil)
	_ backend.Pinger     = (*Translator)(nil)
	_ backend.Describer  = (*Translator)(nil)
)

// New is the engine's factory.
func New(p backend.Params) (backend.Translator, error) {
	var o options
	if err := backend.Decode(Options, p.Options, &o); err != nil {
		return nil, err
	}
	t := &Translator{base: strings.TrimRight(o.URL, "/"), model: o.Model, key: httpx.Key(o.APIKey, EnvKey, EnvKeyOpenAI),
		jsonMode: o.JSONMode, gloss: p.Glossary}
	if t.base == "" {
		t.base = DefaultURL
	}
	if u, err := url.Parse(t.base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("option url: %q is not an http(s) URL", secret.URL(t.base))
	}
	if t.model == "" {
		return nil, errors.New("option model is required (the model name the server serves)")
	}
	if o.Temperature < 0 || o.Temperature > 2 {
		return nil, fmt.Errorf("option temperature: %v is not a number from 0 to 2", o.Temperature)
	}
	t.temperature = o.Temperature
	cfg, err := o.Config("openai", p.Logger)
	if err != nil {
		return nil, err
	}
	if t.key != "" {
		cfg.Secrets = append(cfg.Secrets, t.key)
	}
	t.limits.MaxSegments, t.limits.MaxBytes = o.MaxSegments, o.MaxBytes
	t.client = httpx.New(cfg)
	t.limits.Concurrency = t.client.Concurrency()
	return t, nil
}

// Capabilities implements backend.Describer.
func (t *Translator) Capabilities() backend.Capabilities {
	return backend.Capabilities{MaxSegments: t.limits.MaxSegments, MaxBytes: t.limits.MaxBytes,
		Concurrency: t.limits.Concurrency, Glossary: t.gloss != nil}
}

func (t *Translator) header() http.Header {
	h := http.Header{"Content-Type": {"application/json"}, "Accept": {"application/json"}}
	if t.key != "" {
		h.Set("Authorization", "Bearer "+t.key)
	}
	return h
}

func errorMessage(body []byte) string {
	var e struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(body, &e) != nil || e.Error == nil {
		return ""
	}
	var obj struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(e.Error, &obj) == nil && obj.Message != "" {
		return obj.Message
	}
	var s string
	if json.Unmarshal(e.Error, &s) == nil { // Ollama and some proxies: "error": "…"
		return s
	}
	return ""
}

type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type chatRequest struct {
	Model          string            `json:"model"`
	Messages       []message         `json:"messages"`
	Temperature    float64           `json:"temperature"`
	ResponseFormat map[string]string `json:"response_format,omitempty"`
	Stream         bool              `json:"stream"`
}

type chatReply struct {
	Choices []struct {
		Message struct {
			Content *string `json:"content"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
}

func name(t language.Tag) string {
	if n := display.English.Tags().Name(t); n != "" {
		return n + " (" + t.String() + ")"
	}
	return t.String()
}

// Prompt is the system prompt for src→tgt with the glossary g (nil: none).
func Prompt(src, tgt language.Tag, g *glossary.Glossary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "You are a professional news translator. Translate each segment from %s to %s.\n", name(src), name(tgt))
	b.WriteString(`Rules:
- Tokens written ⟦c0⟧, ⟦c1⟧, … (markup) and ⟦t0⟧, ⟦t1⟧, … (protected names and terms) are placeholders. Copy every token exactly as written, exactly once, at the place where it belongs in the translation. Never translate, alter, add, merge or drop a token.
- A segment's "names" say which name each ⟦t…⟧ token stands for: write the grammar around the token (articles, prepositions, agreement, elision) as that name needs, and keep the token where the name goes.
- Translate the meaning faithfully; add no notes, explanations or quotation marks of your own.
- Reply with one JSON object and nothing else: {"translations":[{"id":"1","text":"…"}, …]}, one entry per input segment, with the same ids.
`)
	if terms := Entries(g, src, tgt); len(terms) > 0 {
		b.WriteString("Glossary: always write these terms as given on the right.\n")
		for _, e := range terms {
			b.WriteString("- " + e + "\n")
		}
	}
	return b.String()
}

// MaxGlossaryEntries bounds the glossary lines a prompt carries.
const MaxGlossaryEntries = 200

// Entries lists the glossary as prompt lines "source terms → target term".
func Entries(g *glossary.Glossary, src, tgt language.Tag) []string {
	if g == nil {
		return nil
	}
	var out []string
	for _, c := range g.Concepts {
		s, ok1 := c.TermsFor(src)
		d, ok2 := c.TermsFor(tgt)
		if !ok1 || !ok2 || len(out) >= MaxGlossaryEntries {
			continue
		}
		terms := append(append([]string{s.Preferred}, s.Admitted...), s.Deprecated...)
		out = append(out, strings.Join(terms, ", ")+" → "+d.Preferred)
	}
	return out
}

// Translate implements backend.Translator.
func (t *Translator) Translate(ctx context.Context, req backend.Request) ([]backend.Translation, error) {
	if len(req.Segments) == 0 {
		return nil, nil
	}
	prompt := Prompt(req.Source, req.Target, t.gloss)
	size := func(s backend.Segment) int { return len(placeholder.ToTokens(s.Text)) + 24 }
	return batch.Run(ctx, req.Segments, t.limits, size, func(ctx context.Context, segs []backend.Segment) ([]backend.Translation, error) {
		return t.chunk(ctx, prompt, segs)
	})
}

func (t *Translator) chunk(ctx context.Context, prompt string, segs []backend.Segment) ([]backend.Translation, error) {
	// The model is told which name each ⟦tN⟧ token stands for, so that
	// the sentence's grammar fits the name (Segment.Terms).
	type segment struct {
		ID    string            `json:"id"`
		Text  string            `json:"text"`
		Names map[string]string `json:"names,omitempty"`
	}
	items := make([]segment, len(segs))
	src := make([]string, len(segs))
	for i, s := range segs {
		items[i] = segment{ID: strconv.Itoa(i + 1), Text: placeholder.ToTokens(s.Text)}
		for r, name := range s.Terms {
			if items[i].Names == nil {
				items[i].Names = map[string]string{}
			}
			items[i].Names[placeholder.ToTokens(string(r))] = name
		}
		src[i] = s.Text
	}
	user, err := json.Marshal(map[string]any{"segments": items})
	if err != nil {
		return nil, err
	}
	body := chatRequest{Model: t.model, Temperature: t.temperature,
		Messages: []message{{Role: "system", Content: prompt}, {Role: "user", Content: string(user)}}}
	if t.jsonMode {
		body.ResponseFormat = map[string]string{"type": "json_object"}
	}
	data, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	var texts []string
	repair := false
	attempt := 0
	err = t.client.Do(ctx, httpx.Request{
		Method: http.MethodPost,
		URL:    t.base + "/chat/completions",
		Header: t.header(),
		Body:   data,
		Decode: func(b []byte) error {
			attempt++
			var r chatReply
			if err := json.Unmarshal(b, &r); err != nil {
				return err
			}
			if len(r.Choices) == 0 || r.Choices[0].Message.Content == nil {
				return errors.New("no choices[0].message.content")
			}
			if fr := r.Choices[0].FinishReason; fr == "length" {
				return fmt.Errorf("%w: cut off at the token limit (finish_reason length)", ErrReply)
			}
			out, err := ParseReply(*r.Choices[0].Message.Content, src)
			if errors.Is(err, ErrPlaceholders) && attempt >= t.client.MaxTries() {
				texts, repair = out, true // the last chance: keep it, repaired
				return nil
			}
			if err != nil {
				return err
			}
			texts = out
			return nil
		},
		ErrorMessage: errorMessage,
	})
	if err != nil {
		return nil, fmt.Errorf("openai: %w", err)
	}
	res := make([]backend.Translation, len(segs))
	for i := range segs {
		res[i].Text = texts[i]
		if repair {
			res[i].Text, res[i].Warnings = placeholder.Repair(src[i], texts[i])
		}
		res[i].Text = placeholder.KeepSpace(src[i], res[i].Text)
	}
	return res, nil
}

// Ping implements backend.Pinger: GET /models.
func (t *Translator) Ping(ctx context.Context) error {
	err := t.client.Do(ctx, httpx.Request{Method: http.MethodGet, URL: t.base + "/models", Header: t.header(), Tries: 2, ErrorMessage: errorMessage})
	if err != nil {
		return fmt.Errorf("openai: %w", err)
	}
	return nil
}
