package apertium

import "context"

// Hooks for the tests of package apertium_test.

// Pids lists the processes of the running pipelines.
func (t *Translator) Pids() []int {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []int
	for _, pl := range t.pools {
		out = append(out, pl.pids()...)
	}
	return out
}

// EncodeBlock and DecodeBlock are the persistent path's Transfuse.
func EncodeBlock(n int, markup string) (stream string, decode func(reply string) string) {
	enc := encodeBlock(n, markup)
	return enc.stream, func(reply string) string { return decodeBlock(reply, enc) }
}

// ModeStages is the stages of a mode file's null-flush pipeline, as words.
func ModeStages(modeFile string) ([][]string, error) {
	st, err := modeStages(context.Background(), modeFile)
	var out [][]string
	for _, s := range st {
		out = append(out, append([]string{s.name}, s.args...))
	}
	return out, err
}
