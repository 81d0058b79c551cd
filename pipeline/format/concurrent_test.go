package format_test

import (
	"os"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/locpipe/locpipe/pipeline/format"
)

// TestConcurrentParse: one registry serves many goroutines (the pipeline
// parses files in parallel); run with -race.
func TestConcurrentParse(t *testing.T) {
	files := corpusFiles(t)
	reg := format.Default()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, path := range files {
				src, err := os.ReadFile(path)
				if !assert.NoError(t, err) {
					return
				}
				p, _, err := reg.Lookup(path, "")
				if !assert.NoError(t, err) {
					return
				}
				doc, err := p.Parse(path, src)
				if assert.NoError(t, err) {
					assert.NotEmpty(t, doc.Units)
				}
			}
		}()
	}
	wg.Wait()
}
