package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	yaml "go.yaml.in/yaml/v3"
)

// TestActionUsesRealFlags reads the repository's action.yml: every locpipe
// flag its scripts pass exists on the command they pass it to, and every
// input it reads is declared (actionlint, in .ci/run, checks the rest).
func TestActionUsesRealFlags(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	require.NoError(t, err)
	var action struct {
		Inputs map[string]any `yaml:"inputs"`
		Runs   struct {
			Steps []struct {
				Name string            `yaml:"name"`
				Run  string            `yaml:"run"`
				Env  map[string]string `yaml:"env"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	require.NoError(t, yaml.Unmarshal(data, &action))
	a := &app{}
	root := newRootCommand(a)
	inputRE := regexp.MustCompile(`inputs\.([a-z-]+)`)
	for _, m := range inputRE.FindAllStringSubmatch(string(data), -1) {
		assert.Contains(t, action.Inputs, m[1], "input %s used but not declared", m[1])
	}
	flagRE := regexp.MustCompile(`(?:^|[\s(])(--[a-z][a-z-]+)`)
	checked := 0
	for _, st := range action.Runs.Steps {
		for _, sub := range []string{"translate", "check"} {
			if !strings.Contains(st.Run, "("+sub+" ") {
				continue
			}
			cmd, _, err := root.Find([]string{sub})
			require.NoError(t, err)
			for _, m := range flagRE.FindAllStringSubmatch(st.Run, -1) {
				name := strings.TrimPrefix(m[1], "--")
				if name == "version" || name == "trimpath" {
					continue
				}
				f := cmd.Flags().Lookup(name)
				if f == nil {
					f = root.PersistentFlags().Lookup(name)
				}
				assert.NotNil(t, f, "step %q passes --%s, which locpipe %s does not have", st.Name, name, sub)
				checked++
			}
		}
		for k := range st.Env {
			assert.False(t, strings.HasPrefix(k, "LOCPIPE_"), "step %q: %s would be read by locpipe as configuration", st.Name, k)
		}
	}
	assert.Greater(t, checked, 8)
}
