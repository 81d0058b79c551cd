//go:build !linux

package fsutil

// syncFS is not available: SyncFiles syncs file by file.
func syncFS(string) (bool, error) { return false, nil }
