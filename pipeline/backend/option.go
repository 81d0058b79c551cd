package backend

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/locpipe/locpipe/glossary"
)

// Option is one setting an engine declares: the key of its configuration
// section (deepl.formality), its default and help text, and how locpipe
// treats it. The declarations are the one home of "which engine options
// exist": config refuses any other key, `locpipe backends --json` lists
// them, and Fingerprint hashes those that shape the output.
type Option struct {
	Name    string `json:"name"`
	Default string `json:"default"` // as written in the configuration; "" is none
	Help    string `json:"help"`
	// Secret options (API keys) are never logged, printed or hashed.
	Secret bool `json:"secret,omitempty"`
	// Shapes options change the translation itself (a model, a formality):
	// they are part of the settings fingerprint, so a change retranslates.
	Shapes bool `json:"shapes_output,omitempty"`
}

// Params are what a factory gets: the engine's configuration section, and
// the run's glossary and logger.
type Params struct {
	Options  Options            // the engine's section, keys as declared
	Glossary *glossary.Glossary // nil: none
	Logger   *slog.Logger       // nil: discard; debug shows requests, retries, waits
}

// Log returns the logger, or one that discards.
func (p Params) Log() *slog.Logger {
	if p.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return p.Logger
}

// ErrUnknownOption is wrapped when a section names an option its engine
// does not declare.
var ErrUnknownOption = errors.New("backend: unknown option")

// Names lists the declared option names, sorted.
func Names(decl []Option) []string {
	out := make([]string, len(decl))
	for i, o := range decl {
		out[i] = o.Name
	}
	sort.Strings(out)
	return out
}

// Check refuses a key of o that decl does not declare.
func Check(decl []Option, o Options) error {
	known := map[string]bool{}
	for _, d := range decl {
		known[d.Name] = true
	}
	var bad []string
	for k := range o {
		if !known[k] {
			bad = append(bad, k)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	sort.Strings(bad)
	return fmt.Errorf("%w %s (known: %s)", ErrUnknownOption, bad[0], strings.Join(Names(decl), ", "))
}

// Decode fills dst, a pointer to a struct whose fields carry `option:"name"`
// tags (embedded structs are searched too), from the declared defaults and
// then o. Field kinds: string, bool, int, float64 and time.Duration (a Go
// duration such as "30s", or a number of seconds). A key that is not
// declared, a declaration without a field or a value of the wrong kind is
// an error naming the option.
func Decode(decl []Option, o Options, dst any) error {
	if err := Check(decl, o); err != nil {
		return err
	}
	fields := map[string]reflect.Value{}
	collect(reflect.ValueOf(dst).Elem(), fields)
	for _, d := range decl {
		f, ok := fields[d.Name]
		if !ok {
			return fmt.Errorf("backend: option %s is declared but has no field", d.Name)
		}
		delete(fields, d.Name)
		if d.Default != "" {
			if err := set(f, d.Name, d.Default); err != nil {
				return fmt.Errorf("backend: bad default: %w", err)
			}
		}
		if v, ok := o[d.Name]; ok && v != nil {
			if err := set(f, d.Name, v); err != nil {
				return err
			}
		}
	}
	for name := range fields {
		return fmt.Errorf("backend: field for option %s is not declared", name)
	}
	return nil
}

func collect(v reflect.Value, into map[string]reflect.Value) {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if name := sf.Tag.Get("option"); name != "" {
			into[name] = v.Field(i)
		} else if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			collect(v.Field(i), into)
		}
	}
}

var durationType = reflect.TypeFor[time.Duration]()

// set stores v (a YAML value, or a string from the environment or a flag)
// into f.
func set(f reflect.Value, name string, v any) error {
	s := fmt.Sprint(v)
	switch {
	case f.Type() == durationType:
		d, err := duration(v)
		if err != nil {
			return fmt.Errorf("option %s: %v is not a duration", name, v)
		}
		f.SetInt(int64(d))
	case f.Kind() == reflect.String:
		f.SetString(s)
	case f.Kind() == reflect.Bool:
		switch strings.ToLower(s) {
		case "1", "true", "yes", "on":
			f.SetBool(true)
		case "0", "false", "no", "off":
			f.SetBool(false)
		default:
			return fmt.Errorf("option %s: %v is not true or false", name, v)
		}
	case f.Kind() == reflect.Int:
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			if fl, ok := v.(float64); ok && fl == float64(int(fl)) {
				n, err = int(fl), nil
			}
		}
		if err != nil {
			return fmt.Errorf("option %s: %v is not a whole number", name, v)
		}
		f.SetInt(int64(n))
	case f.Kind() == reflect.Float64:
		x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return fmt.Errorf("option %s: %v is not a number", name, v)
		}
		f.SetFloat(x)
	default:
		return fmt.Errorf("backend: option %s: unsupported field kind %s", name, f.Kind())
	}
	return nil
}

// duration reads "30s", or a number of seconds.
func duration(v any) (time.Duration, error) {
	switch d := v.(type) {
	case time.Duration:
		return d, nil
	case int:
		return time.Duration(d) * time.Second, nil
	case float64:
		return time.Duration(d * float64(time.Second)), nil
	}
	s := strings.TrimSpace(fmt.Sprint(v))
	if d, err := time.ParseDuration(s); err == nil {
		return d, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, err
	}
	return time.Duration(f * float64(time.Second)), nil
}

// Fingerprint identifies the settings of engine name that shape a
// translation: the options declared Shapes that o sets, never a secret.
// An engine with none of them set has the fingerprint of its name alone.
func Fingerprint(name string, decl []Option, o Options) string {
	var keys []string
	for _, d := range decl {
		if _, set := o[d.Name]; set && d.Shapes && !d.Secret {
			keys = append(keys, d.Name)
		}
	}
	sort.Strings(keys)
	h := sha256.New()
	fmt.Fprint(h, name)
	for _, k := range keys {
		fmt.Fprintf(h, "\x00%s=%v", k, o[k])
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}
