// Package identity is the engine that returns every segment unchanged: it
// makes glossary-only (house-style) editions and round-trip tests.
package identity
