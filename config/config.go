package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"golang.org/x/text/language"
)

// DefaultFile is the configuration file read from the working directory
// when no --config is given.
const DefaultFile = "locpipe.yaml"

// EnvPrefix prefixes every environment variable: LOCPIPE_BACKEND,
// LOCPIPE_APERTIUM_URL (dots become underscores).
const EnvPrefix = "LOCPIPE"

// Memory configures the translation memory.
type Memory struct {
	Path string `mapstructure:"path"` // SQLite file; "" is <out>/locpipe-memory.db
	URL  string `mapstructure:"url"`  // postgres://… for a memory shared by shards
}

// Markdown configures the Markdown format.
type Markdown struct {
	Fields []string `mapstructure:"fields"` // front-matter fields to translate
}

// Check configures `locpipe check`; its flags override these.
type Check struct {
	Rules    map[string]string `mapstructure:"rules"`    // rule id → off, note, warning, error or on
	FailOn   string            `mapstructure:"fail_on"`  // lowest severity that fails the check
	Baseline string            `mapstructure:"baseline"` // report of known findings to ignore
}

// Segment configures sentence segmentation.
type Segment struct {
	// SRX is an SRX 2.0 file whose rules apply over the built-in rules
	// (or instead of them, with SRXMode "replace").
	SRX     string `mapstructure:"srx"`
	SRXMode string `mapstructure:"srx_mode"` // over (default) or replace
}

// Config is locpipe's validated configuration.
type Config struct {
	From       string   `mapstructure:"from"`
	To         []string `mapstructure:"to"`
	Backend    string   `mapstructure:"backend"`
	Out        string   `mapstructure:"out"`
	Layout     string   `mapstructure:"layout"`
	Glossaries []string `mapstructure:"glossary"`
	NoGlossary bool     `mapstructure:"no_glossary"`
	NoMemory   bool     `mapstructure:"no_memory"`
	Jobs       int      `mapstructure:"jobs"`
	BatchSize  int      `mapstructure:"batch_size"`
	Format     string   `mapstructure:"format"`
	Notice     bool     `mapstructure:"notice"`
	Typography bool     `mapstructure:"typography"` // locale typography on translated text (default true)
	Memory     Memory   `mapstructure:"memory"`
	Markdown   Markdown `mapstructure:"markdown"`
	Check      Check    `mapstructure:"check"`
	Segment    Segment  `mapstructure:"segment"`
	LogLevel   string   `mapstructure:"log_level"`
	// Shard is "I/N": translate only that share of the files. When unset,
	// JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) with shards (N) is used.
	Shard  string `mapstructure:"shard"`
	Shards int    `mapstructure:"shards"`

	// Engines holds each engine's settings by engine name (the sections
	// named in Options.Engines).
	Engines map[string]map[string]any `mapstructure:"-"`

	// FromTag is From parsed; the zero Tag when From is "" (the document's
	// own declaration decides).
	FromTag language.Tag `mapstructure:"-"`
	// ToTags is To parsed.
	ToTags []language.Tag `mapstructure:"-"`
	// File is the configuration file that was read, or "".
	File string `mapstructure:"-"`
}

// Options say where configuration comes from.
type Options struct {
	// File is an explicit configuration file (--config); it must exist.
	File string
	// Dir is where DefaultFile is looked for; "" is the working directory.
	Dir string
	// Flags are the command's flags; a flag the user set wins over every
	// other source. Flag names map to keys with dashes as underscores
	// (--srx and --srx-mode set segment.srx and segment.srx_mode).
	Flags *pflag.FlagSet
	// Environ is the environment as KEY=VALUE; nil means os.Environ().
	Environ []string
	// Engines maps each engine name to the options it declares (see
	// backend.Registry.Sections): the engine sections and the only keys
	// they may hold.
	Engines map[string][]string
}

// Error is a configuration problem: which key, and where its value came from.
type Error struct {
	Key    string // the config key, e.g. "to"
	Source string // "flag --to", "environment LOCPIPE_TO", "locpipe.yaml", "default"
	Err    error
}

