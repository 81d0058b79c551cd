package review

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/check"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/memory"
)

// reviewRun is a translated run with a memory, as review sees it.
type reviewRun struct {
	src, out string
	mem      *memory.SQLite
	opts     pipeline.Options
}

func newReviewRun(t *testing.T) *reviewRun {
	t.Helper()
	dir := t.TempDir()
	r := &reviewRun{src: filepath.Join(dir, "src"), out: filepath.Join(dir, "out")}
	require.NoError(t, os.MkdirAll(r.src, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(r.src, "a.md"), []byte("# Kiev at night\n\nShelling near **Kiev** stopped. Officials said so.\n\nA second paragraph.\n"), 0o644))
	mem, err := memory.OpenSQLite(context.Background(), filepath.Join(dir, "tm.db"))
	require.NoError(t, err)
	t.Cleanup(func() { mem.Close() })
	r.mem = mem
	r.opts = pipeline.Options{
		To: []language.Tag{language.Spanish, language.Ukrainian}, Backend: "pseudo", Translator: pseudo.Translator{},
		Out: r.out, Memory: mem, Glossary: glossary.Builtin(),
	}
	r.translate(t)
	return r
}

func (r *reviewRun) translate(t *testing.T) {
	t.Helper()
	_, err := pipeline.Run(context.Background(), r.opts, []string{r.src})
	require.NoError(t, err)
}

func (r *reviewRun) pageOptions() PageOptions {
	return PageOptions{Out: r.out, Glossary: r.opts.Glossary, Memory: r.mem}
}

func (r *reviewRun) importOptions() ImportOptions {
	return ImportOptions{Out: r.out, Glossary: r.opts.Glossary, Memory: r.mem,
		Render: func(ctx context.Context, eds []*manifest.Edition) (*pipeline.Summary, error) {
			return Rerender(ctx, r.opts, func(string) (pipeline.Translator, string, error) { return pseudo.Translator{}, "", nil }, eds)
		}}
}

func cellOf(t *testing.T, p *Page, id, locale string) *Cell {
	t.Helper()
	for _, f := range p.Files {
		for _, r := range f.Rows {
			if r.ID != id {
				continue
			}
			for _, c := range r.Cells {
				if c.Locale == locale {
					return c
				}
			}
		}
	}
	t.Fatalf("no cell %s %s", id, locale)
	return nil
}

func TestBuildPage(t *testing.T) {
	r := newReviewRun(t)
	es := filepath.Join(r.out, "es", "a.md")
	p, err := BuildPage(context.Background(), PageOptions{Out: r.out, Glossary: r.opts.Glossary, Memory: r.mem,
		Findings: []check.Finding{{Rule: "untranslated", Severity: check.Error, File: es, Line: 3, Locale: "es", Segment: "Officials said so.", Message: "segment still in English"}}})
	require.NoError(t, err)
	assert.Equal(t, []string{"es", "uk"}, p.Locales)
	assert.Equal(t, []string{"untranslated"}, p.Rules)
	require.Len(t, p.Files, 1)
	f := p.Files[0]
	ids := []string{}
	for _, row := range f.Rows {
		ids = append(ids, row.ID)
		require.Len(t, row.Cells, 2)
		for _, c := range row.Cells {
			assert.NotEmpty(t, c.Text, "%s %s", row.ID, c.Locale)
			assert.Equal(t, manifest.StatusTranslated, c.Status)
			assert.True(t, c.Editable)
		}
	}
	assert.Equal(t, []string{"u1.1", "u2.1", "u2.2", "u3.1"}, ids)
	// Glossary names on both sides, inline codes kept.
	row := f.Rows[1]
	assert.Equal(t, "Shelling near Kiev stopped.", row.Text)
	var terms []string
	for _, pc := range row.Source {
		if pc.Concept != "" {
			terms = append(terms, pc.Text+"="+pc.Concept)
			assert.True(t, pc.Deprecated)
		}
	}
	assert.Equal(t, []string{"Kiev=kyiv"}, terms)
	uk := cellOf(t, p, "u2.1", "uk")
	assert.Contains(t, uk.Text, "⟨0⟩Київ⟨1⟩")
	found := false
	for _, pc := range uk.Pieces {
		found = found || pc.Concept == "kyiv" && pc.Text == "Київ" && !pc.Deprecated
	}
	assert.True(t, found, "%+v", uk.Pieces)
	// The finding is on its segment.
	assert.Len(t, cellOf(t, p, "u2.2", "es").Findings, 1)
	assert.Empty(t, cellOf(t, p, "u2.1", "es").Findings)

	var b bytes.Buffer
	require.NoError(t, WritePage(&b, p, WriteOptions{}))
	page := b.String()
	for _, want := range []string{`data-id="u2.2"`, `<mark class="term deprecated" data-concept="kyiv"`, `class="status translated"`, `data-rule="untranslated"`, `<option>uk</option>`} {
		assert.True(t, strings.Contains(page, want), "page has %s", want)
	}
	for _, unwanted := range []string{" src=", "<link", "http://", "https://", `name="locpipe-token"`} {
		assert.False(t, strings.Contains(page, unwanted), "page has no %s", unwanted)
	}
}

