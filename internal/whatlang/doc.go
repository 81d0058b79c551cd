// Package whatlang identifies the language and script of a text. It is a
// port of github.com/abadojack/whatlanggo v1.0.1 (see NOTICE) that gives
// the same Lang, Script and Confidence for every text, only faster.
//
// whatlanggo was about a third of locpipe's own processor time: it
// allocates a string for every trigram of the text, counts them in a
// map[string]int, sorts them with the reflection-based sort.SliceStable and
// then looks each of every profile's 300 trigrams up in a string map. Here
// a trigram is three runes packed into a uint64, the text's trigrams are
// sorted and counted in a buffer on the stack, and the profiles are packed
// once, by trigram: each distinct trigram of the text is looked up once and
// adjusts the distance of the languages whose profiles hold it.
//
// The one difference: when two allowed languages are equally near the
// text, whatlanggo returns whichever its map iteration meets first (it
// varies from run to run), this package the first in Lang order; the
// confidence is 0 either way.
package whatlang
