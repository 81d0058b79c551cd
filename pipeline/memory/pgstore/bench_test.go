package pgstore_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/memory"
	"github.com/locpipe/locpipe/pipeline/memory/pgstore"
	"github.com/locpipe/locpipe/pipeline/memory/pgstore/pgtest"
)

// benchStores opens the embedded SQLite store (the baseline) and the
// PostgreSQL one, so that one run compares them.
func benchStores(b *testing.B) map[string]pipeline.Memory {
	ctx := context.Background()
	lite, err := memory.OpenSQLite(ctx, filepath.Join(b.TempDir(), "tm.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { lite.Close() })
	pg, err := pgstore.Open(ctx, pgtest.URL(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { pg.Close() })
	return map[string]pipeline.Memory{"sqlite": lite, "postgres": pg}
}

func benchKey(i int) memory.Key {
	return memory.Key{Source: fmt.Sprintf("Sentence %d of the archive.", i), SourceLang: "en", TargetLang: "de", Engine: "pseudo"}
}

// BenchmarkLookupHit: a sentence already in the memory.
func BenchmarkLookupHit(b *testing.B) {
	ctx := context.Background()
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			tm := benchStores(b)[name]
			const n = 1000
			for i := range n {
				if err := tm.Store(ctx, benchKey(i), memory.Entry{Target: "Satz.", Origin: memory.OriginMachine}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				if _, ok, err := tm.Lookup(ctx, benchKey(i%n)); err != nil || !ok {
					b.Fatal("miss", err)
				}
			}
		})
	}
}

// BenchmarkMissStore: a new sentence, looked up (and, for PostgreSQL,
// claimed), then stored: what a translated sentence costs the memory.
func BenchmarkMissStore(b *testing.B) {
	ctx := context.Background()
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			tm := benchStores(b)[name]
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				k := benchKey(i)
				if _, ok, err := tm.Lookup(ctx, k); err != nil || ok {
					b.Fatal("hit", err)
				}
				if err := tm.Store(ctx, k, memory.Entry{Target: "Satz.", Origin: memory.OriginMachine}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
