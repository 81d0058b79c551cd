package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gofrs/flock"
)

// ErrLocked is returned when another run is writing the same output.
var ErrLocked = errors.New("pipeline: another locpipe run is writing this output")

// lock is an exclusive advisory lock on a file in the output directory
// (flock(2) on Unix, LockFileEx on Windows, through gofrs/flock). The
// system drops it when the process exits, however it exits, so a run killed
// with SIGKILL never leaves a stale lock behind. The file holds the pid of
// the run holding it, for the message of the run that finds it locked.
type lock struct{ fl *flock.Flock }

func acquireLock(dir, name string) (*lock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	path := filepath.Join(dir, name)
	fl := flock.New(path, flock.SetFlag(os.O_CREATE|os.O_RDWR), flock.SetPermissions(0o644))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if !ok {
		holder, _ := os.ReadFile(path)
		if pid := strings.TrimSpace(string(holder)); pid != "" {
			return nil, fmt.Errorf("%s: %w (pid %s)", dir, ErrLocked, pid)
		}
		return nil, fmt.Errorf("%s: %w", dir, ErrLocked)
	}
	// Best effort: Windows locks are mandatory, so there the pid is not
	// written and the other run's message names no pid.
	_ = os.WriteFile(path, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644)
	return &lock{fl: fl}, nil
}

func (l *lock) release() {
	if l == nil || l.fl == nil {
		return
	}
	_ = l.fl.Close()
}

// othersRunning reports whether a run other than the one holding ownLock
// holds a lock in dir (a shard's run writing the same output).
func othersRunning(dir, ownLock string) bool {
	locks, _ := filepath.Glob(filepath.Join(dir, ".*.lock"))
	for _, p := range locks {
		if filepath.Base(p) == ownLock {
			continue
		}
		fl := flock.New(p, flock.SetFlag(os.O_RDONLY))
		ok, err := fl.TryRLock()
		if err != nil {
			continue
		}
		if !ok {
			return true
		}
		_ = fl.Close()
	}
	return false
}
