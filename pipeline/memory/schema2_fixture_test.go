package memory

// schema2Fixture is what testdata/schema2.db holds, stored at 12:00:0i on
// 2026-11-01 UTC (i its index). The file was written by locpipe's schema 2
// code (commit fb49ae0, whose TestWriteSchema2Fixture stored these records
// with StoreAll) with
//
//	git checkout fb49ae0
//	LOCPIPE_WRITE_SCHEMA2=$PWD/pipeline/memory/testdata/schema2.db go test -run TestWriteSchema2Fixture ./pipeline/memory
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
