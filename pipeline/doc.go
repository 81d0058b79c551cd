// Package pipeline is locpipe's orchestrator: it walks the sources, and for
// every file and target language parses the document (package format),
// splits its units into sentences (segment), protects glossary terms
// (glossary), looks each sentence up in this run's cache and the persistent
// translation memory (memory), sends what is left to the engine in batches
// (backend), restores the terms, repairs inline codes, applies typography
// and the notice (locales, through Options hooks), renders the edition and
// writes it atomically, and records it in the manifest (manifest).
//
// Run streams: a walker feeds a bounded channel that Options.Jobs workers
// drain, so memory does not grow with the corpus and a slow engine applies
// back-pressure. Each finished edition is appended to the manifest's
// journal, so a run killed at any moment loses nothing and the next run does
// only what was left; editions whose source, glossary, engine settings and
// presentation are unchanged are skipped. A lock on the output directory
// stops two runs from writing it at once, and Options.Shard selects a
// deterministic share of the files for runs spread over several machines.
//
// The package declares what it needs of its collaborators as small
// interfaces (Translator, Memory); it only wires the stages.
package pipeline
