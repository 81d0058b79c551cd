// Package backend defines what locpipe asks of a machine-translation engine
// (Translator: a batch of segments in, translations out) and the Registry
// that the configuration selects engines from.
//
// Each engine lives in a sub-package and is registered explicitly by package
// all; nothing registers itself from init. An Engine declares its options as
// data (Option: name, default, help, secret, shapes-output): the config
// refuses any other key in the engine's section, `locpipe backends --json`
// lists them, Fingerprint hashes those that shape the output and never a
// secret, and the factory decodes them into a typed struct (Decode). The
// factory gets them with the run's glossary and logger (Params):
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
// or duplicated. Every engine passes the conformance suite in
// internal/enginetest (the Apertium command and APy against the real
// Apertium), and every network engine its fault part against a test server
// speaking its protocol.
package backend
