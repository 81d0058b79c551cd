// Package enginetest is the conformance suite every network engine passes
// against a test server on 127.0.0.1 that speaks the engine's protocol:
// batching and order, placeholders, injected faults (429 with Retry-After,
// 500, timeouts, dropped connections, malformed bodies), segments that keep
// failing, placeholders lost by the engine, cancellation, and API keys kept
// out of errors and logs.
package enginetest
