// Package benchmeasure holds what the benchmarks measure beside the wall
// time: processor time (which other processes on a shared machine do not
// inflate) and the peak and live heap. It is the one home of those
// measurements for every package's benchmarks.
package benchmeasure
