package manifest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// ShardGlob matches the manifests of shards (translate --shard I/N) in an
// output directory, for filepath.Glob.
var ShardGlob = strings.TrimSuffix(FileName, ".json") + ".shard-*-of-*.json"

var shardName = regexp.MustCompile(`\.shard-(\d+)-of-(\d+)\.json$`)

// ShardFileName is the manifest of shard index of count, so that shards
// writing to one output directory never overwrite each other's records;
// count ≤ 1 is the whole run's FileName.
func ShardFileName(index, count int) string {
	if count <= 1 {
		return FileName
	}
	return fmt.Sprintf("%s.shard-%d-of-%d.json", strings.TrimSuffix(FileName, ".json"), index, count)
}

// ParseShardFileName reads the shard of a manifest file name (a base
// name ending in ".shard-I-of-N.json", as ShardFileName gives, whatever
// comes before): ok is false for any other name.
func ParseShardFileName(name string) (index, count int, ok bool) {
	m := shardName.FindStringSubmatch(name)
	if m == nil {
		return 0, 0, false
	}
	i, err1 := strconv.Atoi(m[1])
	n, err2 := strconv.Atoi(m[2])
	if err1 != nil || err2 != nil || n < 1 || i >= n {
		return 0, 0, false
	}
	return i, n, true
}

// ShardFiles lists the shard manifests in dir, ordered by count, then
// index.
func ShardFiles(dir string) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, ShardGlob))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range paths {
		if _, _, ok := ParseShardFileName(filepath.Base(p)); ok {
			out = append(out, p)
		}
	}
	SortShardFiles(out)
	return out, nil
}

// SortShardFiles orders manifest paths by shard count, then index,
// numerically; a manifest that is not a shard's comes first.
func SortShardFiles(paths []string) {
	key := func(p string) (int, int) {
		i, n, _ := ParseShardFileName(filepath.Base(p))
		return n, i
	}
	sort.SliceStable(paths, func(a, b int) bool {
		na, ia := key(paths[a])
		nb, ib := key(paths[b])
		if na != nb {
			return na < nb
		}
		return ia < ib
	})
}

// IsOutputDir reports whether dir is the output directory of a translate
// run: it holds a manifest, a shard's manifest, or the journal of one.
func IsOutputDir(dir string) bool {
	for _, name := range []string{FileName, FileName + JournalSuffix} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	shards, _ := ShardFiles(dir)
	return len(shards) > 0
}
