package glossary

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Form is one inflected form of a term with its grammatical tag.
type Form struct {
	Tag  string
	Text string
}

// Forms are a term's inflected forms, one per tag, kept sorted by tag: a
// list the size of its forms, where a map would take a few hundred bytes
// even for one. It reads and writes as a mapping of tag to form, keys
// sorted, the same bytes a map[string]string gives in YAML and JSON.
type Forms []Form

// FormsOf returns the forms of m, sorted by tag; nil for an empty m.
func FormsOf(m map[string]string) Forms {
	if len(m) == 0 {
		return nil
	}
	fs := make(Forms, 0, len(m))
	for tag, text := range m {
		fs = append(fs, Form{tag, text})
	}
	slices.SortFunc(fs, func(a, b Form) int { return strings.Compare(a.Tag, b.Tag) })
	return fs
}

// Get returns the form with tag.
func (fs Forms) Get(tag string) (string, bool) {
	for _, f := range fs {
		if f.Tag == tag {
			return f.Text, true
		}
	}
	return "", false
}

// Set makes text the form with tag, keeping the forms sorted.
func (fs *Forms) Set(tag, text string) {
	i, found := slices.BinarySearchFunc(*fs, tag, func(f Form, t string) int { return strings.Compare(f.Tag, t) })
	if found {
		(*fs)[i].Text = text
		return
	}
	*fs = slices.Insert(*fs, i, Form{tag, text})
}

// Map returns the forms as a map of tag to form; nil for no forms.
func (fs Forms) Map() map[string]string {
	if fs == nil {
		return nil
	}
	m := make(map[string]string, len(fs))
	for _, f := range fs {
		m[f.Tag] = f.Text
	}
	return m
}

// sorted returns the forms in tag order (a sorted copy when a literal
// listed them otherwise).
func (fs Forms) sorted() Forms {
	cmp := func(a, b Form) int { return strings.Compare(a.Tag, b.Tag) }
	if slices.IsSortedFunc(fs, cmp) {
		return fs
	}
	return FormsOf(fs.Map())
}

// MarshalJSON writes the forms as an object, keys sorted.
func (fs Forms) MarshalJSON() ([]byte, error) {
	return json.Marshal(fs.Map())
}

// UnmarshalJSON reads an object of tag to form.
func (fs *Forms) UnmarshalJSON(data []byte) error {
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	*fs = FormsOf(m)
	return nil
}

// MarshalYAML writes the forms as a mapping, keys sorted.
func (fs Forms) MarshalYAML() (any, error) {
	return fs.Map(), nil
}

// UnmarshalYAML reads a mapping of tag to form.
func (fs *Forms) UnmarshalYAML(n *yaml.Node) error {
	var m map[string]string
	if err := n.Decode(&m); err != nil {
		return err
	}
	*fs = FormsOf(m)
	return nil
}

// String writes the forms as a map does with %v.
func (fs Forms) String() string {
	return fmt.Sprint(fs.Map())
}
