package main

import (
	"context"
	"errors"
	"path/filepath"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/memory"
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

// errNoPostgres is returned for memory.url until a PostgreSQL store exists.
var errNoPostgres = errors.New("memory.url needs PostgreSQL support, which this build of locpipe does not have: use memory.path (an SQLite file) instead")

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
func openSharedStore(_ context.Context, _ string) (memoryStore, error) {
	return nil, errNoPostgres
}

// openMemory opens the persistent translation memory the configuration asks
// for. It returns nil when the memory is disabled (--no-memory).
func openMemory(ctx context.Context, cfg *config.Config) (pipeline.Memory, func() error, error) {
	if cfg.NoMemory {
		return nil, func() error { return nil }, nil
	}
	s, err := openStore(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	return s, s.Close, nil
}
