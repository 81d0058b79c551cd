// Package apytest starts an Apertium APy server for tests: on a free port,
// reached through 127.0.0.1 only (APy has no bind option), stopped by its
// process id when the test ends.
package apytest
