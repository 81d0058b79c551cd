package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/locales"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/manifest"
)

func newTestChecker() *Checker {
	return New(Options{Glossary: glossary.Builtin()})
}

// pair builds a Pair of two documents of format fname.
func pair(fname, from, to, src, ed string) Pair {
	return Pair{
		SourceName: "src." + fname, EditionName: to + "/src." + fname,
		Source: []byte(src), Edition: []byte(ed), Format: fname,
		From: language.MustParse(from), To: language.MustParse(to),
	}
}

// ruleCount counts the findings of rule.
func ruleCount(fs []Finding, rule string) int {
	n := 0
	for _, f := range fs {
		if f.Rule == rule {
			n++
		}
	}
	return n
}

func describe(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\n  %s %s:%d %s [%s]", f.Rule, f.File, f.Line, f.Message, f.Segment)
	}
	return b.String()
}

const srcEN = `Residents return to Kiev's northern suburbs

Families began returning on Sunday to towns north-west of Kiev, days after the forces pulled back from the region.

More than 5.2 million refugees have been recorded across Europe, the agency said. Poland alone has received over 1,200 crossings.`

type ruleCase struct {
	name  string
	fmt   string // txt when ""
	from  string // en when ""
	to    string
	src   string // srcEN when ""
	ed    string
	rule  string
	want  int // findings of rule expected
	line  int // line of the first finding of rule, when > 0
	setup func(p *Pair)
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	c := newTestChecker()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, from, src := tc.fmt, tc.from, tc.src
			if f == "" {
				f = "txt"
			}
			if from == "" {
				from = "en"
			}
			if src == "" {
				src = srcEN
			}
			p := pair(f, from, tc.to, src, tc.ed)
			if tc.setup != nil {
				tc.setup(&p)
			}
			got := c.CheckEdition(p)
			require.Equal(t, tc.want, ruleCount(got, tc.rule), "findings:%s", describe(got))
			if tc.line > 0 {
				for _, g := range got {
					if g.Rule == tc.rule {
						assert.Equal(t, tc.line, g.Line, "%s", describe(got))
						assert.Equal(t, tc.to, g.Locale)
						assert.NotEmpty(t, g.Message)
						break
					}
				}
			}
		})
	}
}

const (
	titleDE = "Einwohner kehren in die nördlichen Vororte von Kyjiw zurück"
	paraDE  = "Familien kehrten am Sonntag in die Städte nordwestlich von Kyjiw zurück, Tage nachdem die Truppen aus der Region abgezogen waren."
	numsDE  = "Mehr als 5,2 Millionen Flüchtlinge wurden in Europa registriert, teilte die Agentur mit. Allein Polen verzeichnete über 1.200 Grenzübertritte."

	titleFR = "Les habitants reviennent dans la banlieue nord de Kyiv"
	paraFR  = "Les familles ont commencé à revenir dimanche dans les villes au nord-ouest de Kyiv, quelques jours après le retrait des forces de la région."
	numsFR  = "Plus de 5,2 millions de réfugiés ont été enregistrés en Europe, a indiqué l'agence. La Pologne a enregistré à elle seule plus de 1\u202f200 passages."

	titleUK = "Мешканці повертаються до північних передмість Києва"
	paraUK  = "Родини почали повертатися в неділю до міст на північний захід від Києва, через кілька днів після того, як війська відійшли з регіону."
	numsUK  = "Понад 5,2 мільйона біженців зареєстровано по всій Європі, повідомило агентство. Лише Польща прийняла понад 1 200 перетинів кордону."
)

func doc(parts ...string) string { return strings.Join(parts, "\n\n") }

// pseudoDoc is the pseudo edition of a txt document made paragraph by
// paragraph (names kept, as the glossary would).
func pseudoDoc(s string) string {
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		out = append(out, pseudo.Pseudo(p))
	}
	return strings.Join(out, "\n\n")
}

