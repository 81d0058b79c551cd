package fsutil

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFS syncs the file system holding dir in one call.
func syncFS(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return true, err
	}
	defer f.Close()
	return true, unix.Syncfs(int(f.Fd()))
}
