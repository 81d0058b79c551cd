//go:build linux

package segment_test

import (
	"runtime"
	"syscall"
	"time"
)

// threadClock returns the CPU time of the calling OS thread, so that
// benchmarks comparing two loops are not skewed by other load on the
// machine. lock must be called first.
func threadClock() time.Duration {
	var ru syscall.Rusage
	const rusageThread = 1 // RUSAGE_THREAD
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func lockThread() func() {
	runtime.LockOSThread()
	return runtime.UnlockOSThread
}
