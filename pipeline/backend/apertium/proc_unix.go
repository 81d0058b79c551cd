//go:build unix

package apertium

import (
	"os/exec"
	"syscall"
)

// ownGroup puts a stage in a process group of its own, so that killing it
// also kills what it started (a shell's children).
func ownGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

// killGroup kills a stage started with ownGroup and its children.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	_ = cmd.Process.Kill()
}

// brokenPipe reports whether a stage that ended died of SIGPIPE.
func brokenPipe(cmd *exec.Cmd) bool {
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGPIPE
}
