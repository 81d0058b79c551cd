//go:build unix

package apertium

import (
	"os/exec"
	"syscall"
)

// brokenPipe reports whether a stage that ended died of SIGPIPE.
func brokenPipe(cmd *exec.Cmd) bool {
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGPIPE
}
