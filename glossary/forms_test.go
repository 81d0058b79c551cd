package glossary

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"
)

func TestTermSetHas(t *testing.T) {
	g := Builtin()
	terms := func(id, lang string) TermSet {
		for _, c := range g.Concepts {
			if c.ID == id {
				ts, ok := c.TermsFor(language.MustParse(lang))
				if !ok {
					t.Fatalf("%s has no %s terms", id, lang)
				}
				return ts
			}
		}
		t.Fatalf("no concept %s", id)
		return TermSet{}
	}
	tests := []struct {
		id, lang, written string
		want              Status
		ok                bool
	}{
		{"donbas", "uk", "Донбас", Preferred, true},
		{"donbas", "uk", "Донбасу", Preferred, true}, // a glossary form
		{"donbas", "uk", "Донбасі", Preferred, true},
		{"donbas", "uk", "Донбасс", "", false},
		{"donbas", "uk", "Донбасса", "", false},
		{"donbas", "uk", "Донбассе", "", false},
		{"donbas", "uk", "Донбассом", "", false},
		{"donbas", "pl", "Donbas", Preferred, true},
		{"donbas", "pl", "Donbasie", Preferred, true}, // by pl inflection
		{"donbas", "pl", "Donbass", "", false},
		{"donbas", "en", "Donbass", Deprecated, true},
		{"donbas", "en", "DONBAS", Preferred, true},
		{"kyiv", "de", "Kiews", Deprecated, true},
		{"kyiv", "de", "Kiewer", "", false},
		{"kyiv", "en", "Kyivha", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.written, func(t *testing.T) {
			st, ok := terms(tt.id, tt.lang).Has(tt.written, language.MustParse(tt.lang))
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, st)
		})
	}
	cs := TermSet{Preferred: "NATO", CaseSensitive: true}
	_, ok := cs.Has("Nato", language.English)
	assert.False(t, ok)
	_, ok = cs.Has("NATO", language.English)
	assert.True(t, ok)
	pl := TermSet{Preferred: "Morze Bałtyk"}
	_, ok = pl.Has("Morze Bałtyku", language.Polish) // the last word inflects
	assert.True(t, ok)
	_, ok = pl.Has("Morzu Bałtyk", language.Polish) // only the last word does
	assert.False(t, ok)
}
