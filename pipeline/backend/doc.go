// Package backend defines what locpipe asks of a machine-translation engine
// (Translator: a batch of segments in, translations out) and the Registry
// that the configuration selects engines from.
//
// Each engine lives in a sub-package and is registered explicitly by package
// all; nothing registers itself from init:
//
//   - pseudo, identity: built in, no I/O.
//   - apertium: the local `apertium` command (one process per batch) or an
//     APy server.
//   - libretranslate, deepl, openai: HTTP engines sharing one client
//     (internal/httpx: timeouts, retries with backoff and jitter,
//     Retry-After, a token-bucket rate limit, bounded concurrency, secrets
//     scrubbed) and one batch runner (internal/batch: size limits, a batch
//     refused as too large is halved, a failed request fails only its own
//     segments, each with Translation.Err).
//
// Engines may also implement the optional interfaces Pairer (the language
// pairs they translate now), Pinger (whether they are reachable) and
// Describer (Capabilities); `locpipe backends` reports them.
//
// Segment texts carry placeholder runes for inline codes and protected
// terms. Package placeholder encodes them into something each engine keeps
// (markup elements, or ⟦c0⟧ tokens for language models), decodes them back,
// and repairs — with a warning in Translation.Warnings — any the engine lost
// or duplicated. Every network engine passes the conformance suite in
// internal/enginetest against a test server speaking its protocol.
package backend
