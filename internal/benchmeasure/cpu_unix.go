//go:build unix

package benchmeasure

import (
	"syscall"
	"time"
)

func rusage(who int) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(who, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// CPU returns the processor time (user and system) this process has used.
func CPU() time.Duration { return rusage(syscall.RUSAGE_SELF) }

// CPUWithChildren returns CPU plus the processor time of the children this
// process has waited for (an engine's stages once closed, raw engine calls).
func CPUWithChildren() time.Duration {
	return rusage(syscall.RUSAGE_SELF) + rusage(syscall.RUSAGE_CHILDREN)
}
