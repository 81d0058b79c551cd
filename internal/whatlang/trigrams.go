package whatlang

import (
	"cmp"
	"slices"
	"sync"
	"unicode"
)

// A trigram is packed into a uint64 key: three runes of 21 bits each, the
// first in the highest bits. Runes are at most unicode.MaxRune (21 bits),
// so packing is one to one, and the keys' order is the order of the runes
// taken in turn, which is the order strings.Compare gives their UTF-8
// encodings (UTF-8 keeps code point order and no code point's encoding is a
// prefix of another's): whatlanggo breaks ties between equally frequent
// trigrams by that order.
func pack(r1, r2, r3 rune) uint64 {
	return uint64(r1)<<42 | uint64(r2)<<21 | uint64(r3)
}

// toTrigramChar turns stop characters (punctuation, digits, spaces,
// symbols) into spaces.
func toTrigramChar(ch rune) rune {
	if isStopChar(ch) {
		return ' '
	}
	return ch
}

// keyBuf is the stack room for the trigrams of a text: a KB of Latin text
// has about a thousand, some 600 distinct.
const keyBuf = 1024

// maxRankCount bounds the counts rankedTrigrams ranks with its stack
// arrays; a text with a more frequent trigram is ranked by sorting.
const maxRankCount = 256

// rankedTrigrams calls f with each distinct trigram of text, by decreasing
// key, and its rank in whatlanggo's getTrigramsWithPositions: the trigrams
// sorted by decreasing count, equally frequent ones by decreasing key. It
// returns the number of distinct trigrams.
//
// A text's trigrams are whatlanggo's: the text's runes, stop characters
// turned into spaces and lower-cased, a space before them and one after,
// every three consecutive ones but those whose middle one is a space next
// to another space.
func rankedTrigrams(text string, f func(key uint64, rank int)) int {
	var kb [keyBuf]uint64
	keys := kb[:0]
	r1, r2 := ' ', rune(-1)
	for _, r := range text {
		r3 := unicode.ToLower(toTrigramChar(r))
		if r2 < 0 {
			r2 = r3
			continue
		}
		if !(r2 == ' ' && (r1 == ' ' || r3 == ' ')) {
			keys = append(keys, pack(r1, r2, r3))
		}
		r1, r2 = r2, r3
	}
	if r2 < 0 {
		return 0
	}
	if r2 != ' ' { // r3 is the closing space
		keys = append(keys, pack(r1, r2, ' '))
	}
	slices.Sort(keys)

	// A trigram's rank is the number of distinct trigrams more frequent,
	// plus those as frequent with a greater key: with next[c] first the
	// number more frequent than c, the trigrams taken by decreasing key get
	// ranks next[c], next[c]+1… (a counting sort).
	var next [maxRankCount + 1]int32
	distinct := 0
	for i := len(keys); i > 0; {
		j := runStart(keys, i)
		c := i - j
		if c > maxRankCount {
			return rankBySorting(keys, f)
		}
		next[c]++
		distinct++
		i = j
	}
	more := int32(0)
	for c := maxRankCount; c > 0; c-- {
		more, next[c] = more+next[c], more
	}
	for i := len(keys); i > 0; {
		j := runStart(keys, i)
		c := i - j
		f(keys[i-1], int(next[c]))
		next[c]++
		i = j
	}
	return distinct
}

// runStart returns where the run of keys equal to keys[i-1] starts.
func runStart(keys []uint64, i int) int {
	j := i - 1
	for j > 0 && keys[j-1] == keys[i-1] {
		j--
	}
	return j
}

// trigramCount is a distinct trigram of a text, its number of occurrences
// and its rank.
type trigramCount struct {
	key         uint64
	count, rank int32
}

