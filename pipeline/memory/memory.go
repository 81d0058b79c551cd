package memory

import (
	"context"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"
)

// Key identifies a translation: the protected source text (glossary terms
// and inline codes as placeholders), the language pair, the engine with its
// settings, and the glossary fingerprint. Prev and Next are the source texts
// of the neighbouring segments, for in-context matches.
type Key struct {
	Source     string
	SourceLang string
	TargetLang string
	Engine     string // engine name and settings fingerprint
	Glossary   string // glossary fingerprint
	Prev, Next string
}

// Normalize returns s in the form keys are compared in: NFC, with runs of
// white space folded to one space and the ends trimmed.
func Normalize(s string) string {
	s = norm.NFC.String(s)
	return strings.Join(strings.Fields(s), " ")
}

// Entry is a stored translation.
type Entry struct {
	Target string
	Origin string // "machine" or "human"
}

// Map is a translation memory held in memory for one run: it makes sure that
// a sentence repeated within a run is sent to the engine once. It is safe
// for concurrent use.
type Map struct {
	mu sync.Mutex
	m  map[string]Entry
}

// NewMap returns an empty Map.
func NewMap() *Map { return &Map{m: map[string]Entry{}} }

func exactKey(k Key) string {
	return strings.Join([]string{Normalize(k.Source), k.SourceLang, k.TargetLang, k.Engine, k.Glossary}, "\x00")
}

// Lookup returns the stored translation of k.
func (t *Map) Lookup(_ context.Context, k Key) (Entry, bool, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, ok := t.m[exactKey(k)]
	return e, ok, nil
}

// Store records a translation of k.
func (t *Map) Store(_ context.Context, k Key, e Entry) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if old, ok := t.m[exactKey(k)]; ok && old.Origin == "human" && e.Origin != "human" {
		return nil // a reviewed translation is never replaced by a machine one
	}
	t.m[exactKey(k)] = e
	return nil
}
