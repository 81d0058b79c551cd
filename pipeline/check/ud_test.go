package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/langid"
)

// udParagraphs reads the shared UD paragraphs by language, those of one
// line only.
func udParagraphs(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, p := range shared.UD(t) {
		if t := strings.TrimSpace(p.Text); t != "" && !strings.Contains(t, "\n") {
			out[p.Lang] = append(out[p.Lang], t)
		}
	}
	return out
}

// TestUntranslatedOnRealText runs the untranslated rule on real paragraphs
// (Universal Dependencies, 15 languages) put in editions: in their own
// language they are translations and must pass; in a close language's
// edition (Russian in Ukrainian, Spanish in Portuguese) they are
// untranslated and most must be caught.
func TestUntranslatedOnRealText(t *testing.T) {
	ud := udParagraphs(t)
	c := newTestChecker()
	// judge checks paragraph ed as the edition of paragraph src.
	judge := func(from, to, src, ed string) bool {
		return ruleCount(c.CheckEdition(pair("txt", from, to, src, ed)), RuleUntranslated) > 0
	}
	t.Run("translations pass", func(t *testing.T) {
		for _, pr := range [][2]string{{"en", "de"}, {"en", "fr"}, {"en", "es"}, {"en", "pt"}, {"en", "ca"}, {"en", "pl"},
			{"en", "ru"}, {"en", "uk"}, {"en", "it"}, {"en", "el"}, {"en", "ar"}, {"en", "hi"}, {"en", "zh"}, {"en", "ja"},
			{"ru", "uk"}, {"uk", "ru"}, {"es", "pt"}, {"pt", "es"}, {"es", "ca"}, {"de", "en"}, {"ru", "en"}} {
			src, eds := ud[pr[0]], ud[pr[1]]
			flagged := 0
			for i, ed := range eds {
				if judge(pr[0], pr[1], src[i%len(src)], ed) {
					flagged++
					t.Logf("%s→%s flagged: %s", pr[0], pr[1], describe(c.CheckEdition(pair("txt", pr[0], pr[1], src[i%len(src)], ed))))
				}
			}
			// At most 2%: a paragraph quoting the source language is fair game.
			assert.LessOrEqual(t, flagged*50, len(eds), "%s→%s: %d of %d real %s paragraphs flagged", pr[0], pr[1], flagged, len(eds), pr[1])
		}
	})
	t.Run("source language caught", func(t *testing.T) {
		for _, pr := range [][2]string{{"ru", "uk"}, {"uk", "ru"}, {"es", "pt"}, {"en", "es"}, {"en", "uk"}} {
			src, other := ud[pr[0]], ud[pr[1]]
			caught, judged := 0, 0
			for i, s := range src {
				if langid.ContentWords(s) < langid.MinIdenticalWords {
					continue
				}
				judged++
				// A paragraph of the source left in the edition, its own source
				// being another paragraph: only language evidence can tell.
				if judge(pr[0], pr[1], other[i%len(other)], s) {
					caught++
				}
			}
			t.Logf("%s left in a %s edition: %d of %d paragraphs caught", pr[0], pr[1], caught, judged)
			assert.GreaterOrEqual(t, caught*100, judged*80, "%s in %s", pr[0], pr[1])
		}
	})
}
