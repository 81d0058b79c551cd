package whatlang

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
)

// The equivalence tests compare the port with whatlanggo itself, which the
// module keeps as a test-only dependency for them.

// optionCases are the options every text is detected with: none, two-
// language whitelists as langid.Detector gives, and a blacklist.
var optionCases = []struct {
	name  string
	white []Lang
	black []Lang
}{
	{name: "none"},
	{name: "white-eng-spa", white: []Lang{Eng, Spa}},
	{name: "white-rus-ukr", white: []Lang{Rus, Ukr}},
	{name: "white-fra-deu", white: []Lang{Fra, Deu}},
	{name: "white-arb-pes", white: []Lang{Arb, Pes}},
	{name: "white-hin-mar", white: []Lang{Hin, Mar}},
	{name: "black-spa-por", black: []Lang{Spa, Por}},
}

func options(white, black []Lang) (Options, whatlanggo.Options) {
	var o Options
	var w whatlanggo.Options
	if white != nil {
		o.Whitelist, w.Whitelist = map[Lang]bool{}, map[whatlanggo.Lang]bool{}
		for _, l := range white {
			o.Whitelist[l], w.Whitelist[whatlanggo.Lang(l)] = true, true
		}
	}
	if black != nil {
		o.Blacklist, w.Blacklist = map[Lang]bool{}, map[whatlanggo.Lang]bool{}
		for _, l := range black {
			o.Blacklist[l], w.Blacklist[whatlanggo.Lang(l)] = true, true
		}
	}
	return o, w
}

// whatlanggoScripts are the scripts whatlanggo returns, but its
// _HiraganaKatakana, which is unexported (sameScript compares it by
// content).
var whatlanggoScripts = []*unicode.RangeTable{
	unicode.Latin, unicode.Cyrillic, unicode.Arabic, unicode.Devanagari,
	unicode.Ethiopic, unicode.Hebrew, unicode.Bengali, unicode.Georgian,
	unicode.Han, unicode.Hangul, unicode.Greek, unicode.Kannada,
	unicode.Tamil, unicode.Thai, unicode.Gujarati, unicode.Gurmukhi,
	unicode.Telugu, unicode.Malayalam, unicode.Oriya, unicode.Myanmar,
	unicode.Sinhala, unicode.Khmer,
}

// sameScript reports whether the port's script p is whatlanggo's w.
func sameScript(p, w *unicode.RangeTable) bool {
	if p == nil || w == nil {
		return p == w
	}
	for _, s := range whatlanggoScripts {
		if p == s || w == s {
			return p == w
		}
	}
	return p == hiraganaKatakana() && reflect.DeepEqual(*p, *w)
}

// tiedRuns bounds how often mismatch asks whatlanggo again when it and the
// port name different languages equally near the text. whatlanggo returns
// the first of them its range over a map of the script's languages meets;
// Go starts each such range at a random slot of the map's table (64 or 128
// slots for Latin's 49 languages), so each of them comes first in at least
// one run in 128 on average, and 4000 runs miss one with a chance under
// 1e-13. Ties are rare (3 of the 19922 detections of the UD test).
const tiedRuns = 4000

// mismatch returns why the port's detection of text differs from
// whatlanggo's, or "". When the languages differ with confidence 0, the two
// must be equally near (whatlanggo restricted to them is no surer), and
// whatlanggo is asked again until it names the port's.
func mismatch(text string, white, black []Lang) string {
	o, w := options(white, black)
	got := DetectWithOptions(text, o)
	want := whatlanggo.DetectWithOptions(text, w)
	switch {
	case !sameScript(got.Script, want.Script):
		return "script"
	case got.Confidence != want.Confidence:
		return "confidence"
	case int(got.Lang) == int(want.Lang):
		return ""
	case got.Confidence != 0 || got.Lang < 0 || want.Lang < 0:
		return "lang"
	}
	_, pair := options([]Lang{got.Lang, Lang(want.Lang)}, nil)
	if whatlanggo.DetectWithOptions(text, pair).Confidence != 0 {
		return "lang (not equally near)"
	}
	for range tiedRuns {
		if int(whatlanggo.DetectWithOptions(text, w).Lang) == int(got.Lang) {
			return ""
		}
	}
	return "lang (equally near, but whatlanggo never gave the port's)"
}

