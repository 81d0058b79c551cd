package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/unicode"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/xliff"
)

// run runs locpipe in-process with a clean environment plus env.
func run(t *testing.T, env []string, args ...string) result {
	t.Helper()
	var so, se bytes.Buffer
	code := testableMain(args, strings.NewReader(""), &so, &se, env)
	return result{code: code, stdout: so.String(), stderr: se.String()}
}

type runSummary struct {
	Files, Editions, Unchanged, Segments int
	MemoryHits                           int `json:"memory_hits"`
	BackendSegments                      int `json:"backend_segments"`
	Failed                               int
}

func translateJSON(t *testing.T, env []string, args ...string) runSummary {
	t.Helper()
	r := run(t, env, append([]string{"translate", "--json"}, args...)...)
	require.Equal(t, 0, r.code, r.stderr)
	var s runSummary
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &s), r.stdout)
	return s
}

// copyCorpus copies the shared corpus into a temporary directory, so that a
// test can edit it.
func copyCorpus(t *testing.T) string {
	t.Helper()
	src := shared.Path(t, "corpus")
	dst := filepath.Join(t.TempDir(), "corpus")
	require.NoError(t, os.CopyFS(dst, os.DirFS(src)))
	return dst
}

func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(data), old)
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644))
}

const refugees = "en/2022-06-20-refugees-count.txt"

// The acceptance of issue 7: nothing is translated twice.
func TestMemoryIncrementalRuns(t *testing.T) {
	corpus := copyCorpus(t)
	out := filepath.Join(t.TempDir(), "out")
	locales := []string{"es", "uk"}
	args := []string{"--to", strings.Join(locales, ","), "--out", out, corpus}

	first := translateJSON(t, nil, args...)
	assert.Positive(t, first.BackendSegments)
	assert.FileExists(t, filepath.Join(out, MemoryFile))

	second := translateJSON(t, nil, args...)
	assert.Equal(t, 0, second.BackendSegments, "second run: nothing sent to the backend")
	assert.Equal(t, 0, second.Editions)
	assert.Equal(t, first.Editions, second.Unchanged)

	editFile(t, filepath.Join(corpus, refugees), "Most of the new arrivals are women and children.",
		"Most of the new arrivals are women, children and the elderly.")
	third := translateJSON(t, nil, args...)
	assert.Equal(t, len(locales), third.BackendSegments, "one edited sentence: one backend segment per locale")
	assert.Equal(t, len(locales), third.Editions)

	m, err := manifest.Load(out)
	require.NoError(t, err)
	for _, loc := range locales {
		ed := m.Find(refugees, loc)
		require.NotNil(t, ed)
		translated := 0
		for _, s := range ed.Segments {
			if s.Status == manifest.StatusTranslated {
				translated++
			} else {
				assert.Equal(t, manifest.StatusMemory, s.Status, s.ID)
			}
		}
		assert.Equal(t, 1, translated, loc)
	}

	// Forced, or with the editions gone, everything comes from the memory.
	forced := translateJSON(t, nil, append([]string{"--force"}, args...)...)
	assert.Equal(t, 0, forced.BackendSegments)
	for _, loc := range locales {
		require.NoError(t, os.RemoveAll(filepath.Join(out, loc)))
	}
	rebuilt := translateJSON(t, nil, args...)
	assert.Equal(t, 0, rebuilt.BackendSegments)
	assert.Equal(t, first.Editions, rebuilt.Editions)
}

func TestNoMemory(t *testing.T) {
	corpus := copyCorpus(t)
	out := filepath.Join(t.TempDir(), "out")
	args := []string{"--to", "es", "--out", out, "--no-memory", corpus}
	first := translateJSON(t, nil, args...)
	assert.NoFileExists(t, filepath.Join(out, MemoryFile))
	forced := translateJSON(t, nil, append([]string{"--force"}, args...)...)
	assert.Equal(t, first.BackendSegments, forced.BackendSegments, "without a memory, a forced run translates again")

	// memory.path puts the memory elsewhere.
	db := filepath.Join(t.TempDir(), "shared", "tm.db")
	env := []string{"LOCPIPE_MEMORY_PATH=" + db}
	translateJSON(t, env, "--to", "es", "--out", out, "--force", corpus)
	assert.FileExists(t, db)
	again := translateJSON(t, env, "--to", "es", "--out", filepath.Join(t.TempDir(), "other"), corpus)
	assert.Equal(t, 0, again.BackendSegments, "a second output directory shares the memory")

	// memory.url: an unreachable PostgreSQL is one clear line, without the password.
	r := run(t, []string{"LOCPIPE_MEMORY_URL=postgres://editor:s3cret-pw@127.0.0.1:1/tm"}, "translate", "--to", "es", "--out", out, corpus)
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "pgstore")
	assert.Contains(t, r.stderr, "127.0.0.1:1")
	assert.NotContains(t, r.stderr, "s3cret-pw")
	r = run(t, []string{"LOCPIPE_MEMORY_URL=mysql://127.0.0.1/tm"}, "translate", "--to", "es", "--out", out, corpus)
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "memory.url must be a postgres:// URL")
}

