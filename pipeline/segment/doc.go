// Package segment splits the text of a unit into sentences.
//
// Split returns byte spans into the text it was given: the text of a
// sentence is always text[Start:End], spans are in order, and only white
// space lies between them, so joining the spans with the white space between
// them gives the text back.
package segment
