// Package apertium is the engine for Apertium, the free rule-based
// translation system packaged by Debian.
//
// Without a URL it runs the local Apertium command. By default
// (persistent) each language pair's pipeline is started once and kept
// running between batches in Apertium's null-flush mode: the stages of the
// mode (apertium-wblank-mode -z) run as processes of their own, each block
// is written ending with a NUL and its reply read up to the NUL, many
// batches from many files in flight in one pipeline; up to concurrency
// pipelines per pair, a second one started when a request has waited
// 300 ms; a pipeline whose stage crashes, whose reply is late by more than
// timeout, or whose request is cancelled is stopped, and the next request
// starts a new one. What Transfuse (the command's -f html) does to the
// HTML sent is done in Go (stream.go), checked against tf-extract and
// tf-inject. Close stops the pipelines. With persistent false, or a binary
// other than Debian's apertium, it runs one process per batch (start-up
// costs about 0.13 s). With `url` set it talks to an Apertium APy server
// (`apertium-apy`). Options (config key `apertium`, declared in Options):
//
//	url:         APy base URL, e.g. http://127.0.0.1:2737 (empty: the command)
//	binary:      the command (default "apertium")
//	modes_dir:   directory of installed modes (default /usr/share/apertium/modes)
//	persistent:  keep the command's pipelines running (default true)
//	max_bytes:   bytes of text per call (default 65536 for the command,
//	             32768 for APy: APy 0.11 drops text past about 40 KB); the
//	             persistent command takes batches of that size
//	             (backend.Capabilities.BatchBytes)
//	concurrency: calls at once, and the persistent command's pipelines per
//	             pair (default 2)
//	timeout:     APy's time per attempt; the persistent command's time for
//	             the reply at the head of a pipeline (default 60s)
//	retries, backoff, max_retry_after, rps, burst: APy's request policy
//
// BCP 47 tags are mapped to Apertium's three-letter, directional modes
// (en→es is eng-spa, ca-ES-valencia is cat_valencia, en-US is eng_US), with
// the older two-letter names (en-gl) as a fallback. Segments travel as one
// HTML document per batch (format html), each in a <p id="sN"> block, with
// placeholders as <x id="…"/> elements, which Apertium keeps as
// superblanks. Unknown-word marks (*Zelensky) are stripped from the output
// and recorded in Translation.Unknown.
package apertium
