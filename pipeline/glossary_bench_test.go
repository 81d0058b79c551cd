package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/termgen"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
)

// BenchmarkGlossarySize translates 300 files into three locales with the
// pseudo engine, once with the built-in glossary and once with it and a
// 10,000-concept termbase in 8 languages (internal/termgen) read from its
// YAML file in each run, as the command does. The two alternate in one run:
//
//	go test ./pipeline -run '^$' -bench GlossarySize -benchtime 3x -count 3
func BenchmarkGlossarySize(b *testing.B) {
	src := makeCorpus(b, 300)
	big := filepath.Join(b.TempDir(), "termbase.yaml")
	if err := os.WriteFile(big, termgen.YAML(10000), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		file string
	}{{"builtin", ""}, {"concepts=10000", big}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				g := glossary.Builtin()
				if c.file != "" {
					extra, err := glossary.Load(c.file)
					if err != nil {
						b.Fatal(err)
					}
					g = glossary.Merge(g, extra)
				}
				sum, err := Run(context.Background(), Options{
					To:         []language.Tag{language.Spanish, language.German, language.Ukrainian},
					Backend:    "pseudo",
					Translator: pseudo.Translator{},
					Glossary:   g,
					Out:        b.TempDir(),
					Jobs:       4,
				}, []string{src})
				if err != nil {
					b.Fatal(err)
				}
				if sum.Editions != 900 {
					b.Fatalf("%d editions, want 900", sum.Editions)
				}
			}
		})
	}
}
