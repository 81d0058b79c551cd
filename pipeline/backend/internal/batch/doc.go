// Package batch splits a request's segments into chunks an engine accepts
// (segment count and byte limits), runs the chunks with bounded concurrency,
// halves a chunk the server refused as too large, and turns the failure of
// a chunk into per-segment errors so that one bad request does not sink the
// others.
package batch
