package memory

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// schema2Fixture is what testdata/schema2.db holds. The file was written by
// locpipe's schema 2 code (commit 1f2e1ce, before schema 3) with
//
//	LOCPIPE_WRITE_SCHEMA2=$PWD/testdata/schema2.db go test -run TestWriteSchema2Fixture ./pipeline/memory
//
// and TestMigrateSchema2 checks that every record survives the migration.
var schema2Fixture = []Record{
	{Key: Key{Source: "The army advanced.", SourceLang: "en", TargetLang: "es", Engine: "pseudo"}, Entry: Entry{Target: "[Ŧĥé àŕḿý àðṽàñçéð.]", Origin: OriginMachine}},
	{Key: Key{Source: "The army advanced.", SourceLang: "en", TargetLang: "de", Engine: "pseudo"}, Entry: Entry{Target: "Die Armee rückte vor.", Origin: OriginMachine}},
	{Key: Key{Source: "The army advanced.", SourceLang: "en", TargetLang: "es", Engine: "apertium@1a2b"}, Entry: Entry{Target: "El ejército avanzó.", Origin: OriginMachine}},
	{Key: Key{Source: "Trains run from \U000F0000 to \U000F0001 again.", Terms: []string{"Kiev", "Lviv"}, SourceLang: "en", TargetLang: "uk", Engine: "apertium@1a2b"}, Entry: Entry{Target: "Потяги знову курсують з \U000F0000 до \U000F0001.", Origin: OriginMachine}},
	{Key: Key{Source: "Trains run from \U000F0000 to \U000F0001 again.", Terms: []string{"Kyiv", "Lviv"}, SourceLang: "en", TargetLang: "uk", Engine: "apertium@1a2b"}, Entry: Entry{Target: "Потяги знову курсують з \U000F0000 до \U000F0001 (Kyiv).", Origin: OriginMachine}},
	{Key: Key{Source: "The talks \uE000resumed\uE001.", SourceLang: "en", TargetLang: "es", Prev: "Earlier sentence.", Next: "Later one."}, Entry: Entry{Target: "Las conversaciones \uE000se reanudaron\uE001.", Origin: OriginHuman}},
	{Key: Key{Source: "The talks \uE000resumed\uE001.", SourceLang: "en", TargetLang: "es", Prev: "Other.", Next: ""}, Entry: Entry{Target: "Se reanudaron las conversaciones.", Origin: OriginHuman}},
	{Key: Key{Source: "Reviewed.", SourceLang: "en", TargetLang: "es-ES"}, Entry: Entry{Target: "Revisado.", Origin: OriginHuman}},
	{Key: Key{Source: "Reviewed.", SourceLang: "en", TargetLang: "es-ES", Engine: "pseudo"}, Entry: Entry{Target: "machine", Origin: OriginMachine}},
	{Key: Key{Source: "Привіт.", SourceLang: "uk", TargetLang: "en", Engine: "pseudo"}, Entry: Entry{Target: "Hello.", Origin: OriginMachine}},
}

// TestWriteSchema2Fixture writes testdata/schema2.db (see schema2Fixture);
// it runs only when asked to.
func TestWriteSchema2Fixture(t *testing.T) {
	path := os.Getenv("LOCPIPE_WRITE_SCHEMA2")
	if path == "" {
		t.Skip("set LOCPIPE_WRITE_SCHEMA2 to the file to write")
	}
	ctx := context.Background()
	s, err := OpenSQLite(ctx, path)
	require.NoError(t, err)
	recs := make([]Record, len(schema2Fixture))
	for i, r := range schema2Fixture {
		r.Changed = time.Date(2026, 11, 1, 12, 0, i, 0, time.UTC)
		recs[i] = r
	}
	require.NoError(t, s.StoreAll(ctx, recs))
	_, err = s.w.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	require.NoError(t, err)
	require.NoError(t, s.Close())
}
