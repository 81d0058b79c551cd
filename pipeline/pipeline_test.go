package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/memory"
)

// counting records what reaches the engine.
type counting struct {
	mu    sync.Mutex
	texts []string
	next  backend.Translator
	fail  func(text string) error // per-segment failure
	err   error                   // whole-batch failure
}

func (c *counting) Translate(ctx context.Context, req backend.Request) ([]backend.Translation, error) {
	c.mu.Lock()
	for _, s := range req.Segments {
		c.texts = append(c.texts, s.Text)
	}
	c.mu.Unlock()
	if c.err != nil {
		return nil, c.err
	}
	out, err := c.next.Translate(ctx, req)
	if err != nil {
		return nil, err
	}
	for i, s := range req.Segments {
		if c.fail != nil {
			out[i].Err = c.fail(s.Text)
		}
	}
	return out, nil
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	return dir
}

func TestRunTranslatesOnce(t *testing.T) {
	src := writeFiles(t, map[string]string{
		"a.txt":     "Shelling near Kiev\n\nShelling continued. Kiev said so.\n",
		"sub/b.txt": "Second\n\nShelling continued.\n",
		"img.png":   "\x89PNG",
		".hidden":   "skip me",
	})
	out := filepath.Join(t.TempDir(), "out")
	eng := &counting{next: pseudo.Translator{}}
	opts := Options{
		To:         []language.Tag{language.Spanish, language.German},
		Backend:    "pseudo",
		Translator: eng,
		Glossary:   glossary.Builtin(),
		Out:        out,
	}
	sum, err := Run(context.Background(), opts, []string{src})
	require.NoError(t, err)
	assert.Equal(t, 3, sum.Files)
	assert.Equal(t, 4, sum.Editions)
	assert.Equal(t, 1, sum.Copied)
	assert.Zero(t, sum.Failed)
	assert.Equal(t, sum.Segments, sum.MemoryHits+sum.BackendSegments)

	// "Shelling continued." is sent once per locale although it is in both files.
	n := 0
	for _, s := range eng.texts {
		if s == "Shelling continued." {
			n++
		}
	}
	assert.Equal(t, 2, n, "one request per locale for a repeated sentence: %q", eng.texts)
	for _, s := range eng.texts {
		assert.NotContains(t, s, "Kiev", "glossary terms are protected before the engine")
	}

	de, err := os.ReadFile(filepath.Join(out, "de", "a.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(de), "Kyjiw", "the target's preferred term is restored")
	assert.FileExists(t, filepath.Join(out, "es", "sub", "b.txt"))
	png, err := os.ReadFile(filepath.Join(out, "es", "img.png"))
	require.NoError(t, err)
	assert.Equal(t, "\x89PNG", string(png), "unknown files are copied, never dropped")
	assert.NoFileExists(t, filepath.Join(out, "es", ".hidden"))

	// A second run changes nothing and asks the engine nothing.
	eng.texts = nil
	sum, err = Run(context.Background(), opts, []string{src})
	require.NoError(t, err)
	assert.Zero(t, sum.Editions)
	assert.Equal(t, 4, sum.Unchanged)
	assert.Empty(t, eng.texts)
}

func TestRunFailures(t *testing.T) {
	src := writeFiles(t, map[string]string{
		"a.txt":   "Title\n\nGood sentence. Bad sentence.\n",
		"bad.txt": "Title\n\n\xff\xfe broken\n",
	})
	out := filepath.Join(t.TempDir(), "out")
	eng := &counting{next: pseudo.Translator{}, fail: func(s string) error {
		if strings.HasPrefix(s, "Bad") {
			return errors.New("engine said no")
		}
		return nil
	}}
	sum, err := Run(context.Background(), Options{
		To: []language.Tag{language.French}, Backend: "pseudo", Translator: eng, Out: out,
	}, []string{src})
	require.NoError(t, err)
	assert.Equal(t, 1, sum.Failed)
	require.Len(t, sum.Errors, 1, "the broken file fails alone")
	assert.True(t, sum.Errors[0].Input)
	assert.Contains(t, sum.Errors[0].Msg, "bad.txt:3: format: not valid UTF-8")

	_, err = os.Stat(filepath.Join(out, "fr", "a.txt"))
	assert.True(t, os.IsNotExist(err), "an edition with a failed segment is not published")
	assert.Equal(t, 1, sum.Unpublished)
	m, err := manifest.Load(out)
	require.NoError(t, err)
	e := m.Find("a.txt", "fr")
	require.NotNil(t, e)
	assert.True(t, e.Unpublished)
	var statuses []string
	for _, s := range e.Segments {
		statuses = append(statuses, s.Status)
	}
	assert.Equal(t, []string{"translated", "translated", "failed"}, statuses)

	// --allow-partial writes it, the failed segment in its source text.
	opts := Options{To: []language.Tag{language.French}, Backend: "pseudo", Translator: eng, Out: out, AllowPartial: true}
	sum, err = Run(context.Background(), opts, []string{filepath.Join(src, "a.txt")})
	require.NoError(t, err)
	assert.Equal(t, 1, sum.Editions)
	ed, err := os.ReadFile(filepath.Join(out, "fr", "a.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(ed), "Bad sentence.", "a failed segment keeps its source text: nothing is lost")

	// The failed edition is retried on the next run even though nothing changed.
	eng.fail = nil
	opts.AllowPartial = false
	sum, err = Run(context.Background(), opts, []string{filepath.Join(src, "a.txt")})
	require.NoError(t, err)
	assert.Equal(t, 1, sum.Editions)
	assert.Zero(t, sum.Failed)
	complete, err := os.ReadFile(filepath.Join(out, "fr", "a.txt"))
	require.NoError(t, err)
	assert.NotContains(t, string(complete), "Bad sentence.")

	// A later run that fails leaves the complete edition as it was, and the
	// manifest says so; the run after it redoes the edition.
	eng.fail = func(s string) error { return errors.New("engine down") }
	sum, err = Run(context.Background(), Options{To: opts.To, Backend: "pseudo", Translator: eng, Out: out, Force: true}, []string{filepath.Join(src, "a.txt")})
	require.NoError(t, err)
	assert.Equal(t, 1, sum.Unpublished)
	kept, err := os.ReadFile(filepath.Join(out, "fr", "a.txt"))
	require.NoError(t, err)
	assert.Equal(t, string(complete), string(kept), "the previous complete edition stays")
	m, err = manifest.Load(out)
	require.NoError(t, err)
	e = m.Find("a.txt", "fr")
	require.NotNil(t, e)
	assert.True(t, e.Unpublished)
	assert.Equal(t, manifest.Hash(kept), e.OutputSHA256)
}

func TestRunDryRunCosts(t *testing.T) {
	src := writeFiles(t, map[string]string{"a.txt": "Title\n\nText.\n"})
	out := filepath.Join(t.TempDir(), "out")
	sum, err := Run(context.Background(), Options{
		To: []language.Tag{language.Polish}, Backend: "x", Translator: &counting{err: errors.New("connection refused")}, Out: out, DryRun: true,
	}, []string{src})
	require.NoError(t, err)
	assert.Zero(t, sum.Failed, "a dry run contacts no engine")
	assert.Equal(t, 2, sum.BackendSegments, "segments a real run would send")
	assert.Equal(t, len("Title")+len("Text."), sum.Chars)
	assert.Equal(t, []Sent{{Engine: "x", Locale: "pl", Segments: 2, Chars: 10}}, sum.Sent)
	_, err = os.Stat(out)
	assert.True(t, os.IsNotExist(err), "dry run writes nothing")

	// Against a real run: the same segments and characters, memory hits
	// (a repeated sentence) subtracted.
	src = writeFiles(t, map[string]string{"a.txt": "Одеса. Одеса.\n\nKyiv.\n", "b.txt": "Kyiv.\n"})
	eng := &counting{next: pseudo.Translator{}}
	opts := Options{To: []language.Tag{language.Polish, language.German}, Backend: "pseudo", Translator: eng, Out: out, DryRun: true}
	dry, err := Run(context.Background(), opts, []string{src})
	require.NoError(t, err)
	assert.Empty(t, eng.texts, "no request")
	opts.DryRun = false
	real, err := Run(context.Background(), opts, []string{src})
	require.NoError(t, err)
	assert.Equal(t, real.BackendSegments, dry.BackendSegments)
	assert.Equal(t, real.MemoryHits, dry.MemoryHits)
	assert.Equal(t, real.Sent, dry.Sent)
	assert.Equal(t, 2*(6+5), real.Chars, "Одеса. and Kyiv. per locale, in characters (not bytes)")
}

func TestRunMissingPath(t *testing.T) {
	_, err := Run(context.Background(), Options{To: []language.Tag{language.Polish}, Translator: pseudo.Translator{}, Out: t.TempDir()}, []string{"/nonexistent/x.txt"})
	var fe *FileError
	require.ErrorAs(t, err, &fe)
	assert.True(t, fe.Input)
}

func TestRunCancelled(t *testing.T) {
	src := writeFiles(t, map[string]string{"a.txt": "Title\n\nText.\n"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, Options{To: []language.Tag{language.Polish}, Translator: pseudo.Translator{}, Out: t.TempDir()}, []string{src})
	require.ErrorIs(t, err, context.Canceled)
}

func TestRunRewritesWhenPresentationChanges(t *testing.T) {
	src := writeFiles(t, map[string]string{"a.txt": "Title\n\n\"Quoted,\" she said.\n"})
	out := filepath.Join(t.TempDir(), "out")
	opts := Options{To: []language.Tag{language.French}, Backend: "pseudo", Translator: pseudo.Translator{}, Out: out, Presentation: "typography=false"}
	sum, err := Run(context.Background(), opts, []string{src})
	require.NoError(t, err)
	assert.Equal(t, 1, sum.Editions)
	sum, err = Run(context.Background(), opts, []string{src})
	require.NoError(t, err)
	assert.Equal(t, 1, sum.Unchanged)
	opts.Presentation = "typography=true"
	opts.Typography = func(_ language.Tag, s string) string { return strings.ReplaceAll(s, `"`, "»") }
	sum, err = Run(context.Background(), opts, []string{src})
	require.NoError(t, err)
	assert.Equal(t, 1, sum.Editions, "switching typography on rewrites the edition")
	ed, err := os.ReadFile(filepath.Join(out, "fr", "a.txt"))
	require.NoError(t, err)
	assert.NotContains(t, string(ed), `"`)
}

// slow delays every request, so that files overlap in time.
type slow struct{ counting }

func (s *slow) Translate(ctx context.Context, req backend.Request) ([]backend.Translation, error) {
	time.Sleep(5 * time.Millisecond)
	return s.counting.Translate(ctx, req)
}

func TestRunSendsASharedSentenceOnceAcrossWorkers(t *testing.T) {
	files := map[string]string{}
	for i := range 40 {
		files[fmt.Sprintf("f%02d.txt", i)] = fmt.Sprintf("Title %d\n\nThe same sentence in every file. Own sentence %d.\n", i, i)
	}
	src := writeFiles(t, files)
	eng := &slow{counting{next: pseudo.Translator{}}}
	sum, err := Run(context.Background(), Options{
		To: []language.Tag{language.Spanish, language.German}, Backend: "pseudo", Translator: eng,
		Out: filepath.Join(t.TempDir(), "out"), Jobs: 8,
	}, []string{src})
	require.NoError(t, err)
	n := 0
	for _, s := range eng.texts {
		if s == "The same sentence in every file." {
			n++
		}
	}
	assert.Equal(t, 2, n, "once per locale, whatever the number of workers")
	assert.Equal(t, sum.Segments, sum.MemoryHits+sum.BackendSegments)
}

func TestRunFailingEngineWithSharedSentencesEnds(t *testing.T) {
	// Files whose sentences cross: each worker waits for sentences another
	// one is sending, and every request fails. The run must still end.
	files := map[string]string{}
	for i := range 12 {
		files[fmt.Sprintf("f%02d.txt", i)] = fmt.Sprintf("Sentence %d. Sentence %d. Sentence %d.\n", i%3, (i+1)%3, (i+2)%3)
	}
	src := writeFiles(t, files)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	eng := &slow{counting{next: pseudo.Translator{}, err: errors.New("down")}}
	sum, err := Run(ctx, Options{To: []language.Tag{language.Spanish}, Backend: "x", Translator: eng, Out: filepath.Join(t.TempDir(), "out"), Jobs: 6}, []string{src})
	require.NoError(t, err, "no deadlock")
	assert.Equal(t, 36, sum.Failed)
}

func TestRunFillsRepeatsOfAMemoryHit(t *testing.T) {
	src := writeFiles(t, map[string]string{"a.txt": "Known. Known. New.\n"})
	mem := memory.NewMap()
	require.NoError(t, mem.Store(context.Background(), memory.Key{Source: "Known.", SourceLang: "en", TargetLang: "es", Engine: "pseudo"}, memory.Entry{Target: "Conocido.", Origin: memory.OriginHuman}))
	out := filepath.Join(t.TempDir(), "out")
	eng := &counting{next: pseudo.Translator{}}
	sum, err := Run(context.Background(), Options{To: []language.Tag{language.Spanish}, Backend: "pseudo", Translator: eng, Memory: mem, Out: out}, []string{src})
	require.NoError(t, err)
	assert.Equal(t, 2, sum.MemoryHits)
	assert.Equal(t, []string{"New."}, eng.texts)
	ed, err := os.ReadFile(filepath.Join(out, "es", "a.txt"))
	require.NoError(t, err)
	assert.Equal(t, "Conocido. Conocido. [Ñéŵ. ·]\n", string(ed))
}

// vanishing deletes a file the first time it is asked to translate.
type vanishing struct {
	once sync.Once
	path string
}

func (v *vanishing) Translate(ctx context.Context, req backend.Request) ([]backend.Translation, error) {
	v.once.Do(func() { os.Remove(v.path) })
	return pseudo.Translator{}.Translate(ctx, req)
}

func TestRunFileVanishesMidRun(t *testing.T) {
	src := writeFiles(t, map[string]string{"a.txt": "A\n\nText a.\n", "b.txt": "B\n\nText b.\n", "c.txt": "C\n\nText c.\n"})
	out := filepath.Join(t.TempDir(), "out")
	sum, err := Run(context.Background(), Options{
		To: []language.Tag{language.Spanish}, Backend: "pseudo", Translator: &vanishing{path: filepath.Join(src, "c.txt")}, Out: out, Jobs: 1,
	}, []string{src})
	require.NoError(t, err)
	require.Len(t, sum.Errors, 1)
	assert.Contains(t, sum.Errors[0].Msg, "c.txt")
	assert.Contains(t, sum.Errors[0].Msg, "no such file")
	assert.Equal(t, 2, sum.Editions, "the other files are translated")
	assert.NoFileExists(t, filepath.Join(out, "es", "c.txt"))
}

// rewriting answers each segment with fn of its text.
type rewriting struct{ fn func(string) string }

func (r rewriting) Translate(_ context.Context, req backend.Request) ([]backend.Translation, error) {
	out := make([]backend.Translation, len(req.Segments))
	for i, s := range req.Segments {
		out[i].Text = r.fn(s.Text)
	}
	return out, nil
}

// Issue 20: translate judges an engine's output with check's decision
// (package langid): output still in the source's script fails its segment
// as check would flag it, output in the target's script passes.
func TestRunJudgesOutputLikeCheck(t *testing.T) {
	src := writeFiles(t, map[string]string{"vesti.txt": "Становници су се вратили кућама у недељу.\n"})
	for _, tc := range []struct {
		name   string
		fn     func(string) string
		failed int
	}{
		{"still Cyrillic", func(s string) string { return strings.Replace(s, "кућама", "својим кућама", 1) }, 1},
		{"Latin", func(string) string { return "Stanovnici su se vratili kućama u nedelju." }, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sum, err := Run(context.Background(), Options{
				From: language.MustParse("sr-Cyrl"), To: []language.Tag{language.MustParse("sr-Latn")},
				Backend: "test", Translator: rewriting{tc.fn}, Out: filepath.Join(t.TempDir(), "out"),
			}, []string{src})
			require.NoError(t, err)
			assert.Equal(t, tc.failed, sum.Failed)
		})
	}
}
