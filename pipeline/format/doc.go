// Package format reads articles into a skeleton plus translatable units and
// writes them back.
//
// A Document is a list of skeleton pieces: literal bytes that are never
// translated, and references to Units, the translatable pieces (a title, a
// paragraph, an attribute value). Inline markup inside a unit (links,
// emphasis, line breaks) becomes inline Codes, written in Unit.Text as
// private-use marker runes (CodeRune) so that segmentation, protection and
// translation carry them as single characters.
//
// Parsing then rendering with no translations gives the input back byte for
// byte. Translated units are encoded by the format's Encoder, which escapes
// the text so that whatever a backend returns stays text.
//
// Formats are looked up in a Registry built explicitly by Default.
package format
