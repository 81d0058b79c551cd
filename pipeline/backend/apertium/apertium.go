package apertium

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

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
	queue    *apyQueue // APy: merges waiting chunks into one request
	limits   batch.Limits

	// persistent keeps each mode's pipeline running (proc.go): asked for,
	// and the command is Debian's apertium with its tools (strict); timeout
	// bounds how long the head of a pipeline's queue may wait for a reply.
	persistent bool
	timeout    time.Duration

	mu     sync.Mutex
	modes  []string         // installed modes, cached after the first listing
	pools  map[string]*pool // running pipelines per mode
	closed bool
}

var (
	_ backend.Translator = (*Translator)(nil)
	_ backend.Pairer     = (*Translator)(nil)
	_ backend.Pinger     = (*Translator)(nil)
	_ backend.Describer  = (*Translator)(nil)
	_ io.Closer          = (*Translator)(nil)
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
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultCommandMaxBytes
		if t.base != "" {
			o.MaxBytes = DefaultAPyMaxBytes
		}
	}
	t.limits = batch.Limits{MaxBytes: o.MaxBytes, Concurrency: o.Concurrency}
	t.persistent = o.Persistent && t.base == "" && t.strict()
	t.timeout = o.Timeout
	if t.base != "" {
		if u, err := url.Parse(t.base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("option url: %q is not an http(s) URL", secret.URL(t.base))
		}
		cfg, err := o.Config("apertium", p.Logger)
		if err != nil {
			return nil, err
		}
		t.client = httpx.New(cfg)
		t.queue = &apyQueue{limit: t.client.Concurrency(), maxBytes: t.limits.MaxBytes, send: t.chunk}
	}
	return t, nil
}

// Capabilities implements backend.Describer.
func (t *Translator) Capabilities() backend.Capabilities {
	c := backend.Capabilities{Markup: true, MaxBytes: t.limits.MaxBytes, Concurrency: t.limits.Concurrency}
	if t.persistent {
		c.BatchBytes = t.limits.MaxBytes
	}
	return c
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
	base, _ := req.Source.Base()
	english := base.String() == "en"
	size := func(s backend.Segment) int { return len(s.Text) + 16 }
	return batch.Run(ctx, req.Segments, t.limits, size, func(ctx context.Context, segs []backend.Segment) ([]backend.Translation, error) {
		if t.queue != nil {
			n := 0
			for _, s := range segs {
				n += size(s)
			}
			return t.queue.do(ctx, mode, english, segs, n)
		}
		return t.chunk(ctx, mode, english, segs)
	})
}

// chunk translates one batch in one call and decodes it. Each segment is
// one block; names and inline codes travel inline (placeholder.ToInline),
// so that the engine's grammar runs across them.
//
// An English possessive after a name goes as an of-genitive
// (placeholder.Genitive): eng-cat glues "Kiev's" into "Kíevha".
func (t *Translator) chunk(ctx context.Context, mode string, english bool, segs []backend.Segment) ([]backend.Translation, error) {
	// Transfuse (the command's -f html) keeps inline elements with their
	// words; APy's html deformatter moves them and adds spaces, so there
	// names go bare (TestFidelity measures both).
	io := placeholder.InlineOptions{BareTerms: t.base != ""}
	enc := make([]string, len(segs))
	sent := make([]backend.Segment, len(segs))
	for i, s := range segs {
		if english {
			s = placeholder.Genitive(s)
		}
		sent[i] = s
		enc[i] = placeholder.ToInline(s, io)
	}
	blocks, found, err := t.send(ctx, mode, enc)
	if err != nil {
		return nil, err
	}
	res := make([]backend.Translation, len(segs))
	for i, s := range segs {
		if !found[i] {
			res[i].Err = fmt.Errorf("apertium: segment %s missing from the engine's output", s.ID)
			continue
		}
		text, warnings := placeholder.FromInline(sent[i], blocks[i], io)
		text, unknown, generation := stripMarks(s.Text, text)
		for _, w := range generation {
			warnings = append(warnings, fmt.Sprintf("apertium could not generate %q (marked #): check the word", w))
		}
		text, w := placeholder.Repair(s.Text, text)
		warnings = append(warnings, w...)
		res[i] = backend.Translation{Text: placeholder.KeepSpace(s.Text, text), Unknown: unknown, Warnings: warnings}
	}
	return res, nil
}

// send translates the blocks' inline markup and returns the markup of
// each reply block.
func (t *Translator) send(ctx context.Context, mode string, enc []string) ([]string, []bool, error) {
	if t.persistent {
		pl, err := t.pool(ctx, mode)
		if err != nil {
			return nil, nil, err
		}
		return persistentSend(ctx, pl, enc)
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
		return nil, nil, err
	}
	blocks, found := placeholder.Blocks(out, len(enc))
	return blocks, found, nil
}