func TestUnitText(t *testing.T) {
	codes := []format.Code{{ID: 0, Kind: format.Open, Pair: 1, Data: "<b>"}, {ID: 1, Kind: format.Close, Pair: 0, Data: "</b>"}}
	got, err := unitText("Cerca de ⟨0⟩Kyiv⟨1⟩.", codes)
	require.NoError(t, err)
	assert.Equal(t, "Cerca de "+string(format.CodeRune(0))+"Kyiv"+string(format.CodeRune(1))+".", got)
	assert.Equal(t, "Cerca de ⟨0⟩Kyiv⟨1⟩.", editText(got))
	_, err = unitText("⟨7⟩", codes)
	assert.Error(t, err)
	got, err = unitText("a ⟨x⟩ b", codes)
	require.NoError(t, err)
	assert.Equal(t, "a ⟨x⟩ b", got, "not a code: left as written")
}

func TestApprove(t *testing.T) {
	r := newReviewRun(t)
	ctx := context.Background()
	p, err := BuildPage(ctx, r.pageOptions())
	require.NoError(t, err)
	before := cellOf(t, p, "u2.2", "es")

	a := Approval{Path: "a.md", Locale: "es", ID: "u2.2", Revision: before.Revision, Text: "Los funcionarios lo dijeron."}
	c, sum, err := Approve(ctx, a, r.importOptions(), r.pageOptions())
	require.NoError(t, err)
	assert.Equal(t, 1, sum.Learned)
	assert.Equal(t, "Los funcionarios lo dijeron.", c.Text)
	assert.Equal(t, StatusHuman, c.Status)
	assert.NotEqual(t, before.Revision, c.Revision)
	es, err := os.ReadFile(filepath.Join(r.out, "es", "a.md"))
	require.NoError(t, err)
	assert.Contains(t, string(es), "Los funcionarios lo dijeron.")

	// An approval made against the old revision is refused, with the
	// current text.
	a.Text = "Otro texto."
	c2, _, err := Approve(ctx, a, r.importOptions(), r.pageOptions())
	assert.ErrorIs(t, err, ErrConflict)
	assert.Equal(t, "Los funcionarios lo dijeron.", c2.Text)

	// A translation that drops a code of the source is not applied.
	b := cellOf(t, p, "u2.1", "es")
	_, _, err = Approve(ctx, Approval{Path: "a.md", Locale: "es", ID: "u2.1", Revision: b.Revision, Text: "Cerca de ⟨5⟩ Kyiv."}, r.importOptions(), r.pageOptions())
	assert.ErrorIs(t, err, ErrRejected)

	// The next translate keeps the correction.
	r.translate(t)
	es, err = os.ReadFile(filepath.Join(r.out, "es", "a.md"))
	require.NoError(t, err)
	assert.Contains(t, string(es), "Los funcionarios lo dijeron.")
}

