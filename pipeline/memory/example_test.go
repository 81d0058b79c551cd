package memory_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/locpipe/locpipe/pipeline/memory"
)

func ExampleSQLite() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "tm")
	defer os.RemoveAll(dir)
	tm, err := memory.OpenSQLite(ctx, filepath.Join(dir, "locpipe-memory.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer tm.Close()

	k := memory.Key{Source: "The army advanced.", SourceLang: "en", TargetLang: "es", Engine: "apertium@1a2b"}
	_ = tm.Store(ctx, k, memory.Entry{Target: "El ejército avanzó.", Origin: memory.OriginMachine})

	// Another engine does not see the machine translation…
	other := k
	other.Engine = "deepl@3c4d"
	_, ok, _ := tm.Lookup(ctx, other)
	fmt.Println("deepl sees apertium's translation:", ok)

	// …but every engine sees a reviewer's.
	_ = tm.Store(ctx, k, memory.Entry{Target: "El ejército avanzó hacia el norte.", Origin: memory.OriginHuman})
	e, _, _ := tm.Lookup(ctx, other)
	fmt.Println(e.Origin+":", e.Target)
	// Output:
	// deepl sees apertium's translation: false
	// human: El ejército avanzó hacia el norte.
}

func ExampleReadTMX() {
	tmx := `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="OmegaT" srclang="EN-US" datatype="plaintext" segtype="sentence" adminlang="EN-US" o-tmf="OmegaT TMX"/>
  <body>
    <tu><tuv xml:lang="EN-US"><seg>What happens next?</seg></tuv><tuv xml:lang="ES-ES"><seg>¿Qué pasará ahora?</seg></tuv></tu>
  </body>
</tmx>`
	t, err := memory.ReadTMX("project.tmx", []byte(tmx))
	if err != nil {
		fmt.Println(err)
		return
	}
	recs, skipped := t.Records(memory.ImportOptions{})
	for _, r := range recs {
		fmt.Printf("%s→%s %s: %q → %q\n", r.SourceLang, r.TargetLang, r.Origin, r.Source, r.Target)
	}
	fmt.Println(len(skipped), "skipped")
	// Output:
	// en-US→es-ES human: "What happens next?" → "¿Qué pasará ahora?"
	// 0 skipped
}
