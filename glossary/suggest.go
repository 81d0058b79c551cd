package glossary

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Text is one document given to Suggest, in language Lang (Und: the
// default language given to Suggest).
type Text struct {
	Name string
	Text string
	Lang language.Tag
}

// Variant is one spelling Suggest saw, in one language.
type Variant struct {
	Spelling string
	Lang     language.Tag
	Count    int
	First    string // "file:line" of its first occurrence
	// Forms are the other inflected forms counted with it, in languages that
	// inflect names (ru Киева, Киеве with Киев).
	Forms []string
	// Covered is the ID of the glossary concept that has this spelling as a
	// term, or "".
	Covered string
}

// Suggestion is one name spelt in several ways, possibly across languages.
type Suggestion struct {
	ID       string
	Lang     language.Tag // the language of the most frequent variant
	Variants []Variant    // the most frequent first
	// Covered lists the glossary concepts ("id (file:line)") that already
	// have one of the spellings: the group needs no new concept, but the
	// variants whose Covered is "" may be missing from it.
	Covered []string
}

// Count returns the occurrences of all the variants.
func (s Suggestion) Count() int {
	n := 0
	for _, v := range s.Variants {
		n += v.Count
	}
	return n
}

// Suggest finds names spelt in several ways across the texts: capitalised
// words (proper nouns; words that also occur in lower case, or only at the
// start of sentences, are left out) grouped when their romanisation keys
// agree or nearly agree. The key reads a spelling the way transliteration
// tables differ: Cyrillic romanised, diacritics dropped, y/j as i, ie/ye/yi
// as i, kh and ch as h, g as h, zh as z, w as v, soft signs and apostrophes
// dropped, doubled letters single, and a final -e/-ye/-ia/-iia as one
// ending. Keys then match when they differ by little: one vowel in short
// names (Lvov / Lviv), a vowel and a final vowel in names of six or seven
// letters (Dnieper / Dnipro), and also one consonant in names of eight or
// more (Nikolaev / Mykolaiv). Groups may span languages (Kiev, Kiew, Kijów,
// Київ). In languages that inflect names, spellings with the same stem are
// one variant with several forms; in one language, a word and the same
// word with a final vowel (Israel, Israeli) are not grouped.
//
// Groups where one language that does not inflect names has two spellings
// are returned, most frequent first; those with a spelling the glossary
// already has carry Covered, and are returned too when they have a spelling
// the glossary lacks.
func Suggest(g *Glossary, lang language.Tag, texts []Text) []Suggestion {
	type vkey struct {
		lang, id string
	}
	type info struct {
		v        Variant
		forms    map[string]int
		key      string
		inflects bool
		rlen     int // letters of the romanised stem
		midCount int // occurrences not at the start of a sentence
		afterDet int // occurrences after an article (German nouns)
	}
	vars := map[vkey]*info{}
	var order []vkey
	lower := map[string]bool{}
	for _, t := range texts {
		tl := t.Lang
		if tl == language.Und {
			tl = lang
		}
		base, _ := tl.Base()
		inflects := inflectingLanguages[base.String()]
		covered := map[int]string{}
		for _, mt := range g.Matcher(tl).Find(t.Text) {
			covered[mt.Start] = mt.Concept.ID
		}
		line := 1
		for i := 0; i < len(t.Text); {
			r, n := utf8.DecodeRuneInString(t.Text[i:])
			if r == '\n' {
				line++
			}
			if !unicode.IsLetter(r) {
				i += n
				continue
			}
			j := i
			for j < len(t.Text) {
				r2, n2 := utf8.DecodeRuneInString(t.Text[j:])
				if !isWordRune(r2) {
					break
				}
				j += n2
			}
			w := t.Text[i:j]
			switch {
			case utf8.RuneCountInString(w) < 4 || !boundaryBefore(t.Text, i) || !boundaryAfter(t.Text, j):
			case unicode.IsUpper(r) && !isAllUpper(w):
				stem := w
				if inflects {
					stem = stripEnding(w)
				}
				key := variantKey(stem)
				id := w
				if inflects {
					id = key
				}
				k := vkey{base.String(), id}
				in := vars[k]
				if in == nil {
					in = &info{v: Variant{Lang: tl, First: fmt.Sprintf("%s:%d", t.Name, line)}, forms: map[string]int{}, key: key, inflects: inflects, rlen: utf8.RuneCountInString(romanize(stem))}
					vars[k] = in
					order = append(order, k)
				}
				in.v.Count++
				in.forms[w]++
				if c := covered[i]; c != "" && in.v.Covered == "" {
					in.v.Covered = c
				}
				if !sentenceStart(t.Text, i) {
					in.midCount++
				}
				if base.String() == "de" && afterDeterminer(t.Text, i) {
					in.afterDet++
				}
			case unicode.IsLower(r):
				lower[strings.ToLower(w)] = true
			}
			i = j
		}
	}
	// The candidates.
	var cands []*info
	for _, k := range order {
		in := vars[k]
		var forms []string
		for f := range in.forms {
			if lower[strings.ToLower(f)] {
				in.v.Count -= in.forms[f]
				continue
			}
			forms = append(forms, f)
		}
		// German capitalises every noun: a word that mostly follows an
		// article is a noun, not a name.
		if len(forms) == 0 || in.midCount == 0 || 2*in.afterDet > in.v.Count || in.key == "" || consonants(in.key) == "" {
			continue
		}
		sort.Slice(forms, func(i, j int) bool {
			a, b := in.forms[forms[i]], in.forms[forms[j]]
			if a != b {
				return a > b
			}
			if len(forms[i]) != len(forms[j]) {
				return len(forms[i]) < len(forms[j])
			}
			return forms[i] < forms[j]
		})
		in.v.Spelling = forms[0]
		if len(forms) > 1 {
			in.v.Forms = forms[1:]
		}
		cands = append(cands, in)
	}
	// Cluster, most frequent first: each name joins the first cluster whose
	// centre (its most frequent name) matches it, so that no chain of near
	// spellings links names that are far apart. Candidates are looked up by
	// their consonant skeleton and its one-deletion neighbours, so the pairs
	// compared stay few.
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].v.Count > cands[j].v.Count })
	const maxBucket = 256         // a skeleton this common says nothing
	buckets := map[string][]int{} // neighbour → cluster centres
	cluster := make([]int, len(cands))
	var roots []int
	groups := map[int][]int{}
	for i, c := range cands {
		nb := deletionNeighbours(consonants(c.key))
		cluster[i] = -1
	search:
		for _, b := range nb {
			ids := buckets[b]
			if len(ids) > maxBucket {
				continue
			}
			for _, centre := range ids {
				o := cands[centre]
				n := min(o.rlen, c.rlen)
				if o.v.Lang == c.v.Lang && vowelSuffixed(o.key, c.key) {
					// Israel, Israeli; Auftrag, Aufträge: a derived or
					// inflected word of the language, not another spelling.
					continue
				}
				if keysMatch(o.key, c.key, n) || (o.inflects || c.inflects) && o.v.Lang != c.v.Lang && coresMatch(o.key, c.key, n) {
					cluster[i] = centre
					break search
				}
			}
		}
		if cluster[i] < 0 {
			cluster[i] = i
			roots = append(roots, i)
			for _, b := range nb {
				buckets[b] = append(buckets[b], i)
			}
		}
		groups[cluster[i]] = append(groups[cluster[i]], i)
	}
	origins := map[string]string{}
	ids := map[string]int{}
	for _, c := range g.Concepts {
		ids[c.ID] = 0
		origins[c.ID] = c.Origin
	}
	var out []Suggestion
	for _, r := range roots {
		ms := groups[r]
		// Report a group when one language spells the name two ways: names
		// that differ only between languages (France, Francia) are
		// translations, not inconsistencies; two stems in a language that
		// inflects may be two cases (Γερμανίας, Γερμανοί).
		perLang := map[string]int{}
		twice := false
		for _, i := range ms {
			if cands[i].inflects {
				continue
			}
			l := cands[i].v.Lang.String()
			if perLang[l]++; perLang[l] == 2 {
				twice = true
			}
		}
		covered, missing := false, false
		for _, i := range ms {
			if cands[i].v.Covered != "" {
				covered = true
			} else {
				missing = true
			}
		}
		// A group the glossary covers is shown too when it has spellings
		// the glossary lacks (Járkov in Spanish for Kharkiv).
		if !twice && !(covered && missing) {
			continue
		}
		var s Suggestion
		seen := map[string]bool{}
		for _, i := range ms {
			v := cands[i].v
			s.Variants = append(s.Variants, v)
			if v.Covered != "" && !seen[v.Covered] {
				seen[v.Covered] = true
				c := v.Covered
				if o := origins[c]; o != "" {
					c += " (" + o + ")"
				}
				s.Covered = append(s.Covered, c)
			}
		}
		sort.SliceStable(s.Variants, func(i, j int) bool { return s.Variants[i].Count > s.Variants[j].Count })
		s.Lang = s.Variants[0].Lang
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count() > out[j].Count() })
	for i := range out {
		if len(out[i].Covered) > 0 {
			out[i].ID = strings.SplitN(out[i].Covered[0], " ", 2)[0]
			continue
		}
		name := out[i].Variants[0].Spelling
		for _, v := range out[i].Variants {
			if isLatin(v.Spelling) {
				name = v.Spelling
				break
			}
		}
		id := slugID(romanize(name), ids)
		ids[id] = 0
		out[i].ID = id
	}
	return out
}

