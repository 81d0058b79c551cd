package review_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/memory"
	"github.com/locpipe/locpipe/pipeline/review"
)

// The review page of a run: each source segment beside its edition's.
func ExampleBuildPage() {
	dir, _ := os.MkdirTemp("", "review")
	defer os.RemoveAll(dir)
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "out")
	_ = os.MkdirAll(src, 0o755)
	_ = os.WriteFile(filepath.Join(src, "a.txt"), []byte("Shelling near Kiev. It stopped.\n"), 0o644)
	g := glossary.Builtin()
	ctx := context.Background()
	// The memory holds what translate assembled each edition from: the page
	// finds the edition's sentences by it.
	mem, err := memory.OpenSQLite(ctx, filepath.Join(dir, "tm.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer mem.Close()
	if _, err := pipeline.Run(ctx, pipeline.Options{To: []language.Tag{language.Ukrainian}, Backend: "pseudo",
		Translator: pseudo.Translator{}, Out: out, Glossary: g, Memory: mem}, []string{src}); err != nil {
		fmt.Println(err)
		return
	}
	p, err := review.BuildPage(ctx, review.PageOptions{Out: out, Glossary: g, Memory: mem})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range p.Files[0].Rows {
		c := r.Cells[0]
		fmt.Printf("%s %q → %s %q (%s)\n", r.ID, r.Text, c.Locale, c.Text, c.Status)
	}
	// Output:
	// u1.1 "Shelling near Kiev." → uk "[Šĥéļļîñĝ ñéáŕ Київ. ····]" (translated)
	// u1.2 "It stopped." → uk "[Îţ šţöþþéð. ···]" (translated)
}
