package locales

import (
	"strings"
	"time"

	"golang.org/x/text/language"
)

// The notice's text is locale data; where it goes in an edition is the
// format's business (format.PlaceNotice).

// ReviewStatus is how far people have checked an edition.
type ReviewStatus int

// Review statuses, as XLIFF states them: a machine translation nobody has
// checked, one an editor reviewed, one approved for publication.
const (
	ReviewUnknown ReviewStatus = iota // say nothing
	ReviewUnreviewed
	ReviewReviewed
	ReviewFinal
)

// NoticeInfo adds optional lines to a notice.
type NoticeInfo struct {
	Review  ReviewStatus
	Updated time.Time // the zero time for none; written as an ISO 8601 date
}

// NoticeText returns the machine-translation notice for an edition in to of
// an article in from, and the locale it is written in (English when to has
// no messages).
func (b *Bundle) NoticeText(from, to language.Tag) (string, language.Tag) {
	return b.NoticeTextWith(from, to, NoticeInfo{})
}

// NoticeTextWith is NoticeText followed by the review status and the date of
// the last update, when info gives them: one paragraph of sentences.
func (b *Bundle) NoticeTextWith(from, to language.Tag, info NoticeInfo) (string, language.Tag) {
	l := b.LocalizerFor(to)
	parts := []string{l.T(MsgNoticeMachineTranslated, map[string]any{"Source": LanguageName(from, l.Tag())})}
	switch info.Review {
	case ReviewUnreviewed:
		parts = append(parts, l.T(MsgReviewUnreviewed, nil))
	case ReviewReviewed:
		parts = append(parts, l.T(MsgReviewReviewed, nil))
	case ReviewFinal:
		parts = append(parts, l.T(MsgReviewFinal, nil))
	}
	if !info.Updated.IsZero() {
		parts = append(parts, l.T(MsgNoticeUpdated, map[string]any{"Date": info.Updated.Format(time.DateOnly)}))
	}
	return strings.Join(parts, " "), l.Tag()
}
