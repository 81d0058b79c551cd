package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/backend/all"
)

// engines is the real option table, as locpipe passes it.
var engines = all.Registry().Sections()

func flags(t *testing.T, args ...string) *pflag.FlagSet {
	t.Helper()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	fs.StringSlice("to", nil, "")
	fs.String("backend", "", "")
	fs.String("out", "", "")
	fs.Int("jobs", 0, "")
	fs.Bool("no-glossary", false, "")
	fs.StringArray("glossary", nil, "")
	fs.String("srx", "", "")
	fs.String("srx-mode", "", "")
	require.NoError(t, fs.Parse(args))
	return fs
}

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "locpipe.yaml")
	require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	return p
}

func TestPrecedence(t *testing.T) {
	file := writeConfig(t, "to: [de]\nbackend: identity\nout: file-out\njobs: 2\napertium:\n  url: http://127.0.0.1:2737\n")
	tests := []struct {
		name    string
		env     []string
		args    []string
		backend string
		out     string
		to      []string
		jobs    int
	}{
		{"file", nil, nil, "identity", "file-out", []string{"de"}, 2},
		{"env over file", []string{"LOCPIPE_BACKEND=pseudo", "LOCPIPE_TO=es, uk"}, nil, "pseudo", "file-out", []string{"es", "uk"}, 2},
		{"flag over env", []string{"LOCPIPE_BACKEND=pseudo", "LOCPIPE_JOBS=3"}, []string{"--backend", "apertium", "--to", "fr", "--to", "pl,ca"}, "apertium", "file-out", []string{"fr", "pl", "ca"}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(Options{Engines: engines, File: file, Flags: flags(t, tc.args...), Environ: tc.env})
			require.NoError(t, err)
			assert.Equal(t, tc.backend, c.Backend)
			assert.Equal(t, tc.out, c.Out)
			assert.Equal(t, tc.to, c.To)
			assert.Equal(t, tc.jobs, c.Jobs)
			assert.Len(t, c.ToTags, len(tc.to))
			assert.Equal(t, "http://127.0.0.1:2737", c.Engines["apertium"]["url"])
			assert.Equal(t, file, c.File)
		})
	}
}

func TestDefaults(t *testing.T) {
	c, err := Load(Options{Engines: engines, Dir: t.TempDir(), Environ: []string{}})
	require.NoError(t, err)
	assert.Equal(t, "pseudo", c.Backend)
	assert.Equal(t, "out", c.Out)
	assert.Equal(t, "{locale}/{path}", c.Layout)
	assert.Equal(t, 4, c.Jobs)
	assert.Equal(t, []string{"title", "summary", "description"}, c.Markdown.Fields)
	assert.Empty(t, c.File)
}

func TestDefaultFileInDir(t *testing.T) {
	p := writeConfig(t, "to: [es]\n")
	c, err := Load(Options{Engines: engines, Dir: filepath.Dir(p), Environ: []string{}})
	require.NoError(t, err)
	assert.Equal(t, p, c.File)
	assert.Equal(t, []string{"es"}, c.To)
}

