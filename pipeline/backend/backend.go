package backend

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// Segment is one sentence to translate. Its text may hold placeholder runes
// (inline-code markers from package format, term placeholders from package
// glossary): an engine must return each of them exactly once.
type Segment struct {
	ID   string // stable id, for errors and logs
	Text string
}

// Request is a batch of segments in one language pair.
type Request struct {
	Source, Target language.Tag
	Segments       []Segment
}

// Translation is the result for one segment.
type Translation struct {
	Text     string
	Unknown  []string // words the engine marked as unknown (Apertium's *word)
	Warnings []string // repairs made, e.g. a placeholder restored
	Err      error    // this segment failed; the others may still be good
}

// Translator translates batches of segments. Translate returns one
// Translation per request segment, in order; an error means the whole batch
// failed.
type Translator interface {
	Translate(ctx context.Context, req Request) ([]Translation, error)
}

// Options are an engine's settings from the configuration (the config key
// named after the engine), decoded by the engine's factory.
type Options map[string]any

// String returns the option value for key, or "".
func (o Options) String(key string) string {
	if v, ok := o[key]; ok && v != nil {
		return fmt.Sprint(v)
	}
	return ""
}

// Factory makes an engine from its options.
type Factory func(opts Options) (Translator, error)

// Engine describes a registered engine.
type Engine struct {
	Name        string
	Description string
	New         Factory
}

// ErrUnknownEngine is returned by Registry.New for a name nobody registered.
var ErrUnknownEngine = errors.New("unknown backend")

// Registry holds the engines the program can use. It is filled explicitly
// (see package all), never by init-time side effects.
type Registry struct {
	engines map[string]Engine
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{engines: map[string]Engine{}} }

// Register adds an engine. It panics on a duplicate name: that is a
// programming error.
func (r *Registry) Register(e Engine) {
	if _, dup := r.engines[e.Name]; dup {
		panic("backend: duplicate engine " + e.Name)
	}
	r.engines[e.Name] = e
}

// Engines lists the registered engines sorted by name.
func (r *Registry) Engines() []Engine {
	out := make([]Engine, 0, len(r.engines))
	for _, e := range r.engines {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Names lists the registered engine names, sorted.
func (r *Registry) Names() []string {
	var names []string
	for _, e := range r.Engines() {
		names = append(names, e.Name)
	}
	return names
}

// New makes the engine called name.
func (r *Registry) New(name string, opts Options) (Translator, error) {
	e, ok := r.engines[name]
	if !ok {
		return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownEngine, name, strings.Join(r.Names(), ", "))
	}
	t, err := e.New(opts)
	if err != nil {
		return nil, fmt.Errorf("backend %s: %w", name, err)
	}
	return t, nil
}
