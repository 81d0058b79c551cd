package libretranslate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/internal/secret"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/batch"
	"github.com/locpipe/locpipe/pipeline/backend/internal/httpx"
	"github.com/locpipe/locpipe/pipeline/backend/placeholder"
)

// EnvKey is the environment variable holding the API key.
const EnvKey = "LOCPIPE_LIBRETRANSLATE_API_KEY"

// Translator is the LibreTranslate engine.
type Translator struct {
	base   string
	key    string
	client *httpx.Client
	limits batch.Limits
}

var (
	_ backend.Translator = (*Translator)(nil)
	_ backend.Pairer     = (*Translator)(nil)
	_ backend.Pinger     = (*Translator)(nil)
	_ backend.Describer  = (*Translator)(nil)
)

// New is the engine's factory.
func New(p backend.Params) (backend.Translator, error) {
	var o options
	if err := backend.Decode(Options, p.Options, &o); err != nil {
		return nil, err
	}
	base := strings.TrimRight(o.URL, "/")
	if base == "" {
		return nil, errors.New("option url is required (the LibreTranslate server, e.g. http://127.0.0.1:5000)")
	}
	if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("option url: %q is not an http(s) URL", secret.URL(base))
	}
	cfg, err := o.Config("libretranslate", p.Logger)
	if err != nil {
		return nil, err
	}
	t := &Translator{base: base, key: httpx.Key(o.APIKey, EnvKey)}
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
	return backend.Capabilities{Markup: true, MaxSegments: t.limits.MaxSegments, MaxBytes: t.limits.MaxBytes, Concurrency: t.limits.Concurrency}
}

// Code is the LibreTranslate language code of a tag: the base language,
// except Chinese scripts (zh-Hant) and Portuguese of Brazil (pt-BR).
func Code(t language.Tag) string {
	b, _ := t.Base()
	switch b.String() {
	case "zh":
		if s, _ := t.Script(); s.String() == "Hant" {
			return "zh-Hant"
		}
		return "zh-Hans"
	case "pt":
		if r, conf := t.Region(); conf == language.Exact && r.String() == "BR" {
			return "pt-BR"
		}
	}
	return b.String()
}

type request struct {
	Q      []string `json:"q"`
	Source string   `json:"source"`
	Target string   `json:"target"`
	Format string   `json:"format"`
	APIKey string   `json:"api_key,omitempty"`
}

type reply struct {
	TranslatedText json.RawMessage `json:"translatedText"`
}

func errorMessage(body []byte) string {
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(body, &e) == nil {
		return e.Error
	}
	return ""
}

// Translate implements backend.Translator.
func (t *Translator) Translate(ctx context.Context, req backend.Request) ([]backend.Translation, error) {
	size := func(s backend.Segment) int { return len(placeholder.ToMarkup(s.Text)) + 4 }
	return batch.Run(ctx, req.Segments, t.limits, size, func(ctx context.Context, segs []backend.Segment) ([]backend.Translation, error) {
		return t.chunk(ctx, req.Source, req.Target, segs)
	})
}

func (t *Translator) chunk(ctx context.Context, src, tgt language.Tag, segs []backend.Segment) ([]backend.Translation, error) {
	body := request{Source: Code(src), Target: Code(tgt), Format: "html", APIKey: t.key}
	// LibreTranslate's html mode unescapes text in its reply: text that
	// reads as markup ("The tag <b>…") would come back as a tag and be
	// lost. It travels as inline codes instead and is written back as is.
	sent := make([]string, len(segs))
	verbs := make([]*placeholder.Verbatim, len(segs))
	for i, s := range segs {
		sent[i], verbs[i] = placeholder.ProtectVerbatim(s.Text, placeholder.LiteralMarkup(s.Text))
		body.Q = append(body.Q, placeholder.ToMarkup(sent[i]))
	}
	data, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	var texts []string
	err = t.client.Do(ctx, httpx.Request{
		Method: http.MethodPost,
		URL:    t.base + "/translate",
		Header: http.Header{"Content-Type": {"application/json"}, "Accept": {"application/json"}},
		Body:   data,
		Decode: func(b []byte) error {
			var r reply
			if err := json.Unmarshal(b, &r); err != nil {
				return err
			}
			texts = nil
			if err := json.Unmarshal(r.TranslatedText, &texts); err != nil {
				return fmt.Errorf("translatedText: %w", err)
			}
			if len(texts) != len(segs) {
				return fmt.Errorf("%d translations for %d segments", len(texts), len(segs))
			}
			return nil
		},
		ErrorMessage: errorMessage,
	})
	if err != nil {
		return nil, fmt.Errorf("libretranslate: %w", err)
	}
	out := make([]backend.Translation, len(segs))
	for i := range segs {
		text, warnings := placeholder.DecodeMarkup(sent[i], texts[i])
		text, w := verbs[i].Restore(text)
		out[i] = backend.Translation{Text: text, Warnings: append(warnings, w...)}
	}
	return out, nil
}

// language is one entry of GET /languages.
type lang struct {
	Code    string   `json:"code"`
	Targets []string `json:"targets"`
}

func (t *Translator) languages(ctx context.Context) ([]lang, error) {
	var ls []lang
	err := t.client.Do(ctx, httpx.Request{
		Method:       http.MethodGet,
		URL:          t.base + "/languages",
		Tries:        2,
		Header:       http.Header{"Accept": {"application/json"}},
		Decode:       func(b []byte) error { return json.Unmarshal(b, &ls) },
		ErrorMessage: errorMessage,
	})
	if err != nil {
		return nil, fmt.Errorf("libretranslate: %w", err)
	}
	return ls, nil
}

// Pairs implements backend.Pairer.
func (t *Translator) Pairs(ctx context.Context) ([]backend.Pair, error) {
	ls, err := t.languages(ctx)
	if err != nil {
		return nil, err
	}
	var out []backend.Pair
	for _, l := range ls {
		s, err := language.Parse(l.Code)
		if err != nil {
			continue
		}
		for _, tc := range l.Targets {
			if tt, err := language.Parse(tc); err == nil && tc != l.Code {
				out = append(out, backend.Pair{Source: s, Target: tt})
			}
		}
	}
	return out, nil
}

// Ping implements backend.Pinger.
func (t *Translator) Ping(ctx context.Context) error {
	_, err := t.languages(ctx)
	return err
}
