package fsutil

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
)

// TempPattern is the os.CreateTemp pattern of the temporary file that
// becomes name: a hidden ".name.tmp-123456789", which readers that skip
// hidden files never see.
func TempPattern(name string) string { return "." + name + ".tmp-*" }

var tempName = regexp.MustCompile(`^\..+\.tmp-[0-9]+$`)

// IsTemp reports whether a base name is one TempPattern gives.
func IsTemp(name string) bool { return tempName.MatchString(name) }

// RemoveTemps removes the temporary files under dir that a process killed
// while it wrote left behind (IsTemp names), and returns their paths. Only
// call it while no other process writes under dir.
func RemoveTemps(ctx context.Context, dir string) ([]string, error) {
	var removed []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.Type().IsRegular() && IsTemp(d.Name()) {
			if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
				return err
			}
			removed = append(removed, p)
		}
		return nil
	})
	return removed, err
}

// WriteFile atomically replaces path with data. Missing parent directories
// are created. On any error the destination is left as it was and the
// temporary file is removed.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// File is a file written in place of path atomically: its bytes go to a
// temporary file beside path (".NAME.tmp-*"), which Commit renames over
// path; Abort, or any error, removes it and leaves path as it was. It lets
// a large output be written as it is made instead of held in memory.
type File struct {
	f         *os.File
	path, tmp string
	perm      os.FileMode
	done      bool
}

// Create starts writing path; missing parent directories are created.
func Create(path string, perm os.FileMode) (*File, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	f, err := os.CreateTemp(dir, TempPattern(filepath.Base(path)))
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return &File{f: f, path: path, tmp: f.Name(), perm: perm}, nil
}

// Write implements io.Writer.
func (f *File) Write(p []byte) (int, error) {
	n, err := f.f.Write(p)
	if err != nil {
		return n, fmt.Errorf("write %s: %w", f.path, err)
	}
	return n, nil
}

// Commit makes the written bytes the content of path, durably.
func (f *File) Commit() error { return f.commit(true) }

// CommitNoSync is Commit without waiting for the disk (see
// WriteFileNoSync): SyncFiles makes a batch of files durable at once.
func (f *File) CommitNoSync() error { return f.commit(false) }

// commit renames the temporary file to path, first syncing it and then
// the directory when durable; on failure it removes the temporary file.
func (f *File) commit(durable bool) (err error) {
	if f.done {
		return fmt.Errorf("write %s: already finished", f.path)
	}
	f.done = true
	defer func() {
		if err != nil {
			f.f.Close()
			os.Remove(f.tmp)
		}
	}()
	if err = f.f.Chmod(f.perm); err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if durable {
		if err = f.f.Sync(); err != nil {
			return fmt.Errorf("write %s: %w", f.path, err)
		}
	}
	if err = f.f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if err = os.Rename(f.tmp, f.path); err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if !durable {
		return nil
	}
	return syncDir(filepath.Dir(f.path))
}

// Abort removes the temporary file; path is left as it was. It does
// nothing after Commit.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.f.Close()
	os.Remove(f.tmp)
}

// syncDir makes a rename durable; file systems that cannot sync a directory
// are not an error.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}

// WriteFileNoSync is WriteFile without waiting for the disk: the rename is
// atomic (a reader, or a run killed at any moment, sees the old file or the
// new one), but the data may still be in the page cache when it returns.
// SyncFS makes a batch of such files durable at once.
func WriteFileNoSync(path string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	f, err := os.CreateTemp(dir, TempPattern(filepath.Base(path)))
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// SyncFiles makes paths (written with WriteFileNoSync or CommitNoSync)
// and their renames durable: an fsync of every path, then one of each
// directory (not one per file). Measured here, that is much cheaper than a
// syncfs(2) of the whole file system, which also waits for every other
// writer's data.
func SyncFiles(paths []string) error {
	dirs := map[string]bool{}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue // replaced or removed since: nothing of ours to sync
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return fmt.Errorf("sync %s: %w", p, err)
		}
		dirs[filepath.Dir(p)] = true
	}
	for d := range dirs {
		_ = syncDir(d)
	}
	return nil
}
