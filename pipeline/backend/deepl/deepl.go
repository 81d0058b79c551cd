package deepl

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/secret"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/batch"
	"github.com/locpipe/locpipe/pipeline/backend/internal/httpx"
	"github.com/locpipe/locpipe/pipeline/backend/placeholder"
)

// Environment variables holding the API key, in order of preference.
const (
	EnvKey      = "LOCPIPE_DEEPL_API_KEY"
	EnvKeyDeepL = "DEEPL_AUTH_KEY"
)

// ErrNoKey is returned by New when no API key is configured.
var ErrNoKey = errors.New("deepl: no API key: set deepl.api_key, $" + EnvKey + " or $" + EnvKeyDeepL)

// Formalities DeepL accepts.
var formalities = map[string]bool{"": true, "default": true, "more": true, "less": true, "prefer_more": true, "prefer_less": true}

// Translator is the DeepL engine.
type Translator struct {
	base       string
	key        string
	formality  string
	glossaryID string
	gloss      *glossary.Glossary
	client     *httpx.Client
	limits     batch.Limits
	log        *slog.Logger

	mu        sync.Mutex
	glossbyPr map[string]string // "en|es" → DeepL glossary id ("" when it could not be made)
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
	key := httpx.Key(o.APIKey, EnvKey, EnvKeyDeepL)
	if key == "" {
		return nil, ErrNoKey
	}
	base := strings.TrimRight(o.URL, "/")
	if base == "" {
		base = "https://api.deepl.com"
		if strings.HasSuffix(key, ":fx") {
			base = "https://api-free.deepl.com"
		}
	}
	base = strings.TrimSuffix(base, "/v2")
	if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("option url: %q is not an http(s) URL", secret.URL(base))
	}
	t := &Translator{base: base, key: key, formality: o.Formality, glossaryID: o.GlossaryID, gloss: p.Glossary, glossbyPr: map[string]string{}}
	if !formalities[t.formality] {
		return nil, fmt.Errorf("option formality: %q is not one of default, more, less, prefer_more, prefer_less", t.formality)
	}
	cfg, err := o.Config("deepl", p.Logger)
	if err != nil {
		return nil, err
	}
	cfg.Secrets = append(cfg.Secrets, key)
	t.log = p.Log()
	t.limits.MaxSegments, t.limits.MaxBytes = o.MaxSegments, o.MaxBytes
	t.client = httpx.New(cfg)
	t.limits.Concurrency = t.client.Concurrency()
	return t, nil
}

// Capabilities implements backend.Describer.
func (t *Translator) Capabilities() backend.Capabilities {
	return backend.Capabilities{Markup: true, MaxSegments: t.limits.MaxSegments, MaxBytes: t.limits.MaxBytes,
		Concurrency: t.limits.Concurrency, Glossary: true}
}

// SourceCode is DeepL's source_lang for a tag: the base language, upper case.
func SourceCode(t language.Tag) string {
	b, _ := t.Base()
	return strings.ToUpper(b.String())
}

// TargetCode is DeepL's target_lang for a tag: EN-GB/EN-US, PT-PT/PT-BR,
// ZH-HANS/ZH-HANT, otherwise the base language, upper case.
func TargetCode(t language.Tag) string {
	b, _ := t.Base()
	r, rconf := t.Region()
	switch b.String() {
	case "en":
		if rconf == language.Exact && r.String() != "US" {
			return "EN-GB"
		}
		return "EN-US"
	case "pt":
		if rconf == language.Exact && r.String() == "BR" {
			return "PT-BR"
		}
		return "PT-PT"
	case "zh":
		if s, _ := t.Script(); s.String() == "Hant" {
			return "ZH-HANT"
		}
		return "ZH-HANS"
	}
	return strings.ToUpper(b.String())
}

func (t *Translator) header() http.Header {
	return http.Header{
		"Authorization": {"DeepL-Auth-Key " + t.key},
		"Content-Type":  {"application/json"},
		"Accept":        {"application/json"},
	}
}

