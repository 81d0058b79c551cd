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
	// Terms maps each protected-term placeholder of Text to the source text
	// it stands for. An engine that translates names in context (see
	// placeholder.ToInline) sends that text and puts the placeholder back
	// where it wrote the name; others ignore it. Nil when Text has no terms.
	Terms map[rune]string
	// Pairs maps the opening inline code of a pair of codes that are both in
	// Text (bold, a link) to its closing code, so that an engine that takes
	// markup can get the pair as one element around the text it encloses.
	Pairs map[rune]rune
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

// Options are an engine's settings from the configuration (the section
// named after the engine), as read: YAML values, or strings from the
// environment and flags. Decode turns them into the engine's typed struct.
type Options map[string]any

// Factory makes an engine from its parameters.
type Factory func(p Params) (Translator, error)

// Engine describes a registered engine.
type Engine struct {
	Name        string
	Description string
	// Options are the settings the engine takes, declared once.
	Options []Option
	New     Factory
}

// ErrUnknownEngine is returned by Registry.New for a name nobody registered.
var ErrUnknownEngine = errors.New("backend: unknown backend")

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

// Engine returns the engine called name.
func (r *Registry) Engine(name string) (Engine, error) {
	e, ok := r.engines[name]
	if !ok {
		return Engine{}, fmt.Errorf("%w %q (known: %s)", ErrUnknownEngine, name, strings.Join(r.Names(), ", "))
	}
	return e, nil
}

// Sections maps every engine name to the names of its options: the
// configuration sections and the keys each may hold.
func (r *Registry) Sections() map[string][]string {
	out := map[string][]string{}
	for name, e := range r.engines {
		out[name] = Names(e.Options)
	}
	return out
}

// New makes the engine called name, refusing an option it does not declare.
func (r *Registry) New(name string, p Params) (Translator, error) {
	e, err := r.Engine(name)
	if err != nil {
		return nil, err
	}
	return e.Make(p)
}

// Make checks p's options against the declarations and calls the factory.
func (e Engine) Make(p Params) (Translator, error) {
	if err := Check(e.Options, p.Options); err != nil {
		return nil, fmt.Errorf("backend %s: %w", e.Name, err)
	}
	t, err := e.New(p)
	if err != nil {
		return nil, fmt.Errorf("backend %s: %w", e.Name, err)
	}
	return t, nil
}

// Fingerprint identifies e's settings in o that shape a translation.
func (e Engine) Fingerprint(o Options) string { return Fingerprint(e.Name, e.Options, o) }

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
	// BatchBytes > 0: the engine is best fed batches of up to this many
	// bytes of text, however many segments that is (the persistent
	// apertium command, where a request costs no start-up but each batch
	// of a file waits for the one before); the pipeline then cuts batches
	// by bytes rather than by its batch size in segments.
	BatchBytes int
	// Echo: the engine writes the source back on purpose (identity,
	// pseudo-localization), so the pipeline does not fail a segment whose
	// output is the source or reads as the source language.
	Echo bool
}

// Describer is implemented by engines that report their Capabilities.
type Describer interface {
	Capabilities() Capabilities
}
