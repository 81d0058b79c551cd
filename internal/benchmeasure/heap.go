package benchmeasure

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"
)

const heapObjects = "/memory/classes/heap/objects:bytes"

// heap reads the bytes of heap objects, live and not yet collected.
func heap() uint64 {
	s := []metrics.Sample{{Name: heapObjects}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// PeakHeap samples the heap objects every millisecond until the returned
// stop is called; stop (which samples once more) returns the highest value
// seen.
func PeakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			if v := heap(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	var once sync.Once
	return func() uint64 {
		once.Do(func() {
			close(done)
			wg.Wait()
			if v := heap(); v > peak.Load() { // the heap at the stop
				peak.Store(v)
			}
		})
		return peak.Load()
	}
}

// LiveHeap returns the heap objects after a collection.
func LiveHeap() uint64 {
	runtime.GC()
	return heap()
}
