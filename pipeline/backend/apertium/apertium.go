package apertium

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/internal/secret"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/batch"
	"github.com/locpipe/locpipe/pipeline/backend/internal/httpx"
	"github.com/locpipe/locpipe/pipeline/backend/placeholder"
)

// Translator is the Apertium engine: the local command or an APy server.
type Translator struct {
	binary   string
	modesDir string
	base     string // APy base URL; "" for the command
	client   *httpx.Client
	limits   batch.Limits

	mu    sync.Mutex
	modes []string // installed modes, cached after the first listing
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
	t := &Translator{
		binary:   o.Binary,
		modesDir: modesDir(o.ModesDir),
		base:     strings.TrimRight(o.URL, "/"),
	}
	if t.binary == "" {
		t.binary = "apertium"
	}
	t.limits = batch.Limits{MaxBytes: o.MaxBytes, Concurrency: o.Concurrency}
	if t.base != "" {
		if u, err := url.Parse(t.base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("option url: %q is not an http(s) URL", secret.URL(t.base))
		}
		cfg, err := o.Config("apertium", p.Logger)
		if err != nil {
			return nil, err
		}
		t.client = httpx.New(cfg)
	}
	return t, nil
}

// Capabilities implements backend.Describer.
func (t *Translator) Capabilities() backend.Capabilities {
	return backend.Capabilities{Markup: true, MaxBytes: t.limits.MaxBytes, Concurrency: t.limits.Concurrency}
}

// Translate implements backend.Translator.
func (t *Translator) Translate(ctx context.Context, req backend.Request) ([]backend.Translation, error) {
	if len(req.Segments) == 0 {
		return nil, nil
	}
	modes, err := t.installed(ctx)
	if err != nil {
		return nil, err
	}
	mode, err := Mode(req.Source, req.Target, modes)
	if err != nil {
		return nil, fmt.Errorf("apertium: %w", err)
	}
	size := func(s backend.Segment) int { return len(s.Text) + 16 }
	return batch.Run(ctx, req.Segments, t.limits, size, func(ctx context.Context, segs []backend.Segment) ([]backend.Translation, error) {
		return t.chunk(ctx, mode, segs)
	})
}

// chunk translates one batch in one call and decodes it.
func (t *Translator) chunk(ctx context.Context, mode string, segs []backend.Segment) ([]backend.Translation, error) {
	enc := make([]string, len(segs))
	for i, s := range segs {
		enc[i] = placeholder.ToMarkup(s.Text)
	}
	doc := placeholder.Frame(enc)
	var out string
	var err error
	if t.base == "" {
		out, err = t.runCommand(ctx, mode, doc)
	} else {
		out, err = t.apy(ctx, mode, doc)
	}
	if err != nil {
		return nil, err
	}
	texts, found := placeholder.Unframe(out, len(segs))
	res := make([]backend.Translation, len(segs))
	for i, s := range segs {
		if !found[i] {
			res[i].Err = fmt.Errorf("apertium: segment %s missing from the engine's output", s.ID)
			continue
		}
		text, unknown := StripMarks(s.Text, texts[i])
		text, warnings := placeholder.Repair(s.Text, text)
		res[i] = backend.Translation{Text: placeholder.KeepSpace(s.Text, text), Unknown: unknown, Warnings: warnings}
	}
	return res, nil
}

func (t *Translator) runCommand(ctx context.Context, mode, doc string) (string, error) {
	args := []string{"-f", "html"}
	if t.modesDir != DefaultModesDir {
		args = append(args, "-d", t.modesDir)
	}
	args = append(args, mode)
	cmd := exec.CommandContext(ctx, t.binary, args...)
	cmd.Stdin = strings.NewReader(doc)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", context.Cause(ctx)
		}
		return "", fmt.Errorf("apertium %s: %w: %s", mode, err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}

