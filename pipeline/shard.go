package pipeline

import (
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/locpipe/locpipe/pipeline/manifest"
)

// Shard is one deterministic share of a run's files: file f belongs to shard
// Index of Count when FNV-1a(f's path relative to its root) mod Count ==
// Index. Every file lands in exactly one shard whatever machine computes it.
// The zero Shard (Count 0 or 1) takes every file.
type Shard struct {
	Index, Count int
}

// ErrBadShard is wrapped by ParseShard errors.
var ErrBadShard = errors.New("pipeline: invalid shard")

// ParseShard reads "I/N" (0 ≤ I < N).
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return Shard{}, fmt.Errorf("%w %q: want I/N, e.g. 0/4", ErrBadShard, s)
	}
	idx, err1 := strconv.Atoi(strings.TrimSpace(i))
	cnt, err2 := strconv.Atoi(strings.TrimSpace(n))
	if err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("%w %q: want I/N with whole numbers", ErrBadShard, s)
	}
	sh := Shard{Index: idx, Count: cnt}
	return sh, sh.validate()
}

func (s Shard) validate() error {
	if s.Count < 0 || s.Index < 0 || (s.Count > 0 && s.Index >= s.Count) || (s.Count == 0 && s.Index != 0) {
		return fmt.Errorf("%w %d/%d: want 0 ≤ I < N", ErrBadShard, s.Index, s.Count)
	}
	return nil
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// has reports whether the file at rel belongs to this shard.
func (s Shard) has(rel string) bool {
	if s.Count <= 1 {
		return true
	}
	h := fnv.New32a()
	h.Write([]byte(rel))
	return int(h.Sum32()%uint32(s.Count)) == s.Index
}

// manifestName is the shard's own manifest (manifest.ShardFileName);
// `locpipe manifest merge` joins them.
func (s Shard) manifestName() string {
	return manifest.ShardFileName(s.Index, s.Count)
}
