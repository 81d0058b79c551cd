package manifest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/locpipe/locpipe/internal/fsutil"
)

// JournalSuffix names the journal beside a manifest: every edition a run
// writes is appended there at once, so that a run killed at any moment
// loses no record, and the next run folds the journal into the manifest.
const JournalSuffix = ".journal"

// Prev is what a run keeps of an edition written before: enough to decide
// whether it can be skipped. The Store's skip index keeps it packed (about
// 70 bytes an edition with its path, see index), so that a run over
// millions of files holds only this in memory, never the editions
// themselves. Hashes are kept as their first 64 bits: ample to notice a change.
type Prev struct {
	src, out, output uint64
	profile          string // backend, settings and glossary fingerprint, interned
	Segments         int
	Failed           bool // some segment failed: the edition must be redone
}

// Same reports whether the edition was made from the same source (its
// sha256), at the same output path, by the same engine, settings and
// glossary, with the same presentation (typography and notice).
func (p Prev) Same(sourceSHA256, output, backend, settings, presentation, glossary string) bool {
	return p.src == hash64(sourceSHA256) && p.output == hash64(output) && p.profile == profileOf(backend, settings, presentation, glossary)
}

// What Changes reports.
const (
	ChangeSource       = "source changed"
	ChangeOutput       = "output path changed"
	ChangeEngine       = "engine changed"
	ChangeSettings     = "engine settings changed"
	ChangePresentation = "presentation changed"
	ChangeGlossary     = "glossary changed"
)

// Changes lists what differs from the edition written before, in the
// order of the arguments (ChangeSource…); none when Same.
func (p Prev) Changes(sourceSHA256, output, backend, settings, presentation, glossary string) []string {
	var out []string
	if p.src != hash64(sourceSHA256) {
		out = append(out, ChangeSource)
	}
	if p.output != hash64(output) {
		out = append(out, ChangeOutput)
	}
	was := strings.SplitN(p.profile, "\x00", 4)
	for len(was) < 4 {
		was = append(was, "")
	}
	for i, c := range []struct{ now, what string }{{backend, ChangeEngine}, {settings, ChangeSettings}, {presentation, ChangePresentation}, {glossary, ChangeGlossary}} {
		if was[i] != c.now {
			out = append(out, c.what)
		}
	}
	return out
}

// GlossaryChanged reports whether the edition was written with another
// glossary than the one whose fingerprint is given.
func (p Prev) GlossaryChanged(glossary string) bool {
	i := strings.LastIndexByte(p.profile, 0)
	return p.profile[i+1:] != glossary
}

// OutputIs reports whether sha256 (hex) is the hash of the edition written.
func (p Prev) OutputIs(sha256 string) bool { return p.out == hash64(sha256) }

func profileOf(backend, settings, presentation, glossary string) string {
	return backend + "\x00" + settings + "\x00" + presentation + "\x00" + glossary
}

// hash64 is the first 64 bits of a hex sha256, or of the sha256 of anything
// else (so that it still compares equal only to itself).
func hash64(h string) uint64 {
	var b [8]byte
	if len(h) == 64 {
		if _, err := hex.Decode(b[:], []byte(h[:16])); err == nil {
			return binary.BigEndian.Uint64(b[:])
		}
	}
	sum := sha256.Sum256([]byte(h))
	return binary.BigEndian.Uint64(sum[:8])
}

type location struct {
	off     int64 // byte offset of the edition's JSON object
	n       int32 // its length
	journal bool  // in the journal (else in the manifest)
}

// prevOf is what is kept of e; intern, when set, shares equal profiles.
func prevOf(e *Edition, intern func(string) string) Prev {
	profile := profileOf(e.Backend, e.Settings, e.Presentation, e.Glossary)
	if intern != nil {
		profile = intern(profile)
	}
	p := Prev{src: hash64(e.SourceSHA256), out: hash64(e.OutputSHA256), output: hash64(e.Output), profile: profile, Segments: len(e.Segments)}
	for _, sg := range e.Segments {
		if sg.Status == StatusFailed {
			p.Failed = true
			break
		}
	}
	return p
}

// Store is a manifest being updated by a run. It keeps an index of the
// editions in memory and their records on disk (in the previous manifest
// or the journal), and writes the new manifest in one streaming pass on
// Commit. It is safe for concurrent use.
type Store struct {
	dir, name string

	mu       sync.Mutex
	index    *index
	old      *os.File // previous manifest, or nil
	journal  *os.File // opened for appending and reading
	jsize    int64    // journal bytes, pending ones included
	dirty    bool
	readOnly bool

	// Records Put but not yet in the journal: they are appended, and the
	// journal synced, once the editions they record are durable (SyncEvery
	// records or SyncDelay, and at Commit and Close).
	pending      []byte
	pendingPaths []string
	pendingSince time.Time
}

// Durability batching of Put.
const (
	SyncEvery = 128
	SyncDelay = time.Second
)

// maxKeptPending is the buffer of pending records kept between syncs.
const maxKeptPending = 1 << 20

