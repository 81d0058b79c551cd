package manifest

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func edition(path, locale string, n int) Edition {
	e := Edition{Path: path, Source: "src/" + path, Locale: locale, SourceSHA256: Hash([]byte(path)), Output: locale + "/" + path, OutputSHA256: Hash([]byte("out")), Backend: "pseudo", Glossary: "g"}
	for i := range n {
		e.Segments = append(e.Segments, Segment{ID: fmt.Sprintf("u%d.1", i+1), Status: StatusTranslated, SourceHash: "h"})
	}
	return e
}

func TestStoreCommitAndReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenStore(dir, FileName)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			assert.NoError(t, s.Put(edition(fmt.Sprintf("f%02d.txt", i), "es", i%4+1)))
		}()
	}
	wg.Wait()
	require.NoError(t, s.Commit())
	require.NoError(t, s.Close())
	assert.NoFileExists(t, filepath.Join(dir, FileName+JournalSuffix), "an empty journal is removed")

	m, err := Load(dir)
	require.NoError(t, err)
	require.Len(t, m.Editions, 50)
	assert.Equal(t, "f00.txt", m.Editions[0].Path, "sorted")
	assert.Len(t, m.Editions[3].Segments, 4)

	s, err = OpenStore(dir, FileName)
	require.NoError(t, err)
	defer s.Close()
	p, ok := s.Prev("f07.txt", "es")
	require.True(t, ok)
	assert.True(t, p.Same(Hash([]byte("f07.txt")), "es/f07.txt", "pseudo", "", "", "g"))
	assert.False(t, p.Same(Hash([]byte("f08.txt")), "es/f07.txt", "pseudo", "", "", "g"))
	assert.False(t, p.Same(Hash([]byte("f07.txt")), "es/f07.txt", "pseudo", "", "", "other glossary"))
	assert.True(t, p.OutputIs(Hash([]byte("out"))))
	assert.Equal(t, 4, p.Segments)
	_, ok = s.Prev("f07.txt", "de")
	assert.False(t, ok)

	// Replacing one edition and committing keeps the others.
	e := edition("f07.txt", "es", 1)
	e.Segments[0].Status = StatusFailed
	require.NoError(t, s.Put(e))
	require.NoError(t, s.Commit())
	m, err = Load(dir)
	require.NoError(t, err)
	require.Len(t, m.Editions, 50)
	got := m.Find("f07.txt", "es")
	require.NotNil(t, got)
	assert.Equal(t, StatusFailed, got.Segments[0].Status)
	p, _ = s.Prev("f07.txt", "es")
	assert.True(t, p.Failed)
}

func TestStoreRecoversJournal(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenStore(dir, FileName)
	require.NoError(t, err)
	require.NoError(t, s.Put(edition("a.txt", "es", 2)))
	require.NoError(t, s.Commit())
	require.NoError(t, s.Put(edition("b.txt", "es", 2)))
	require.NoError(t, s.Put(edition("c.txt", "es", 2)))
	require.NoError(t, s.Sync(), "a batch: the editions, then their records, made durable")
	require.NoError(t, s.Put(edition("e.txt", "es", 2)))
	// The run is killed here: no Commit, no Close (e.txt's record was not
	// synced: the next run redoes it). Simulate a torn last line.
	jpath := filepath.Join(dir, FileName+JournalSuffix)
	f, err := os.OpenFile(jpath, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"path":"d.txt","locale":"es","segm`)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	s2, err := OpenStore(dir, FileName)
	require.NoError(t, err)
	for _, p := range []string{"a.txt", "b.txt", "c.txt"} {
		_, ok := s2.Prev(p, "es")
		assert.True(t, ok, p)
	}
	_, ok := s2.Prev("d.txt", "es")
	assert.False(t, ok, "a torn record is dropped")
	_, ok = s2.Prev("e.txt", "es")
	assert.False(t, ok, "a record not yet synced is not there")
	require.NoError(t, s2.Commit())
	require.NoError(t, s2.Close())
	m, err := Load(dir)
	require.NoError(t, err)
	assert.Len(t, m.Editions, 3)
}

func TestStoreCorrupt(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, FileName), []byte(`{"version":1,"editions":[{"path":`), 0o644))
	_, err := OpenStore(dir, FileName)
	require.ErrorIs(t, err, ErrCorrupt)
	assert.Contains(t, err.Error(), FileName)
}

func TestReadOnlyStoreWritesNothing(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenReadOnly(dir, FileName)
	require.NoError(t, err)
	require.NoError(t, s.Put(edition("a.txt", "es", 1)))
	require.NoError(t, s.Commit())
	require.NoError(t, s.Close())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)
}

func FuzzOpenStore(f *testing.F) {
	f.Add([]byte(`{"version":1,"tool":"locpipe","editions":[{"path":"a","locale":"es"}]}`))
	f.Add([]byte(`{"version":1,"editions":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, FileName), data, 0o644))
		s, err := OpenStore(dir, FileName)
		if err != nil {
			return
		}
		defer s.Close()
		require.NoError(t, s.Put(edition("z.txt", "uk", 1)))
		require.NoError(t, s.Commit(), "a manifest that opened commits")
		_, err = Load(dir)
		require.NoError(t, err)
	})
}
