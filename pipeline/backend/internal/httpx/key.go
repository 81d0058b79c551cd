package httpx

import (
	"os"

	"github.com/locpipe/locpipe/pipeline/backend"
)

// Key returns the API key from the option api_key or, when that is empty,
// the first of the environment variables that is set.
func Key(o backend.Options, env ...string) string {
	if k := o.String("api_key"); k != "" {
		return k
	}
	for _, e := range env {
		if k := os.Getenv(e); k != "" {
			return k
		}
	}
	return ""
}