func TestRuleUntranslated(t *testing.T) {
	const english = " Officials said the roads into the city were safe again."
	runRuleCases(t, []ruleCase{
		{name: "de clean", to: "de", ed: doc(titleDE, paraDE, numsDE), rule: RuleUntranslated, want: 0},
		{name: "fr clean", to: "fr", ed: doc(titleFR, paraFR, numsFR), rule: RuleUntranslated, want: 0},
		{name: "uk clean", to: "uk", ed: doc(titleUK, paraUK, numsUK), rule: RuleUntranslated, want: 0},
		{name: "pseudo clean", to: "uk", ed: pseudoDoc(strings.ReplaceAll(srcEN, "Kiev", "Київ")), rule: RuleUntranslated, want: 0},
		{name: "de english sentence appended", to: "de", ed: doc(titleDE, paraDE+english, numsDE), rule: RuleUntranslated, want: 1, line: 3},
		{name: "fr english sentence appended", to: "fr", ed: doc(titleFR, paraFR+english, numsFR), rule: RuleUntranslated, want: 1, line: 3},
		{name: "uk english sentence appended", to: "uk", ed: doc(titleUK, paraUK+english, numsUK), rule: RuleUntranslated, want: 1, line: 3},
		{name: "pseudo english sentence appended", to: "fr",
			ed: doc(pseudo.Pseudo("Residents return"), pseudo.Pseudo("Families began returning on Sunday.")+english, pseudo.Pseudo("More")), rule: RuleUntranslated, want: 1, line: 3},
		{name: "es paragraph identical to the source", to: "es",
			ed:   doc("Los residentes regresan a los suburbios del norte de Kiev", strings.Split(srcEN, "\n\n")[1], "Más de 5,2 millones de refugiados, dijo la agencia. Polonia ha recibido más de 1.200 cruces."),
			rule: RuleUntranslated, want: 1, line: 3},
		{name: "ru names, numbers and URLs alone", to: "ru", src: doc("Volodymyr Zelensky", "See https://example.org/report for 1,200 figures.", "Kyiv, Kharkiv, Odesa."),
			ed: doc("Volodymyr Zelensky", "https://example.org/report — 1 200.", "Kyiv, Kharkiv, Odesa."), rule: RuleUntranslated, want: 0},
		{name: "same-language edition is never untranslated", to: "en", ed: srcEN, rule: RuleUntranslated, want: 0},
		{name: "unknown language pair: identical only", from: "en", to: "mt", ed: doc("Ir-residenti jirritornaw", strings.Split(srcEN, "\n\n")[1], "Aktar minn 5.2 miljun refuġjat. 1,200."),
			rule: RuleUntranslated, want: 1, line: 3},
	})
}

func TestRuleGlossaryDeprecated(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "de Kiev put back", to: "de", ed: doc(titleDE, strings.Replace(paraDE, "Kyjiw", "Kiev", 1), numsDE), rule: RuleGlossaryDeprecated, want: 1, line: 3},
		{name: "uk Kiev put back", to: "uk", ed: doc(titleUK, strings.Replace(paraUK, "Києва", "Kiev", 1), numsUK), rule: RuleGlossaryDeprecated, want: 1, line: 3},
		{name: "fr deprecated Kharkov", to: "fr", src: doc("Shelling in Kharkiv", "Shelling continued in the Kharkiv region overnight."),
			ed: doc("Bombardements à Kharkiv", "Les bombardements se sont poursuivis dans la région de Kharkov."), rule: RuleGlossaryDeprecated, want: 1, line: 3},
		{name: "en house style Kiev", to: "en", ed: srcEN, rule: RuleGlossaryDeprecated, want: 2, line: 1},
		{name: "de German admitted Kiew", to: "de", ed: doc(titleDE, strings.Replace(paraDE, "Kyjiw", "Kiew", 1), numsDE), rule: RuleGlossaryDeprecated, want: 0},
		{name: "fr admitted Kiev", to: "fr", ed: doc(titleFR, strings.Replace(paraFR, "Kyiv", "Kiev", 1), numsFR), rule: RuleGlossaryDeprecated, want: 0},
		{name: "es preferred Kiev", to: "es", ed: doc("Los residentes regresan a Kiev", "Las familias regresaron el domingo al noroeste de Kiev.", "Más de 5,2 millones de refugiados. Polonia ha recibido más de 1.200 cruces."), rule: RuleGlossaryDeprecated, want: 0},
		{name: "uk inflected form", to: "uk", ed: doc(titleUK, paraUK, numsUK), rule: RuleGlossaryDeprecated, want: 0},
		{name: "exception Chicken Kiev", to: "de", src: doc("Menu", "Chicken Kiev is back on the menu."), ed: doc("Speisekarte", "Chicken Kiev steht wieder auf der Karte."), rule: RuleGlossaryDeprecated, want: 0},
	})
}

