//go:build !unix

package apertium

import "os/exec"

func ownGroup(*exec.Cmd) {}

func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}

func brokenPipe(*exec.Cmd) bool { return false }
