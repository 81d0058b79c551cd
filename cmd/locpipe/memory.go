package main

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/memory"
	"github.com/locpipe/locpipe/pipeline/memory/pgstore"
)

// MemoryFile is the translation memory's file name in the output directory
// when memory.path is not set.
const MemoryFile = "locpipe-memory.db"

// memoryStore is what the commands need of a persistent translation
// memory: the pipeline's lookups and stores, bulk import, listing for
// export, and closing. memory.SQLite is one; a PostgreSQL store shared by
// shards on several machines would be another.
type memoryStore interface {
	pipeline.Memory
	memory.Lister
	StoreAll(ctx context.Context, recs []memory.Record) error
	Close() error
}

var _ memoryStore = (*memory.SQLite)(nil)

// errNoPostgres is returned for a memory.url that is not a PostgreSQL URL.
var errNoPostgres = errors.New("memory.url must be a postgres:// URL (for a memory on one machine, use memory.path, an SQLite file)")

// memoryPath is where the SQLite memory lives: memory.path, else
// <out>/locpipe-memory.db.
func memoryPath(cfg *config.Config) string {
	if cfg.Memory.Path != "" {
		return cfg.Memory.Path
	}
	return filepath.Join(cfg.Out, MemoryFile)
}

// openStore opens the memory the configuration names: the shared one at
// memory.url, else the SQLite file.
func openStore(ctx context.Context, cfg *config.Config) (memoryStore, error) {
	if cfg.Memory.URL != "" {
		return openSharedStore(ctx, cfg.Memory.URL)
	}
	return memory.OpenSQLite(ctx, memoryPath(cfg))
}

// openSharedStore opens a memory shared over the network (memory.url,
// postgres://…). This is the seam for a PostgreSQL store: it must satisfy
// memoryStore with the same rules as memory.SQLite (human entries win and
// match any engine; machine entries match their engine, settings and
// glossary; in-context entries first).
func openSharedStore(ctx context.Context, url string) (memoryStore, error) {
	if !strings.HasPrefix(url, "postgres://") && !strings.HasPrefix(url, "postgresql://") {
		return nil, errNoPostgres
	}
	return pgstore.Open(ctx, url)
}

// openMemory opens the persistent translation memory the configuration asks
// for. It returns nil when the memory is disabled (--no-memory).
func openMemory(ctx context.Context, cfg *config.Config) (pipeline.Memory, func() error, error) {
	if cfg.NoMemory {
		return nil, func() error { return nil }, nil
	}
	if cfg.Memory.URL != "" {
		s, err := openSharedStore(ctx, cfg.Memory.URL)
		if err != nil {
			return nil, nil, err
		}
		return s, s.Close, nil
	}
	l := &lazyMemory{path: memoryPath(cfg)}
	return l, l.Close, nil
}

// lazyMemory opens the SQLite memory at its first use, so that a run that
// fails on its input, or finds every edition unchanged, creates and touches
// no file; lookups in a memory that does not exist yet miss without
// creating it.
type lazyMemory struct {
	path string
	mu   sync.Mutex
	s    *memory.SQLite
}

func (l *lazyMemory) get(ctx context.Context, create bool) (*memory.SQLite, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.s != nil {
		return l.s, nil
	}
	if !create {
		if _, err := os.Stat(l.path); errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
	}
	s, err := memory.OpenSQLite(ctx, l.path)
	if err != nil {
		return nil, err
	}
	l.s = s
	return s, nil
}

// Lookup implements pipeline.Memory.
func (l *lazyMemory) Lookup(ctx context.Context, k memory.Key) (memory.Entry, bool, error) {
	s, err := l.get(ctx, false)
	if err != nil || s == nil {
		return memory.Entry{}, false, err
	}
	return s.Lookup(ctx, k)
}

// Store implements pipeline.Memory.
func (l *lazyMemory) Store(ctx context.Context, k memory.Key, e memory.Entry) error {
	s, err := l.get(ctx, true)
	if err != nil {
		return err
	}
	return s.Store(ctx, k, e)
}

// Close closes the memory if it was opened.
func (l *lazyMemory) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.s == nil {
		return nil
	}
	err := l.s.Close()
	l.s = nil
	return err
}