func errorMessage(body []byte) string {
	var e struct {
		Message string `json:"message"`
		Detail  string `json:"detail"`
	}
	if json.Unmarshal(body, &e) == nil && e.Message != "" {
		return strings.TrimSpace(e.Message + " " + e.Detail)
	}
	return ""
}

type request struct {
	Text        []string `json:"text"`
	SourceLang  string   `json:"source_lang,omitempty"`
	TargetLang  string   `json:"target_lang"`
	TagHandling string   `json:"tag_handling"`
	IgnoreTags  []string `json:"ignore_tags"`
	Formality   string   `json:"formality,omitempty"`
	GlossaryID  string   `json:"glossary_id,omitempty"`
}

type reply struct {
	Translations []struct {
		DetectedSourceLanguage string  `json:"detected_source_language"`
		Text                   *string `json:"text"`
	} `json:"translations"`
}

// Translate implements backend.Translator.
func (t *Translator) Translate(ctx context.Context, req backend.Request) ([]backend.Translation, error) {
	if len(req.Segments) == 0 {
		return nil, nil
	}
	gid := t.glossaryFor(ctx, req.Source, req.Target)
	size := func(s backend.Segment) int { return len(placeholder.ToMarkup(s.Text)) + 4 }
	return batch.Run(ctx, req.Segments, t.limits, size, func(ctx context.Context, segs []backend.Segment) ([]backend.Translation, error) {
		return t.chunk(ctx, req.Source, req.Target, gid, segs)
	})
}

func (t *Translator) chunk(ctx context.Context, src, tgt language.Tag, gid string, segs []backend.Segment) ([]backend.Translation, error) {
	body := request{SourceLang: SourceCode(src), TargetLang: TargetCode(tgt), TagHandling: "xml",
		IgnoreTags: []string{placeholder.Tag}, GlossaryID: gid}
	if t.formality != "default" {
		body.Formality = t.formality
	}
	for _, s := range segs {
		body.Text = append(body.Text, placeholder.ToMarkup(s.Text))
	}
	data, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	var texts []string
	err = t.client.Do(ctx, httpx.Request{
		Method: http.MethodPost,
		URL:    t.base + "/v2/translate",
		Header: t.header(),
		Body:   data,
		Decode: func(b []byte) error {
			var r reply
			if err := json.Unmarshal(b, &r); err != nil {
				return err
			}
			if len(r.Translations) != len(segs) {
				return fmt.Errorf("%d translations for %d texts", len(r.Translations), len(segs))
			}
			texts = texts[:0]
			for i, tr := range r.Translations {
				if tr.Text == nil {
					return fmt.Errorf("translation %d has no text", i)
				}
				texts = append(texts, *tr.Text)
			}
			return nil
		},
		ErrorMessage: errorMessage,
	})
	if err != nil {
		return nil, fmt.Errorf("deepl: %w", err)
	}
	out := make([]backend.Translation, len(segs))
	for i, s := range segs {
		text, warnings := placeholder.DecodeMarkup(s.Text, texts[i])
		out[i] = backend.Translation{Text: text, Warnings: warnings}
	}
	return out, nil
}

