package segment

// SplitUAX29 splits text with the splitter driven by the UAX #29
// iterator, for the tests that compare it with the scanner.
func (s *Segmenter) SplitUAX29(text string) []Span {
	sp := splitter{r: s.rules, text: text, spans: make([]Span, 0, len(text)/64+1)}
	return sp.runUAX29()
}
