package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/backend/identity"
)

// Run makes the house-style edition (English to English: the glossary only)
// and a German edition of one article. The identity engine copies the text,
// so the German edition shows what the glossary alone does.
func ExampleRun() {
	dir, _ := os.MkdirTemp("", "locpipe-example-")
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "src")
	_ = os.MkdirAll(src, 0o755)
	_ = os.WriteFile(filepath.Join(src, "a.txt"), []byte("Shelling near Kiev\n\nOfficials in Kharkov said so.\n"), 0o644)

	sum, err := pipeline.Run(context.Background(), pipeline.Options{
		To:         []language.Tag{language.English, language.German},
		Backend:    "identity",
		Translator: identity.Translator{},
		Glossary:   glossary.Builtin(),
		Out:        filepath.Join(dir, "out"),
	}, []string{src})
	if err != nil {
		fmt.Println(err)
		return
	}
	en, _ := os.ReadFile(filepath.Join(dir, "out", "en", "a.txt"))
	de, _ := os.ReadFile(filepath.Join(dir, "out", "de", "a.txt"))
	fmt.Printf("%d files, %d editions\n%s%s", sum.Files, sum.Editions, en, de)
	// Output:
	// 1 files, 2 editions
	// Shelling near Kyiv
	//
	// Officials in Kharkiv said so.
	// Shelling near Kyjiw
	//
	// Officials in Charkiw said so.
}

func ExampleParseShard() {
	s, err := pipeline.ParseShard("2/8")
	fmt.Println(s, err)
	_, err = pipeline.ParseShard("8/8")
	fmt.Println(err)
	// Output:
	// 2/8 <nil>
	// pipeline: invalid shard 8/8: want 0 ≤ I < N
}
