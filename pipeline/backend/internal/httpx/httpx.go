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

	"github.com/locpipe/locpipe/pipeline/backend"
)

// Sentinel errors callers branch on.
var (
	// ErrTooLarge: the server refused the request for its size (413); the
	// caller should split the batch.
	ErrTooLarge = errors.New("request too large")
	// ErrAuth: the key is missing or refused (401, 403).
	ErrAuth = errors.New("not authorized")
	// ErrQuota: the account's quota is used up (DeepL's 456).
	ErrQuota = errors.New("quota exceeded")
	// ErrMalformed: a 2xx reply the engine's parser rejected.
	ErrMalformed = errors.New("malformed response")
	// ErrStatus: any other error status.
	ErrStatus = errors.New("error status")
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

// ConfigFromOptions reads the common options every HTTP engine takes:
// timeout, retries, rps, burst, concurrency.
func ConfigFromOptions(name string, o backend.Options) (Config, error) {
	c := Config{Name: name}
	var err error
	if c.Timeout, err = o.Duration("timeout", 0); err != nil {
		return c, err
	}
	if c.MaxTries, err = o.Int("retries", 0); err != nil {
		return c, err
	}
	if _, set := o["retries"]; set {
		if c.MaxTries < 0 {
			return c, fmt.Errorf("option retries: %d is negative", c.MaxTries)
		}
		c.MaxTries++ // retries after the first attempt
	}
	if c.Concurrency, err = o.Int("concurrency", 0); err != nil {
		return c, err
	}
	if c.Burst, err = o.Int("burst", 0); err != nil {
		return c, err
	}
	if s := o.String("rps"); s != "" {
		if _, err := fmt.Sscan(s, &c.RPS); err != nil || c.RPS < 0 {
			return c, fmt.Errorf("option rps: %q is not a rate", s)
		}
	}
	if l, ok := o["logger"].(*slog.Logger); ok {
		c.Logger = l
	}
	if c.InitialInterval, err = o.Duration("backoff", 0); err != nil {
		return c, err
	}
	if c.MaxRetryAfter, err = o.Duration("max_retry_after", 0); err != nil {
		return c, err
	}
	return c, nil
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
		return c.redact(fmt.Errorf("%s after %d attempt(s): %w", r.URL, attempt, err))
	}
	return nil
}

func (c *Client) once(ctx context.Context, r Request) error {
	if err := c.lim.Wait(ctx); err != nil {
		return backoff.Permanent(err)
	}
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return backoff.Permanent(context.Cause(ctx))
	}
	defer func() { <-c.sem }()

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

// scrub removes the configured secrets from s.
func (c *Client) scrub(s string) string {
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
