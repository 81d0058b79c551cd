// Package fsutil writes files so that no reader ever sees half of one: the
// data goes to a temporary file in the same directory, is synced, and is
// renamed over the destination.
package fsutil