func TestRuleGlossaryMissing(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "fr admitted instead of preferred", to: "fr", ed: doc(titleFR, strings.Replace(paraFR, "Kyiv", "Kiev", 1), numsFR), rule: RuleGlossaryMissing, want: 1, line: 3},
		{name: "de name dropped", to: "de", ed: doc(titleDE, strings.Replace(paraDE, "von Kyjiw", "der Hauptstadt", 1), numsDE), rule: RuleGlossaryMissing, want: 1, line: 3},
		{name: "uk name dropped", to: "uk", ed: doc(titleUK, strings.Replace(paraUK, "від Києва", "від столиці", 1), numsUK), rule: RuleGlossaryMissing, want: 1, line: 3},
		{name: "de preferred present", to: "de", ed: doc(titleDE, paraDE, numsDE), rule: RuleGlossaryMissing, want: 0},
		{name: "uk form present", to: "uk", ed: doc(titleUK, paraUK, numsUK), rule: RuleGlossaryMissing, want: 0},
		{name: "es preferred present", to: "es", ed: doc("Los residentes regresan a Kiev", "Las familias regresaron el domingo al noroeste de Kiev.", "Más de 5,2 millones de refugiados. Polonia ha recibido más de 1.200 cruces."), rule: RuleGlossaryMissing, want: 0},
		{name: "deprecated is not reported twice", to: "de", ed: doc(titleDE, strings.Replace(paraDE, "Kyjiw", "Kiev", 1), numsDE), rule: RuleGlossaryMissing, want: 0},
	})
}

const srcMD = "# Return to **Kyiv**\n\nFamilies returned on **Sunday** to towns near [Irpin](https://example.org/irpin), officials said.\n"

func TestRulePlaceholder(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "de clean", fmt: "md", to: "de", src: srcMD,
			ed: "# Rückkehr nach **Kyjiw**\n\nFamilien kehrten am **Sonntag** in Städte bei [Irpin](https://example.org/de/irpin) zurück, sagten Beamte.\n", rule: RulePlaceholder, want: 0},
		{name: "fr clean, reordered", fmt: "md", to: "fr", src: srcMD,
			ed: "# Retour à **Kyiv**\n\nPrès d'[Irpin](https://example.org/irpin), les familles sont revenues **dimanche**, selon les autorités.\n", rule: RulePlaceholder, want: 0},
		{name: "uk clean html", fmt: "html", to: "uk", src: "<p>Families returned on <b>Sunday</b> to <a href=\"/irpin\">Irpin</a>.</p>",
			ed: "<p>Родини повернулися в <b>неділю</b> до <a href=\"/uk/irpin\">Ірпеня</a>.</p>", rule: RulePlaceholder, want: 0},
		{name: "de emphasis lost", fmt: "md", to: "de", src: srcMD,
			ed: "# Rückkehr nach **Kyjiw**\n\nFamilien kehrten am Sonntag in Städte bei [Irpin](https://example.org/irpin) zurück, sagten Beamte.\n", rule: RulePlaceholder, want: 1, line: 3},
		{name: "fr link doubled", fmt: "md", to: "fr", src: srcMD,
			ed: "# Retour à **Kyiv**\n\nLes familles sont revenues **dimanche** près d'[Irpin](https://example.org/irpin) et d'[Irpin](https://example.org/irpin).\n", rule: RulePlaceholder, want: 1, line: 3},
		{name: "uk html nesting crossed", fmt: "html", to: "uk", src: "<p>Families returned on <b><i>Sunday</i></b> to Irpin.</p>",
			ed: "<p>Родини повернулися в <b><i>неділю</b></i> до Ірпеня.</p>", rule: RulePlaceholder, want: 1, line: 1},
		{name: "es token leaked", to: "es", src: doc("Title", "Families returned to Irpin."), ed: doc("Título", "Las familias volvieron a ⟦t0⟧."), rule: RulePlaceholder, want: 1, line: 3},
		{name: "ru private-use rune leaked", to: "ru", src: doc("Title", "Families returned to Irpin."), ed: doc("Заголовок", "Семьи вернулись в \U000F0000."), rule: RulePlaceholder, want: 1, line: 3},
	})
}

func TestRuleNumbers(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "de locale format", to: "de", ed: doc(titleDE, paraDE, numsDE), rule: RuleNumbers, want: 0},
		{name: "fr narrow no-break space", to: "fr", ed: doc(titleFR, paraFR, numsFR), rule: RuleNumbers, want: 0},
		{name: "uk space grouping", to: "uk", ed: doc(titleUK, paraUK, strings.Replace(numsUK, "1 200", "1\u00a0200", 1)), rule: RuleNumbers, want: 0},
		{name: "de wrong figure", to: "de", ed: doc(titleDE, paraDE, strings.Replace(numsDE, "5,2", "52", 1)), rule: RuleNumbers, want: 1, line: 5},
		{name: "fr number dropped", to: "fr", ed: doc(titleFR, paraFR, strings.Replace(numsFR, "1\u202f200", "mille", 1)), rule: RuleNumbers, want: 1, line: 5},
		{name: "uk number changed", to: "uk", ed: doc(titleUK, paraUK, strings.Replace(numsUK, "1 200", "1 300", 1)), rule: RuleNumbers, want: 1, line: 5},
	})
}

