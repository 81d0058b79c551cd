package procgroup

import (
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// A shell and the sleep it spawned both end when the group is signalled.
func TestSignalStopsTheGroup(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	cmd := exec.Command(sh, "-c", "sleep 30 & wait")
	Own(cmd)
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	time.Sleep(100 * time.Millisecond)
	Signal(cmd.Process.Pid, false)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		Signal(cmd.Process.Pid, true)
		t.Fatal("the group did not stop on SIGTERM")
	}
}
