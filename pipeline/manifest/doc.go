// Package manifest records what a translate run wrote, so that check can
// prove each edition complete and current and the next run can skip work.
//
// The manifest is one JSON file, FileName, in the output directory. Each
// Edition names its source (path and sha256), locale, backend, settings,
// presentation and glossary fingerprints, output file and sha256 and, per
// segment, its id, line, source hash and status. Load reads a whole manifest
// (for check); a run uses a Store, which keeps only a small index in memory,
// appends every edition to a journal as it is written (so a killed run loses
// nothing) and writes the manifest in one streaming pass on Commit.
package manifest