func TestErrorsNameKeyAndSource(t *testing.T) {
	tests := []struct {
		name string
		file string
		env  []string
		args []string
		want string
	}{
		{"bad locale in file", "to: [es, klingon-x]\n", nil, nil, `locpipe.yaml: to: config: unknown locale "klingon-x"`},
		{"bad locale in env", "", []string{"LOCPIPE_TO=zz"}, nil, `environment LOCPIPE_TO: config: unknown locale "zz"`},
		{"bad locale in flag", "", nil, []string{"--to", "qq"}, `flag --to: config: unknown locale "qq"`},
		{"unknown key", "tox: [es]\n", nil, nil, "locpipe.yaml: tox: unknown key"},
		{"jobs", "jobs: 0\n", nil, nil, "locpipe.yaml: jobs: must be at least 1"},
		{"broken yaml", "to: [es\n", nil, nil, "locpipe.yaml:"},
		{"log level", "log_level: loud\n", nil, nil, "log_level"},
		{"srx mode", "segment:\n  srx_mode: sideways\n", nil, nil, "locpipe.yaml: segment.srx_mode: \"sideways\" is not over or replace"},
		{"srx file", "segment:\n  srx: /no/such/rules.srx\n", nil, nil, "locpipe.yaml: segment.srx: cannot read the SRX file"},
		{"srx in env", "", []string{"LOCPIPE_SEGMENT_SRX_MODE=x"}, nil, "environment LOCPIPE_SEGMENT_SRX_MODE"},
		{"srx flag", "", nil, []string{"--srx", "/no/such/rules.srx"}, "flag --srx: cannot read the SRX file"},
		{"srx mode flag", "segment:\n  srx_mode: replace\n", nil, []string{"--srx-mode", "up"}, "flag --srx-mode: \"up\" is not over or replace"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := writeConfig(t, tc.file)
			_, err := Load(Options{Engines: engines, File: file, Flags: flags(t, tc.args...), Environ: tc.env})
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInvalid)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestSRXFlags: --srx and --srx-mode set segment.srx and segment.srx_mode,
// over the file's.
func TestSRXFlags(t *testing.T) {
	dir := t.TempDir()
	srx := filepath.Join(dir, "rules.srx")
	require.NoError(t, os.WriteFile(srx, []byte("<srx/>"), 0o644))
	file := writeConfig(t, "segment:\n  srx: /no/such/file.srx\n  srx_mode: over\n")
	c, err := Load(Options{Engines: engines, File: file, Flags: flags(t, "--srx", srx, "--srx-mode", "replace")})
	require.NoError(t, err)
	assert.Equal(t, Segment{SRX: srx, SRXMode: "replace"}, c.Segment)
}

func TestMissingExplicitFile(t *testing.T) {
	_, err := Load(Options{Engines: engines, File: filepath.Join(t.TempDir(), "nope.yaml")})
	require.ErrorIs(t, err, ErrInvalid)
	assert.Contains(t, err.Error(), "nope.yaml")
}

func TestParseTag(t *testing.T) {
	for tag, ok := range map[string]bool{"en": true, "pt-BR": true, "sr-Latn": true, "uk": true, "xx": false, "": false, "en_US_garbage!": false, "und": false} {
		_, err := ParseTag(tag)
		assert.Equal(t, ok, err == nil, "%q: %v", tag, err)
	}
}

func TestEngineSettingsFromEnvironment(t *testing.T) {
	c, err := Load(Options{Engines: engines, Dir: t.TempDir(), Environ: []string{
		"LOCPIPE_DEEPL_API_KEY=secret-key", "LOCPIPE_APERTIUM_URL=http://127.0.0.1:2737",
		"LOCPIPE_NO_GLOSSARY=true", "LOCPIPE_UNRELATED=1", "HOME=/root",
	}})
	require.NoError(t, err)
	assert.Equal(t, "secret-key", c.Engines["deepl"]["api_key"])
	assert.Equal(t, "http://127.0.0.1:2737", c.Engines["apertium"]["url"])
	assert.True(t, c.NoGlossary)
}

func TestEnvironmentKeepsTheFileSection(t *testing.T) {
	file := writeConfig(t, "deepl:\n  url: http://127.0.0.1:9/\n  formality: more\n")
	c, err := Load(Options{Engines: engines, File: file, Environ: []string{"LOCPIPE_DEEPL_API_KEY=k"}})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"url": "http://127.0.0.1:9/", "formality": "more", "api_key": "k"}, c.Engines["deepl"])
}

func TestEnvKey(t *testing.T) {
	for name, want := range map[string]string{
		"LOCPIPE_TO":                     "to",
		"LOCPIPE_NO_MEMORY":              "no_memory",
		"LOCPIPE_MEMORY_URL":             "memory.url",
		"LOCPIPE_OPENAI_API_KEY":         "openai.api_key",
		"LOCPIPE_MARKDOWN_FIELDS":        "markdown.fields",
		"LOCPIPE_NOPE":                   "",
		"OTHER_TO":                       "",
		"LOCPIPE_DEEPL_":                 "",
		"LOCPIPE_DEEPL_FORMALTY":         "",
		"LOCPIPE_OPENAI_MAX_RETRY_AFTER": "openai.max_retry_after",
	} {
		got, ok := keys{engines: engines}.envKey(name)
		assert.Equal(t, want != "", ok, name)
		assert.Equal(t, want, got, name)
	}
}

// Disagreement 5 of issue 14: a misspelt engine option is refused like a
// misspelt top-level key, naming the key, the file and the known options.
func TestUnknownEngineOption(t *testing.T) {
	for body, want := range map[string]string{
		"deepl:\n  formalty: more\n":    "deepl.formalty: unknown option (known: api_key, backoff, burst, concurrency, formality, glossary_id, max_bytes, max_retry_after, max_segments, retries, rps, timeout, url)",
		"apertium:\n  urll: http://x\n": "apertium.urll: unknown option (known: backoff, binary",
		"pseudo:\n  accent: 1\n":        "pseudo.accent: unknown option (pseudo takes none)",
		"nosuch:\n  url: http://x\n":    "nosuch.url: unknown key",
		"bakend: deepl\n":               "bakend: unknown key",
	} {
		file := writeConfig(t, body)
		_, err := Load(Options{Engines: engines, File: file})
		require.ErrorIs(t, err, ErrInvalid, body)
		assert.Contains(t, err.Error(), file+": "+want, body)
	}
	c, err := Load(Options{Engines: engines, File: writeConfig(t, "deepl:\n  formality: more\n  max_retry_after: 5s\n")})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"formality": "more", "max_retry_after": "5s"}, c.Engines["deepl"])
}
