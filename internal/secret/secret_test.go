package secret_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/locpipe/locpipe/internal/secret"
)

func TestURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://user:PASS@127.0.0.1:2737/": "http://user:xxxxx@127.0.0.1:2737/",
		"https://host/v1":                  "https://host/v1",
		"http://user@host":                 "http://user@host",
		"http://u:p%40ss@host/x?q=1":       "http://u:xxxxx@host/x?q=1",
		"not a url ::: http://a:b@h":       "not a url ::: http://a:xxxxx@h",
	} {
		assert.Equal(t, want, secret.URL(in), in)
	}
}

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		`Post "http://bob:s3cret@h:1/translate" after 3 attempt(s): EOF`: `Post "http://bob:xxxxx@h:1/translate" after 3 attempt(s): EOF`,
		"two: https://a:b@x and postgres://c:d@y/db":                     "two: https://a:xxxxx@x and postgres://c:xxxxx@y/db",
		"no url here: a:b@c":    "no url here: a:b@c",
		"http://host:8080/path": "http://host:8080/path",
		"":                      "",
	} {
		assert.Equal(t, want, secret.Text(in), in)
	}
}

func FuzzText(f *testing.F) {
	f.Add("http://u:p@h/")
	f.Fuzz(func(t *testing.T, s string) {
		out := secret.Text(s)
		assert.Equal(t, out, secret.Text(out), "idempotent")
	})
}
