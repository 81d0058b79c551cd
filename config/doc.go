// Package config turns locpipe's configuration sources into one typed,
// validated Config.
//
// Sources, each overriding the one before: built-in defaults, the YAML file
// (locpipe.yaml in the working directory, or --config FILE), LOCPIPE_*
// environment variables (LOCPIPE_BACKEND, LOCPIPE_TO=es,uk,
// LOCPIPE_APERTIUM_URL), and the flags the user set. Validation happens once,
// in Load, and every error names the key and where its value came from.
package config