// apyReply is APy's /translate answer.
type apyReply struct {
	ResponseData *struct {
		TranslatedText *string `json:"translatedText"`
	} `json:"responseData"`
	ResponseStatus int `json:"responseStatus"`
}

// apyError is APy's error body.
type apyError struct {
	Message     string `json:"message"`
	Explanation string `json:"explanation"`
}

func apyErrorMessage(body []byte) string {
	var e apyError
	if json.Unmarshal(body, &e) == nil && (e.Explanation != "" || e.Message != "") {
		return strings.TrimSpace(e.Message + ": " + e.Explanation)
	}
	return ""
}

func (t *Translator) apy(ctx context.Context, mode, doc string) (string, error) {
	src, tgt, _ := strings.Cut(mode, "-")
	form := url.Values{"langpair": {src + "|" + tgt}, "q": {doc}, "format": {"html"}, "markUnknown": {"yes"}}
	var out string
	err := t.client.Do(ctx, httpx.Request{
		Method: http.MethodPost,
		URL:    t.base + "/translate",
		Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
		Body:   []byte(form.Encode()),
		Decode: func(body []byte) error {
			var r apyReply
			if err := json.Unmarshal(body, &r); err != nil {
				return err
			}
			if r.ResponseData == nil || r.ResponseData.TranslatedText == nil {
				return errors.New("no responseData.translatedText")
			}
			out = *r.ResponseData.TranslatedText
			return nil
		},
		ErrorMessage: apyErrorMessage,
	})
	if err != nil {
		return "", fmt.Errorf("apertium APy: %w", err)
	}
	return out, nil
}

// installed lists the modes available now, once.
func (t *Translator) installed(ctx context.Context) ([]string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.modes != nil {
		return t.modes, nil
	}
	var modes []string
	var err error
	if t.base == "" {
		modes, err = InstalledModes(t.modesDir)
	} else {
		modes, err = t.listPairs(ctx)
	}
	if err != nil {
		return nil, err
	}
	t.modes = modes
	return modes, nil
}

func (t *Translator) listPairs(ctx context.Context) ([]string, error) {
	var modes []string
	err := t.client.Do(ctx, httpx.Request{
		Method: http.MethodGet,
		URL:    t.base + "/listPairs",
		Decode: func(body []byte) error {
			var r struct {
				ResponseData []struct {
					Source string `json:"sourceLanguage"`
					Target string `json:"targetLanguage"`
				} `json:"responseData"`
			}
			if err := json.Unmarshal(body, &r); err != nil {
				return err
			}
			modes = modes[:0]
			for _, p := range r.ResponseData {
				modes = append(modes, p.Source+"-"+p.Target)
			}
			return nil
		},
		ErrorMessage: apyErrorMessage,
	})
	if err != nil {
		return nil, fmt.Errorf("apertium APy: listing pairs: %w", err)
	}
	return modes, nil
}

// Pairs implements backend.Pairer.
func (t *Translator) Pairs(ctx context.Context) ([]backend.Pair, error) {
	modes, err := t.installed(ctx)
	if err != nil {
		return nil, err
	}
	var out []backend.Pair
	for _, m := range modes {
		if p, ok := ParseMode(m); ok {
			out = append(out, p)
		}
	}
	return out, nil
}

// Ping implements backend.Pinger: the command is on PATH and has modes, or
// the server lists its pairs.
func (t *Translator) Ping(ctx context.Context) error {
	if t.base == "" {
		if _, err := exec.LookPath(t.binary); err != nil {
			return fmt.Errorf("apertium: %w (install the Debian package apertium)", err)
		}
	}
	modes, err := t.installed(ctx)
	if err != nil {
		return err
	}
	if len(modes) == 0 {
		return fmt.Errorf("apertium: no language pair installed in %s (install e.g. apertium-eng-spa)", t.modesDir)
	}
	return nil
}

// Tag returns the BCP 47 tag for an Apertium language code (eng → en).
func Tag(code string) (language.Tag, error) { return parseLang(code) }
