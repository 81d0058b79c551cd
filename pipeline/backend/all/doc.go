// Package all builds the registry of every engine locpipe ships. It is the
// one place engines are registered.
package all
