// Package edition says, once for every command, what an edition of an
// article is: which files under the input paths are articles (Walk,
// Articles), where an edition of a file is written (Path, CheckLayout), the
// source language of a document (Source), how its units split into
// segments under the configuration's rules and what their ids are
// (Segmentation, Split), the translation-memory key of a
// segment (Keys), and whether an edition is in the source's own language
// (SameLanguage: the house-style edition, where only the glossary applies).
//
// translate (package pipeline), check, segment, the glossary commands and
// the review workflow all call these functions: a rule two commands must
// agree on has its one home here.
//
// What goes in: input paths, a layout pattern, a parsed format.Document and
// language tags. What comes out: files, edition paths, segments with their
// manifest ids and memory keys. The package reads directories but writes
// nothing.
package edition
