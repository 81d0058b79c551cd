package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNumbers(t *testing.T) {
	texts := func(ns []number) []string {
		var out []string
		for _, n := range ns {
			out = append(out, n.text)
		}
		return out
	}
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"over 3.5 million since Feb. 24", []string{"3.5", "24"}},
		{"1 200 bâtiments", []string{"1 200"}},
		{"in 2022 5 people", []string{"2022", "5"}},
		{"1\u202f200,5 km", []string{"1\u202f200,5"}},
		{"see https://example.org/2022/04 and 7", []string{"7"}},
		{"COVID-19, G7", []string{"19", "7"}},
	} {
		assert.Equal(t, tc.want, texts(numbers(tc.in)), tc.in)
	}
}

func TestDiffNumbers(t *testing.T) {
	for _, tc := range []struct {
		name, src, ed  string
		missing, extra []string
	}{
		{"decimal comma", "3.5 million", "3,5 millions", nil, nil},
		{"grouping dot", "1,200 buildings", "1.200 Gebäude", nil, nil},
		{"grouping space", "1,200 buildings", "1 200 будівель", nil, nil},
		{"grouping nnbsp", "1,200.5", "1\u202f200,5", nil, nil},
		{"swiss apostrophe", "12,000", "12'000", nil, nil},
		{"no grouping", "1,200", "1200", nil, nil},
		{"leading zeros", "2022-04-03", "03.04.2022", nil, nil},
		{"changed", "5.2 million", "52 Millionen", []string{"5.2"}, []string{"52"}},
		{"grouping is not a decimal", "1,200", "1,2", []string{"1,200"}, []string{"1,2"}},
		{"date reformatted: the month became a number", "April 3, 2022", "3.4.2022", nil, []string{"4"}},
		{"dropped", "18 to 60", "18", []string{"60"}, nil},
		{"copied as it stands", "4,4 million", "4,4 millions", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, e := diffNumbers(numbers(tc.src, '.'), numbers(tc.ed, ',', '.'))
			assert.Equal(t, tc.missing, m)
			assert.Equal(t, tc.extra, e)
		})
	}
}
