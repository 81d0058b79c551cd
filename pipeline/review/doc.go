// Package review is the human review of editions: export, import and
// re-render.
//
// Export turns each edition of a manifest (its record and its source,
// parsed and split as translate split it: package edition) into a file for
// the reviewer's tool, XLIFF 2.1 by default (Writers: XLIFF 1.2, 2.0, 2.2 and
// gettext PO too): a <unit> per document unit, a <segment> per
// sentence whose id is the manifest's segment id, the white space between
// sentences as <ignorable>, the memory's translation as <target> with a
// state (translated for a machine translation, reviewed for a human one,
// initial when there is none), the inline markup as codes, and a <note> per
// glossary term. House-style editions have nothing to review.
//
// Import reads reviewed files (XLIFF of every version and PO by default:
// DefaultReaders),
// matches each to its edition by path and locale, checks every segment id,
// unit and source text against the edition's source, and turns the targets
// of segments in state reviewed or final into human memory records keyed as
// translate keys the sentence. What it will not apply is a Problem: unknown
// ids, moved units, changed sources, targets that drop a glossary term or
// lose, add or repeat an inline code of the source (never repaired by
// guessing where the codes went), edits left in state translated.
// The records are stored, then the affected editions, and only those, are
// re-rendered through pipeline.Run with an editions filter: every sentence
// comes from the memory, the reviewed ones as the reviewer wrote them.
//
// BuildPage and WritePage make the review page of a run: one
// self-contained HTML document with, per source file, each segment beside
// its edition segment in every locale (found in the edition file from the
// memory's translations, else by the target segmenter), glossary terms
// marked on both sides, check findings on the segment they concern, the
// manifest status of each segment (a memory translation a person wrote is
// human), and filters by locale, rule and file. Server serves the same page
// and takes approvals: Approve turns a corrected segment into a reviewed
// XLIFF segment and imports it through ImportDocuments (the checks, memory
// key and re-rendering of Import); an approval made against a revision of
// the segment that is no longer current is refused (ErrConflict), so that
// two editors never overwrite each other unseen.
//
// Inlines gives a TMX export the term texts and code markup of the
// editions' sentences, so that other tools read the export's text whole.
//
// Paths read from a manifest or a reviewed file are confined: an edition
// path or locale that would lead out of the export directory is refused.
package review
