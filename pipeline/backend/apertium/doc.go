// Package apertium is the engine for Apertium, the free rule-based
// translation system packaged by Debian.
//
// Without a URL it runs the local `apertium` command, one process per batch
// (never per sentence: start-up costs about 0.13 s). With `url` set it talks
// to an Apertium APy server (`apertium-apy`). Options (config key
// `apertium`, declared in Options):
//
//	url:         APy base URL, e.g. http://127.0.0.1:2737 (empty: the command)
//	binary:      the command (default "apertium")
//	modes_dir:   directory of installed modes (default /usr/share/apertium/modes)
//	max_bytes:   bytes of text per call (default 65536 for the command,
//	             32768 for APy: APy 0.11 drops text past about 40 KB)
//	concurrency: calls at once (default 2)
//	timeout, retries, backoff, max_retry_after, rps, burst: APy's request policy
//
// BCP 47 tags are mapped to Apertium's three-letter, directional modes
// (en→es is eng-spa, ca-ES-valencia is cat_valencia, en-US is eng_US), with
// the older two-letter names (en-gl) as a fallback. Segments travel as one
// HTML document per batch (format html), each in a <p id="sN"> block, with
// placeholders as <x id="…"/> elements, which Apertium keeps as
// superblanks. Unknown-word marks (*Zelensky) are stripped from the output
// and recorded in Translation.Unknown.
package apertium
