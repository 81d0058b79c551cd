package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/manifest"
)

// reviewCorpus translates a copy of the shared English corpus to es and uk
// (pseudo engine, with a memory) and appends an English sentence to one
// paragraph of the Spanish edition of the refugees article.
func reviewCorpus(t *testing.T) (dir, src, out string) {
	t.Helper()
	dir = t.TempDir()
	src, out = filepath.Join(dir, "corpus"), filepath.Join(dir, "out")
	require.NoError(t, os.CopyFS(src, os.DirFS(shared.Path(t, "corpus", "en"))))
	r := runCLI(t, "", "translate", "--to", "es,uk", "--out", out, "--quiet", src)
	require.Equal(t, 0, r.code, r.stderr)
	spoilEdition(t, filepath.Join(out, "es", "2022-06-20-refugees-count.txt"), "ÛÑĤÇŔ", "Éûŕöþé")
	return dir, src, out
}

type pageCell struct{ text, status, rules string }

// segmentCount is the number of segments of the es editions in out's
// manifest (of path only, when given): the rows of the review page.
func segmentCount(t *testing.T, out, path string) int {
	t.Helper()
	m, err := manifest.Load(out)
	require.NoError(t, err)
	n := 0
	for _, ed := range m.Editions {
		if ed.Locale == "es" && (path == "" || ed.Path == path) {
			n += len(ed.Segments)
		}
	}
	require.NotZero(t, n)
	return n
}

// reviewRows reads the rows of a review page: segment id → locale → cell.
func reviewRows(t *testing.T, page []byte) (map[string]map[string]pageCell, map[string]string) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	require.NoError(t, err)
	rows := map[string]map[string]pageCell{}
	sources := map[string]string{}
	var text func(n *html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(text(c))
		}
		return b.String()
	}
	var walk func(n *html.Node, key string)
	walk = func(n *html.Node, key string) {
		if n.Type == html.ElementNode && n.Data == "tr" && attr(n, "data-id") != "" {
			key = attr(n, "data-file") + "#" + attr(n, "data-id")
			rows[key] = map[string]pageCell{}
		}
		if n.Type == html.ElementNode && n.Data == "td" && key != "" {
			switch cls := attr(n, "class"); {
			case cls == "source":
				sources[key] = text(n)
			case strings.HasPrefix(cls, "cell"):
				c := pageCell{}
				for k := n.FirstChild; k != nil; k = k.NextSibling {
					if k.Type != html.ElementNode {
						continue
					}
					switch {
					case attr(k, "class") == "text":
						c.text = text(k)
					case strings.HasPrefix(attr(k, "class"), "status"):
						c.status = text(k)
					case attr(k, "class") == "findings":
						for li := k.FirstChild; li != nil; li = li.NextSibling {
							if li.Type == html.ElementNode {
								c.rules += attr(li, "data-rule") + " "
							}
						}
					}
				}
				rows[key][attr(n, "data-locale")] = c
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, key)
		}
	}
	walk(doc, "")
	return rows, sources
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestReviewCorpus: on the shared corpus, the page puts each source sentence
// beside its es and uk sentences and shows the injected English sentence's
// untranslated finding on its row.
func TestReviewCorpus(t *testing.T) {
	dir, src, out := reviewCorpus(t)
	page := filepath.Join(dir, "review.html")
	r := runCLI(t, "", "review", "--out", out, "-o", page, src)
	require.Equal(t, 0, r.code, r.stderr)
	want := segmentCount(t, out, "")
	assert.Contains(t, r.stderr, fmt.Sprintf("3 files, %d segments, 1 with findings", want))
	data, err := os.ReadFile(page)
	require.NoError(t, err)
	rows, sources := reviewRows(t, data)
	require.Len(t, rows, want)
	for key, cells := range rows {
		require.NotEmpty(t, sources[key], key)
		for _, l := range []string{"es", "uk"} {
			assert.NotEmpty(t, strings.TrimSpace(cells[l].text), "%s %s", key, l)
			assert.Contains(t, []string{"translated", "memory"}, cells[l].status, "%s %s", key, l)
		}
	}
	var flagged []string
	for key, cells := range rows {
		for l, c := range cells {
			if strings.Contains(c.rules, "untranslated") {
				flagged = append(flagged, key+" "+l)
				assert.Contains(t, c.text, strings.TrimSpace(englishSentence))
				assert.Contains(t, sources[key], "Poland alone", "the row of the paragraph's last sentence, where it was added")
			}
		}
	}
	assert.Len(t, flagged, 1, "%v", flagged)

	// Defaults: the whole manifest, the page in the output directory.
	r = runCLI(t, "", "review", "--out", out)
	require.Equal(t, 0, r.code, r.stderr)
	assert.FileExists(t, filepath.Join(out, "review.html"))

	r = runCLI(t, "", "review", "--out", out, "--serve", "0.0.0.0:0")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "not a loopback address")
	r = runCLI(t, "", "review", "--out", filepath.Join(dir, "none"))
	assert.Equal(t, exitUsage, r.code)
}

