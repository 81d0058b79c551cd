package manifest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/locpipe/locpipe/internal/fsutil"
)

// FileName is the manifest's name inside the output directory.
const FileName = "locpipe-manifest.json"

// Version is the manifest format version this package writes.
const Version = 1

// Segment statuses.
const (
	StatusTranslated = "translated" // sent to the backend and translated
	StatusMemory     = "memory"     // taken from the translation memory
	StatusGlossary   = "glossary"   // same-language edition: glossary applied only
	StatusFailed     = "failed"     // the backend failed: the source text was kept
	StatusPending    = "pending"    // a dry run would send it to the backend (never written)
)

// Segment records one sentence of an edition.
type Segment struct {
	ID         string   `json:"id"`   // unit id and index: "u3.2"
	Unit       string   `json:"unit"` // unit id
	Line       int      `json:"line"` // line of the unit in the source
	SourceHash string   `json:"source_hash"`
	Status     string   `json:"status"`
	Unknown    []string `json:"unknown,omitempty"`  // words the engine did not know
	Warnings   []string `json:"warnings,omitempty"` // repairs made to this segment
}

// Edition records one localized file.
type Edition struct {
	Source       string `json:"source"`                 // the source file as given on the command line
	Path         string `json:"path"`                   // the source's path relative to its root: the layout's {path}
	SourceSHA256 string `json:"source_sha256"`          // of the source bytes
	Format       string `json:"format"`                 // txt, md, html
	SourceLocale string `json:"source_locale"`          // language of the source
	Locale       string `json:"locale"`                 // language of the edition
	Output       string `json:"output"`                 // the edition's path relative to the output directory
	OutputSHA256 string `json:"output_sha256"`          // of the edition bytes
	Backend      string `json:"backend"`                // engine name
	Settings     string `json:"settings"`               // fingerprint of the settings that shape the output
	Presentation string `json:"presentation,omitempty"` // fingerprint of what typography and the notice do
	Glossary     string `json:"glossary"`               // glossary fingerprint
	// Concepts are the glossary concepts the edition uses (matched in its
	// source), each with its fingerprint for the language pair
	// (glossary.ConceptFingerprint): what a glossary change must touch to
	// change the edition.
	Concepts map[string]string `json:"concepts,omitempty"`
	Written  time.Time         `json:"written"`  // when the edition was written
	Segments []Segment         `json:"segments"` // every segment, in order
	Warnings []string          `json:"warnings,omitempty"`
	// Unpublished: segments of this run failed, so the edition was not
	// written; Output, if it exists, is the previous complete edition and
	// OutputSHA256 its hash. The next run redoes it.
	Unpublished bool `json:"unpublished,omitempty"`
}

// Key identifies an edition within a manifest.
func (e *Edition) Key() string { return e.Path + "\x00" + e.Locale }

// Manifest is the record of every edition in an output directory.
type Manifest struct {
	Version  int       `json:"version"`
	Tool     string    `json:"tool"`
	Editions []Edition `json:"editions"`
}

// ErrCorrupt is wrapped when a manifest file cannot be read as one.
var ErrCorrupt = errors.New("manifest: corrupt manifest")

// Load reads the manifest in dir. A missing manifest is an empty one.
func Load(dir string) (*Manifest, error) {
	path := filepath.Join(dir, FileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Manifest{Version: Version, Tool: "locpipe"}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, ErrCorrupt, err)
	}
	if m.Version != Version {
		return nil, fmt.Errorf("%s: %w: version %d, this locpipe reads %d", path, ErrCorrupt, m.Version, Version)
	}
	return &m, nil
}

// Find returns the edition of path in locale, or nil.
func (m *Manifest) Find(path, locale string) *Edition {
	for i := range m.Editions {
		if m.Editions[i].Path == path && m.Editions[i].Locale == locale {
			return &m.Editions[i]
		}
	}
	return nil
}

// Put adds e, replacing an edition with the same path and locale.
func (m *Manifest) Put(e Edition) {
	for i := range m.Editions {
		if m.Editions[i].Key() == e.Key() {
			m.Editions[i] = e
			return
		}
	}
	m.Editions = append(m.Editions, e)
}

// Save writes the manifest into dir atomically, editions sorted by path and
// locale so that the file is stable.
func (m *Manifest) Save(dir string) error {
	m.Version = Version
	m.Tool = "locpipe"
	sort.SliceStable(m.Editions, func(i, j int) bool {
		a, b := m.Editions[i], m.Editions[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Locale < b.Locale
	})
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	return fsutil.WriteFile(filepath.Join(dir, FileName), append(data, '\n'), 0o644)
}

// Hash returns the hex sha256 of data, the form the manifest uses.
func Hash(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// HashString is Hash of a string, shortened to 16 hex digits: the segment
// source hash.
func HashString(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}
