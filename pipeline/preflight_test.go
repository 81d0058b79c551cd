package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
)

// engineWith is an engine that answers Ping and Pairs as told.
type engineWith struct {
	pseudo.Translator
	ping  error
	pairs []backend.Pair
}

func (e engineWith) Ping(context.Context) error                    { return e.ping }
func (e engineWith) Pairs(context.Context) ([]backend.Pair, error) { return e.pairs, nil }

func TestPreflight(t *testing.T) {
	en, es, de := language.English, language.Spanish, language.German
	pairs := []backend.Pair{{Source: en, Target: es}, {Source: en, Target: language.MustParse("ca-valencia")}}
	tests := []struct {
		name string
		eng  Translator
		to   []language.Tag
		want string // "" for no error
	}{
		{"pair installed", engineWith{pairs: pairs}, []language.Tag{es}, ""},
		{"variant counts", engineWith{pairs: pairs}, []language.Tag{language.Catalan}, ""},
		{"house style needs no pair", engineWith{pairs: pairs}, []language.Tag{language.MustParse("en-GB")}, ""},
		{"pair missing", engineWith{pairs: pairs}, []language.Tag{es, de}, "has no pair en→de (it has: en→ca-valencia, en→es)"},
		{"engine down", engineWith{ping: errors.New("connection refused")}, []language.Tag{es}, "connection refused"},
		{"neither interface", pseudo.Translator{}, []language.Tag{de}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Preflight(context.Background(), tt.eng, "x", en, tt.to)
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrPreflight)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestRunPreflightWritesNothing(t *testing.T) {
	src := writeFiles(t, map[string]string{"a.txt": "Title\n\nText.\n"})
	out := filepath.Join(t.TempDir(), "out")
	_, err := Run(context.Background(), Options{To: []language.Tag{language.German}, Backend: "x",
		Translator: engineWith{pairs: []backend.Pair{{Source: language.English, Target: language.Spanish}}}, Out: out}, []string{src})
	require.ErrorIs(t, err, ErrPreflight)
	_, err = os.Stat(out)
	assert.True(t, os.IsNotExist(err), "nothing written")
}
