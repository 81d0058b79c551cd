package check

import (
	"strconv"

	"golang.org/x/text/language"
)

// segmentID is the id the manifest gives the index-th (0-based) sentence of
// unit unitID. TODO(edition): edition.SegmentID once pipeline/edition lands.
func segmentID(unitID string, index int) string {
	return unitID + "." + strconv.Itoa(index+1)
}

// sameLanguage reports whether an edition in to of a source in from is the
// house-style edition: same language and script (sr-Cyrl and sr-Latn are
// not). TODO(edition): edition.SameLanguage once pipeline/edition lands.
func sameLanguage(from, to language.Tag) bool {
	fs, _ := from.Script()
	ts, _ := to.Script()
	return sameBase(from, to) && fs == ts
}