// OpenStore opens the manifest called name in dir for a run: it indexes the
// previous manifest and replays a journal left by a run that did not finish.
func OpenStore(dir, name string) (*Store, error) {
	s := &Store{dir: dir, name: name, index: newIndex()}
	path := filepath.Join(dir, name)
	f, err := os.Open(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("manifest: %w", err)
	default:
		s.old = f
		if err := s.indexManifest(f, path); err != nil {
			f.Close()
			return nil, err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		s.Close()
		return nil, fmt.Errorf("manifest: %w", err)
	}
	jpath := path + JournalSuffix
	j, err := os.OpenFile(jpath, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("manifest journal: %w", err)
	}
	s.journal = j
	if err := s.replayJournal(jpath); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// indexManifest reads the editions of a manifest one at a time, keeping
// only their index entries.
func (s *Store) indexManifest(f *os.File, path string) error {
	err := Decode(f, func(e *Edition, off, n int64) error {
		return s.index.set(e.Path, e.Locale, prevOf(e, nil), location{off: off, n: int32(n)})
	})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// replayJournal indexes the journal's complete records and cuts off a torn
// or garbled tail, so that new records follow the last good one.
func (s *Store) replayJournal(path string) error {
	end, err := DecodeJournal(s.journal, func(e *Edition, off, n int64) error {
		s.dirty = true
		return s.index.set(e.Path, e.Locale, prevOf(e, nil), location{journal: true, off: off, n: int32(n)})
	})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := s.journal.Truncate(end); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if _, err := s.journal.Seek(end, io.SeekStart); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	s.jsize = end
	return nil
}

// Prev returns what is known of the edition of path in locale.
func (s *Store) Prev(path, locale string) (Prev, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.index.find(path, locale)
	if !ok {
		return Prev{}, false
	}
	return s.index.prev(i), true
}

// Record reads the whole record of the edition of path in locale from
// disk (the previous manifest or the journal).
func (s *Store) Record(path, locale string) (Edition, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.syncLocked(); err != nil {
		return Edition{}, err
	}
	i, ok := s.index.find(path, locale)
	if !ok {
		return Edition{}, fmt.Errorf("manifest: no edition of %s in %s", path, locale)
	}
	loc := s.index.loc(i)
	src := s.old
	if loc.journal {
		src = s.journal
	}
	if src == nil || loc.n == 0 {
		return Edition{}, fmt.Errorf("manifest: the edition of %s in %s is not on disk", path, locale)
	}
	data := make([]byte, loc.n)
	if _, err := src.ReadAt(data, loc.off); err != nil {
		return Edition{}, fmt.Errorf("manifest: %w", err)
	}
	var ed Edition
	if err := json.Unmarshal(bytes.TrimLeft(data, ", \t\r\n"), &ed); err != nil {
		return Edition{}, fmt.Errorf("manifest: edition of %s in %s: %w", path, locale, err)
	}
	return ed, nil
}

// Len returns the number of editions the manifest will hold.
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.index.n
}

// Put records an edition: it is appended to the journal at once, so it
// survives the run being killed.
func (s *Store) Put(e Edition) error {
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	return s.put(&e, nil, append(data, '\n'))
}

// segmentsNull is where PutList writes the segments into the JSON of an
// edition without them: a quote after a comma outside a string starts a
// key, and inside a string it would have been escaped, so this is the
// "segments" key of the edition, never text inside a value.
var segmentsNull = []byte(`,"segments":null`)

// PutList is Put of e with the segments of l as e.Segments, written from
// the compact list without building them (an edition of a 16 MB file has
// 164,000 segments).
func (s *Store) PutList(e Edition, l *SegmentList) error {
	e.Segments = nil
	head, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	i := bytes.Index(head, segmentsNull)
	if i < 0 {
		return fmt.Errorf("manifest: edition %s: no segments key in %.80s", e.Key(), head)
	}
	i += len(segmentsNull) - len("null")
	data := make([]byte, 0, len(head)+l.sizeJSON())
	data = append(data, head[:i]...)
	if data, err = l.AppendJSON(data); err != nil {
		return fmt.Errorf("manifest: edition %s: %w", e.Key(), err)
	}
	data = append(data, head[i+len("null"):]...)
	return s.put(&e, l, append(data, '\n'))
}

// put records e, whose journal line is data (ending in a newline) and
// whose segments are l when e's are not given.
func (s *Store) put(e *Edition, l *SegmentList, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	output := e.Output
	prev := prevOf(e, nil)
	if l != nil {
		prev.Segments, prev.Failed = l.Len(), l.Failed()
	}
	if s.readOnly {
		return s.index.set(e.Path, e.Locale, prev, location{})
	}
	loc := location{journal: true, off: s.jsize, n: int32(len(data) - 1)}
	if err := s.index.set(e.Path, e.Locale, prev, loc); err != nil {
		return err
	}
	if len(s.pending) == 0 {
		s.pendingSince = time.Now()
	}
	if len(s.pending) == 0 && len(data) > cap(s.pending) {
		s.pending = data // a big record is not copied
	} else {
		s.pending = append(s.pending, data...)
	}
	s.pendingPaths = append(s.pendingPaths, filepath.Join(s.dir, filepath.FromSlash(output)))
	s.jsize += int64(len(data))
	s.dirty = true
	if len(s.pendingPaths) >= SyncEvery || time.Since(s.pendingSince) >= SyncDelay {
		return s.syncLocked()
	}
	return nil
}

// Sync makes the editions Put so far durable and then their journal
// records: after it returns, a power loss keeps every one of them.
func (s *Store) Sync() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.syncLocked()
}

// syncLocked syncs the pending editions' files (and their directories once
// each), then appends their records to the journal and syncs it:
// the journal never records an edition that a power loss could take back.
func (s *Store) syncLocked() error {
	if len(s.pending) == 0 || s.journal == nil {
		return nil
	}
	if err := fsutil.SyncFiles(s.pendingPaths); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	if _, err := s.journal.Write(s.pending); err != nil {
		return fmt.Errorf("manifest journal: %w", err)
	}
	if err := s.journal.Sync(); err != nil {
		return fmt.Errorf("manifest journal: %w", err)
	}
	s.pending, s.pendingPaths = s.pending[:0], s.pendingPaths[:0]
	if cap(s.pending) > maxKeptPending {
		s.pending = nil // the record of a big file is not kept for the run
	}
	return nil
}

// Commit writes the manifest with every edition, in path and locale order,
// atomically, and empties the journal. Editions are copied from disk one at
// a time.
func (s *Store) Commit() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.dirty || s.readOnly {
		return nil
	}
	if err := s.syncLocked(); err != nil {
		return err
	}
	keys := s.index.sorted()
	path := filepath.Join(s.dir, s.name)
	tmp, err := os.CreateTemp(s.dir, fsutil.TempPattern(s.name))
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			os.Remove(tmp.Name())
		}
	}()
	cw := &countingWriter{w: bufio.NewWriter(tmp)}
	fmt.Fprintf(cw, "{\n  \"version\": %d,\n  \"tool\": \"locpipe\",\n  \"editions\": [", Version)
	newLocs := make([]location, len(keys))
	br := bufio.NewReaderSize(nil, 64<<10) // one buffer for every record
	for i, k := range keys {
		loc := s.index.loc(k)
		src := s.old
		if loc.journal {
			src = s.journal
		}
		if i > 0 {
			cw.Write([]byte{','})
		}
		cw.Write([]byte("\n    "))
		if cw.err != nil {
			tmp.Close()
			return fmt.Errorf("manifest: %w", cw.err)
		}
		// Indented as it is copied: a record is never held in memory.
		br.Reset(io.NewSectionReader(src, loc.off, int64(loc.n)))
		n, err := indent(cw.w, br, "    ", "  ")
		if err != nil {
			tmp.Close()
			return fmt.Errorf("manifest: edition %q: %w", s.index.key(k), err)
		}
		newLocs[i] = location{off: cw.n, n: int32(n)}
		cw.n += n
	}
	if len(keys) > 0 {
		cw.Write([]byte("\n  "))
	}
	cw.Write([]byte("]\n}\n"))
	if err := cw.flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("manifest: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("manifest: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		tmp.Close()
		return fmt.Errorf("manifest: %w", err)
	}
	// The new manifest holds every edition: point the index at it (the
	// temporary file is the manifest now) and empty the journal.
	if s.old != nil {
		s.old.Close()
	}
	s.old = tmp
	for i, k := range keys {
		s.index.setLoc(k, newLocs[i])
	}
	// The rename must be durable before the journal it replaces is emptied.
	if d, err := os.Open(s.dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	if err := s.journal.Truncate(0); err != nil {
		return fmt.Errorf("manifest journal: %w", err)
	}
	if _, err := s.journal.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("manifest journal: %w", err)
	}
	s.jsize = 0
	s.dirty = false
	committed = true
	return nil
}

// countingWriter counts the bytes written through it; write errors are
// kept for flush.
type countingWriter struct {
	w   *bufio.Writer
	n   int64
	err error
}

func (c *countingWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}

func (c *countingWriter) flush() error {
	if c.err != nil {
		return c.err
	}
	return c.w.Flush()
}

// Close releases the store's files; an empty journal is removed. It does
// not commit.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.syncLocked()
	if s.old != nil {
		s.old.Close()
		s.old = nil
	}
	if s.journal != nil {
		name := s.journal.Name()
		s.journal.Close()
		s.journal = nil
		if s.jsize == 0 {
			os.Remove(name)
		}
	}
	return err
}

// OpenReadOnly opens a store that indexes the manifest in dir but never
// writes (for dry runs): Put keeps records in memory only and Commit does
// nothing.
func OpenReadOnly(dir, name string) (*Store, error) {
	s := &Store{dir: dir, name: name, index: newIndex(), readOnly: true}
	path := filepath.Join(dir, name)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	s.old = f
	if err := s.indexManifest(f, path); err != nil {
		f.Close()
		return nil, err
	}
	return s, nil
}
