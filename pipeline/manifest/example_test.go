package manifest_test

import (
	"fmt"
	"os"

	"github.com/locpipe/locpipe/pipeline/manifest"
)

// A Store records editions as a run writes them; Commit writes the manifest
// that check and the next run read.
func ExampleStore() {
	dir, _ := os.MkdirTemp("", "manifest-example-")
	defer os.RemoveAll(dir)
	s, _ := manifest.OpenStore(dir, manifest.FileName)
	_ = s.Put(manifest.Edition{Path: "a.txt", Locale: "es", Output: "es/a.txt", SourceSHA256: manifest.Hash([]byte("source")), Backend: "pseudo",
		Segments: []manifest.Segment{{ID: "u1.1", Unit: "u1", Line: 1, SourceHash: manifest.HashString("Title"), Status: manifest.StatusTranslated}}})
	_ = s.Commit()
	_ = s.Close()

	m, _ := manifest.Load(dir)
	e := m.Find("a.txt", "es")
	fmt.Println(len(m.Editions), e.Output, e.Segments[0].Status)
	// Output: 1 es/a.txt translated
}
