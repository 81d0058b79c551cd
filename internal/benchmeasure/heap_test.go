package benchmeasure_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/locpipe/locpipe/internal/benchmeasure"
)

var sink [][]byte

func TestPeakHeapSeesAnAllocation(t *testing.T) {
	base := benchmeasure.LiveHeap()
	stop := benchmeasure.PeakHeap()
	for range 64 {
		sink = append(sink, make([]byte, 1<<20)) // 64 MB kept live
	}
	peak := stop()
	assert.GreaterOrEqual(t, peak, base+60<<20, "peak %d, base %d", peak, base)
	assert.Equal(t, peak, stop(), "stop twice returns the same peak")
	sink = nil
}

func TestCPUGrows(t *testing.T) {
	c0 := benchmeasure.CPU()
	x := 0
	for i := range 50_000_000 {
		x += i % 7
	}
	_ = x
	if c0 == 0 && benchmeasure.CPU() == 0 {
		t.Skip("processor time is not measured on this system")
	}
	c1 := benchmeasure.CPU()
	assert.Greater(t, c1, c0)
	assert.GreaterOrEqual(t, benchmeasure.CPUWithChildren(), c1, "read after CPU, with the children's time added")
}
