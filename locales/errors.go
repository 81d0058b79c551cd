package locales

import (
	"errors"
	"io/fs"
)

// ErrUnknownFormat is returned by Notice for an edition format it cannot place
// a notice in.
var ErrUnknownFormat = errors.New("locales: no notice placement for this format")

// ErrData is wrapped by every error about a malformed data file.
var ErrData = errors.New("locales: bad data file")

func errorsIsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
