//go:build !unix

package procgroup

import (
	"os"
	"os/exec"
)

// Own does nothing where there are no process groups.
func Own(*exec.Cmd) {}

// Signal kills the process pid (there is no SIGTERM to send).
func Signal(pid int, _ bool) {
	if p, err := os.FindProcess(pid); err == nil {
		_ = p.Kill()
	}
}