// Entries returns the DeepL glossary entries (TSV) for src→tgt: every term
// of src (preferred, admitted, deprecated) → the preferred term of tgt, for
// each concept with terms in both. Terms holding a tab or a line break are
// left out; a source term is written once.
func Entries(g *glossary.Glossary, src, tgt language.Tag) string {
	if g == nil {
		return ""
	}
	seen := map[string]bool{}
	var lines []string
	for _, c := range g.Concepts {
		s, ok1 := c.TermsFor(src)
		d, ok2 := c.TermsFor(tgt)
		if !ok1 || !ok2 {
			continue
		}
		terms := append(append([]string{s.Preferred}, s.Admitted...), s.Deprecated...)
		for _, term := range terms {
			term = strings.TrimSpace(term)
			if term == "" || seen[term] || strings.ContainsAny(term+d.Preferred, "\t\r\n") {
				continue
			}
			seen[term] = true
			lines = append(lines, term+"\t"+d.Preferred)
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// glossaryFor returns the DeepL glossary id for the pair: the glossary_id
// option, or the one made from the locpipe glossary's entries for the pair.
// That glossary is named after its content ("locpipe en-de sha256:…"): a
// run finds it again by name in the account's glossary list and makes it
// only when no glossary has that name, so the account holds one glossary
// per language pair and glossary version, whatever the number of runs; the
// glossaries locpipe made for the pair with other content (older versions)
// are deleted. A glossary DeepL refuses (an unsupported pair) is logged and
// not retried.
func (t *Translator) glossaryFor(ctx context.Context, src, tgt language.Tag) string {
	if t.glossaryID != "" {
		return t.glossaryID
	}
	if t.gloss == nil {
		return ""
	}
	s, d := strings.ToLower(SourceCode(src)), strings.ToLower(strings.SplitN(TargetCode(tgt), "-", 2)[0])
	if s == d {
		return ""
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	pair := s + "|" + d
	if id, ok := t.glossbyPr[pair]; ok {
		return id
	}
	entries := Entries(t.gloss, src, tgt)
	id := ""
	if entries != "" {
		var err error
		id, err = t.ensureGlossary(ctx, s, d, entries)
		if err != nil {
			t.log.Warn("deepl: glossary not created; terms rely on placeholders", "pair", pair, "err", err)
		}
	}
	t.glossbyPr[pair] = id
	return id
}

// GlossaryName is the name of the DeepL glossary locpipe makes for the
// pair src→tgt with these entries: "locpipe src-tgt sha256:<16 hex>" of
// the entries, so that the same content has the same name.
func GlossaryName(src, tgt, entries string) string {
	sum := sha256.Sum256([]byte(entries))
	return glossaryPrefix(src, tgt) + "sha256:" + hex.EncodeToString(sum[:8])
}

func glossaryPrefix(src, tgt string) string { return "locpipe " + src + "-" + tgt + " " }

type glossaryInfo struct {
	GlossaryID string `json:"glossary_id"`
	Name       string `json:"name"`
	Ready      bool   `json:"ready"`
	SourceLang string `json:"source_lang"`
	TargetLang string `json:"target_lang"`
}

// ensureGlossary finds the glossary of this content by name, or makes it,
// and deletes the other versions locpipe made for the pair. Of two made at
// once (two shards), the one with the smaller id is kept.
func (t *Translator) ensureGlossary(ctx context.Context, src, tgt, entries string) (string, error) {
	name := GlossaryName(src, tgt, entries)
	list, err := t.listGlossaries(ctx)
	if err != nil {
		return "", err
	}
	id := ""
	for _, g := range list {
		if g.Name == name && strings.EqualFold(g.SourceLang, src) && strings.EqualFold(g.TargetLang, tgt) && (id == "" || g.GlossaryID < id) {
			id = g.GlossaryID
		}
	}
	if id == "" {
		if id, err = t.createGlossary(ctx, name, src, tgt, entries); err != nil {
			return "", err
		}
		if list, err = t.listGlossaries(ctx); err != nil {
			return id, nil // made; the old versions stay until the next run
		}
		for _, g := range list {
			if g.Name == name && g.GlossaryID < id {
				id = g.GlossaryID // another shard made it first
			}
		}
	}
	prefix := glossaryPrefix(src, tgt)
	for _, g := range list {
		if g.GlossaryID != id && strings.HasPrefix(g.Name, prefix) && strings.HasPrefix(g.Name[len(prefix):], "sha256:") {
			if err := t.deleteGlossary(ctx, g.GlossaryID); err != nil {
				t.log.Warn("deepl: an old locpipe glossary could not be deleted", "name", g.Name, "err", err)
			}
		}
	}
	return id, nil
}

func (t *Translator) listGlossaries(ctx context.Context) ([]glossaryInfo, error) {
	var list []glossaryInfo
	err := t.client.Do(ctx, httpx.Request{
		Method: http.MethodGet,
		URL:    t.base + "/v2/glossaries",
		Header: t.header(),
		Decode: func(b []byte) error {
			var r struct {
				Glossaries []glossaryInfo `json:"glossaries"`
			}
			if err := json.Unmarshal(b, &r); err != nil {
				return err
			}
			list = r.Glossaries
			return nil
		},
		ErrorMessage: errorMessage,
	})
	return list, err
}

func (t *Translator) deleteGlossary(ctx context.Context, id string) error {
	return t.client.Do(ctx, httpx.Request{
		Method:       http.MethodDelete,
		URL:          t.base + "/v2/glossaries/" + url.PathEscape(id),
		Header:       t.header(),
		Decode:       func([]byte) error { return nil },
		ErrorMessage: errorMessage,
	})
}

func (t *Translator) createGlossary(ctx context.Context, name, src, tgt, entries string) (string, error) {
	data, err := json.Marshal(map[string]string{
		"name":           name,
		"source_lang":    src,
		"target_lang":    tgt,
		"entries":        entries,
		"entries_format": "tsv",
	})
	if err != nil {
		return "", err
	}
	var id string
	err = t.client.Do(ctx, httpx.Request{
		Method: http.MethodPost,
		URL:    t.base + "/v2/glossaries",
		Header: t.header(),
		Body:   data,
		Decode: func(b []byte) error {
			var r struct {
				GlossaryID string `json:"glossary_id"`
			}
			if err := json.Unmarshal(b, &r); err != nil {
				return err
			}
			if r.GlossaryID == "" {
				return errors.New("no glossary_id")
			}
			id = r.GlossaryID
			return nil
		},
		ErrorMessage: errorMessage,
	})
	return id, err
}

type lang struct {
	Language string `json:"language"`
}

func (t *Translator) languages(ctx context.Context, typ string) ([]lang, error) {
	var ls []lang
	err := t.client.Do(ctx, httpx.Request{
		Method:       http.MethodGet,
		URL:          t.base + "/v2/languages?type=" + typ,
		Header:       t.header(),
		Tries:        2,
		Decode:       func(b []byte) error { return json.Unmarshal(b, &ls) },
		ErrorMessage: errorMessage,
	})
	if err != nil {
		return nil, fmt.Errorf("deepl: %w", err)
	}
	return ls, nil
}

// Pairs implements backend.Pairer: every source language to every target
// language of another base language.
func (t *Translator) Pairs(ctx context.Context) ([]backend.Pair, error) {
	srcs, err := t.languages(ctx, "source")
	if err != nil {
		return nil, err
	}
	tgts, err := t.languages(ctx, "target")
	if err != nil {
		return nil, err
	}
	var out []backend.Pair
	for _, s := range srcs {
		st, err := language.Parse(s.Language)
		if err != nil {
			continue
		}
		for _, d := range tgts {
			dt, err := language.Parse(d.Language)
			if err != nil {
				continue
			}
			sb, _ := st.Base()
			db, _ := dt.Base()
			if sb != db {
				out = append(out, backend.Pair{Source: st, Target: dt})
			}
		}
	}
	return out, nil
}

// Ping implements backend.Pinger: GET /v2/usage with the key.
func (t *Translator) Ping(ctx context.Context) error {
	err := t.client.Do(ctx, httpx.Request{Method: http.MethodGet, URL: t.base + "/v2/usage", Header: t.header(), Tries: 2, ErrorMessage: errorMessage})
	if err != nil {
		return fmt.Errorf("deepl: %w", err)
	}
	return nil
}
