// Package xliff reads and writes XLIFF 2 (2.0 and 2.1 share one namespace):
// the file format only. The review workflow that exports editions to it and
// learns from reviewed files is package review.
//
// # Writing
//
// Encode writes a Document: files, units, segments and ignorables with
// their notes, inline codes as <ph>, <pc> or <sc>/<ec> with the markup
// itself in <originalData> (ContentsFromTexts builds them from a unit's
// text and codes; TextFromContent reads them back).
//
// # Reading
//
// Parse reads a document in any encoding (UTF-8 with or without a BOM,
// UTF-16, the XML declaration's) and checks it twice: against the core
// schema, written out as data in schema.go (elements, attributes and their
// types, content models), and against the constraints of the specification
// that no schema expresses (id uniqueness and references, sc/ec and sm/em
// pairing, isolated codes, the languages of sources and targets, xml:space,
// target order, codes that may not be deleted or reordered, copyOf, cp,
// fragment identifiers, comment annotations, module names and the Format
// Style attributes). Each problem is an *Error naming the file, the line and
// what is wrong. On the OASIS XLIFF 2.1 core test suite it accepts the 25
// valid files and rejects the 119 invalid ones, including the 89 that pass
// the schema alone.
//
// No maintained Go library reads XLIFF 2 with its constraints, so this
// package does, on encoding/xml.
package xliff
