package deepl

import (
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/httpx"
)

// Options are the settings of the config section `deepl`.
var Options = append([]backend.Option{
	{Name: "api_key", Help: "API key (or $" + EnvKey + " or $" + EnvKeyDeepL + "; required)", Secret: true},
	{Name: "url", Help: "API base (default https://api.deepl.com, or https://api-free.deepl.com for keys ending in :fx)"},
	{Name: "formality", Help: "default, more, less, prefer_more or prefer_less", Shapes: true},
	{Name: "glossary_id", Help: "an existing DeepL glossary to use instead of one made from locpipe's", Shapes: true},
	{Name: "max_segments", Default: "50", Help: "segments per request (DeepL's limit)"},
	{Name: "max_bytes", Default: "120000", Help: "bytes of text per request (under the 128 KiB limit)"},
}, httpx.Options(4)...)

// options are Options decoded.
type options struct {
	APIKey      string `option:"api_key"`
	URL         string `option:"url"`
	Formality   string `option:"formality"`
	GlossaryID  string `option:"glossary_id"`
	MaxSegments int    `option:"max_segments"`
	MaxBytes    int    `option:"max_bytes"`
	httpx.Settings
}
