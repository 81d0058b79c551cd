package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/pipeline/manifest"
)

// TestSRXEveryCommand: the SRX rules of --srx (or segment.srx) are the
// segmentation of every command. translate splits with them and records
// them in the edition's fingerprint (other rules redo the edition, the
// same rules skip it), check splits as translate did (and calls an
// edition split under other rules stale), and the XLIFF export has the
// manifest's segments.
func TestSRXEveryCommand(t *testing.T) {
	dir := t.TempDir()
	srxFile := func(name, rule string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(`<?xml version="1.0"?>
<srx version="2.0"><header cascade="yes"/><body><languagerules>
<languagerule languagerulename="mine">`+rule+`</languagerule>
</languagerules><maprules><languagemap languagepattern=".*" languagerulename="mine"/></maprules></body></srx>
`), 0o644))
		return p
	}
	// A break after a colon before a capital: "Note:" is a segment.
	labels := srxFile("labels.srx", `<rule break="yes"><beforebreak>:</beforebreak><afterbreak>\s+\p{Lu}</afterbreak></rule>`)
	// No break after "rise.": one segment fewer than the built-in rules.
	joined := srxFile("joined.srx", `<rule break="no"><beforebreak>rise\.</beforebreak><afterbreak>\s</afterbreak></rule>`)
	in := filepath.Join(dir, "in")
	require.NoError(t, os.MkdirAll(in, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(in, "a.txt"), []byte("Note: Prices rise. Dr. Smith left.\n"), 0o644))

	translate := func(extra ...string) (edited, unchanged int, segs []string) {
		t.Helper()
		args := append([]string{"translate", "--to", "es", "--backend", "pseudo", "--out", "out", "--json", "--quiet"}, extra...)
		r := runBinary(t, dir, append(args, "in")...)
		require.Equal(t, 0, r.code, r.stderr)
		var sum struct{ Editions, Unchanged int }
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &sum), r.stdout)
		m, err := manifest.Load(filepath.Join(dir, "out"))
		require.NoError(t, err)
		require.Len(t, m.Editions, 1)
		src := "Note: Prices rise. Dr. Smith left."
		for _, s := range m.Editions[0].Segments {
			for _, cand := range []string{"Note:", "Prices rise.", "Note: Prices rise.", "Dr. Smith left.", "Prices rise. Dr. Smith left.", src} {
				if manifest.HashString(cand) == s.SourceHash {
					segs = append(segs, cand)
				}
			}
		}
		require.Len(t, segs, len(m.Editions[0].Segments))
		return sum.Editions, sum.Unchanged, segs
	}
	check := func(extra ...string) result {
		t.Helper()
		return runBinary(t, dir, append(append([]string{"check", "--out", "out", "--format", "json"}, extra...), "in")...)
	}

	ed, _, segs := translate()
	assert.Equal(t, 1, ed)
	assert.Equal(t, []string{"Note: Prices rise.", "Dr. Smith left."}, segs)

	// Other rules: the edition is made again, in their segments.
	ed, unch, segs := translate("--srx", labels)
	assert.Equal(t, []int{1, 0}, []int{ed, unch})
	assert.Equal(t, []string{"Note:", "Prices rise.", "Dr. Smith left."}, segs)
	ed, unch, _ = translate("--srx", labels)
	assert.Equal(t, []int{0, 1}, []int{ed, unch}, "the same rules: nothing to redo")

	// check splits as translate did; without the rules the edition is stale.
	r := check("--srx", labels)
	assert.Equal(t, 0, r.code, r.stdout+r.stderr)
	assert.NotContains(t, r.stdout, "stale-edition")
	r = check()
	assert.Equal(t, 1, r.code, r.stdout+r.stderr)
	assert.Contains(t, r.stdout, "stale-edition")
	assert.Contains(t, r.stdout, "segmentation changed")

	// The XLIFF export has the manifest's three segments.
	r = runBinary(t, dir, "xliff", "export", "--out", "out", "--srx", labels)
	require.Equal(t, 0, r.code, r.stdout+r.stderr)
	xlf, err := os.ReadFile(filepath.Join(dir, "out", "xliff", "es", "a.txt.xlf"))
	require.NoError(t, err)
	assert.Equal(t, 3, strings.Count(string(xlf), "<segment "), string(xlf))
	// Without them it refuses, saying why.
	r = runBinary(t, dir, "xliff", "export", "--out", "out")
	assert.NotEqual(t, 0, r.code)
	assert.Contains(t, r.stdout+r.stderr, "segmentation rules changed")

	// Another SRX file, here from the configuration, redoes it again.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "locpipe.yaml"), []byte("segment:\n  srx: "+joined+"\n"), 0o644))
	ed, unch, segs = translate()
	assert.Equal(t, []int{1, 0}, []int{ed, unch})
	assert.Equal(t, []string{"Note: Prices rise. Dr. Smith left."}, segs)
	assert.Equal(t, 0, check().code, "check reads segment.srx as translate did")
	// The same file in replace mode is other rules too.
	ed, unch, _ = translate("--srx-mode", "replace")
	assert.Equal(t, []int{1, 0}, []int{ed, unch})

	// A broken SRX file stops every command before anything is written.
	bad := srxFile("bad.srx", `<rule><beforebreak>(?&lt;=Mr)\.</beforebreak></rule>`)
	for _, args := range [][]string{
		{"translate", "--to", "es", "--out", "out2", "--srx", bad, "in"},
		{"check", "--out", "out", "--srx", bad, "in"},
		{"xliff", "export", "--out", "out", "--srx", bad},
	} {
		r := runBinary(t, dir, args...)
		assert.Equal(t, 2, r.code, args)
		assert.Contains(t, r.stderr, "bad.srx:", args)
	}
	assert.NoDirExists(t, filepath.Join(dir, "out2"))
}
