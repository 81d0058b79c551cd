package identity

import (
	"context"

	"github.com/locpipe/locpipe/pipeline/backend"
)

// Translator copies the source.
type Translator struct{}

var (
	_ backend.Translator = Translator{}
	_ backend.Describer  = Translator{}
)

// Capabilities implements backend.Describer: the output is the source.
func (Translator) Capabilities() backend.Capabilities { return backend.Capabilities{Echo: true} }

// New is the engine's factory.
func New(backend.Params) (backend.Translator, error) { return Translator{}, nil }

// Translate implements backend.Translator.
func (Translator) Translate(ctx context.Context, req backend.Request) ([]backend.Translation, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]backend.Translation, len(req.Segments))
	for i, s := range req.Segments {
		out[i].Text = s.Text
	}
	return out, nil
}
