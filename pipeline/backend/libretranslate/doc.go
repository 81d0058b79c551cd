// Package libretranslate is the engine for LibreTranslate servers
// (https://libretranslate.com, self-hosted with Argos models).
//
// It posts batches to /translate ({"q": [...], "source", "target",
// "format": "html", "api_key"}) and reads {"translatedText": [...]};
// placeholders travel as <x id="…"/> elements, which the HTML mode keeps.
// Options (config key `libretranslate`, declared in Options): url (required), api_key (or
// $LOCPIPE_LIBRETRANSLATE_API_KEY), max_segments (default 50), max_bytes
// (default 20000), and the request policy of every HTTP engine: timeout,
// retries, rps, burst, concurrency.
package libretranslate