func TestServer(t *testing.T) {
	r := newReviewRun(t)
	srv, err := NewServer(ServerOptions{Page: r.pageOptions(), Import: r.importOptions(), LoopbackHosts: true})
	require.NoError(t, err)
	ts := httptest.NewServer(srv)
	defer ts.Close()

	res, err := http.Get(ts.URL + "/")
	require.NoError(t, err)
	var page bytes.Buffer
	_, _ = page.ReadFrom(res.Body)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, page.String(), `data-id="u2.2"`)
	assert.Contains(t, page.String(), `class="b-approve hidden"`)
	assert.Contains(t, page.String(), srv.token)

	p, err := BuildPage(context.Background(), r.pageOptions())
	require.NoError(t, err)
	rev := cellOf(t, p, "u3.1", "uk").Revision
	post := func(token string, a Approval) (int, approveReply) {
		body, _ := json.Marshal(a)
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/approve", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Locpipe-Token", token)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		var out approveReply
		require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
		return res.StatusCode, out
	}
	code, _ := post("wrong", Approval{Path: "a.md", Locale: "uk", ID: "u3.1", Revision: rev, Text: "Другий абзац."})
	assert.Equal(t, http.StatusForbidden, code)

	// Two editors approve the same segment at once: one wins, the other is
	// told, and the edition has the winner's text.
	var wg sync.WaitGroup
	codes := make([]int, 2)
	texts := []string{"Другий абзац.", "Ще один абзац."}
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], _ = post(srv.token, Approval{Path: "a.md", Locale: "uk", ID: "u3.1", Revision: rev, Text: texts[i]})
		}()
	}
	wg.Wait()
	assert.ElementsMatch(t, []int{http.StatusOK, http.StatusConflict}, codes)
	winner := texts[0]
	if codes[1] == http.StatusOK {
		winner = texts[1]
	}
	uk, err := os.ReadFile(filepath.Join(r.out, "uk", "a.md"))
	require.NoError(t, err)
	assert.Contains(t, string(uk), winner)

	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/", nil)
	req.Host = "evil.example:80"
	res, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusForbidden, res.StatusCode, "a name that points at the loopback is refused")
	assert.True(t, loopbackHost("localhost"))
	assert.True(t, loopbackHost("[::1]"))

	code, _ = post(srv.token, Approval{Path: "nope.md", Locale: "uk", ID: "u3.1", Revision: rev, Text: "x"})
	assert.Equal(t, http.StatusUnprocessableEntity, code)
	assert.True(t, IsLoopback("127.0.0.1:8080"))
	assert.True(t, IsLoopback("[::1]:80"))
	assert.False(t, IsLoopback("0.0.0.0:8080"))
	assert.False(t, IsLoopback("192.168.1.5:80"))
}

// FuzzUnitText: editable text reads back into a unit text whose codes are
// the unit's, and a unit text survives the round trip.
func FuzzUnitText(f *testing.F) {
	f.Add("Cerca de ⟨0⟩Kyiv⟨1⟩.")
	f.Add("⟨⟨1⟩⟩ ⟨99⟩ ⟨-1⟩ ⟨01⟩")
	codes := []format.Code{{ID: 0, Kind: format.Open, Pair: 1}, {ID: 1, Kind: format.Close, Pair: 0}}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := unitText(s, codes)
		if err != nil {
			return
		}
		for _, r := range u {
			if id, ok := format.IsCodeRune(r); ok && id >= len(codes) {
				t.Fatalf("code %d not in the unit", id)
			}
		}
		back, err := unitText(editText(u), codes)
		if err != nil || back != u {
			t.Fatalf("round trip of %q: %q, %v", u, back, err)
		}
	})
}

// An edition with a machine-translation notice among its units: every
// source unit still finds its own.
func TestBuildPageNotice(t *testing.T) {
	r := newReviewRun(t)
	require.NoError(t, os.WriteFile(filepath.Join(r.src, "b.html"), []byte("<html lang=\"en\"><body><h1>Kiev at night</h1>\n<p>First paragraph here.</p>\n<p>Second paragraph here.</p></body></html>\n"), 0o644))
	r.opts.Notice = func(formatName string, _, to language.Tag, ed []byte) ([]byte, error) {
		return format.PlaceNotice(formatName, ed, "Machine translated.", to)
	}
	r.opts.Presentation = "notice"
	r.translate(t)
	data, err := os.ReadFile(filepath.Join(r.out, "es", "b.html"))
	require.NoError(t, err)
	require.Contains(t, string(data), "Machine translated.")
	p, err := BuildPage(context.Background(), r.pageOptions())
	require.NoError(t, err)
	for _, f := range p.Files {
		for _, row := range f.Rows {
			for _, c := range row.Cells {
				assert.False(t, c.Missing, "%s %s %s", f.Path, row.ID, c.Locale)
				assert.NotContains(t, c.Text, "Machine translated.", "%s %s %s", f.Path, row.ID, c.Locale)
				assert.NotEmpty(t, c.Text, "%s %s %s", f.Path, row.ID, c.Locale)
			}
		}
	}
	var es []string
	for _, f := range p.Files {
		if f.Path == "b.html" {
			for _, row := range f.Rows {
				es = append(es, row.Cells[0].Text)
			}
		}
	}
	require.Len(t, es, 3)
	assert.Contains(t, es[1], "Ƒîŕšţ", "the first paragraph beside its own")
}
