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
	{Name: "persistent", Default: "true", Help: "keep the command's pipeline running between batches (null-flush mode), one per language pair and worker, restarted on failure; false: one apertium process per batch"},
	{Name: "max_bytes", Help: "bytes of text per call (default 65536 for the command, 32768 for APy, whose 0.11 server drops text past about 40 KB)"},
}, httpx.Options(2)...)

// Default request sizes. APy 0.11.7 answers HTTP 200 with the text past
// about 40 KB of a request silently dropped (TestAPyLargeRequest measures
// it), so its default stays well under that.
const (
	DefaultCommandMaxBytes = 65536
	DefaultAPyMaxBytes     = 32768
)

// options are Options decoded.
type options struct {
	URL        string `option:"url"`
	Binary     string `option:"binary"`
	ModesDir   string `option:"modes_dir"`
	MaxBytes   int    `option:"max_bytes"`
	Persistent bool   `option:"persistent"`
	httpx.Settings
}
