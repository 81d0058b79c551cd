package openai

import (
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/httpx"
)

// Options are the settings of the config section `openai`.
var Options = append([]backend.Option{
	{Name: "url", Default: DefaultURL, Help: "API base, e.g. http://127.0.0.1:8080/v1 (llama.cpp), http://127.0.0.1:11434/v1 (Ollama)"},
	{Name: "model", Help: "the model the server serves (required)", Shapes: true},
	{Name: "api_key", Help: "API key (or $" + EnvKey + " or $" + EnvKeyOpenAI + "; local servers need none)", Secret: true},
	{Name: "temperature", Default: "0", Help: "sampling temperature, 0 to 2", Shapes: true},
	{Name: "json_mode", Default: "true", Help: "ask for response_format json_object", Shapes: true},
	{Name: "max_segments", Default: "20", Help: "segments per request"},
	{Name: "max_bytes", Default: "8000", Help: "bytes of text per request"},
}, httpx.Options(4)...)

// options are Options decoded.
type options struct {
	URL         string  `option:"url"`
	Model       string  `option:"model"`
	APIKey      string  `option:"api_key"`
	Temperature float64 `option:"temperature"`
	JSONMode    bool    `option:"json_mode"`
	MaxSegments int     `option:"max_segments"`
	MaxBytes    int     `option:"max_bytes"`
	httpx.Settings
}
