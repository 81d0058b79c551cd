package httpx

import "os"

// Key returns the API key: option, when set, or else the first of the
// environment variables that is set.
func Key(option string, env ...string) string {
	if option != "" {
		return option
	}
	for _, e := range env {
		if k := os.Getenv(e); k != "" {
			return k
		}
	}
	return ""
}
