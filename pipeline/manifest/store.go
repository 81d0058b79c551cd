package manifest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// JournalSuffix names the journal beside a manifest: every edition a run
// writes is appended there at once, so that a run killed at any moment
// loses no record, and the next run folds the journal into the manifest.
const JournalSuffix = ".journal"

// Prev is what a run needs to know of an edition written before: enough to
// decide whether it can be skipped. It is small, so that a run over millions
// of files keeps only this in memory, not the editions themselves.
type Prev struct {
	SourceSHA256 string
	OutputSHA256 string
	Output       string
	Backend      string
	Settings     string
	Glossary     string
	Segments     int
	Failed       bool // some segment failed: the edition must be redone
}

type location struct {
	journal bool  // in the journal (else in the old manifest)
	off     int64 // byte offset of the edition's JSON object
	n       int64 // its length
}

type indexEntry struct {
	prev Prev
	loc  location
}

// Store is a manifest being updated by a run. It keeps an index of the
// editions in memory and their records on disk (in the previous manifest
// or the journal), and writes the new manifest in one streaming pass on
// Commit. It is safe for concurrent use.
type Store struct {
	dir, name string

	mu       sync.Mutex
	index    map[string]indexEntry
	old      *os.File // previous manifest, or nil
	journal  *os.File // opened for appending and reading
	jsize    int64
	dirty    bool
	readOnly bool
}

// OpenStore opens the manifest called name in dir for a run: it indexes the
// previous manifest and replays a journal left by a run that did not finish.
func OpenStore(dir, name string) (*Store, error) {
	s := &Store{dir: dir, name: name, index: map[string]indexEntry{}}
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
	dec := json.NewDecoder(bufio.NewReader(f))
	bad := func(err error) error { return fmt.Errorf("%s: %w: %v", path, ErrCorrupt, err) }
	tok, err := dec.Token()
	if err != nil {
		return bad(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return bad(errors.New("not a JSON object"))
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return bad(err)
		}
		key, _ := tok.(string)
		switch key {
		case "version":
			var v int
			if err := dec.Decode(&v); err != nil {
				return bad(err)
			}
			if v != Version {
				return bad(fmt.Errorf("version %d, this locpipe reads %d", v, Version))
			}
		case "editions":
			if tok, err := dec.Token(); err != nil {
				return bad(err)
			} else if tok == nil {
				continue // "editions": null
			} else if d, ok := tok.(json.Delim); !ok || d != '[' {
				return bad(errors.New("editions is not a list"))
			}
			for dec.More() {
				start := dec.InputOffset()
				var e Edition
				if err := dec.Decode(&e); err != nil {
					return bad(err)
				}
				end := dec.InputOffset()
				s.index[e.Key()] = indexEntry{prev: prevOf(&e), loc: location{off: start, n: end - start}}
			}
			if _, err := dec.Token(); err != nil {
				return bad(err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return bad(err)
			}
		}
	}
	return nil
}

// replayJournal indexes the journal's complete lines; a torn last line (the
// run was killed while writing it) is cut off.
func (s *Store) replayJournal(path string) error {
	r := bufio.NewReader(s.journal)
	var off int64
	for {
		line, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			break // a line without its newline is torn: drop it
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		var e Edition
		if err := json.Unmarshal(line, &e); err != nil {
			break // torn or garbled: everything after is dropped
		}
		s.index[e.Key()] = indexEntry{prev: prevOf(&e), loc: location{journal: true, off: off, n: int64(len(line) - 1)}}
		off += int64(len(line))
		s.dirty = true
	}
	if err := s.journal.Truncate(off); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if _, err := s.journal.Seek(off, io.SeekStart); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	s.jsize = off
	return nil
}

func prevOf(e *Edition) Prev {
	p := Prev{
		SourceSHA256: e.SourceSHA256, OutputSHA256: e.OutputSHA256, Output: e.Output,
		Backend: e.Backend, Settings: e.Settings, Glossary: e.Glossary, Segments: len(e.Segments),
	}
	for _, sg := range e.Segments {
		if sg.Status == StatusFailed {
			p.Failed = true
			break
		}
	}
	return p
}

// Prev returns what is known of the edition of path in locale.
func (s *Store) Prev(path, locale string) (Prev, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.index[path+"\x00"+locale]
	return e.prev, ok
}

// Len returns the number of editions the manifest will hold.
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.index)
}

// Put records an edition: it is appended to the journal at once, so it
// survives the run being killed.
func (s *Store) Put(e Edition) error {
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	data = append(data, '\n')
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readOnly {
		s.index[e.Key()] = indexEntry{prev: prevOf(&e)}
		return nil
	}
	if _, err := s.journal.Write(data); err != nil {
		return fmt.Errorf("manifest journal: %w", err)
	}
	s.index[e.Key()] = indexEntry{prev: prevOf(&e), loc: location{journal: true, off: s.jsize, n: int64(len(data) - 1)}}
	s.jsize += int64(len(data))
	s.dirty = true
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
	keys := make([]string, 0, len(s.index))
	for k := range s.index {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	path := filepath.Join(s.dir, s.name)
	tmp, err := os.CreateTemp(s.dir, "."+s.name+".tmp-*")
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	fmt.Fprintf(w, "{\n  \"version\": %d,\n  \"tool\": \"locpipe\",\n  \"editions\": [", Version)
	var raw, pretty bytes.Buffer
	for i, k := range keys {
		loc := s.index[k].loc
		src := s.old
		if loc.journal {
			src = s.journal
		}
		raw.Reset()
		if _, err := io.Copy(&raw, io.NewSectionReader(src, loc.off, loc.n)); err != nil {
			tmp.Close()
			return fmt.Errorf("manifest: %w", err)
		}
		pretty.Reset()
		// An offset taken between array elements may include the separator.
		if err := json.Indent(&pretty, bytes.TrimSpace(bytes.TrimLeft(raw.Bytes(), ", \t\r\n")), "    ", "  "); err != nil {
			tmp.Close()
			return fmt.Errorf("manifest: edition %q: %w", k, err)
		}
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n    ")
		w.Write(pretty.Bytes())
	}
	if len(keys) > 0 {
		w.WriteString("\n  ")
	}
	w.WriteString("]\n}\n")
	if err := w.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("manifest: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("manifest: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	// The new manifest holds everything: re-index it and empty the journal.
	if s.old != nil {
		s.old.Close()
		s.old = nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	s.old = f
	s.index = map[string]indexEntry{}
	if err := s.indexManifest(f, path); err != nil {
		return err
	}
	if err := s.journal.Truncate(0); err != nil {
		return fmt.Errorf("manifest journal: %w", err)
	}
	if _, err := s.journal.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("manifest journal: %w", err)
	}
	s.jsize = 0
	s.dirty = false
	return nil
}

// Close releases the store's files; an empty journal is removed. It does
// not commit.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
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
	return nil
}

// OpenReadOnly opens a store that indexes the manifest in dir but never
// writes (for dry runs): Put keeps records in memory only and Commit does
// nothing.
func OpenReadOnly(dir, name string) (*Store, error) {
	s := &Store{dir: dir, name: name, index: map[string]indexEntry{}, readOnly: true}
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
