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
func WriteFile(path string, data []byte, perm os.FileMode) (err error) {
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
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return syncDir(dir)
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