// checkSame fails t with the text and both results when the port and
// whatlanggo differ on it under any of optionCases.
func checkSame(t *testing.T, name, text string) {
	t.Helper()
	for _, oc := range optionCases {
		if why := mismatch(text, oc.white, oc.black); why != "" {
			o, w := options(oc.white, oc.black)
			t.Errorf("%s, options %s: %s differs: port %+v, whatlanggo %+v, text %q",
				name, oc.name, why, DetectWithOptions(text, o), whatlanggo.DetectWithOptions(text, w), text)
		}
	}
}

// prefixes returns text's first 512 bytes and first KB, cut where they
// fall (possibly inside a rune: whatlanggo reads the broken rune as
// U+FFFD, so must the port) and at the rune boundary before, when text is
// longer.
func prefixes(text string) map[string]string {
	out := map[string]string{}
	for _, n := range []int{512, 1024} {
		if len(text) <= n {
			continue
		}
		cut := n
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		out["first-"+strconv.Itoa(n)] = text[:n]
		out["first-"+strconv.Itoa(n)+"-runes"] = text[:cut]
	}
	return out
}

// TestSameAsWhatlanggoUD compares the port with whatlanggo on every
// paragraph of the UD fixture, and on each document's paragraphs joined,
// whole and cut to 512 bytes and 1 KB.
func TestSameAsWhatlanggoUD(t *testing.T) {
	paras := shared.UD(t)
	require.NotEmpty(t, paras)
	docs := map[string][]string{}
	var order []string
	for i, p := range paras {
		checkSame(t, p.Lang+" paragraph "+strconv.Itoa(i), p.Text)
		key := p.Lang + " " + p.Doc
		if _, ok := docs[key]; !ok {
			order = append(order, key)
		}
		docs[key] = append(docs[key], p.Text)
	}
	for _, key := range order {
		text := strings.Join(docs[key], "\n")
		checkSame(t, key, text)
		for name, pre := range prefixes(text) {
			checkSame(t, key+" "+name, pre)
		}
	}
}

// TestSameAsWhatlanggoCorpus compares the port with whatlanggo on the
// corpus articles, whole and cut to 512 bytes and 1 KB.
func TestSameAsWhatlanggoCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(shared.Path(t, "corpus"), "*", "*"))
	require.NoError(t, err)
	if len(files) == 0 {
		shared.Skip(t, "the corpus is empty")
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		name := filepath.Base(path)
		checkSame(t, name, string(data))
		for pname, pre := range prefixes(string(data)) {
			checkSame(t, name+" "+pname, pre)
		}
	}
}

