package langid

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"
)

func TestUntranslated(t *testing.T) {
	ruUK := New(language.Russian, language.Ukrainian)
	enES := New(language.English, language.Spanish)
	tests := []struct {
		name     string
		d        *Detector
		src, out string
		bad      bool
	}{
		{"translated", enES, "The army has focused on the east of the country.", "El ejército se ha centrado en el este del país.", false},
		{"empty", enES, "The army has focused on the east.", "  \ue000 ", true},
		{"source unchanged", ruUK, "Власти города сообщили о новых ударах по вокзалу.", "Власти города сообщили о новых ударах по вокзалу.", true},
		{"still the source language", enES, "Officials said the roads were safe again after the army left.", "Officials said that the roads were safe again after the army had left.", true},
		{"names only", enES, "Volodymyr Zelensky", "Volodymyr Zelensky", false},
		{"short shared phrase", ruUK, "Удар по вокзалу", "Удар по вокзалу", false},
		{"no words", enES, "12:30", "12:30", false},
		{"no detector: identical long text", nil, "one two three four five six seven", "one two three four five six seven", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			why := Untranslated(tt.d, tt.src, tt.out)
			assert.Equal(t, tt.bad, why != "", why)
		})
	}
}

func TestNewSameLanguage(t *testing.T) {
	assert.Nil(t, New(language.English, language.MustParse("en-GB")))
}