// servedReview starts review --serve on a free loopback port; it returns the
// page's URL and stops the server at the end of the test.
func servedReview(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		code := mainContext(ctx, append([]string{"review", "--serve", "127.0.0.1:0"}, args...), strings.NewReader(""), io.Discard, pw, []string{"HOME=" + t.TempDir()})
		pw.Close()
		done <- code
	}()
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		re := regexp.MustCompile(`review page at (http://\S+/)`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				urls <- m[1]
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			assert.Equal(t, 0, code)
		case <-time.After(10 * time.Second):
			t.Error("review --serve did not stop")
		}
	})
	select {
	case u := <-urls:
		return u
	case code := <-done:
		t.Fatalf("review --serve exited %d", code)
	case <-time.After(30 * time.Second):
		t.Fatal("review --serve did not start")
	}
	return ""
}

// TestReviewServeApprove: a correction approved through --serve appears in
// the edition, is a human translation, and survives the next translate.
func TestReviewServeApprove(t *testing.T) {
	_, src, out := reviewCorpus(t)
	base := servedReview(t, "--out", out, src)
	res, err := http.Get(base)
	require.NoError(t, err)
	page, err := io.ReadAll(res.Body)
	res.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode)
	token := regexp.MustCompile(`name="locpipe-token" content="([0-9a-f]+)"`).FindSubmatch(page)
	require.NotNil(t, token)
	rev := regexp.MustCompile(`data-file="2022-06-20-refugees-count.txt" data-id="u3.1"[^>]*>(?s:.*?)data-locale="uk" data-revision="([0-9a-f]+)"`).FindSubmatch(page)
	require.NotNil(t, rev)

	const fixed = "Більшість нових прибулих — жінки та діти."
	body, _ := json.Marshal(map[string]string{"file": "2022-06-20-refugees-count.txt", "locale": "uk", "id": "u3.1", "revision": string(rev[1]), "text": fixed})
	req, _ := http.NewRequest(http.MethodPost, base+"api/approve", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Locpipe-Token", string(token[1]))
	res, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	var reply struct {
		Cell  struct{ Text, Status string }
		Error string
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&reply))
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, reply.Error)
	assert.Equal(t, fixed, reply.Cell.Text)
	assert.Equal(t, "human", reply.Cell.Status)

	edition := filepath.Join(out, "uk", "2022-06-20-refugees-count.txt")
	data, err := os.ReadFile(edition)
	require.NoError(t, err)
	assert.Contains(t, string(data), fixed)

	// Approving again against the revision first shown is refused.
	res, err = http.DefaultClient.Do(func() *http.Request {
		r, _ := http.NewRequest(http.MethodPost, base+"api/approve", bytes.NewReader(body))
		r.Header.Set("X-Locpipe-Token", string(token[1]))
		return r
	}())
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusConflict, res.StatusCode)

	r := runCLI(t, "", "translate", "--to", "es,uk", "--out", out, "--quiet", src)
	require.Equal(t, 0, r.code, r.stderr)
	data, err = os.ReadFile(edition)
	require.NoError(t, err)
	assert.Contains(t, string(data), fixed, "the next translate keeps the correction")
}
