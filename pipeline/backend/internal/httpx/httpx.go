package httpx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v5"
	"golang.org/x/time/rate"

	"github.com/locpipe/locpipe/internal/secret"
	"github.com/locpipe/locpipe/pipeline/backend"
)

// Sentinel errors callers branch on.
var (
	// ErrTooLarge: the server refused the request for its size (413); the
	// caller should split the batch.
	ErrTooLarge = errors.New("httpx: request too large")
	// ErrAuth: the key is missing or refused (401, 403).
	ErrAuth = errors.New("httpx: not authorized")
	// ErrQuota: the account's quota is used up (DeepL's 456).
	ErrQuota = errors.New("httpx: quota exceeded")
	// ErrMalformed: a 2xx reply the engine's parser rejected.
	ErrMalformed = errors.New("httpx: malformed response")
	// ErrStatus: any other error status.
	ErrStatus = errors.New("httpx: error status")
)

// StatusError is an HTTP error reply.
type StatusError struct {
	Status  int
	Message string // the server's explanation, secrets removed
	kind    error
	after   *backoff.RetryAfterError
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("HTTP %d", e.Status)
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// Unwrap gives the sentinel (ErrAuth, …) and, for errors.As inside the
// retry loop, the server's Retry-After.
func (e *StatusError) Unwrap() []error {
	out := []error{e.kind}
	if e.after != nil {
		out = append(out, e.after)
	}
	return out
}

// Retryable reports whether a status is worth trying again.
func Retryable(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusRequestTimeout ||
		status >= 500 && status != http.StatusNotImplemented && status != http.StatusHTTPVersionNotSupported
}

// Config tunes a Client. Zero values take the defaults.
type Config struct {
	Timeout         time.Duration // per attempt; default 60s
	MaxTries        int           // attempts per request; default 5
	InitialInterval time.Duration // first backoff; default 500ms
	MaxInterval     time.Duration // longest backoff; default 20s
	MaxRetryAfter   time.Duration // longest Retry-After honoured; default 60s
	RPS             float64       // requests per second; 0: unlimited
	Burst           int           // token bucket size; default 1 (or RPS rounded up)
	Concurrency     int           // requests in flight; default 4
	MaxResponse     int64         // bytes read of a reply; default 32 MiB
	Secrets         []string      // values never to appear in errors or logs
	Logger          *slog.Logger  // retries are logged at debug level
	Name            string        // engine name, for logs
	// Transport replaces http.DefaultTransport (tests).
	Transport http.RoundTripper
}

// Options are the settings every HTTP engine declares, with the defaults
// New applies; concurrency is the engine's own default.
func Options(concurrency int) []backend.Option {
	return []backend.Option{
		{Name: "timeout", Default: "60s", Help: "time allowed for one attempt (a Go duration, or seconds)"},
		{Name: "retries", Default: "4", Help: "attempts after the first on 429, 5xx, network errors and malformed replies"},
		{Name: "backoff", Default: "500ms", Help: "first wait between attempts; doubles, with ±50% jitter, up to 20s"},
		{Name: "max_retry_after", Default: "60s", Help: "longest Retry-After wait honoured"},
		{Name: "rps", Default: "0", Help: "requests per second (0: unlimited)"},
		{Name: "burst", Default: "0", Help: "requests sent at once before rps applies (0: rps rounded up)"},
		{Name: "concurrency", Default: strconv.Itoa(concurrency), Help: "requests in flight at once"},
	}
}

// Settings are the decoded Options; engines embed them in their typed
// options struct.
type Settings struct {
	Timeout       time.Duration `option:"timeout"`
	Retries       int           `option:"retries"`
	Backoff       time.Duration `option:"backoff"`
	MaxRetryAfter time.Duration `option:"max_retry_after"`
	RPS           float64       `option:"rps"`
	Burst         int           `option:"burst"`
	Concurrency   int           `option:"concurrency"`
}

// Config returns the client configuration of s for engine name, logging
// to log.
func (s Settings) Config(name string, log *slog.Logger) (Config, error) {
	switch {
	case s.Retries < 0:
		return Config{}, fmt.Errorf("option retries: %d is negative", s.Retries)
	case s.RPS < 0:
		return Config{}, fmt.Errorf("option rps: %v is negative", s.RPS)
	case s.Burst < 0:
		return Config{}, fmt.Errorf("option burst: %d is negative", s.Burst)
	}
	return Config{Name: name, Timeout: s.Timeout, MaxTries: s.Retries + 1, InitialInterval: s.Backoff,
		MaxRetryAfter: s.MaxRetryAfter, RPS: s.RPS, Burst: s.Burst, Concurrency: s.Concurrency, Logger: log}, nil
}

// Client sends requests with the policy of its Config.
type Client struct {
	cfg  Config
	http *http.Client
	lim  *rate.Limiter
	sem  chan struct{}
	log  *slog.Logger
}

// New returns a Client.
func New(cfg Config) *Client {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.MaxTries <= 0 {
		cfg.MaxTries = 5
	}
	if cfg.InitialInterval <= 0 {
		cfg.InitialInterval = 500 * time.Millisecond
	}
	if cfg.MaxInterval <= 0 {
		cfg.MaxInterval = 20 * time.Second
	}
	if cfg.MaxRetryAfter <= 0 {
		cfg.MaxRetryAfter = 60 * time.Second
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 4
	}
	if cfg.MaxResponse <= 0 {
		cfg.MaxResponse = 32 << 20
	}
	lim := rate.NewLimiter(rate.Inf, 1)
	if cfg.RPS > 0 {
		burst := cfg.Burst
		if burst <= 0 {
			burst = max(1, int(cfg.RPS+0.999))
		}
		lim = rate.NewLimiter(rate.Limit(cfg.RPS), burst)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	tr := cfg.Transport
	if tr == nil {
		tr = http.DefaultTransport
	}
	return &Client{
		cfg:  cfg,
		http: &http.Client{Transport: tr},
		lim:  lim,
		sem:  make(chan struct{}, cfg.Concurrency),
		log:  log.With("engine", cfg.Name),
	}
}

// MaxTries is the number of attempts a request gets by default.
func (c *Client) MaxTries() int { return c.cfg.MaxTries }

// Concurrency is the number of requests the client lets in flight.
func (c *Client) Concurrency() int { return c.cfg.Concurrency }

// Request is one call.
type Request struct {
	Method string
	URL    string
	Header http.Header
	Body   []byte
	// Decode parses a 2xx reply; an error makes the attempt count as failed
	// (ErrMalformed) and be retried.
	Decode func(body []byte) error
	// Tries overrides Config.MaxTries for this request (0: the Config's);
	// health checks use 1 so that an absent server answers fast.
	Tries int
	// ErrorMessage extracts the server's explanation from an error reply;
	// nil takes the start of the body.
	ErrorMessage func(body []byte) string
}

// Do sends r, retrying as the Config says, until Decode accepts a reply.
func (c *Client) Do(ctx context.Context, r Request) error {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = c.cfg.InitialInterval
	b.MaxInterval = c.cfg.MaxInterval
	b.RandomizationFactor = 0.5 // jitter: ±50%
	attempt := 0
	tries := c.cfg.MaxTries
	if r.Tries > 0 {
		tries = r.Tries
	}
	_, err := backoff.Retry(ctx, func() (struct{}, error) {
		attempt++
		return struct{}{}, c.once(ctx, r)
	},
		backoff.WithBackOff(b),
		backoff.WithMaxTries(uint(tries)),
		backoff.WithMaxElapsedTime(0),
		backoff.WithNotify(func(err error, next time.Duration) {
			c.log.Debug("retrying", "attempt", attempt, "in", next, "err", c.scrub(err.Error()))
		}),
	)
	if err != nil {
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		return c.redact(fmt.Errorf("%s after %d attempt(s): %w", secret.URL(r.URL), attempt, err))
	}
	return nil
}

func (c *Client) once(ctx context.Context, r Request) error {
	start := time.Now()
	if err := c.lim.Wait(ctx); err != nil {
		return backoff.Permanent(err)
	}
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return backoff.Permanent(context.Cause(ctx))
	}
	defer func() { <-c.sem }()
	if waited := time.Since(start); waited >= time.Millisecond {
		c.log.Debug("waited for the rate limit or a free connection", "wait", waited.Round(time.Millisecond))
	}
	start = time.Now()
	status := 0
	defer func() {
		c.log.Debug("request", "method", r.Method, "url", secret.URL(r.URL), "bytes", len(r.Body),
			"status", status, "took", time.Since(start).Round(time.Millisecond))
	}()

	actx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, r.Method, r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return backoff.Permanent(err)
	}
	for k, vs := range r.Header {
		req.Header[k] = vs
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return backoff.Permanent(context.Cause(ctx))
		}
		return err // network error or attempt timeout: retry
	}
	defer resp.Body.Close()
	status = resp.StatusCode
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.cfg.MaxResponse))
	if err != nil {
		if ctx.Err() != nil {
			return backoff.Permanent(context.Cause(ctx))
		}
		return fmt.Errorf("reading reply: %w", err)
	}
	if resp.StatusCode/100 == 2 {
		if r.Decode == nil {
			return nil
		}
		if err := r.Decode(body); err != nil {
			return fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		return nil
	}
	se := &StatusError{Status: resp.StatusCode, kind: ErrStatus}
	if r.ErrorMessage != nil {
		se.Message = r.ErrorMessage(body)
	}
	if se.Message == "" {
		se.Message = strings.TrimSpace(string(body))
	}
	if len(se.Message) > 300 {
		se.Message = se.Message[:300] + "…"
	}
	se.Message = c.scrub(se.Message)
	switch resp.StatusCode {
	case http.StatusRequestEntityTooLarge, http.StatusRequestURITooLong:
		se.kind = ErrTooLarge
		return backoff.Permanent(se)
	case http.StatusUnauthorized, http.StatusForbidden:
		se.kind = ErrAuth
		return backoff.Permanent(se)
	case 456:
		se.kind = ErrQuota
		return backoff.Permanent(se)
	}
	if !Retryable(resp.StatusCode) {
		return backoff.Permanent(se)
	}
	if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		se.after = &backoff.RetryAfterError{Duration: min(d, c.cfg.MaxRetryAfter)}
	}
	return se
}

// retryAfter parses a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// scrub removes the configured secrets and URL passwords from s.
func (c *Client) scrub(s string) string {
	s = secret.Text(s)
	for _, sec := range c.cfg.Secrets {
		if len(sec) >= 4 {
			s = strings.ReplaceAll(s, sec, "[REDACTED]")
		}
	}
	return s
}

// redact returns err with its message scrubbed, keeping its chain for
// errors.Is and errors.As.
func (c *Client) redact(err error) error {
	msg := err.Error()
	if clean := c.scrub(msg); clean != msg {
		return &redacted{msg: clean, err: err}
	}
	return err
}

type redacted struct {
	msg string
	err error
}

func (e *redacted) Error() string { return e.msg }
func (e *redacted) Unwrap() error { return e.err }