func isAllUpper(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

func isLatin(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

// sentenceStart reports whether the word at i begins a sentence: nothing
// but white space, quotes, brackets and markup marks since the start of the
// text or of a paragraph (a blank line), or since a full stop, question or
// exclamation mark.
func sentenceStart(text string, i int) bool {
	newlines := 0
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case r == '\n':
			if newlines++; newlines == 2 {
				return true
			}
			i -= n
		case unicode.IsSpace(r) || strings.ContainsRune("\"'«»“”„‘’([¿¡*#-–—", r):
			i -= n
		default:
			return strings.ContainsRune(".!?…", r)
		}
	}
	return true
}

// germanDeterminers are the words that put a German noun before a name.
var germanDeterminers = map[string]bool{
	"der": true, "die": true, "das": true, "den": true, "dem": true, "des": true,
	"ein": true, "eine": true, "einen": true, "einem": true, "einer": true, "eines": true,
	"kein": true, "keine": true, "keinen": true, "keinem": true, "keiner": true,
	"im": true, "am": true, "zum": true, "zur": true, "vom": true, "beim": true,
	"dieser": true, "diese": true, "dieses": true, "diesen": true, "diesem": true,
	"jeder": true, "jede": true, "jedes": true, "jeden": true, "jedem": true,
	"sein": true, "seine": true, "seinen": true, "seinem": true, "seiner": true, "ihre": true, "ihren": true, "ihrem": true, "ihrer": true,
	"unsere": true, "unser": true, "mein": true, "meine": true, "alle": true, "viele": true,
}

