package backend

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

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

// Pair is a language pair an engine translates, as BCP 47 tags.
type Pair struct {
	Source, Target language.Tag
}

func (p Pair) String() string { return p.Source.String() + "→" + p.Target.String() }

// Pairer is implemented by engines that can list the language pairs they
// translate now (installed Apertium modes, a server's language list).
type Pairer interface {
	Pairs(ctx context.Context) ([]Pair, error)
}

// Pinger is implemented by engines that can tell whether they are reachable
// now (the command is installed, the server answers, the key is accepted).
type Pinger interface {
	Ping(ctx context.Context) error
}

// Capabilities describe what an engine accepts. Zero values mean "no
// limit" or "no".
type Capabilities struct {
	Markup      bool // the engine keeps markup tags (placeholders travel as tags)
	MaxSegments int  // segments per request
	MaxBytes    int  // bytes of text per request
	Concurrency int  // requests in flight at once
	Glossary    bool // the engine enforces glossary terms natively
}

// Describer is implemented by engines that report their Capabilities.
type Describer interface {
	Capabilities() Capabilities
}

// Bool returns the option value for key as a boolean (false when absent or
// not a recognised truth value).
func (o Options) Bool(key string) bool {
	switch v := o[key].(type) {
	case bool:
		return v
	case string:
		switch strings.ToLower(v) {
		case "1", "true", "yes", "on":
			return true
		}
	}
	return false
}

// Int returns the option value for key as an int, or def when it is absent.
// A value that is not a whole number is an error naming the key.
func (o Options) Int(key string, def int) (int, error) {
	v, ok := o[key]
	if !ok || v == nil {
		return def, nil
	}
	switch n := v.(type) {
	case int:
		return n, nil
	case int64:
		return int(n), nil
	case float64:
		if n == float64(int(n)) {
			return int(n), nil
		}
	case string:
		var i int
		if _, err := fmt.Sscan(n, &i); err == nil {
			return i, nil
		}
	}
	return 0, fmt.Errorf("option %s: %v is not a whole number", key, v)
}

// Duration returns the option value for key as a duration ("30s", or a
// number of seconds), or def when absent.
func (o Options) Duration(key string, def time.Duration) (time.Duration, error) {
	v, ok := o[key]
	if !ok || v == nil {
		return def, nil
	}
	switch d := v.(type) {
	case time.Duration:
		return d, nil
	case int:
		return time.Duration(d) * time.Second, nil
	case float64:
		return time.Duration(d * float64(time.Second)), nil
	case string:
		if pd, err := time.ParseDuration(d); err == nil {
			return pd, nil
		}
	}
	return 0, fmt.Errorf("option %s: %v is not a duration", key, v)
}
