// Package marker is the one home of the private-use rune alphabet that
// carries inline codes and glossary term placeholders through segmentation,
// protection, translation memories and engines as single characters.
//
// Inline code i of a unit is written as Code(i): U+E000+i for the first
// 4,096 codes, then U+100000+(i−4096) in plane 16, so that a unit may hold
// up to MaxCodes codes (a paragraph with thousands of <br>, say). A term
// placeholder i is Term(i), U+F0000+i in plane 15. The predicates
// (CodeID, TermID, IsMarker, IsPrivateUse) are the only place these ranges
// are written; every package asks them.
package marker
