package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/pipeline/backend/all"
)

// k8sDir is the Kubernetes example, documented in its README.md.
const k8sDir = "../../examples/k8s"

type k8sContainer struct {
	Name string   `yaml:"name"`
	Args []string `yaml:"args"`
	Env  []struct {
		Name      string `yaml:"name"`
		ValueFrom struct {
			SecretKeyRef *struct{ Name, Key string } `yaml:"secretKeyRef"`
		} `yaml:"valueFrom"`
	} `yaml:"env"`
}

type k8sObject struct {
	Kind     string                `yaml:"kind"`
	Metadata struct{ Name string } `yaml:"metadata"`
	Data     map[string]string     `yaml:"data"`
	Spec     struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    int    `yaml:"completions"`
		Parallelism    int    `yaml:"parallelism"`
		Template       struct {
			Spec struct {
				InitContainers []k8sContainer `yaml:"initContainers"`
				Containers     []k8sContainer `yaml:"containers"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

func loadK8s(t *testing.T) map[string]k8sObject {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(k8sDir, "*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	objs := map[string]k8sObject{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for {
			var o k8sObject
			err := dec.Decode(&o)
			if errors.Is(err, io.EOF) {
				break
			}
			require.NoError(t, err, p)
			objs[o.Kind+"/"+o.Metadata.Name] = o
		}
	}
	return objs
}

var shardArg = regexp.MustCompile(`^--shard=\$\(JOB_COMPLETION_INDEX\)/(\d+)$`)

// The example's manifests say what the README says, and every locpipe
// command line in them is one the CLI accepts.
func TestK8sExample(t *testing.T) {
	objs := loadK8s(t)
	tr, ok := objs["Job/locpipe-translate"]
	require.True(t, ok, "the translate Job")
	assert.Equal(t, "Indexed", tr.Spec.CompletionMode)
	assert.Equal(t, tr.Spec.Completions, tr.Spec.Parallelism, "every shard at once")
	require.Len(t, tr.Spec.Template.Spec.Containers, 1)
	c := tr.Spec.Template.Spec.Containers[0]
	n := 0
	for _, a := range c.Args {
		if m := shardArg.FindStringSubmatch(a); m != nil {
			n, _ = strconv.Atoi(m[1])
		}
	}
	assert.Equal(t, tr.Spec.Completions, n, "--shard=$(JOB_COMPLETION_INDEX)/N with N = completions")
	secret := false
	for _, e := range c.Env {
		if e.Name == "LOCPIPE_MEMORY_URL" && e.ValueFrom.SecretKeyRef != nil {
			secret = true
		}
	}
	assert.True(t, secret, "memory.url comes from a Secret")

	mc, ok := objs["Job/locpipe-merge-check"]
	require.True(t, ok, "the merge and check Job")
	var cmds [][]string
	for _, o := range []k8sObject{tr, mc} {
		for _, c := range append(o.Spec.Template.Spec.InitContainers, o.Spec.Template.Spec.Containers...) {
			cmds = append(cmds, c.Args)
		}
	}
	require.Len(t, cmds, 3)
	assert.Equal(t, "manifest", cmds[1][0], "merge runs first, as an init container")
	assert.Equal(t, "check", cmds[2][0])

	for _, args := range cmds {
		args = append([]string(nil), args...)
		for i := range args {
			args[i] = strings.ReplaceAll(args[i], "$(JOB_COMPLETION_INDEX)", "0")
		}
		root := newRootCommand(&app{stdout: io.Discard, stderr: io.Discard})
		cmd, rest, err := root.Find(args)
		require.NoError(t, err, "%v", args)
		require.NotEqual(t, root, cmd, "%v names a command", args)
		require.NoError(t, cmd.ParseFlags(rest), "%v", args)
		if cmd.Args != nil {
			assert.NoError(t, cmd.Args(cmd, cmd.Flags().Args()), "%v", args)
		}
	}

	// The configuration is valid, and the Secret's variable is memory.url.
	cm, ok := objs["ConfigMap/locpipe-config"]
	require.True(t, ok)
	file := filepath.Join(t.TempDir(), "locpipe.yaml")
	require.NoError(t, os.WriteFile(file, []byte(cm.Data["locpipe.yaml"]), 0o644))
	cfg, err := config.Load(config.Options{Engines: all.Registry().Sections(), File: file, Environ: []string{"LOCPIPE_MEMORY_URL=postgres://locpipe@db:5432/locpipe"}})
	require.NoError(t, err)
	assert.Equal(t, "postgres://locpipe@db:5432/locpipe", cfg.Memory.URL)
	assert.Equal(t, "/data/out", cfg.Out)
}