// omegaTMX is what OmegaT writes for a project translating the corpus
// into Spanish (Spain); it arrives in UTF-16 with a BOM, as Windows tools
// save it.
const omegaTMX = `<?xml version="1.0" encoding="UTF-16"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="6.0.1" segtype="sentence" srclang="EN-US"/>
  <body>
    <tu>
      <tuv xml:lang="EN-US"><seg>Most of the new arrivals are women and children.</seg></tuv>
      <tuv xml:lang="ES-ES" changeid="mgarcia" changedate="20220621T081502Z"><seg>La mayoría de los recién llegados son mujeres y niños.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="EN-US"><seg>Nobody in Kiev or in Brussels can say for sure.</seg></tuv>
      <tuv xml:lang="ES-ES" changeid="mgarcia" changedate="20220621T081544Z"><seg>Nadie en Kiev ni en Bruselas puede decirlo con certeza.</seg></tuv>
    </tu>
    <tu>
      <note>Checked by the Madrid desk.</note>
      <tuv xml:lang="EN-US"><seg>What happens next?</seg></tuv>
      <tuv xml:lang="ES-ES"><seg>¿Qué pasará ahora?</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="EN-US"><seg>Read the <bpt i="1">&lt;b&gt;</bpt>full report<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
      <tuv xml:lang="ES-ES"><seg>Lea el <bpt i="1">&lt;b&gt;</bpt>informe completo<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
    </tu>
  </body>
</tmx>
`

func TestTMXImportFeedsRun(t *testing.T) {
	corpus := copyCorpus(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	tmx := filepath.Join(dir, "omegat.tmx")
	data, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(omegaTMX))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(tmx, data, 0o644))

	// OmegaT's <bpt>/<ept> unit is read too, its codes numbered as a
	// segment's (issue 18).
	r := run(t, nil, "tm", "import", "--out", out, tmx)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "4 translations imported, 0 skipped")

	s := translateJSON(t, nil, "--to", "es", "--out", out, filepath.Join(corpus, refugees))
	assert.Equal(t, 3, s.MemoryHits)
	assert.Equal(t, s.Segments-3, s.BackendSegments)
	ed, err := os.ReadFile(filepath.Join(out, "es", filepath.Base(refugees)))
	require.NoError(t, err)
	for _, want := range []string{"La mayoría de los recién llegados son mujeres y niños.", "¿Qué pasará ahora? Nadie en Kiev ni en Bruselas puede decirlo con certeza."} {
		assert.Contains(t, string(ed), want)
	}

	// Export and import into another memory: a run there needs no engine.
	exported := filepath.Join(dir, "export.tmx")
	r = run(t, nil, "tm", "export", "--out", out, "-o", exported)
	require.Equal(t, 0, r.code, r.stderr)
	db := filepath.Join(dir, "copy.db")
	r = run(t, nil, "tm", "import", "--memory", db, exported)
	require.Equal(t, 0, r.code, r.stderr)
	again := translateJSON(t, []string{"LOCPIPE_MEMORY_PATH=" + db}, "--to", "es", "--out", filepath.Join(dir, "out2"), filepath.Join(corpus, refugees))
	assert.Equal(t, 0, again.BackendSegments)
}

