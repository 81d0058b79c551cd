package locales

import (
	"embed"
	"io/fs"
)

//go:embed data
var data embed.FS

// Data returns the embedded per-locale data files (the tree under data/):
// segmentation rules, messages, typography. Read-only.
func Data() fs.FS {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}