// rankBySorting is the rest of rankedTrigrams, given the text's keys
// sorted, for a text with a trigram more frequent than maxRankCount: it
// sorts the distinct trigrams as whatlanggo does.
func rankBySorting(keys []uint64, f func(key uint64, rank int)) int {
	var counts []trigramCount
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		counts = append(counts, trigramCount{key: keys[i], count: int32(j - i)})
		i = j
	}
	ranked := slices.Clone(counts)
	slices.SortFunc(ranked, func(a, b trigramCount) int {
		if c := cmp.Compare(b.count, a.count); c != 0 {
			return c
		}
		return cmp.Compare(b.key, a.key)
	})
	for rank, tc := range ranked {
		i, _ := slices.BinarySearchFunc(counts, tc.key, func(c trigramCount, key uint64) int { return cmp.Compare(c.key, key) })
		counts[i].rank = int32(rank)
	}
	for _, tc := range slices.Backward(counts) {
		f(tc.key, int(tc.rank))
	}
	return len(counts)
}

// maxSetLangs bounds the languages of a script (Latin has 49).
const maxSetLangs = 64

// posting is one trigram of a language's profile: the language's index in
// its profileSet and the trigram's rank in the profile.
type posting struct {
	lang uint16
	rank uint16
}

// span locates a trigram's postings.
type span struct{ start, end uint32 }

// profileSet holds the profiles of the languages of a script, packed: the
// trigrams any of them has, sorted, and each one's postings.
type profileSet struct {
	langs    []Lang   // in Lang order
	base     []int    // each language's distance from a text with none of its trigrams
	keys     []uint64 // ascending
	spans    []span   // spans[i] locates the postings of keys[i]
	postings []posting
}

// newProfileSet packs profiles. A profile entry that is not three runes
// (there is none) would never match a text trigram: it only counts in base.
func newProfileSet(profiles map[Lang][]string) profileSet {
	var s profileSet
	for lang := range profiles {
		s.langs = append(s.langs, lang)
	}
	slices.Sort(s.langs)
	if len(s.langs) > maxSetLangs {
		panic("whatlang: too many languages in a script")
	}
	byKey := map[uint64][]posting{}
	var keys []uint64
	for k, lang := range s.langs {
		s.base = append(s.base, len(profiles[lang])*maxTrigramDistance)
		for rank, tg := range profiles[lang] {
			r := []rune(tg)
			if len(r) != 3 {
				continue
			}
			key := pack(r[0], r[1], r[2])
			if _, ok := byKey[key]; !ok {
				keys = append(keys, key)
			}
			byKey[key] = append(byKey[key], posting{uint16(k), uint16(rank)})
		}
	}
	slices.Sort(keys)
	s.keys = keys
	for _, key := range keys {
		start := uint32(len(s.postings))
		s.postings = append(s.postings, byKey[key]...)
		s.spans = append(s.spans, span{start, uint32(len(s.postings))})
	}
	return s
}

// distances sets dist[k] to whatlanggo's calculateDistance between the
// profile of s.langs[k] and text: the sum, over the profile's trigrams, of
// the difference between its rank in the profile and in the text, or
// maxTrigramDistance when the text lacks it. It returns the number of
// distinct trigrams of the text.
//
// The text's trigrams come by decreasing key: each is looked for among the
// profile keys below the last found.
func (s *profileSet) distances(text string, dist *[maxSetLangs]int) int {
	copy(dist[:], s.base)
	hi := len(s.keys)
	return rankedTrigrams(text, func(key uint64, rank int) {
		i, ok := slices.BinarySearch(s.keys[:hi], key)
		hi = i
		if !ok {
			return
		}
		sp := s.spans[i]
		for _, p := range s.postings[sp.start:sp.end] {
			d := rank - int(p.rank)
			if d < 0 {
				d = -d
			}
			dist[p.lang] += d - maxTrigramDistance
		}
	})
}

// profileTable is every script's profileSet.
type profileTable struct {
	latin, cyrillic, arabic, devanagari, ethiopic, hebrew profileSet
}

// profiles returns the packed profiles, built on first use and never
// changed.
var profiles = sync.OnceValue(func() *profileTable {
	return &profileTable{
		latin:      newProfileSet(latinProfiles()),
		cyrillic:   newProfileSet(cyrillicProfiles()),
		arabic:     newProfileSet(arabicProfiles()),
		devanagari: newProfileSet(devanagariProfiles()),
		ethiopic:   newProfileSet(ethiopicProfiles()),
		hebrew:     newProfileSet(hebrewProfiles()),
	}
})
