package check

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
)

// GitTracked tells which files under dir git tracks, for AnnotateAuto: it
// returns nil when git is not installed or dir is not in a work tree (then
// no edition counts as tracked). Paths are compared as check names them,
// relative to the current directory or absolute.
func GitTracked(ctx context.Context, dir string) func(string) bool {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil
	}
	cmd := exec.CommandContext(ctx, git, "ls-files", "-z", "--", dir)
	cmd.Stderr = nil
	out, err := cmd.Output()
	if err != nil {
		return nil
	}
	wd, _ := os.Getwd()
	set := map[string]bool{}
	for _, p := range bytes.Split(out, []byte{0}) {
		if len(p) > 0 {
			set[filepath.Clean(string(p))] = true
		}
	}
	return func(p string) bool {
		p = filepath.Clean(p)
		if filepath.IsAbs(p) && wd != "" {
			if rel, err := filepath.Rel(wd, p); err == nil {
				p = rel
			}
		}
		return set[p]
	}
}
