package review

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/locpipe/locpipe/pipeline/manifest"
)

func TestSourceRoot(t *testing.T) {
	tests := []struct{ source, path, want string }{
		{"corpus/en/a.txt", "en/a.txt", "corpus"},
		{"/abs/corpus/en/a.txt", "en/a.txt", "/abs/corpus"},
		{"a.txt", "a.txt", "a.txt"},
		{"/abs/dir/a.txt", "a.txt", "/abs/dir/a.txt"},
	}
	for _, tc := range tests {
		got := sourceRoot(&manifest.Edition{Source: filepath.FromSlash(tc.source), Path: tc.path})
		assert.Equal(t, filepath.FromSlash(tc.want), got, tc.source)
	}
}