func (e *Error) Error() string {
	if e.Key == "" || strings.HasPrefix(e.Source, "flag ") || strings.HasPrefix(e.Source, "environment ") {
		return fmt.Sprintf("%s: %v", e.Source, e.Err)
	}
	return fmt.Sprintf("%s: %s: %v", e.Source, e.Key, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes every *Error match ErrInvalid.
func (e *Error) Is(target error) bool { return target == ErrInvalid }

// ErrInvalid is wrapped by every validation error.
var ErrInvalid = errors.New("config: invalid configuration")

// defaults returns the values used when nothing else sets a key.
func defaults() map[string]any {
	return map[string]any{
		"backend":         "pseudo",
		"out":             "out",
		"layout":          "{locale}/{path}",
		"jobs":            4,
		"batch_size":      64,
		"format":          "auto",
		"typography":      true,
		"log_level":       "warn",
		"markdown.fields": []string{"title", "summary", "description"},
	}
}

// Load reads the configuration: defaults, then the file, then LOCPIPE_*
// environment variables, then flags the user set (each overriding the one
// before), and validates it once.
func Load(opts Options) (*Config, error) {
	ks := keys{engines: opts.Engines}
	v := viper.New()
	for k, d := range defaults() {
		v.SetDefault(k, d)
	}
	env := opts.Environ
	if env == nil {
		env = os.Environ()
	}
	envMap := map[string]string{}
	for _, kv := range env {
		if k, val, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, EnvPrefix+"_") {
			envMap[k] = val
		}
	}

	file := opts.File
	if file == "" {
		cand := filepath.Join(opts.Dir, DefaultFile)
		if _, err := os.Stat(cand); err == nil {
			file = cand
		}
	} else if _, err := os.Stat(file); err != nil {
		return nil, &Error{Source: file, Err: fmt.Errorf("cannot read the configuration file: %v", errors.Unwrap(err))}
	}
	if file != "" {
		v.SetConfigFile(file)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return nil, &Error{Source: file, Err: err}
		}
		for _, k := range v.AllKeys() {
			if err := ks.check(k); err != nil {
				return nil, &Error{Key: k, Source: file, Err: err}
			}
		}
	}

	// Environment: LOCPIPE_NO_GLOSSARY → no_glossary, LOCPIPE_APERTIUM_URL →
	// apertium.url (see envKey).
	for name, val := range envMap {
		k, ok := ks.envKey(name)
		if !ok {
			continue
		}
		if isList(k) {
			v.Set(k, splitList(val))
		} else {
			v.Set(k, val)
		}
	}
	// Flags the user set win.
	if opts.Flags != nil {
		opts.Flags.Visit(func(f *pflag.Flag) {
			k := flagKey(f.Name)
			if ks.check(k) != nil {
				return
			}
			if sv, ok := f.Value.(pflag.SliceValue); ok {
				var items []string
				for _, s := range sv.GetSlice() {
					items = append(items, splitList(s)...)
				}
				v.Set(k, items)
				return
			}
			v.Set(k, f.Value.String())
		})
	}

	var c Config
	if err := v.Unmarshal(&c); err != nil {
		return nil, &Error{Source: sourceOf(v, file, opts.Flags, envMap, ""), Err: err}
	}
	c.File = file
	c.Engines = map[string]map[string]any{}
	// Each engine's settings, key by key: viper's GetStringMap would hide
	// the file's section as soon as one of its keys comes from elsewhere.
	for e := range opts.Engines {
		m := map[string]any{}
		for _, k := range v.AllKeys() {
			if rest, ok := strings.CutPrefix(k, e+"."); ok {
				m[rest] = v.Get(k)
			}
		}
		if len(m) > 0 {
			c.Engines[e] = m
		}
	}
	if err := c.validate(func(key string) string { return sourceOf(v, file, opts.Flags, envMap, key) }); err != nil {
		return nil, err
	}
	return &c, nil
}

func (c *Config) validate(src func(string) string) error {
	bad := func(key, format string, a ...any) error {
		return &Error{Key: key, Source: src(key), Err: fmt.Errorf(format, a...)}
	}
	if c.From != "" {
		t, err := ParseTag(c.From)
		if err != nil {
			return bad("from", "%v", err)
		}
		c.FromTag = t
	}
	seen := map[string]bool{}
	for _, s := range c.To {
		t, err := ParseTag(s)
		if err != nil {
			return bad("to", "%v", err)
		}
		if !seen[t.String()] {
			seen[t.String()] = true
			c.ToTags = append(c.ToTags, t)
		}
	}
	if c.Jobs < 1 {
		return bad("jobs", "must be at least 1, not %d", c.Jobs)
	}
	if c.BatchSize < 1 {
		return bad("batch_size", "must be at least 1, not %d", c.BatchSize)
	}
	if strings.TrimSpace(c.Out) == "" {
		return bad("out", "must name a directory")
	}
	switch c.Segment.SRXMode {
	case "", "over", "replace":
	default:
		return bad("segment.srx_mode", "%q is not over or replace", c.Segment.SRXMode)
	}
	if c.Segment.SRX != "" {
		if _, err := os.Stat(c.Segment.SRX); err != nil {
			return bad("segment.srx", "cannot read the SRX file: %v", errors.Unwrap(err))
		}
	}
	switch strings.ToLower(c.LogLevel) {
	case "debug", "info", "warn", "error":
	default:
		return bad("log_level", "%q is not one of debug, info, warn, error", c.LogLevel)
	}
	return nil
}

