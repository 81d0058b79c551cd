package locales

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// loadTagged reads every dir/<tag>.yaml of fsys in name order, decodes each
// strictly (an unknown field is an error) into a T and hands it to add with
// the file's name and tag; add's error is returned as it is. It returns the
// matcher over the tags read, with the fallbacks.yaml of the tree.
func loadTagged[T any](fsys fs.FS, dir string, add func(name string, tag language.Tag, rules T) error) (*Matcher, error) {
	fallbacks, err := loadFallbacks(fsys)
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(fsys, dir+"/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("locales: %w", err)
	}
	sort.Strings(names)
	var tags []language.Tag
	for _, name := range names {
		tag, err := language.Parse(strings.TrimSuffix(path.Base(name), ".yaml"))
		if err != nil {
			return nil, fmt.Errorf("%w: %s: the file name must be a BCP 47 tag: %v", ErrData, name, err)
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("locales: %w", err)
		}
		var rules T
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&rules); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrData, name, err)
		}
		if err := add(name, tag, rules); err != nil {
			return nil, err
		}
		tags = append(tags, tag)
	}
	return NewMatcher(tags, fallbacks), nil
}
