//go:build !unix

package apertium

import "os/exec"

// brokenPipe: there is no SIGPIPE.
func brokenPipe(*exec.Cmd) bool { return false }
