package glossary

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Format names a glossary file format.
type Format string

// Glossary file formats.
const (
	FormatYAML Format = "yaml"
	FormatCSV  Format = "csv"
	FormatTSV  Format = "tsv"
	FormatTBX  Format = "tbx"
)

// FormatOf returns the format a file name's extension implies (YAML when
// it implies none).
func FormatOf(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return FormatCSV
	case ".tsv", ".tab":
		return FormatTSV
	case ".tbx", ".xml":
		return FormatTBX
	}
	return FormatYAML
}

// ParseFormat returns the Format named s, or an error naming the choices.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case FormatYAML, FormatCSV, FormatTSV, FormatTBX:
		return f, nil
	case "yml":
		return FormatYAML, nil
	}
	return "", fmt.Errorf("glossary: unknown format %q (want yaml, csv, tsv or tbx)", s)
}

// Decode reads a glossary in format f; name is used in errors.
func Decode(name string, data []byte, f Format, opts ImportOptions) (*Glossary, error) {
	switch f {
	case FormatCSV:
		return ParseCSV(name, data, ',', opts)
	case FormatTSV:
		return ParseCSV(name, data, '\t', opts)
	case FormatTBX:
		return ParseTBX(name, data)
	}
	return Parse(name, stripBOM(data))
}

// LoadFile reads a glossary file in the format its extension names (.yaml,
// .csv, .tsv, .tbx), with opts for two-column files.
func LoadFile(path string, opts ImportOptions) (*Glossary, error) {
	if FormatOf(path) == FormatYAML {
		// Read piece by piece; the whole file only for yaml.v3.
		if f, err := os.Open(path); err == nil {
			version, concepts, ok := parseYAMLReader(f, 1<<20)
			f.Close()
			if ok {
				return parsed(path, version, concepts)
			}
		}
	}
	if FormatOf(path) == FormatTBX {
		// Read piece by piece; the whole file only for encoding/xml.
		if f, err := os.Open(path); err == nil {
			g, ok := parseTBXReader(path, f, 1<<20)
			f.Close()
			if ok {
				return g, nil
			}
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("glossary: %w", err)
	}
	return Decode(path, data, FormatOf(path), opts)
}

// Encode writes g in format f.
func Encode(w io.Writer, g *Glossary, f Format) error {
	switch f {
	case FormatCSV:
		return WriteCSV(w, g, ',')
	case FormatTSV:
		return WriteCSV(w, g, '\t')
	case FormatTBX:
		return WriteTBX(w, g)
	}
	return WriteYAML(w, g)
}

// WriteYAML writes g in the native format, one flow-style line per
// language's terms as in DESIGN.md.
func WriteYAML(w io.Writer, g *Glossary) error {
	var root yaml.Node
	if err := root.Encode(file{Version: 1, Concepts: g.Concepts}); err != nil {
		return fmt.Errorf("glossary: %w", err)
	}
	flowTerms(&root)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&root); err != nil {
		return fmt.Errorf("glossary: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("glossary: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// flowTerms sets flow style on each language's term set and on the
// exception lists.
func flowTerms(root *yaml.Node) {
	m := root
	if m.Kind == yaml.DocumentNode && len(m.Content) > 0 {
		m = m.Content[0]
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != "concepts" {
			continue
		}
		for _, c := range m.Content[i+1].Content {
			for j := 0; j+1 < len(c.Content); j += 2 {
				switch k, v := c.Content[j].Value, c.Content[j+1]; k {
				case "terms":
					for l := 1; l < len(v.Content); l += 2 {
						v.Content[l].Style = yaml.FlowStyle
					}
				case "exceptions":
					v.Style = yaml.FlowStyle
				}
			}
		}
	}
}