// TestSameAsWhatlanggoEdges compares them on texts that reach each branch:
// no script, scripts without profiles, kana with Han, ties, one allowed
// language, none allowed.
func TestSameAsWhatlanggoEdges(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{"empty", ""},
		{"stop characters only", "123 ,.;!? +-=$€ \n\t"},
		{"one letter", "a"},
		{"two letters", "ab"},
		{"capitals", "THE QUICK BROWN FOX"},
		{"common script only", "\x01\x02\x03"},
		{"invalid utf-8", "\xff\xfe la casa \xc3"},
		{"han", "中华人民共和国是工人阶级领导的"},
		{"japanese", "日本語のテキストです。漢字とひらがな"},
		{"kana only", "ひらがなカタカナ"},
		{"hangul", "대한민국은 민주공화국이다"},
		{"greek", "Η Ελλάδα είναι χώρα"},
		{"georgian", "საქართველო"},
		{"thai", "ประเทศไทย"},
		{"bengali", "বাংলাদেশ"},
		{"hebrew", "כל בני האדם נולדו בני חורין"},
		{"yiddish", "אַלע מענטשן ווערן געבוירן פֿרײַ"},
		{"ethiopic", "ሰው፡ሁሉ፡ሲወለድ፡ነጻና፡በክብርና፡በመብትም፡እኩልነት፡ያለው፡ነው።"},
		{"devanagari", "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता"},
		{"arabic", "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق"},
		{"cyrillic", "Все люди рождаются свободными и равными"},
		{"mixed latin cyrillic", "hello мир hello мир"},
		{"half and half", "abcабв"},
		{"repeated trigram", strings.Repeat("ab ", 400)},
		{"long repeated", strings.Repeat("aaaa", 2000)},
		{"dotted i", "İstanbul'da ISIĞI"},
		{"title case", "ǅemal ǈubav"},
		{"kelvin", "\u212a\u212a\u212a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkSame(t, tt.name, tt.text)
		})
	}
}

// TestLangData compares the port's language codes and names with
// whatlanggo's.
func TestLangData(t *testing.T) {
	for l := Lang(-2); l <= Zul+2; l++ {
		w := whatlanggo.Lang(l)
		assert.Equal(t, w.Iso6391(), l.Iso6391(), "Iso6391 of %d", l)
		assert.Equal(t, w.Iso6393(), l.Iso6393(), "Iso6393 of %d", l)
		assert.Equal(t, w.String(), l.String(), "String of %d", l)
		code := w.Iso6393()
		assert.Equal(t, int(whatlanggo.CodeToLang(code)), int(CodeToLang(code)), "CodeToLang(%q)", code)
	}
	for _, code := range []string{"", "xxx", "en", "ENG", "zho"} {
		assert.Equal(t, int(whatlanggo.CodeToLang(code)), int(CodeToLang(code)), "CodeToLang(%q)", code)
	}
}

// TestPackOrder checks that the packed keys sort as whatlanggo sorts the
// trigrams' strings.
func TestPackOrder(t *testing.T) {
	runes := []rune{' ', 'a', 'z', 'é', 'ÿ', 'Ā', 'я', 'ა', '\u0800', '\uffff', 0xfffd, 0x10000, 0x1f600, unicode.MaxRune}
	for _, a := range runes {
		for _, b := range runes {
			for _, c := range runes {
				for _, d := range runes {
					x, y := []rune{a, b, c}, []rune{b, c, d}
					want := strings.Compare(string(x), string(y))
					kx, ky := pack(x[0], x[1], x[2]), pack(y[0], y[1], y[2])
					got := 0
					if kx < ky {
						got = -1
					} else if kx > ky {
						got = 1
					}
					require.Equal(t, want, got, "%q vs %q", string(x), string(y))
				}
			}
		}
	}
}

// FuzzSameAsWhatlanggo compares the port with whatlanggo on arbitrary
// texts, with the options optionCases[mode%len(optionCases)].
func FuzzSameAsWhatlanggo(f *testing.F) {
	for _, s := range []string{
		"", "a", "The quick brown fox jumps over the lazy dog.",
		"El rápido zorro marrón salta sobre el perro perezoso.",
		"Все люди рождаются свободными", "日本語のテキスト", "中文文本",
		"\xff\xfe", "ab ab ab", "  a  b  ", "hello мир",
	} {
		for mode := range len(optionCases) {
			f.Add(s, uint8(mode))
		}
	}
	f.Fuzz(func(t *testing.T, text string, mode uint8) {
		oc := optionCases[int(mode)%len(optionCases)]
		if why := mismatch(text, oc.white, oc.black); why != "" {
			o, w := options(oc.white, oc.black)
			t.Fatalf("options %s: %s differs: port %+v, whatlanggo %+v, text %q",
				oc.name, why, DetectWithOptions(text, o), whatlanggo.DetectWithOptions(text, w), text)
		}
	})
}
