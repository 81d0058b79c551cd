package testserver

import (
	"fmt"
	"net/http"
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
)

func TestStartWaitsForTheServerAndStopsIt(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		shared.Skip(t, "install python3 (Debian) for the test server")
	}
	port := FreePort(t, "testserver")
	base := fmt.Sprintf("http://127.0.0.1:%d/", port)
	cmd := exec.Command(py, "-m", "http.server", "--bind", "127.0.0.1", fmt.Sprint(port))
	cmd.Dir = t.TempDir()
	t.Run("serve", func(t *testing.T) {
		Start(t, "testserver", "python3 -m http.server", cmd, 30*time.Second, GetOK(base, nil))
		resp, err := http.Get(base)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode)
	})
	// The subtest's cleanup stopped the server.
	require.NotNil(t, cmd.ProcessState, "the server still runs after its test")
	_, err = http.Get(base)
	assert.Error(t, err)
}
