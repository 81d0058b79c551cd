package main

import (
	"github.com/spf13/pflag"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/pipeline/edition"
)

// segmentFlags adds --srx and --srx-mode (configuration segment.srx and
// segment.srx_mode) to a command that splits sources into segments. Every
// such command must split as translate did, or segment ids and memory keys
// do not meet: give them all the same rules (the configuration does).
func segmentFlags(f *pflag.FlagSet) {
	f.String("srx", "", "SRX 2.0 file whose rules apply over the built-in segmentation rules (config segment.srx)")
	f.String("srx-mode", "", "how the --srx rules combine with the built-in ones: over (default) or replace (config segment.srx_mode)")
}

// loadSegmentation reads the segmentation rules the configuration names,
// once per command (loadConfig calls it): a broken SRX file is refused
// with its file:line before anything is read or written.
func loadSegmentation(cfg *config.Config) (edition.Segmentation, error) {
	seg, err := edition.LoadSegmentation(cfg.Segment.SRX, cfg.Segment.SRXMode)
	if err != nil {
		return edition.Segmentation{}, usageErr(err)
	}
	return seg, nil
}