// persistentSend encodes the blocks as Transfuse does, sends them through
// the mode's running pipeline and decodes the replies.
func persistentSend(ctx context.Context, pl *pool, enc []string) ([]string, []bool, error) {
	streams := make([]string, len(enc))
	encs := make([]blockEncoding, len(enc))
	for i, e := range enc {
		encs[i] = encodeBlock(i+1, e)
		streams[i] = encs[i].stream
	}
	// Each reply holds its block's id: a stage that crashed makes the
	// others flush what they hold and end, which is no reply.
	check := func(i int, reply string) bool { return strings.Contains(reply, "[tf-block:"+strconv.Itoa(i+1)+"]") }
	replies, err := pl.translate(ctx, streams, check)
	if err != nil {
		return nil, nil, err
	}
	blocks := make([]string, len(enc))
	found := make([]bool, len(enc))
	for i := range replies {
		blocks[i], found[i] = decodeBlock(replies[i], encs[i]), true
	}
	return blocks, found, nil
}

// pool returns the running pipelines of mode, made on first use.
func (t *Translator) pool(ctx context.Context, mode string) (*pool, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return nil, ErrClosed
	}
	if pl := t.pools[mode]; pl != nil {
		return pl, nil
	}
	stages, err := modeStages(ctx, filepath.Join(t.modesDir, mode+".mode"))
	if err != nil {
		return nil, err
	}
	if t.pools == nil {
		t.pools = map[string]*pool{}
	}
	pl := &pool{mode: mode, stages: stages, size: max(t.limits.Concurrency, 1), timeout: t.timeout}
	t.pools[mode] = pl
	return pl, nil
}

// Close stops the running pipelines and waits for them to end. A closed
// Translator refuses further requests to the persistent command.
func (t *Translator) Close() error {
	t.mu.Lock()
	t.closed = true
	pools := t.pools
	t.pools = nil
	t.mu.Unlock()
	for _, pl := range pools {
		pl.close()
	}
	return nil
}

// strictScript runs what `apertium -f html MODE` runs (Transfuse around the
// mode's pipeline) with pipefail at both levels: the apertium script runs
// the mode's pipeline in a shell without it, so a stage that crashes (Debian's
// rus-ukr tagger) is lost there and Transfuse writes the source back with
// exit status 0. $1 is the mode file; -g marks unknown words.
const strictScript = `set -o pipefail; tf-extract -f html | bash -o pipefail <(apertium-wblank-mode -z "$1") -g "" | tf-inject`

// strict reports whether the command can run through strictScript: the
// configured binary is Debian's apertium and the tools it uses are there.
func (t *Translator) strict() bool {
	if t.binary != "apertium" {
		return false
	}
	for _, tool := range []string{"bash", "tf-extract", "tf-inject", "apertium-wblank-mode"} {
		if _, err := exec.LookPath(tool); err != nil {
			return false
		}
	}
	return true
}

func (t *Translator) runCommand(ctx context.Context, mode, doc string) (string, error) {
	var cmd *exec.Cmd
	if t.strict() {
		cmd = exec.CommandContext(ctx, "bash", "-c", strictScript, "apertium", filepath.Join(t.modesDir, mode+".mode"))
	} else {
		args := []string{"-f", "html"}
		if t.modesDir != DefaultModesDir {
			// apertium -d wants the directory that holds modes/.
			args = append(args, "-d", dataDir(t.modesDir))
		}
		cmd = exec.CommandContext(ctx, t.binary, append(args, mode)...)
	}
	cmd.Stdin = strings.NewReader(doc)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", context.Cause(ctx)
		}
		return "", fmt.Errorf("apertium %s failed (%v): %s", mode, err, crashLine(stderr.String()))
	}
	return stdout.String(), nil
}

// dataDir is the directory apertium -d takes for a modes directory: its
// parent when it is called modes, as Debian and apertium's own installs
// lay it out (DIR/modes/eng-spa.mode).
func dataDir(modes string) string {
	if filepath.Base(modes) == "modes" {
		return filepath.Dir(modes)
	}
	return modes
}

// crashLine picks the line of a failed pipeline's stderr that says what
// failed (bash reports "Segmentation fault | apertium-tagger …").
func crashLine(stderr string) string {
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for _, l := range lines {
		for _, sig := range []string{"Segmentation fault", "Aborted", "Killed", "core dumped", "Error", "error"} {
			if strings.Contains(l, sig) {
				return strings.Join(strings.Fields(l), " ")
			}
		}
	}
	if len(lines) > 0 {
		return strings.Join(strings.Fields(lines[len(lines)-1]), " ")
	}
	return ""
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
