package edition

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/segment"
)

// Segmentation is the segmentation rules every command splits with, chosen
// once from the configuration (segment.srx, segment.srx_mode, --srx,
// --srx-mode): the built-in rules of the source language, with a user's
// SRX rules over them or instead of them. translate, check, the XLIFF, PO
// and TMX exchanges and the review page must split alike, or segment ids
// and memory keys would not meet; they all take one Segmentation. The zero
// value is the built-in rules. It is immutable and safe for concurrent use.
type Segmentation struct {
	srx  *segment.SRX
	mode segment.SRXMode
}

// NewSegmentation returns the segmentation with the SRX rules x (nil: the
// built-in rules alone) applied in mode.
func NewSegmentation(x *segment.SRX, mode segment.SRXMode) Segmentation {
	return Segmentation{srx: x, mode: mode}
}

// LoadSegmentation reads the SRX file at path ("" is the built-in rules)
// and the mode ("over", "replace" or "" for over). A mode without a file
// is refused: it would say something the run does not do.
func LoadSegmentation(path, mode string) (Segmentation, error) {
	m, err := segment.ParseSRXMode(mode)
	if err != nil {
		return Segmentation{}, err
	}
	if path == "" {
		if mode != "" {
			return Segmentation{}, fmt.Errorf("segment: SRX mode %s without an SRX file (--srx or segment.srx)", mode)
		}
		return Segmentation{}, nil
	}
	x, err := segment.LoadSRX(path)
	if err != nil {
		return Segmentation{}, err
	}
	return NewSegmentation(x, m), nil
}

// Segmenter returns the segmenter of lang under these rules.
func (s Segmentation) Segmenter(lang language.Tag) *segment.Segmenter {
	sg := segment.New(lang)
	if s.srx != nil {
		sg = sg.WithSRX(s.srx, s.mode)
	}
	return sg
}

// Split is the package's Split under these rules.
func (s Segmentation) Split(doc *format.Document, lang language.Tag) []Segment {
	return SplitWith(doc, s.Segmenter(lang))
}

// Fingerprint identifies the rules beyond the built-in ones: "" for the
// built-in rules (whose data locales.DataFingerprint covers), otherwise
// "srx:<sha256 of the file>:<mode>". An edition split under other rules
// has other segments: the fingerprint is part of what says whether an
// edition must be made again.
func (s Segmentation) Fingerprint() string {
	if s.srx == nil {
		return ""
	}
	return "srx:" + s.srx.Fingerprint() + ":" + s.mode.String()
}

// String names the rules for messages: "built-in" or "rules.srx (over)".
func (s Segmentation) String() string {
	if s.srx == nil {
		return "built-in"
	}
	return fmt.Sprintf("%s (%s)", s.srx.Name(), s.mode)
}