// afterDeterminer reports whether the word at i follows an article or
// another determiner (German "der", "einen", "im").
func afterDeterminer(text string, i int) bool {
	j := strings.LastIndexFunc(text[:i], func(r rune) bool { return !unicode.IsSpace(r) })
	if j < 0 {
		return false
	}
	end := j + 1
	k := strings.LastIndexFunc(text[:end], func(r rune) bool { return !unicode.IsLetter(r) })
	return germanDeterminers[strings.ToLower(text[k+1:end])]
}

// inflectingLanguages inflect proper nouns by case (Киев, Киева, Киеве):
// their spellings with one stem are forms of one variant.
var inflectingLanguages = map[string]bool{
	"ru": true, "uk": true, "be": true, "pl": true, "cs": true, "sk": true, "sl": true,
	"hr": true, "sr": true, "bs": true, "lt": true, "lv": true, "fi": true, "et": true, "hu": true, "el": true,
}

// caseEndings are the case endings stripEnding removes, longest first.
var caseEndings = []string{
	"ами", "ями", "ого", "ий", "ый", "ій", "ая", "ое", "ые", "ых", "ої", "его", "ому", "ему", "ою", "ею", "ой", "ей", "ом", "ем", "ах", "ях", "ам", "ям", "ов", "ев", "ів",
	"а", "я", "у", "ю", "е", "и", "ы", "і", "ї",
	"owie", "ami", "ach", "iem", "om", "em", "ie", "iu", "ów", "ą", "ę", "a", "u", "e", "y", "i", "o",
	"ους", "ου", "ος", "ης", "ων", "ες", "οι", "ας", "ός", "ού", "ής", "ών", "ές", "ά", "ή", "ό", "ί", "ο", "α", "η", "ε",
}

// vowelSuffixed reports whether one key is the other with one or two
// vowels added at its end (a final -e reads as -ia in keys).
func vowelSuffixed(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if d := len(b) - len(a); d < 1 || d > 2 || !strings.HasPrefix(b, a) {
		return false
	}
	return strings.TrimLeftFunc(b[len(a):], isKeyVowel) == ""
}

// coresMatch compares keys without their final vowels, the stems case
// endings leave (Zaporozh'ia, Zaporozh'e), when five letters or more stay.
func coresMatch(a, b string, n int) bool {
	a, b = strings.TrimRightFunc(a, isKeyVowel), strings.TrimRightFunc(b, isKeyVowel)
	return min(len(a), len(b)) >= 5 && keysMatch(a, b, n)
}

// stripEnding removes one case ending from w when four letters or more stay.
func stripEnding(w string) string {
	lw := strings.ToLower(w)
	for _, e := range caseEndings {
		if strings.HasSuffix(lw, e) && utf8.RuneCountInString(lw)-utf8.RuneCountInString(e) >= 4 {
			return w[:len(w)-len(e)]
		}
	}
	return w
}

