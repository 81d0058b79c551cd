package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/locales"
	"github.com/locpipe/locpipe/pipeline"
)

func TestLocaleHooks(t *testing.T) {
	assert.Nil(t, typographyFor(&config.Config{Typography: false}))
	assert.Nil(t, noticeFor(&config.Config{Notice: false}))

	ty := typographyFor(&config.Config{Typography: true})
	require.NotNil(t, ty)
	assert.Equal(t, "„ja“", ty(language.German, `"ja"`))

	n := noticeFor(&config.Config{Notice: true})
	require.NotNil(t, n)
	out, err := n("txt", language.English, language.German, []byte("T\n"))
	require.NoError(t, err)
	assert.Contains(t, string(out), "Dieser Artikel wurde maschinell übersetzt.")
	out, err = n("docx", language.English, language.German, []byte("raw"))
	require.NoError(t, err, "a format without a notice placement is left alone")
	assert.Equal(t, "raw", string(out))
}

func TestHumanSummary(t *testing.T) {
	s := &pipeline.Summary{Files: 1, Editions: 1, Segments: 1234, MemoryHits: 2, BackendSegments: 1232, Chars: 54321, Failed: 1, Copied: 3, ElapsedMS: 2500}
	tests := []struct {
		lang, want string
	}{
		{"en", "1 file: 1 edition written, 0 unchanged, 3 copied (unknown format); 1,234 segments (2 from memory, 1,232 sent to pseudo, 54,321 characters, 1 failed) in 2,500 ms"},
		{"de", "1 Datei: 1 Ausgabe geschrieben, 0 unverändert, 3 unverändert kopiert (unbekanntes Format); 1.234 Segmente (2 aus dem Speicher, 1.232 an pseudo gesendet, 54.321 Zeichen, 1 fehlgeschlagen) in 2.500 ms"},
		{"pl", "1 plik: 1 wydanie zapisane, 0 bez zmian, 3 skopiowano bez zmian (nieznany format); 1\u00a0234 segmenty (2 z pamięci, 1\u00a0232 wysłano do pseudo, 54\u00a0321 znaków, 1 nieudany) w 2\u00a0500 ms"},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			assert.Equal(t, tc.want, humanSummary(locales.NewLocalizer(tc.lang), s, "pseudo", false))
		})
	}
}
