// Package enginetest is the conformance suite of locpipe's engines.
//
// Contract is what every engine keeps, the trivial ones (pseudo, identity)
// and the real ones (the Apertium command, an APy server) included: one
// translation per segment and in order, placeholders kept exactly once, an
// empty batch, cancellation, and concurrent use.
//
// Run adds, for every network engine against a test server on 127.0.0.1
// that speaks the engine's protocol: batching, injected faults (429 with
// Retry-After, 500, timeouts, dropped connections, malformed bodies),
// segments that keep failing, placeholders lost by the engine,
// cancellation, and API keys kept out of errors and logs.
package enginetest
