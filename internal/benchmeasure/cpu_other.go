//go:build !unix

package benchmeasure

import "time"

// CPU is not measured on this system: it returns 0.
func CPU() time.Duration { return 0 }

// CPUWithChildren is not measured on this system: it returns 0.
func CPUWithChildren() time.Duration { return 0 }
