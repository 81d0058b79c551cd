package locales_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/locales"
)

func TestNoticeWithReviewAndDate(t *testing.T) {
	b := locales.DefaultBundle()
	day := time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)
	tests := []struct {
		to   string
		info locales.NoticeInfo
		want string
	}{
		{"en", locales.NoticeInfo{Review: locales.ReviewUnreviewed}, "This article was machine-translated from English. Not yet reviewed by an editor."},
		{"de", locales.NoticeInfo{Review: locales.ReviewReviewed, Updated: day}, "Dieser Artikel wurde maschinell übersetzt. Originalsprache: Englisch. Von der Redaktion geprüft. Aktualisiert am 2026-11-24."},
		{"uk", locales.NoticeInfo{Review: locales.ReviewFinal}, "Цю статтю перекладено автоматично. Мова оригіналу: англійська. Схвалено до публікації."},
	}
	for _, tc := range tests {
		t.Run(tc.to, func(t *testing.T) {
			got, _ := b.NoticeTextWith(language.English, language.MustParse(tc.to), tc.info)
			assert.Equal(t, tc.want, got)
		})
	}
}
