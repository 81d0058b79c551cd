package backend_test

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/backend"
)

var decl = []backend.Option{
	{Name: "url", Help: "server"},
	{Name: "api_key", Secret: true},
	{Name: "model", Shapes: true},
	{Name: "token", Shapes: true, Secret: true}, // a secret is never hashed, whatever else it says
	{Name: "timeout", Default: "60s"},
	{Name: "retries", Default: "4"},
	{Name: "temperature", Default: "0.5"},
	{Name: "json_mode", Default: "true"},
}

type embedded struct {
	Timeout time.Duration `option:"timeout"`
	Retries int           `option:"retries"`
}

type opts struct {
	URL         string  `option:"url"`
	APIKey      string  `option:"api_key"`
	Model       string  `option:"model"`
	Token       string  `option:"token"`
	Temperature float64 `option:"temperature"`
	JSONMode    bool    `option:"json_mode"`
	embedded
}

func TestDecode(t *testing.T) {
	var o opts
	require.NoError(t, backend.Decode(decl, nil, &o))
	assert.Equal(t, opts{Temperature: 0.5, JSONMode: true, embedded: embedded{Timeout: time.Minute, Retries: 4}}, o, "the declared defaults")

	// YAML values, and strings from the environment or flags.
	for _, in := range []backend.Options{
		{"url": "http://h", "model": "m", "timeout": "2s", "retries": 1, "temperature": 0.0, "json_mode": false},
		{"url": "http://h", "model": "m", "timeout": "2", "retries": "1", "temperature": "0", "json_mode": "no"},
		{"url": "http://h", "model": "m", "timeout": 2, "retries": 1.0, "temperature": 0, "json_mode": "off"},
	} {
		var o opts
		require.NoError(t, backend.Decode(decl, in, &o), "%v", in)
		assert.Equal(t, opts{URL: "http://h", Model: "m", embedded: embedded{Timeout: 2 * time.Second, Retries: 1}}, o, "%v", in)
	}

	for in, want := range map[string]backend.Options{
		"option timeout: soon is not a duration":       {"timeout": "soon"},
		"option retries: 1.5 is not a whole number":    {"retries": 1.5},
		"option json_mode: maybe is not true or false": {"json_mode": "maybe"},
		"option temperature: warm is not a number":     {"temperature": "warm"},
		"backend: unknown option modle (known: api_key, json_mode, model, retries, temperature, timeout, token, url)": {"modle": "m"},
	} {
		var o opts
		err := backend.Decode(decl, want, &o)
		require.Error(t, err)
		assert.Equal(t, in, err.Error())
	}
	assert.ErrorIs(t, backend.Decode(decl, backend.Options{"x": 1}, &opts{}), backend.ErrUnknownOption)

	// Declarations and fields must agree: a programming error, caught by
	// every factory call.
	assert.ErrorContains(t, backend.Decode(append(decl[:len(decl):len(decl)], backend.Option{Name: "extra"}), nil, &opts{}), "extra is declared but has no field")
	assert.ErrorContains(t, backend.Decode(decl[1:], nil, &opts{}), "field for option url is not declared")
}

func TestFingerprint(t *testing.T) {
	base := backend.Fingerprint("x", decl, nil)
	sum := sha256.Sum256([]byte("x"))
	assert.Equal(t, hex.EncodeToString(sum[:6]), base, "no shaping option set: the name alone, as before options were declared")
	assert.Equal(t, base, backend.Fingerprint("x", decl, backend.Options{"url": "http://u:p@h", "api_key": "k", "timeout": "1s", "retries": 9, "token": "t"}),
		"addresses, secrets and the request policy do not shape the output")
	m1 := backend.Fingerprint("x", decl, backend.Options{"model": "a"})
	assert.NotEqual(t, base, m1)
	assert.NotEqual(t, m1, backend.Fingerprint("x", decl, backend.Options{"model": "b"}))
	assert.Equal(t, m1, backend.Fingerprint("x", decl, backend.Options{"model": "a", "api_key": "other"}))
	assert.NotEqual(t, base, backend.Fingerprint("y", decl, nil))
}

func TestRegistryRefusesUndeclared(t *testing.T) {
	r := backend.NewRegistry()
	r.Register(backend.Engine{Name: "e", Options: decl[:1], New: func(p backend.Params) (backend.Translator, error) { return nil, nil }})
	_, err := r.New("e", backend.Params{Options: backend.Options{"ulr": "x"}})
	require.ErrorIs(t, err, backend.ErrUnknownOption)
	assert.Equal(t, "backend e: backend: unknown option ulr (known: url)", err.Error())
	_, err = r.New("e", backend.Params{Options: backend.Options{"url": "x"}})
	require.NoError(t, err)
	assert.Equal(t, map[string][]string{"e": {"url"}}, r.Sections())
	_, err = r.New("nope", backend.Params{})
	assert.ErrorIs(t, err, backend.ErrUnknownEngine)
}
