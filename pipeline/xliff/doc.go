// Package xliff reads and writes XLIFF 2.0, 2.1 and 2.2 (2.0 and 2.1 share
// one namespace, 2.2 has its own) and XLIFF 1.2 (reading 1.1 and 1.0 too):
// the file formats only. Every version is read into one model (Document);
// Encode writes the version Document.Version names. The review workflow
// that exports editions to it and learns from reviewed files is package
// review.
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
// XLIFF 2.2 documents are checked the same way, with the 2.2 core's
// changes (notes and metadata on <xliff>, ref on <note>, the version and
// namespace agreeing); on the OASIS XLIFF 2.2 core test suite (testdata)
// the reader accepts the 25 valid files and rejects the 119 invalid ones.
//
// XLIFF 1.2 (xliff12.go) is checked against the structure of the 1.2
// strict/transitional schema (required attributes, enumerated values,
// allowed children, unique trans-unit and group ids) and read with one
// <trans-unit> per segment; its inline elements map to the 2.x kinds. Tests
// validate what Encode writes in every version with xmllint against the
// official schemas (testdata/schemas) and read files from the test suites
// of Okapi, OmegaT and Translate Toolkit (testdata/outside).
//
// No maintained Go library reads XLIFF 2 with its constraints, so this
// package does, on encoding/xml.
package xliff
