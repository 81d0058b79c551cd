package libretranslate

import (
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/httpx"
)

// Options are the settings of the config section `libretranslate`.
var Options = append([]backend.Option{
	{Name: "url", Help: "the LibreTranslate server, e.g. http://127.0.0.1:5000 (required)"},
	{Name: "api_key", Help: "API key (or $" + EnvKey + ")", Secret: true},
	{Name: "max_segments", Default: "50", Help: "segments per request"},
	{Name: "max_bytes", Default: "20000", Help: "bytes of text per request"},
}, httpx.Options(4)...)

// options are Options decoded.
type options struct {
	URL         string `option:"url"`
	APIKey      string `option:"api_key"`
	MaxSegments int    `option:"max_segments"`
	MaxBytes    int    `option:"max_bytes"`
	httpx.Settings
}
