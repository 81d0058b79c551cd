// Package deepltest starts DeepL's own API mock server (the one DeepL's
// client libraries test against, kept in ../shared/tools/deepl-mock) for
// tests: on 127.0.0.1, on free ports, with every request and response
// validated against DeepL's OpenAPI description, stopped by its process id
// when the test ends.
package deepltest
