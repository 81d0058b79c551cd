package all

import (
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/apertium"
	"github.com/locpipe/locpipe/pipeline/backend/deepl"
	"github.com/locpipe/locpipe/pipeline/backend/identity"
	"github.com/locpipe/locpipe/pipeline/backend/libretranslate"
	"github.com/locpipe/locpipe/pipeline/backend/openai"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
)

// Registry returns a new registry holding every engine.
func Registry() *backend.Registry {
	r := backend.NewRegistry()
	r.Register(backend.Engine{Name: "pseudo", Description: "built-in pseudo-localization (accents, +30% length, brackets)", New: pseudo.New})
	r.Register(backend.Engine{Name: "identity", Description: "copies the source (glossary-only editions, tests)", New: identity.New})
	r.Register(backend.Engine{Name: "apertium", Description: "Apertium: the local apertium command, or an APy server (apertium.url)", Options: apertium.Options, New: apertium.New})
	r.Register(backend.Engine{Name: "libretranslate", Description: "a LibreTranslate server (libretranslate.url)", Options: libretranslate.Options, New: libretranslate.New})
	r.Register(backend.Engine{Name: "deepl", Description: "the DeepL API v2 (key: $LOCPIPE_DEEPL_API_KEY or $DEEPL_AUTH_KEY)", Options: deepl.Options, New: deepl.New})
	r.Register(backend.Engine{Name: "openai", Description: "an OpenAI-compatible chat server: OpenAI, vLLM, llama.cpp, Ollama (openai.url, openai.model)", Options: openai.Options, New: openai.New})
	return r
}
