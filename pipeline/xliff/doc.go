// Package xliff reads and writes XLIFF 2 (2.0 and 2.1 share one namespace)
// for human review of locpipe's editions.
//
// # Writing
//
// Edition.Export turns one edition (a manifest record and its source) into
// one <file>: a <unit> per document unit, a <segment> per sentence whose id
// is the manifest's segment id, the white space between sentences as
// <ignorable>, the memory's translation as <target> with a state
// (translated for a machine translation, reviewed for a human one, initial
// when there is none), the unit's inline markup as <ph>, <pc> or <sc>/<ec>
// with the markup itself in <originalData>, and a <note> per glossary term.
// Encode writes the document.
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
// Edition.Reviewed then turns the reviewed segments of a file into memory
// records keyed as translate keys the sentence, and lists what it will not
// apply: unknown segment ids, moved units, changed sources, targets that
// drop a glossary term or hold a code the source does not have.
//
// No maintained Go library reads XLIFF 2 with its constraints, so this
// package does, on encoding/xml.
package xliff
