// Package testserver runs a server process for a test on 127.0.0.1: it picks
// a free port, starts the process in its own process group (see procgroup),
// waits until the server answers and stops the group when the test ends. The
// test helpers that start real servers (apytest, deepltest) share it.
package testserver