// Eight workers write the memory at once: nothing is lost.
func TestMemoryConcurrentWorkers(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src")
	require.NoError(t, os.MkdirAll(src, 0o755))
	for i := range 24 {
		var b strings.Builder
		fmt.Fprintf(&b, "Article %d\n\n", i)
		for j := range 6 {
			fmt.Fprintf(&b, "Sentence %d of article %d reports from Kiev. ", j, i)
		}
		require.NoError(t, os.WriteFile(filepath.Join(src, fmt.Sprintf("a%02d.txt", i)), []byte(b.String()), 0o644))
	}
	out := filepath.Join(t.TempDir(), "out")
	first := translateJSON(t, nil, "--to", "es,uk", "--jobs", "8", "--batch-size", "2", "--out", out, src)
	require.Equal(t, 24*7*2, first.BackendSegments)
	r := run(t, nil, "tm", "export", "--out", out)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, first.BackendSegments, strings.Count(r.stdout, "<tu "), "one memory entry per translated segment")
	again := translateJSON(t, []string{"LOCPIPE_MEMORY_PATH=" + filepath.Join(out, MemoryFile)}, "--to", "es,uk", "--jobs", "8", "--out", filepath.Join(t.TempDir(), "o2"), src)
	assert.Equal(t, 0, again.BackendSegments)
}

// reviewSegment sets the target and state of a segment in an exported
// XLIFF file, as a reviewer's tool would. target is raw XLIFF content.
func reviewSegment(t *testing.T, path, sourceContains, target string) string {
	t.Helper()
	return editSegment(t, path, sourceContains, target, "reviewed")
}

// editSegment sets the target and the state of a segment.
func editSegment(t *testing.T, path, sourceContains, target, state string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	re := regexp.MustCompile(`(?s)<segment id="([^"]+)" state="[a-z]+">(\s*<source xml:space="preserve">)((?:[^<]|<[^/]|</[^s])*?` + regexp.QuoteMeta(sourceContains) + `.*?</source>\s*)<target xml:space="preserve">.*?</target>`)
	m := re.FindSubmatchIndex(data)
	require.NotNil(t, m, "no segment with %q in %s", sourceContains, path)
	id := string(data[m[2]:m[3]])
	seg := re.ReplaceAll(data[m[0]:m[1]], []byte(`<segment id="$1" state="`+state+`">$2$3<target xml:space="preserve">`+target+`</target>`))
	data = append(append(append([]byte{}, data[:m[0]]...), seg...), data[m[1]:]...)
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return id
}

func xmllintSchema(t *testing.T, file string) {
	t.Helper()
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		shared.Skip(t, "install xmllint: apt-get install -y libxml2-utils")
		return
	}
	xsd := shared.Path(t, "fixtures", "xliff-2.1", "schemas", "xliff_core_2.0.xsd")
	out, err := exec.Command(lint, "--noout", "--schema", xsd, file).CombinedOutput()
	assert.NoError(t, err, "%s", out)
}

