package apertium_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/apertium"
	"github.com/locpipe/locpipe/pipeline/backend/apertium/apytest"
	"github.com/locpipe/locpipe/pipeline/format"
)

// Fidelity is how far the glossary's hand-off of names leaves the engine's
// translation of the sentence around them alone: the share of the
// paragraphs that hold a glossary name whose edition, names masked, equals
// the edition the same engine writes without a glossary.
type fidelity struct {
	Paragraphs int // paragraphs (units) holding at least one glossary name
	Equal      int // of which the masked editions are equal
	Names      int // names the glossary protected in those paragraphs
	PerPolicy  int // of which the edition writes the target's preferred form
	Marks      int // unknown-word or error marks (*word, #word, @word) the source lacks
	// BareEqual counts the name-bearing paragraphs equal, names masked, to
	// the bare engine's translation of the paragraph's text alone (markup
	// stripped, no glossary, nothing protected): a figure to read, not
	// asserted, since the bare engine also mangles URLs and addresses.
	Glued     int // names the edition glues to a following letter ("Kyivha" for "Kiev's")
	RawGlued  int // the same in the edition without a glossary ("Kíevha")
	BareEqual int
	Verbatim  int // URLs, addresses, handles, hashtags… of the source (every paragraph)
	Kept      int // of which the edition holds them byte for byte
	Diffs     []string
	BareDiffs []string // where the edition differs from the bare engine's
}

func (f fidelity) Share() float64 { return 100 * float64(f.Equal) / float64(max(f.Paragraphs, 1)) }

func (f fidelity) String() string {
	return fmt.Sprintf("%d/%d name-bearing paragraphs equal the engine's without a glossary (%.0f%%; the bare engine's, markup stripped: %d), names per policy %d/%d, glued to a suffix %d (without a glossary %d), marks left %d, non-prose tokens verbatim %d/%d",
		f.Equal, f.Paragraphs, f.Share(), f.BareEqual, f.PerPolicy, f.Names, f.Glued, f.RawGlued, f.Marks, f.Kept, f.Verbatim)
}

// TestFidelity measures, for the apertium command and APy, en→es and en→ca,
// on the shared English corpus and the seed article, how many name-bearing
// paragraphs come out as the raw engine writes them once names are masked.
// Run with -v to see the figures (the README quotes them).
func TestFidelity(t *testing.T) {
	needApertium(t)
	needMode(t, "eng-cat")
	// The shared corpus and seed, and an article of ours with what news text
	// also holds: possessives, addresses, handles, hashtags, paths, code.
	paths := append(corpus(t), filepath.Join("testdata", "fidelity", "newsdesk.txt"))
	g := glossary.Builtin()
	for _, engine := range []string{"command", "apy"} {
		t.Run(engine, func(t *testing.T) {
			opts := backend.Options{}
			if engine == "apy" {
				opts["url"] = apytest.Start(t)
			}
			tr, err := apertium.New(backend.Params{Options: opts})
			require.NoError(t, err)
			for _, to := range []language.Tag{language.Spanish, language.Catalan} {
				t.Run(to.String(), func(t *testing.T) {
					f := measureFidelity(t, tr, g, paths, to)
					t.Logf("apertium %s en→%s: %s", engine, to, f)
					for _, d := range f.Diffs {
						t.Log(d)
					}
					for _, d := range f.BareDiffs {
						t.Log(d)
					}
					assert.GreaterOrEqual(t, f.Share(), 90.0, "paragraphs equal to the raw engine's")
					assert.Equal(t, f.Names, f.PerPolicy, "names per policy")
					assert.Zero(t, f.Marks, "unknown-word or error marks")
					assert.Zero(t, f.Glued, "names glued to a possessive or other suffix")
					assert.Equal(t, f.Verbatim, f.Kept, "URLs, addresses, handles and hashtags verbatim")
				})
			}
		})
	}
}

