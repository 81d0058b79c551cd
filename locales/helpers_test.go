package locales_test

import (
	"io/fs"
	"testing/fstest"
)

// fstestFS is a data tree given as file name → content.
type fstestFS map[string]string

func (m fstestFS) Open(name string) (fs.File, error) {
	mfs := fstest.MapFS{}
	for k, v := range m {
		mfs[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return mfs.Open(name)
}
