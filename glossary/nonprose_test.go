package glossary

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestNonProse(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"See https://news.example.com/live/kiev-trains, or www.example.org/help.", []string{"https://news.example.com/live/kiev-trains", "www.example.org/help"}},
		{"Write to kiev.desk@example.com (or help@example.org).", []string{"kiev.desk@example.com", "help@example.org"}},
		{"Follow @KyivIndependent and #KyivNotKiev!", []string{"@KyivIndependent", "#KyivNotKiev"}},
		{"In /data/odessa/grain.csv and ./run.sh, docs/setup/install.md too.", []string{"/data/odessa/grain.csv", "./run.sh", "docs/setup/install.md"}},
		{"Set --region=donbass and tonnes_per_day, call `kiev()` now.", []string{"--region=donbass", "tonnes_per_day", "`kiev()`"}},
		{"The site kiev.ua is down.", []string{"kiev.ua"}},
		{"Not these: U.S. e.g. 1.200 tonnes, No. 1, #1, a @ b, and/or, Kyiv.The end, 3/4.", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []string
			for _, sp := range NonProse(tt.text) {
				got = append(got, tt.text[sp.Start:sp.End])
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func FuzzNonProse(f *testing.F) {
	f.Add("See https://x.example/a, mail a@b.org, #tag @who `c` --f=1.")
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, sp := range NonProse(text) {
			if sp.Start < last || sp.End <= sp.Start || sp.End > len(text) {
				t.Fatalf("bad span %v after %d in %q", sp, last, text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(text[sp.Start:sp.End]) {
				t.Fatalf("span %v splits a rune of %q", sp, text)
			}
			last = sp.End
		}
	})
}
