//go:build unix

package apytest

import (
	"os/exec"
	"syscall"
)

// ownGroup starts cmd in its own process group, so that stopping it also
// stops the translation pipelines it spawned.
func ownGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

// signalGroup sends SIGTERM (or SIGKILL when kill is set) to the group of pid.
func signalGroup(pid int, kill bool) {
	sig := syscall.SIGTERM
	if kill {
		sig = syscall.SIGKILL
	}
	_ = syscall.Kill(-pid, sig)
}
