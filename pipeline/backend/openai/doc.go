// Package openai is the engine for chat-completion servers that speak the
// OpenAI API: OpenAI itself, vLLM, llama.cpp's server, Ollama, LocalAI.
//
// A batch becomes one chat completion: a system prompt that states the
// language pair, carries the glossary (backend.Params.Glossary) and demands that
// every placeholder token (⟦c3⟧ for an inline code, ⟦t0⟧ for a protected
// term) be kept exactly once; and a user message holding the segments as
// JSON. The reply must be a JSON object {"translations": [{"id", "text"}]}
// with every id once and every token kept: ParseReply rejects anything else
// and the request is retried. Only on the last attempt is a reply that lost
// or duplicated tokens accepted, repaired, and the repair reported as a
// warning.
//
// Options (config key `openai`, declared in Options): url (the API base, default
// https://api.openai.com/v1; e.g. http://127.0.0.1:8080/v1 for llama.cpp,
// http://127.0.0.1:11434/v1 for Ollama), model (required), api_key (or
// $LOCPIPE_OPENAI_API_KEY or $OPENAI_API_KEY; local servers need none),
// temperature (default 0), json_mode (default true: response_format
// json_object), max_segments (default 20), max_bytes (default 8000), and the
// request policy of every HTTP engine: timeout, retries, rps, burst,
// concurrency.
package openai
