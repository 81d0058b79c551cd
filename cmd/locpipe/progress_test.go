package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/locpipe/locpipe/pipeline"
)

func TestProgressLines(t *testing.T) {
	var buf bytes.Buffer
	a := &app{stderr: &buf}
	pr := newProgress(a, false)
	pr.interval = 0 // a line for every update
	pr.update(pipeline.Progress{Files: 10, TotalFiles: 40, Editions: 20, Segments: 300, MemoryHits: 100, BackendSegments: 200, Elapsed: 5 * time.Second})
	pr.done()
	assert.Equal(t, "progress: 10/40 files, 20 editions, 300 segments (100 from memory, 200 sent), 0 failed, 0 errors, ETA 15s\n", buf.String())

	buf.Reset()
	quiet := newProgress(a, true)
	quiet.interval = 0
	quiet.update(pipeline.Progress{Files: 1})
	assert.Empty(t, buf.String(), "quiet prints nothing")
}

func TestProgressLineWithoutTotal(t *testing.T) {
	assert.Equal(t, "progress: 3/? files, 0 editions, 0 segments (0 from memory, 0 sent), 0 failed, 0 errors",
		progressLine(pipeline.Progress{Files: 3}))
}