// ErrUnknownLocale is wrapped when a language tag is not well-formed or not
// a known language.
var ErrUnknownLocale = errors.New("config: unknown locale")

// ParseTag parses a BCP 47 tag, rejecting ill-formed tags and languages that
// CLDR does not know (a typo such as "xx" must not become an edition).
func ParseTag(s string) (language.Tag, error) {
	s = strings.TrimSpace(s)
	t, err := language.Parse(s)
	if err != nil {
		return language.Tag{}, fmt.Errorf("%w %q: %v", ErrUnknownLocale, s, err)
	}
	base, conf := t.Base()
	if conf != language.Exact {
		return language.Tag{}, fmt.Errorf("%w %q: not a language", ErrUnknownLocale, s)
	}
	if base.ISO3() == "" {
		return language.Tag{}, fmt.Errorf("%w %q: no such language", ErrUnknownLocale, s)
	}
	return t, nil
}

// sourceOf names where key's value came from.
func sourceOf(v *viper.Viper, file string, flags *pflag.FlagSet, env map[string]string, key string) string {
	if flags != nil && key != "" {
		name := keyFlag(key)
		if f := flags.Lookup(name); f != nil && f.Changed {
			return "flag --" + name
		}
	}
	if key != "" {
		name := EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
		if _, ok := env[name]; ok {
			return "environment " + name
		}
	}
	if file != "" && (key == "" || v.InConfig(key)) {
		return file
	}
	return "default"
}

// isTopKey reports whether k is a top-level configuration key.
func isTopKey(k string) bool {
	switch k {
	case "from", "to", "backend", "out", "layout", "glossary", "no_glossary", "no_memory",
		"jobs", "batch_size", "format", "notice", "log_level", "shard", "shards", "typography":
		return true
	}
	return false
}

// keys knows the configuration's keys: the fixed ones and those the
// engines declare.
type keys struct {
	engines map[string][]string
}

// isSection reports whether k is a configuration section (a key holding keys).
func (ks keys) isSection(k string) bool {
	switch k {
	case "memory", "markdown", "check", "segment":
		return true
	}
	_, ok := ks.engines[k]
	return ok
}

// check refuses a key that is not a configuration key; in an engine's
// section, the error lists the options the engine declares.
func (ks keys) check(k string) error {
	if isTopKey(k) {
		return nil
	}
	head, tail, ok := strings.Cut(k, ".")
	if !ok || !ks.isSection(head) {
		return errors.New("unknown key")
	}
	decl, engine := ks.engines[head]
	if !engine || slices.Contains(decl, tail) {
		return nil
	}
	if len(decl) == 0 {
		return fmt.Errorf("unknown option (%s takes none)", head)
	}
	return fmt.Errorf("unknown option (known: %s)", strings.Join(decl, ", "))
}

// envKey maps an environment variable to a configuration key:
// LOCPIPE_NO_GLOSSARY → no_glossary, LOCPIPE_APERTIUM_URL → apertium.url,
// LOCPIPE_DEEPL_API_KEY → deepl.api_key. ok is false for other variables
// (an engine's undeclared option included: LOCPIPE_* variables are shared
// with other tools and are not all configuration).
func (ks keys) envKey(name string) (string, bool) {
	rest, ok := strings.CutPrefix(name, EnvPrefix+"_")
	if !ok {
		return "", false
	}
	k := strings.ToLower(rest)
	if isTopKey(k) {
		return k, true
	}
	head, tail, ok := strings.Cut(k, "_")
	if ok && tail != "" && ks.isSection(head) && ks.check(head+"."+tail) == nil {
		return head + "." + tail, true
	}
	return "", false
}

func isList(k string) bool { return k == "to" || k == "glossary" || k == "markdown.fields" }

// flagKey is the key a flag sets: its name with dashes as underscores, but
// for the flags of a section's keys (--srx is segment.srx).
func flagKey(name string) string {
	switch name {
	case "srx":
		return "segment.srx"
	case "srx-mode":
		return "segment.srx_mode"
	}
	return strings.ReplaceAll(name, "-", "_")
}

// keyFlag is the flag that sets key (the inverse of flagKey).
func keyFlag(key string) string {
	switch key {
	case "segment.srx":
		return "srx"
	case "segment.srx_mode":
		return "srx-mode"
	}
	return strings.ReplaceAll(key, "_", "-")
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