// translit romanises Cyrillic and Greek letters and the Latin letters that
// do not decompose into a base letter and a mark.
var translit = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'ё': "e", 'є': "ie", 'ж': "zh",
	'з': "z", 'и': "i", 'і': "i", 'ї': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh",
	'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia", 'ў': "u", 'ђ': "dj", 'ј': "j",
	'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѓ': "g", 'ќ': "k", 'ѕ': "dz",
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th", 'ι': "i", 'κ': "k",
	'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t",
	'υ': "i", 'φ': "f", 'χ': "kh", 'ψ': "ps", 'ω': "o",
	'ł': "l", 'ø': "o", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
	'\'': "", '’': "", 'ʼ': "", '`': "", 'ʹ': "",
}

// romanize writes w in lower-case Latin letters without diacritics.
func romanize(w string) string {
	var b strings.Builder
	// Decomposed, so that the marks drop (ó → o, ž → z, ά → α, й → и).
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if s, ok := translit[r]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// keyRewrites read the spellings that romanisation tables write
// differently as one, in this order.
var keyRewrites = strings.NewReplacer(
	"shch", "sh", "tsch", "h", "sch", "sh", "tch", "h", "cz", "h", "sz", "sh",
	"kh", "h", "ch", "h", "zh", "z", "dzh", "z", "ph", "f", "ck", "k", "tz", "c", "ts", "c",
	"g", "h", "w", "v", "y", "i", "j", "i",
)

var iotated = regexp.MustCompile(`([a-z])i[eo]([^aeiou])`)

// variantKey is the romanisation key of a spelling (see Suggest).
func variantKey(w string) string {
	s := keyRewrites.Replace(romanize(w))
	// A final -e, -ie, -ia, -iia (Zaporozhye, Zaporizhzhia, Zaporozhe) is one
	// ending, after a stem of five letters or more.
	for _, e := range []string{"iia", "ia", "ie", "e"} {
		if strings.HasSuffix(s, e) && len(s)-len(e) >= 5 {
			s = s[:len(s)-len(e)] + "ia"
			break
		}
	}
	// Iotated vowels inside a word, before a consonant: Kiev, Kyiv (kiiv),
	// Kijów (kiiov), Dnieper; not at the start (Johnson) nor at the end,
	// where they are endings (Flavio, Marie).
	s = iotated.ReplaceAllString(s, "${1}i$2")
	var b strings.Builder
	var last rune
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		if r == last {
			continue // Odessa, Zaporizhzhia
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

func isKeyVowel(r rune) bool { return strings.ContainsRune("aeiou", r) }

func consonants(key string) string {
	var b strings.Builder
	for _, r := range key {
		if !isKeyVowel(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// deletionNeighbours returns s and, when it has three letters or more, s
// with each one letter left out.
func deletionNeighbours(s string) []string {
	out := []string{s}
	rs := []rune(s)
	if len(rs) < 3 {
		return out
	}
	for i := range rs {
		out = append(out, "\x00"+string(rs[:i])+string(rs[i+1:]))
	}
	return out
}

// keyDistance is an edit distance between keys where vowels weigh little:
// o or e for i (the Ukrainian vowel of Lviv, Kharkiv, Mykolaiv for the
// Russian one of Lvov, Kharkov, Nikolaev) costs 0.5, a vowel put in or
// left out 0.75; another first letter, another final vowel or another vowel
// of other kinds 1, any other consonant change 1 or 2 (a substitution), all
// counted as hard edits.
func keyDistance(a, b string) (cost float64, consonantEdits int) {
	ra, rb := []rune(a), []rune(b)
	type cell struct {
		cost float64
		cons int
	}
	prev := make([]cell, len(rb)+1)
	cur := make([]cell, len(rb)+1)
	better := func(x, y cell) cell {
		if x.cost < y.cost || x.cost == y.cost && x.cons < y.cons {
			return x
		}
		return y
	}
	indel := func(r rune) cell {
		if isKeyVowel(r) {
			return cell{0.75, 0}
		}
		return cell{1, 1}
	}
	for j := 1; j <= len(rb); j++ {
		c := indel(rb[j-1])
		prev[j] = cell{prev[j-1].cost + c.cost, prev[j-1].cons + c.cons}
	}
	for i := 1; i <= len(ra); i++ {
		c := indel(ra[i-1])
		cur[0] = cell{prev[0].cost + c.cost, prev[0].cons + c.cons}
		for j := 1; j <= len(rb); j++ {
			x, y := ra[i-1], rb[j-1]
			var sub cell
			switch {
			case x == y:
				sub = prev[j-1]
			case isKeyVowel(x) && isKeyVowel(y) && (i == len(ra) || j == len(rb)):
				// Another final vowel: another gender or case (Renato,
				// Renata), not another spelling.
				sub = cell{prev[j-1].cost + 1, prev[j-1].cons + 1}
			case x == 'i' && (y == 'o' || y == 'e') || y == 'i' && (x == 'o' || x == 'e'):
				sub = cell{prev[j-1].cost + 0.5, prev[j-1].cons}
			case isKeyVowel(x) && isKeyVowel(y):
				// Another vowel (Marian, Marion) changes the name.
				sub = cell{prev[j-1].cost + 1, prev[j-1].cons + 1}
			case i == 1 && j == 1:
				// A first consonant for another (Nikolaev, Mykolaiv).
				sub = cell{prev[j-1].cost + 1, prev[j-1].cons + 1}
			default:
				sub = cell{prev[j-1].cost + 2, prev[j-1].cons + 2}
			}
			d, in := indel(x), indel(y)
			del := cell{prev[j].cost + d.cost, prev[j].cons + d.cons}
			ins := cell{cur[j-1].cost + in.cost, cur[j-1].cons + in.cons}
			cur[j] = better(sub, better(del, ins))
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)].cost, prev[len(rb)].cons
}

// keysMatch reports whether two keys are spellings of one name: equal, or
// near by keyDistance, the more so the longer the names (n letters) are.
func keysMatch(a, b string, n int) bool {
	if a == b {
		return true
	}
	if la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b); la-lb > 2 || lb-la > 2 {
		return false // three letters put in or left out cost more than 1.5
	}
	d, cons := keyDistance(a, b)
	switch {
	case n <= 5:
		return d <= 0.5 && cons == 0
	case n <= 7:
		return d <= 1.5 && cons == 0
	default:
		return d <= 1.5 && cons <= 1
	}
}

// WriteSuggestions prints suggestions as native YAML an editor can accept
// into a glossary: in each language, the most frequent spelling preferred
// and the others deprecated, with where each was first seen. Groups the
// glossary already covers are listed first, as comments, with the spellings
// it lacks.
func WriteSuggestions(w io.Writer, ss []Suggestion) error {
	g := &Glossary{}
	var covered []Suggestion
	for _, s := range ss {
		if len(s.Covered) > 0 {
			covered = append(covered, s)
			continue
		}
		terms := map[string]TermSet{}
		var seen, inflected []string
		for _, v := range s.Variants {
			base, _ := v.Lang.Base()
			l := base.String()
			seen = append(seen, describeVariant(v))
			if inflectingLanguages[l] {
				// Which form is the nominative is not known: the editor
				// adds the term.
				inflected = append(inflected, v.Spelling+" ("+l+")")
				continue
			}
			ts, ok := terms[l]
			if !ok {
				ts.Preferred = v.Spelling
			} else {
				ts.Deprecated = append(ts.Deprecated, v.Spelling)
			}
			terms[l] = ts
		}
		note := "Suggested from the corpus: " + strings.Join(seen, ", ") + ". The most frequent spelling is preferred: check it."
		if len(inflected) > 0 {
			note += " Also seen in inflected forms: " + strings.Join(inflected, ", ") + "; add those languages' terms by hand."
		}
		g.Concepts = append(g.Concepts, &Concept{ID: s.ID, Note: note, Terms: terms})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# locpipe glossary suggest: %d candidate concept(s), %d name(s) already covered. Review each, then add it to your glossary.\n", len(g.Concepts), len(covered))
	if len(covered) > 0 {
		b.WriteString("# Already covered:\n")
		for _, s := range covered {
			var in, missing []string
			for _, v := range s.Variants {
				if v.Covered != "" {
					in = append(in, describeVariant(v))
				} else {
					missing = append(missing, describeVariant(v))
				}
			}
			fmt.Fprintf(&b, "#   %s: %s", strings.Join(s.Covered, ", "), strings.Join(in, ", "))
			if len(missing) > 0 {
				fmt.Fprintf(&b, "; not in the glossary: %s", strings.Join(missing, ", "))
			}
			b.WriteString("\n")
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	return WriteYAML(w, g)
}

func describeVariant(v Variant) string {
	s := fmt.Sprintf("%s ×%d %s (%s)", v.Spelling, v.Count, v.Lang, v.First)
	if len(v.Forms) > 0 {
		s += " with " + strings.Join(v.Forms, ", ")
	}
	return s
}
