// Package procgroup starts a process (a test server, a stage of the
// apertium command's pipeline) in its own process group and stops the
// whole group (the process and the processes it spawned), on Unix
// with SIGTERM then SIGKILL; elsewhere it kills the process. It keeps the
// platform-specific calls out of the test helpers that start servers
// (testserver, for apytest and deepltest), so that every package builds
// for Windows.
package procgroup
