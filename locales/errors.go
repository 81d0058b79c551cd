package locales

import (
	"errors"
	"io/fs"
)

// ErrData is wrapped by every error about a malformed data file.
var ErrData = errors.New("locales: bad data file")

func errorsIsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