func withManifest(unknown []string, status string) func(p *Pair) {
	return func(p *Pair) {
		p.Manifest = &manifest.Edition{Path: "src.txt", Locale: p.To.String(), Segments: []manifest.Segment{
			{ID: "u1.1", Unit: "u1", Line: 1, Status: manifest.StatusTranslated},
			{ID: "u2.1", Unit: "u2", Line: 3, Status: status, Unknown: unknown},
		}}
	}
}

func TestRuleUnknownWords(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "es unknown", to: "es", ed: doc("Los residentes", "Las familias regresaron a Irpin.", "Más de 5,2 millones. Polonia, 1.200."), rule: RuleUnknownWords, want: 1, line: 3,
			setup: withManifest([]string{"Irpin"}, manifest.StatusTranslated)},
		{name: "de unknown", to: "de", ed: doc(titleDE, paraDE, numsDE), rule: RuleUnknownWords, want: 1, line: 3, setup: withManifest([]string{"nordwestlich"}, manifest.StatusTranslated)},
		{name: "fr unknown", to: "fr", ed: doc(titleFR, paraFR, numsFR), rule: RuleUnknownWords, want: 1, line: 3, setup: withManifest([]string{"Irpin", "Bucha"}, manifest.StatusTranslated)},
		{name: "uk none", to: "uk", ed: doc(titleUK, paraUK, numsUK), rule: RuleUnknownWords, want: 0, setup: withManifest(nil, manifest.StatusTranslated)},
		{name: "de none", to: "de", ed: doc(titleDE, paraDE, numsDE), rule: RuleUnknownWords, want: 0, setup: withManifest(nil, manifest.StatusMemory)},
		{name: "fr no manifest", to: "fr", ed: doc(titleFR, paraFR, numsFR), rule: RuleUnknownWords, want: 0},
	})
}

func TestFailedSegmentsReportedOnce(t *testing.T) {
	c := newTestChecker()
	paras := strings.Split(srcEN, "\n\n")
	for _, loc := range []string{"de", "fr", "uk"} {
		// The engine failed on the second paragraph: its source text was kept.
		p := pair("txt", "en", loc, srcEN, doc(pseudo.Pseudo(paras[0]), paras[1], pseudo.Pseudo(paras[2])))
		p.Manifest = &manifest.Edition{Segments: []manifest.Segment{
			{ID: "u2.1", Unit: "u2", Line: 3, Status: manifest.StatusFailed, SourceHash: manifest.HashString(paras[1])},
		}}
		got := c.CheckEdition(p)
		require.Equal(t, 1, ruleCount(got, RuleUntranslated), "%s: %s", loc, describe(got))
		for _, f := range got {
			if f.Rule == RuleUntranslated {
				assert.Equal(t, 3, f.Line)
			}
		}
	}
}

func TestNotice(t *testing.T) {
	c := newTestChecker()
	for _, tc := range []struct {
		to    string
		notes int
	}{{"de", 0}, {"uk", 0}, {"fr", 0}, {"pt", 1}} {
		t.Run(tc.to, func(t *testing.T) {
			to := language.MustParse(tc.to)
			text, tag := locales.DefaultBundle().NoticeText(language.English, to)
			ed, err := format.PlaceNotice("txt", []byte(pseudoDoc(srcEN)), text, tag)
			require.NoError(t, err)
			got := c.CheckEdition(pair("txt", "en", tc.to, srcEN, string(ed)))
			notes := 0
			for _, f := range got {
				if f.Severity == Note {
					notes++
				}
			}
			assert.Equal(t, tc.notes, notes, describe(got))
			assert.Equal(t, tc.notes, len(got)-ruleCount(got, RuleGlossaryMissing), describe(got))
		})
	}
}

