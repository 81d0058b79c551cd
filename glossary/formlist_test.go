package glossary

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// Forms read and write the bytes a map[string]string does, and keep their
// tags sorted and unique.
func TestForms(t *testing.T) {
	tests := []struct {
		name string
		set  [][2]string
		want Forms
	}{
		{"none", nil, nil},
		{"one", [][2]string{{"gen", "Києва"}}, Forms{{"gen", "Києва"}}},
		{"sorted", [][2]string{{"loc", "Києві"}, {"gen", "Києва"}, {"dat", "Києву"}}, Forms{{"dat", "Києву"}, {"gen", "Києва"}, {"loc", "Києві"}}},
		{"replaced", [][2]string{{"gen", "a"}, {"loc", "b"}, {"gen", "c"}}, Forms{{"gen", "c"}, {"loc", "b"}}},
		{"escaped", [][2]string{{"<&>", "\u2028 \"q\""}, {"a b", "x: y"}}, Forms{{"<&>", "\u2028 \"q\""}, {"a b", "x: y"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fs Forms
			m := map[string]string{}
			for _, p := range tt.set {
				fs.Set(p[0], p[1])
				m[p[0]] = p[1]
			}
			assert.Equal(t, tt.want, fs)
			assert.Equal(t, tt.want, FormsOf(m))
			for tag, text := range m {
				got, ok := fs.Get(tag)
				assert.True(t, ok)
				assert.Equal(t, text, got)
			}
			_, ok := fs.Get("none")
			assert.False(t, ok)

			type asMap struct {
				F map[string]string `yaml:"f,omitempty" json:"f,omitempty"`
			}
			type asForms struct {
				F Forms `yaml:"f,omitempty" json:"f,omitempty"`
			}
			wantJSON, err := json.Marshal(asMap{m})
			require.NoError(t, err)
			gotJSON, err := json.Marshal(asForms{fs})
			require.NoError(t, err)
			assert.Equal(t, string(wantJSON), string(gotJSON))
			wantYAML, err := yaml.Marshal(asMap{m})
			require.NoError(t, err)
			gotYAML, err := yaml.Marshal(asForms{fs})
			require.NoError(t, err)
			assert.Equal(t, string(wantYAML), string(gotYAML))
			assert.Equal(t, fmt.Sprint(m), fs.String())

			var back asForms
			require.NoError(t, json.Unmarshal(gotJSON, &back))
			assert.Equal(t, tt.want, back.F)
			back = asForms{}
			require.NoError(t, yaml.Unmarshal(gotYAML, &back))
			assert.Equal(t, tt.want, back.F)
		})
	}
}

// A literal may list forms out of order: they are still used in tag order.
func TestFormsSorted(t *testing.T) {
	fs := Forms{{"loc", "b"}, {"gen", "a"}}
	assert.Equal(t, Forms{{"gen", "a"}, {"loc", "b"}}, fs.sorted())
	assert.Equal(t, "gen=a | loc=b", joinForms(fs))
}
