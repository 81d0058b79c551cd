// Package deepl is the engine for the DeepL API (v2).
//
// Batches go to POST /v2/translate as JSON ({"text": [...],
// "source_lang", "target_lang", "tag_handling": "xml", "ignore_tags":
// ["x"], "formality", "glossary_id"}) with the key in the
// "Authorization: DeepL-Auth-Key" header, never in the body or the URL.
// Placeholders travel as <x id="…"/> elements, which DeepL's XML handling
// keeps in place.
//
// When the factory is given the locpipe glossary (backend.Params.Glossary),
// the engine uses one DeepL glossary per language pair and content (entries
// as TSV: every source term → the target's preferred term), named after the
// entries' fingerprint (GlossaryName): it is found again by name in GET
// /v2/glossaries and made (POST /v2/glossaries) only when missing, and the
// glossaries locpipe made for the pair with other content are deleted, so
// the account holds one per pair and glossary version however many runs
// there are. Its id goes with every request, so DeepL enforces the terms
// natively for any term the pipeline did not protect itself. A glossary_id
// option uses an existing DeepL glossary instead.
//
// Options (config key `deepl`, declared in Options): api_key (or $LOCPIPE_DEEPL_API_KEY or
// $DEEPL_AUTH_KEY; required), url (default https://api.deepl.com, or
// https://api-free.deepl.com for keys ending in ":fx"), formality
// (default, more, less, prefer_more, prefer_less), glossary_id,
// max_segments (default 50, DeepL's limit), max_bytes (default 120000,
// under the 128 KiB request limit), and the request policy of every HTTP
// engine: timeout, retries, rps, burst, concurrency.
package deepl
