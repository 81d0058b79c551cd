// Package httpx is the HTTP client every network engine shares: per-attempt
// timeouts, retries with exponential backoff and jitter on 429, 5xx, network
// errors and malformed bodies, Retry-After honoured, a token-bucket rate
// limit, bounded concurrency, and secrets (API keys) scrubbed from every
// error it returns.
package httpx
