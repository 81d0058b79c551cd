//go:build !linux

package segment_test

import "time"

// threadClock falls back to the wall clock where thread CPU time is not
// available.
func threadClock() time.Duration { return time.Duration(time.Now().UnixNano()) }

func lockThread() func() { return func() {} }
