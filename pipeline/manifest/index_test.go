package manifest

import (
	"fmt"
	"runtime"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/locpipe/locpipe/internal/benchmeasure"
)

func prevFor(path, locale string, segs int, failed bool) Prev {
	e := edition(path, locale, 0)
	p := prevOf(&e, nil)
	p.Segments, p.Failed = segs, failed
	return p
}

func TestIndex(t *testing.T) {
	for _, maxNames := range []int{noName, 2} { // 2: interning full, names kept beside
		t.Run(fmt.Sprintf("names=%d", maxNames), func(t *testing.T) {
			x := newIndex()
			x.maxNames = maxNames
			locales := []string{"es", "de", "uk", "pt-BR"}
			const files = 3000
			for i := range files {
				path := fmt.Sprintf("d%d/f%04d.txt", i%7, i)
				for j, l := range locales {
					require.NoError(t, x.set(path, l, prevFor(path, l, i+j, i%5 == 0), location{off: int64(i*100 + j), n: int32(i), journal: i%2 == 0}))
				}
			}
			assert.Equal(t, files*len(locales), x.n)
			_, ok := x.find("d0/f0000.txt", "fr")
			assert.False(t, ok)
			_, ok = x.find("d0/f0000.tx", "es")
			assert.False(t, ok)
			for _, i := range []int{0, 1, 7, 2999} {
				path := fmt.Sprintf("d%d/f%04d.txt", i%7, i)
				for j, l := range locales {
					k, ok := x.find(path, l)
					require.True(t, ok, path, l)
					assert.Equal(t, prevFor(path, l, i+j, i%5 == 0), x.prev(k))
					assert.Equal(t, location{off: int64(i*100 + j), n: int32(i), journal: i%2 == 0}, x.loc(k))
					assert.Equal(t, path+"\x00"+l, x.key(k))
				}
			}
			// Replacing keeps one slot and takes the new fields.
			p := prevFor("d1/f0001.txt", "de", 9, true)
			p.profile = "other\x00profile"
			require.NoError(t, x.set("d1/f0001.txt", "de", p, location{off: maxOffset, n: 5}))
			assert.Equal(t, files*len(locales), x.n)
			k, ok := x.find("d1/f0001.txt", "de")
			require.True(t, ok)
			assert.Equal(t, p, x.prev(k))
			assert.Equal(t, location{off: maxOffset, n: 5}, x.loc(k))

			var keys []string
			for _, k := range x.sorted() {
				keys = append(keys, x.key(k))
			}
			assert.True(t, slices.IsSorted(keys), "sorted by key")
			assert.Len(t, keys, files*len(locales))
		})
	}
}

func TestIndexLimits(t *testing.T) {
	x := newIndex()
	big := make([]byte, 1<<16)
	for i := range big {
		big[i] = 'a'
	}
	assert.ErrorIs(t, x.set(string(big), "es", Prev{}, location{}), ErrIndexFull)
	assert.ErrorIs(t, x.set("a", "es", Prev{}, location{off: maxOffset + 1}), ErrIndexFull)
	// A path sorting before another it is a prefix of, as Edition.Key does.
	require.NoError(t, x.set("a/b", "es", Prev{}, location{}))
	require.NoError(t, x.set("a", "uk", Prev{}, location{}))
	require.NoError(t, x.set("a", "de", Prev{}, location{}))
	var keys []string
	for _, k := range x.sorted() {
		keys = append(keys, x.key(k))
	}
	assert.Equal(t, []string{"a\x00de", "a\x00uk", "a/b\x00es"}, keys)
}

// legacyIndex is the skip index before this one (a map of the keys to Prev
// and location), the baseline of BenchmarkIndex.
type legacyEntry struct {
	prev Prev
	loc  location
}

// BenchmarkIndex reports the heap the skip index holds per edition, for
// 100,000 editions (paths of the corpus's shape, three locales each), and
// the same for the map it replaced:
//
//	go test -run XXX -bench Index -benchtime 1x ./pipeline/manifest
func BenchmarkIndex(b *testing.B) {
	const files = 100_000
	locales := []string{"es", "de", "uk"}
	paths := make([]string, files)
	for i := range paths {
		paths[i] = fmt.Sprintf("c%03d/world/%04d-shelling-near-the-city.md", i%100, i)
	}
	profile := profileOf("pseudo", "", "typography", "0123456789abcdef0123456789abcdef")
	heap := benchmeasure.LiveHeap
	prevOfPath := func(path, locale string) Prev {
		return Prev{src: hash64(path), out: hash64(locale + path), output: hash64(locale + "/" + path), profile: profile, Segments: 12}
	}
	b.Run("legacy-map", func(b *testing.B) {
		var per float64
		for range b.N {
			before := heap()
			m := map[string]legacyEntry{}
			for i, p := range paths {
				for _, l := range locales {
					m[p+"\x00"+l] = legacyEntry{prev: prevOfPath(p, l), loc: location{off: int64(i) * 900, n: 900}}
				}
			}
			per = float64(heap()-before) / float64(len(m))
			runtime.KeepAlive(m)
		}
		b.ReportMetric(per, "bytes/edition")
	})
	b.Run("index", func(b *testing.B) {
		var per float64
		for range b.N {
			before := heap()
			x := newIndex()
			for i, p := range paths {
				for _, l := range locales {
					if err := x.set(p, l, prevOfPath(p, l), location{off: int64(i) * 900, n: 900}); err != nil {
						b.Fatal(err)
					}
				}
			}
			per = float64(heap()-before) / float64(x.n)
			runtime.KeepAlive(x)
		}
		b.ReportMetric(per, "bytes/edition")
	})
}
