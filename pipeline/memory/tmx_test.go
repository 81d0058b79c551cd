package memory

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestReadTMXFromAnotherTool(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "omegat-en-es.tmx"))
	require.NoError(t, err)
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(
		bytes.Replace(data, []byte(`encoding="UTF-8"`), []byte(`encoding="UTF-16"`), 1))
	require.NoError(t, err)
	for name, in := range map[string][]byte{"utf-8": data, "utf-16 with BOM": utf16} {
		t.Run(name, func(t *testing.T) {
			tm, err := ReadTMX("omegat-en-es.tmx", in)
			require.NoError(t, err)
			assert.Equal(t, "OmegaT", tm.CreationTool)
			assert.Equal(t, "en-US", tm.SrcLang)
			require.Len(t, tm.TUs, 6)
			g := glossary.Builtin()
			recs, skipped := tm.Records(ImportOptions{Glossary: g})
			require.Len(t, recs, 6)
			for _, r := range recs {
				assert.Equal(t, OriginHuman, r.Origin)
				assert.Equal(t, "en-US", r.SourceLang)
			}
			assert.Equal(t, "es-ES", recs[0].TargetLang)
			assert.Equal(t, "La mayoría de los recién llegados son mujeres y niños.", recs[0].Target)
			// Kiev is protected as the pipeline protects it.
			p := g.Protect("What happens next? Nobody in Kiev or in Brussels can say for sure.", language.English, language.Spanish)
			assert.Equal(t, p.Text, recs[1].Source)
			restored, w := p.Restore(recs[1].Target)
			assert.Empty(t, w)
			assert.Equal(t, "¿Qué pasará ahora? Nadie en Kiev ni en Bruselas puede decirlo con certeza.", restored)
			assert.Equal(t, time.Date(2022, 6, 22, 9, 0, 0, 0, time.UTC), recs[2].Changed)
			assert.Equal(t, "uk-UA", recs[3].TargetLang)
			// OmegaT's <bpt>/<ept> become codes 0 and 1 on both sides.
			assert.Equal(t, "Read the \ue000full report\ue001.", recs[4].Source)
			assert.Equal(t, "Lea el \ue000informe completo\ue001.", recs[4].Target)
			assert.Equal(t, "Lo dijo el ACNUR el lunes.", recs[5].Target, "<hi> keeps its text")
			require.Len(t, skipped, 1)
			assert.Contains(t, skipped[0].String(), "glossary term missing")
		})
	}
}

func TestReadTMXErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"not xml", "hello", "no <tmx> element"},
		{"other root", `<xliff/>`, "root element <xliff>"},
		{"no header", `<tmx version="1.4"><body/></tmx>`, "<body> before <header>"},
		{"no srclang", `<tmx version="1.4"><header/><body/></tmx>`, "no srclang"},
		{"bad lang", `<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="e_n!"><seg>x</seg></tuv></tu></body></tmx>`, "xml:lang"},
		{"no seg", "<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu><tuv xml:lang=\"en\"></tuv></tu></body></tmx>", "f.tmx:2: <tuv xml:lang=\"en\"> has no <seg>"},
		{"truncated", `<tmx version="1.4"><header srclang="en"/><body><tu>`, "unexpected"},
		{"version 2", `<tmx version="2.0"/>`, "version"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadTMX("f.tmx", []byte(tc.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

type recList []Record

func (l recList) Each(_ context.Context, fn func(Record) error) error {
	for _, r := range l {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

func TestTMXRoundTrip(t *testing.T) {
	ctx := context.Background()
	when := time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)
	recs := recList{
		{Key: Key{Source: "Shelling hit \U000F0000 & \uE000more\uE001 <overnight>.", SourceLang: "en", TargetLang: "es", Engine: "pseudo@abc", Terms: []string{"Kiev"}},
			Entry: Entry{Target: "Bombardeos en \U000F0000 y \uE000más\uE001 <de noche>.", Origin: OriginMachine}, Changed: when},
		{Key: Key{Source: "Reviewed.", SourceLang: "en", TargetLang: "uk", Prev: "Before.", Next: "After."}, Entry: Entry{Target: "Перевірено.", Origin: OriginHuman}, Changed: when},
	}
	var buf bytes.Buffer
	n, err := WriteTMX(ctx, &buf, recs, ExportOptions{})
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	golden := filepath.Join("testdata", "export.tmx")
	if *update {
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), buf.String())

	tm, err := ReadTMX("export.tmx", buf.Bytes())
	require.NoError(t, err)
	got, skipped := tm.Records(ImportOptions{Glossary: glossary.Builtin()})
	assert.Empty(t, skipped)
	assert.Equal(t, []Record(recs), got)
}

func TestImportedTMXFeedsLookups(t *testing.T) {
	ctx := context.Background()
	data, err := os.ReadFile(filepath.Join("testdata", "omegat-en-es.tmx"))
	require.NoError(t, err)
	tm, err := ReadTMX("omegat-en-es.tmx", data)
	require.NoError(t, err)
	g := glossary.Builtin()
	recs, _ := tm.Records(ImportOptions{Glossary: g})
	s := openTest(t)
	require.NoError(t, s.StoreAll(ctx, recs))
	// The pipeline's key: plain "en" → "es", whatever engine.
	src := "What happens next? Nobody in Kiev or in Brussels can say for sure."
	p := g.Protect(src, language.English, language.Spanish)
	e, ok, err := s.Lookup(ctx, Key{Source: p.Text, SourceLang: "en", TargetLang: "es", Engine: "pseudo@x", Terms: p.SourceTerms()})
	require.NoError(t, err)
	require.True(t, ok)
	out, _ := p.Restore(e.Target)
	assert.True(t, strings.HasPrefix(out, "¿Qué pasará ahora?"))
}

func FuzzReadTMX(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "omegat-en-es.tmx"))
	require.NoError(f, err)
	f.Add(data)
	f.Add([]byte(`<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a<ph type="x-locpipe-code" x="1"/></seg></tuv></tu></body></tmx>`))
	f.Fuzz(func(t *testing.T, in []byte) {
		tm, err := ReadTMX("fuzz.tmx", in)
		if err != nil {
			var se *SyntaxError
			require.ErrorAs(t, err, &se)
			return
		}
		recs, _ := tm.Records(ImportOptions{})
		var buf bytes.Buffer
		_, err = WriteTMX(context.Background(), &buf, recList(recs), ExportOptions{})
		require.NoError(t, err)
	})
}