// measureFidelity translates paths to `to` with and without the glossary
// and compares the editions unit by unit.
func measureFidelity(tb testing.TB, tr backend.Translator, g *glossary.Glossary, paths []string, to language.Tag) fidelity {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	run := func(gl *glossary.Glossary) string {
		out := tb.TempDir()
		sum := runTo(ctx, tb, tr, gl, paths, to, out)
		require.Zero(tb, sum.Failed, sum.FirstFailure)
		return out
	}
	withG, raw := run(g), run(nil)
	mask := newMasker(g)
	var f fidelity
	reg := format.Default()
	// The bare engine's translations of the same paragraphs, in one request.
	bare := backend.Request{Source: language.English, Target: to}
	var edition []string
	for _, p := range paths {
		src := units(tb, reg, p, p)
		name := filepath.Join(to.String(), filepath.Base(p))
		gotG := units(tb, reg, p, filepath.Join(withG, name))
		gotRaw := units(tb, reg, p, filepath.Join(raw, name))
		require.Len(tb, gotG, len(src), p)
		require.Len(tb, gotRaw, len(src), p)
		for i, u := range src {
			for _, sp := range glossary.NonProse(u) {
				f.Verbatim++
				if tok := u[sp.Start:sp.End]; strings.Contains(gotG[i], tok) {
					f.Kept++
				} else {
					f.Diffs = append(f.Diffs, fmt.Sprintf("%s #%d: %q changed: %s", filepath.Base(p), i, tok, gotG[i]))
				}
			}
			prot := g.Protect(u, language.English, to)
			if len(prot.Terms) == 0 {
				continue
			}
			f.Paragraphs++
			// A name with a letter glued after it ("Kyivha"), beyond those
			// the source has ("Kievan").
			inSource := gluedCount(mask(u), "\u2022")
			if n := gluedCount(mask(gotG[i]), "\u2022") - inSource; n > 0 {
				f.Glued += n
				f.Diffs = append(f.Diffs, fmt.Sprintf("%s #%d: name glued to a suffix: %s", filepath.Base(p), i, gotG[i]))
			}
			f.RawGlued += max(0, gluedCount(mask(gotRaw[i]), "\u2022")-inSource)
			bare.Segments = append(bare.Segments, backend.Segment{ID: fmt.Sprintf("%s #%d", filepath.Base(p), i), Text: u})
			edition = append(edition, gotG[i])
			if mask(gotG[i]) == mask(gotRaw[i]) {
				f.Equal++
			} else {
				f.Diffs = append(f.Diffs, fmt.Sprintf("%s #%d\n  raw:      %s\n  glossary: %s", filepath.Base(p), i, gotRaw[i], gotG[i]))
			}
			for _, term := range prot.Terms {
				f.Names++
				if strings.Contains(gotG[i], term.Target) {
					f.PerPolicy++
				} else {
					f.Diffs = append(f.Diffs, fmt.Sprintf("%s #%d: %q missing: %s", filepath.Base(p), i, term.Target, gotG[i]))
				}
			}
			srcMarks := map[string]bool{}
			for _, m := range markRE.FindAllString(u, -1) {
				srcMarks[m] = true
			}
			for _, m := range markRE.FindAllString(gotG[i], -1) {
				if !srcMarks[m] {
					f.Marks++
					f.Diffs = append(f.Diffs, fmt.Sprintf("%s #%d: mark %q left", filepath.Base(p), i, m))
				}
			}
		}
	}
	res, err := tr.Translate(ctx, bare)
	require.NoError(tb, err)
	for i, r := range res {
		require.NoError(tb, r.Err)
		if mask(edition[i]) == mask(r.Text) {
			f.BareEqual++
		} else {
			f.BareDiffs = append(f.BareDiffs, fmt.Sprintf("%s\n  bare:     %s\n  glossary: %s", bare.Segments[i].ID, r.Text, edition[i]))
		}
	}
	return f
}

// gluedCount counts the occurrences of name in text that a letter follows
// directly ("Kyivha"), the engine's possessive or verb glued to it.
func gluedCount(text, name string) int {
	n := 0
	for i := 0; ; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			return n
		}
		end := i + j + len(name)
		if r, _ := utf8.DecodeRuneInString(text[end:]); unicode.IsLetter(r) {
			n++
		}
		i = end
	}
}

var markRE = regexp.MustCompile(`[*#@]\p{L}[\p{L}\p{N}_]*`)

// units returns the unit texts of file, parsed as source (the edition of a
// file has the source's format), inline codes removed.
func units(tb testing.TB, reg *format.Registry, source, file string) []string {
	tb.Helper()
	data, err := os.ReadFile(file)
	require.NoError(tb, err)
	parser, _, err := reg.Lookup(source, "")
	require.NoError(tb, err)
	doc, err := parser.Parse(file, data)
	require.NoError(tb, err)
	out := make([]string, len(doc.Units))
	for i, u := range doc.Units {
		out[i] = strings.Map(func(r rune) rune {
			if _, ok := format.IsCodeRune(r); ok {
				return -1
			}
			return r
		}, u.Text)
	}
	return out
}

// newMasker returns a function that folds a text (lower case, no
// diacritics) and replaces every term of every concept of g, in every
// language, by one mask rune: what is left is the sentence around the names.
func newMasker(g *glossary.Glossary) func(string) string {
	fold := func(s string) string {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		s, _, _ = transform.String(t, s)
		return strings.ToLower(s)
	}
	var terms []string
	for _, c := range g.Concepts {
		for _, ts := range c.Terms {
			terms = append(terms, ts.Preferred)
			terms = append(terms, ts.Admitted...)
			terms = append(terms, ts.Deprecated...)
			for _, f := range ts.Forms {
				terms = append(terms, f.Text)
			}
			for _, fs := range ts.DeprecatedForms {
				terms = append(terms, fs...)
			}
		}
	}
	for i := range terms {
		terms[i] = fold(terms[i])
	}
	sort.Slice(terms, func(i, j int) bool { return len(terms[i]) > len(terms[j]) })
	var pairs []string
	for _, t := range terms {
		if t != "" {
			pairs = append(pairs, t, "\u2022")
		}
	}
	r := strings.NewReplacer(pairs...)
	return func(s string) string { return r.Replace(fold(s)) }
}