func TestRuleEmpty(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "de empty file", to: "de", ed: "  \n", rule: RuleEmpty, want: 1},
		{name: "fr paragraph dropped", to: "fr", ed: doc(titleFR, numsFR), rule: RuleEmpty, want: 1},
		{name: "uk heading emptied", fmt: "md", to: "uk", src: "# Return home\n\nFamilies returned.\n", ed: "#\n\nРодини повернулися.\n", rule: RuleEmpty, want: 1},
		{name: "uk clean", to: "uk", ed: doc(titleUK, paraUK, numsUK), rule: RuleEmpty, want: 0},
		{name: "de clean", to: "de", ed: doc(titleDE, paraDE, numsDE), rule: RuleEmpty, want: 0},
		{name: "fr clean", to: "fr", ed: doc(titleFR, paraFR, numsFR), rule: RuleEmpty, want: 0},
	})
}

func TestRuleParse(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "de not UTF-8", to: "de", ed: "Einwohner \xff\xfe kehren zurück", rule: RuleParse, want: 1},
		{name: "uk not UTF-8", to: "uk", ed: doc(titleUK, paraUK+"\xc3\x28", numsUK), rule: RuleParse, want: 1, line: 3},
		{name: "ru html not UTF-8", fmt: "html", to: "ru", src: "<p>Families returned.</p>", ed: "<p>Семьи \xff вернулись.</p>", rule: RuleParse, want: 1},
		{name: "fr clean", to: "fr", ed: doc(titleFR, paraFR, numsFR), rule: RuleParse, want: 0},
		{name: "uk clean", to: "uk", ed: doc(titleUK, paraUK, numsUK), rule: RuleParse, want: 0},
		{name: "de clean", to: "de", ed: doc(titleDE, paraDE, numsDE), rule: RuleParse, want: 0},
	})
}

func TestRulesOff(t *testing.T) {
	sev, err := ParseRules(nil, "all=off")
	require.NoError(t, err)
	c := New(Options{Glossary: glossary.Builtin(), Severities: sev})
	got := c.CheckEdition(pair("txt", "en", "de", srcEN, srcEN))
	assert.Empty(t, got, describe(got))

	sev, err = ParseRules(nil, "untranslated=warning,glossary-deprecated=off")
	require.NoError(t, err)
	c = New(Options{Glossary: glossary.Builtin(), Severities: sev})
	got = c.CheckEdition(pair("txt", "en", "de", srcEN, doc(titleDE, strings.Split(srcEN, "\n\n")[1], numsDE)))
	require.Equal(t, 1, ruleCount(got, RuleUntranslated), describe(got))
	assert.Equal(t, Warning, got[0].Severity)
	assert.Zero(t, ruleCount(got, RuleGlossaryDeprecated))
}

// TestGlossaryMissingSharedTerm: two concepts with the same German term (the
// city and the river Dnipro): the edition's term counts for both.
func TestGlossaryMissingSharedTerm(t *testing.T) {
	g, err := glossary.Parse("shared.yaml", []byte(`version: 1
concepts:
  - id: city
    terms:
      en: {preferred: Dnipro, deprecated: [Dnepropetrovsk]}
      de: {preferred: Dnipro}
  - id: river
    terms:
      en: {preferred: Dnipro River, deprecated: [Dnieper]}
      de: {preferred: Dnipro}
`))
	require.NoError(t, err)
	src := "Floods\n\nVillages along the Dnieper were flooded.\n"
	ed := "Hochwasser\n\nDörfer am Dnipro wurden überflutet.\n"
	got := New(Options{Glossary: g}).CheckEdition(pair("txt", "en", "de", src, ed))
	assert.Zero(t, ruleCount(got, RuleGlossaryMissing), "findings:%s", describe(got))
	// Without the term, both concepts are missing it.
	got = New(Options{Glossary: g}).CheckEdition(pair("txt", "en", "de", src, "Hochwasser\n\nDörfer am Fluss wurden überflutet.\n"))
	assert.Equal(t, 1, ruleCount(got, RuleGlossaryMissing), "findings:%s", describe(got))
}

func TestVerbatimTokens(t *testing.T) {
	c := newTestChecker()
	const src = "Write to kiev.desk@example.com or see www.example.org/help and #KyivNotKiev.\n"
	for _, tc := range []struct {
		name, ed string
		want     int
	}{
		{"kept", "Escriba a kiev.desk@example.com o vea www.example.org/help y #KyivNotKiev.\n", 0},
		{"address reordered, path translated", "Escriba a example.com@kiev.desk o vea www.example.org/ayuda y #KyivNotKiev.\n", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := c.CheckEdition(pair("txt", "en", "es", src, tc.ed))
			assert.Equal(t, tc.want, ruleCount(got, RuleVerbatim), describe(got))
		})
	}
}
