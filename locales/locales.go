package locales

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"strings"
)

//go:embed data
var data embed.FS

// Data returns the embedded per-locale data files (the tree under data/):
// segmentation rules, messages, typography, inflection. Read-only.
func Data() fs.FS {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}

// DataFingerprint identifies the embedded data (messages, typography,
// fallbacks; not segmentation, nor inflection and letters, which only
// check reads): a
// change of data changes it, so that a caller can tell that
// editions made with older data are out of date.
func DataFingerprint() string {
	h := sha256.New()
	err := fs.WalkDir(data, "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "data/segment/") || strings.HasPrefix(p, "data/inflection/") || strings.HasPrefix(p, "data/letters/") {
			return err
		}
		b, err := data.ReadFile(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		panic(err) // the files are embedded at build time
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}
