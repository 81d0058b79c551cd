package apertium

import (
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/internal/httpx"
)

// Options are the settings of the config section `apertium`.
var Options = append([]backend.Option{
	{Name: "url", Help: "APy base URL, e.g. http://127.0.0.1:2737 (empty: the local apertium command)"},
	{Name: "binary", Default: "apertium", Help: "the apertium command"},
	{Name: "modes_dir", Default: DefaultModesDir, Help: "directory of installed modes", Shapes: true},
	{Name: "max_bytes", Default: "65536", Help: "bytes of text per call"},
}, httpx.Options(2)...)

// options are Options decoded.
type options struct {
	URL      string `option:"url"`
	Binary   string `option:"binary"`
	ModesDir string `option:"modes_dir"`
	MaxBytes int    `option:"max_bytes"`
	httpx.Settings
}