func TestXLIFFRoundTrip(t *testing.T) {
	corpus := copyCorpus(t)
	out := filepath.Join(t.TempDir(), "out")
	args := []string{"--to", "es,uk", "--out", out, corpus}
	translateJSON(t, nil, args...)

	r := run(t, nil, "xliff", "export", "--out", out)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "9 XLIFF files written")
	dir := filepath.Join(out, "xliff")
	var files []string
	require.NoError(t, filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			files = append(files, p)
		}
		return err
	}))
	require.Len(t, files, 9, "one file per document and locale, house style left out")
	t.Run("valid", func(t *testing.T) {
		for _, f := range files {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			_, err = xliff.Parse(f, data)
			require.NoError(t, err)
			assert.Contains(t, string(data), `version="2.1"`)
		}
	})
	t.Run("xmllint", func(t *testing.T) {
		for _, f := range files {
			xmllintSchema(t, f)
		}
	})

	es := filepath.Join(dir, "es", refugees+".xlf")
	uk := filepath.Join(dir, "uk", "en", "2022-04-03-kiev-suburbs-return.md.xlf")
	data, err := os.ReadFile(uk)
	require.NoError(t, err)
	assert.Contains(t, string(data), `<pc id="c0" dataRefStart="d0" dataRefEnd="d1">Kiev</pc>`, "inline markup as <pc>")
	assert.Contains(t, string(data), `category="glossary"`, "glossary hits in notes")

	// The reviewer's script.
	reviewSegment(t, es, "Most of the new arrivals", "La mayoría de los recién llegados son mujeres y niños.")
	reviewSegment(t, es, "Nobody in Kiev", "Nadie en Kiev ni en Bruselas lo sabe con certeza.")
	dropped := reviewSegment(t, es, "Poland alone", "Solo Polonia ha recibido más de 3,5 millones de cruces.")
	_ = dropped
	reviewSegment(t, uk, "Families began returning", `Родини почали повертатися в неділю до містечок на північний захід від <pc id="c0" dataRefStart="d0" dataRefEnd="d1">Київ</pc>.`)
	noTerm := reviewSegment(t, uk, "Mayor Vitali Klitschko", "Мер Віталій Кличко попросив мешканців столиці не поспішати додому.")
	editFile(t, es, `<segment id="u1.1"`, `<segment id="u99.1"`)
	unmarked := editSegment(t, es, "Aid groups", "Los grupos de ayuda prometieron más dinero.", "translated")

	r = run(t, nil, "xliff", "import", "--out", out, "--json", es, uk)
	assert.Equal(t, 1, r.code, "problems reported: exit 1\n%s", r.stderr)
	var sum xliffImportSummary
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &sum), r.stdout)
	assert.Equal(t, 2, sum.Files)
	assert.Equal(t, 4, sum.Learned)
	require.Len(t, sum.Problems, 3, r.stderr)
	assert.Contains(t, sum.Problems[0], "segment u99.1: unknown segment id")
	assert.Contains(t, sum.Problems[1], "segment "+unmarked+`: target changed but the state is "translated"`)
	assert.Contains(t, sum.Problems[2], "segment "+noTerm+": glossary: glossary term missing")
	require.NotNil(t, sum.Render)
	assert.Equal(t, 0, sum.Render.BackendSegments, "re-rendering needs no engine")

	check := func(when string) {
		ed, err := os.ReadFile(filepath.Join(out, "es", refugees))
		require.NoError(t, err)
		assert.Contains(t, string(ed), "La mayoría de los recién llegados son mujeres y niños.", when)
		assert.Contains(t, string(ed), "Nadie en Kiev ni en Bruselas lo sabe con certeza.", when)
		assert.Contains(t, string(ed), "Solo Polonia ha recibido más de 3,5 millones de cruces.", when)
		md, err := os.ReadFile(filepath.Join(out, "uk", "en", "2022-04-03-kiev-suburbs-return.md"))
		require.NoError(t, err)
		assert.Contains(t, string(md), "на північний захід від **Київ**.", when)
		assert.NotContains(t, string(md), "Мер Віталій Кличко", when)
	}
	check("after import")

	// A fresh run keeps the reviewed sentences: unchanged editions are
	// skipped, and forced ones take the human translations from the memory.
	s := translateJSON(t, nil, args...)
	assert.Equal(t, 0, s.Editions)
	check("after a fresh run")
	s = translateJSON(t, nil, append([]string{"--force"}, args...)...)
	assert.Equal(t, 0, s.BackendSegments)
	check("after a forced run")

	// A new export shows them as reviewed.
	r = run(t, nil, "xliff", "export", "--out", out, "--to", "es")
	require.Equal(t, 0, r.code, r.stderr)
	data, err = os.ReadFile(es)
	require.NoError(t, err)
	assert.Equal(t, 3, strings.Count(string(data), `state="reviewed"`))
}

func TestXLIFFImportRejectsInvalid(t *testing.T) {
	corpus := copyCorpus(t)
	out := filepath.Join(t.TempDir(), "out")
	translateJSON(t, nil, "--to", "es", "--out", out, corpus)
	bad := shared.Path(t, "fixtures", "xliff-2.1", "invalid", "bad_SegmentIdNotUnique.xlf")
	r := run(t, nil, "xliff", "import", "--out", out, bad)
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, `bad_SegmentIdNotUnique.xlf:8: id "s1twice" used twice`)

	// A file exported before its source changed.
	r = run(t, nil, "xliff", "export", "--out", out)
	require.Equal(t, 0, r.code, r.stderr)
	editFile(t, filepath.Join(corpus, refugees), "What happens next?", "What comes next?")
	r = run(t, nil, "xliff", "import", "--out", out, filepath.Join(out, "xliff", "es", refugees+".xlf"))
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "edition out of date: the source changed since its es edition was written")

	// A valid file for a document the manifest does not know.
	other := shared.Path(t, "fixtures", "xliff-2.1", "valid", "sample1.xlf")
	r = run(t, nil, "xliff", "import", "--out", out, other)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "in the manifest: file not applied")
}
