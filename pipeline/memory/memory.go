package memory

import (
	"context"
	"crypto/sha256"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Key identifies a translation: what the engine was sent — the protected
// source text (glossary terms and inline codes as placeholders) and, for
// each term placeholder, the source text handed over with it — the
// language pair and the engine with its settings. Prev and Next are the
// source texts of the neighbouring segments, for in-context matches of
// human translations.
//
// The key holds nothing of the glossary beyond the terms in the sentence:
// which concept a placeholder stands for, and the target term it becomes,
// are applied when the edition is rendered, so a changed target term or a
// new exception elsewhere in the glossary misses nothing.
type Key struct {
	Source     string
	Terms      []string // the source text of term placeholder i (PlaceholderBase+i); nil without terms
	SourceLang string
	TargetLang string
	Engine     string // engine name and settings fingerprint
	Prev, Next string
}

// Normalize returns s in the form keys are compared in: NFC, with runs of
// white space folded to one space and the ends trimmed.
func Normalize(s string) string {
	if isSimple(s) {
		return s
	}
	s = norm.NFC.String(s)
	return strings.Join(strings.Fields(s), " ")
}

// isSimple reports whether s is already normalized and ASCII-spaced, the
// common case, without allocating: no leading, trailing or doubled space,
// no white space but ' ', and NFC.
func isSimple(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			ascii = false
		case c == ' ':
			if i > 0 && s[i-1] == ' ' {
				return false
			}
		case c < ' ' || c == 0x7f:
			return false
		}
	}
	if ascii {
		return true
	}
	if !norm.NFC.IsNormalString(s) {
		return false
	}
	for _, r := range s {
		if r != ' ' && unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// HashSize is the length of a key's hash.
const HashSize = 16

// Hash is the compact form of a normalized source text stores index entries
// by: the first HashSize bytes of its SHA-256. A lookup reads the entries
// of one hash and compares their languages, engine and terms.
type Hash [HashSize]byte

// SourceHash returns the hash of k's normalized source text.
func SourceHash(k Key) Hash {
	return hashOf(Normalize(k.Source))
}

func hashOf(s string) Hash {
	sum := sha256.Sum256([]byte(s))
	var h Hash
	copy(h[:], sum[:HashSize])
	return h
}

// ContextSize is the length of a neighbour's hash.
const ContextSize = 8

// ContextHash returns the compact form of a neighbouring sentence stores
// compare contexts by: the first ContextSize bytes of the SHA-256 of its
// normalized text.
func ContextHash(s string) []byte {
	sum := sha256.Sum256([]byte(Normalize(s)))
	return sum[:ContextSize]
}

// TermsHash returns the compact form of k's terms: empty for none, else
// the first 8 bytes of the SHA-256 of the normalized terms.
func TermsHash(terms []string) []byte {
	if len(terms) == 0 {
		return []byte{}
	}
	sum := sha256.Sum256([]byte(JoinTerms(terms)))
	return sum[:8]
}

// UnknownTerms is the terms hash of an entry migrated from a memory that
// did not record terms (schema 1): its engine was sent bare placeholders,
// so it serves a lookup whatever its terms.
var UnknownTerms = []byte{0}

// termSep separates terms in JoinTerms; a term never holds it (control
// characters are white space to Normalize, or not text).
const termSep = "\x1f"

// JoinTerms writes terms in one string, normalized, for storage.
func JoinTerms(terms []string) string {
	n := make([]string, len(terms))
	for i, t := range terms {
		n[i] = Normalize(t)
	}
	return strings.Join(n, termSep)
}

// SplitTerms reads what JoinTerms wrote.
func SplitTerms(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, termSep)
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

// ExactKey is k as one string, for maps of one run: the normalized source,
// its terms, the language pair and the engine (not the neighbours).
func ExactKey(k Key) string {
	return strings.Join([]string{Normalize(k.Source), JoinTerms(k.Terms), k.SourceLang, k.TargetLang, k.Engine}, "\x00")
}

// Lookup returns the stored translation of k.
func (t *Map) Lookup(_ context.Context, k Key) (Entry, bool, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, ok := t.m[ExactKey(k)]
	return e, ok, nil
}

// Store records a translation of k.
func (t *Map) Store(_ context.Context, k Key, e Entry) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if old, ok := t.m[ExactKey(k)]; ok && old.Origin == "human" && e.Origin != "human" {
		return nil // a reviewed translation is never replaced by a machine one
	}
	t.m[ExactKey(k)] = e
	return nil
}
