package main

import (
	"context"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/pipeline"
)

// openMemory opens the persistent translation memory the configuration asks
// for. It returns nil when the memory is disabled (--no-memory).
func openMemory(_ context.Context, cfg *config.Config) (pipeline.Memory, func() error, error) {
	return nil, func() error { return nil }, nil
}
