package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/memory"
)

// keyLog is a memory that records every key looked up (the sentence and its
// context) and finds nothing.
type keyLog struct {
	mu   sync.Mutex
	keys []string
}

func (k *keyLog) Lookup(_ context.Context, key memory.Key) (memory.Entry, bool, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.keys = append(k.keys, fmt.Sprintf("%s|%s|%s|%s", key.TargetLang, key.Prev, key.Source, key.Next))
	return memory.Entry{}, false, nil
}

func (k *keyLog) Store(context.Context, memory.Key, memory.Entry) error { return nil }

// TestTextReadInPartsIsTheWholeFile: a text file read a paragraph at a time
// gives the editions, manifest records and memory keys (the sentences'
// context crossing the parts) of the file read whole, into another
// language and into its own (the house style).
func TestTextReadInPartsIsTheWholeFile(t *testing.T) {
	var long strings.Builder
	long.WriteString("Shelling near Kiev\n\n")
	for i := range 40 {
		fmt.Fprintf(&long, "Officials in Kiev said %d buildings were damaged. Rescue teams worked near Kharkov.\n", i)
		if i%3 == 2 {
			long.WriteString("\n \n")
		}
	}
	long.WriteString("\n\n\n")
	files := map[string]string{
		"long.txt":   long.String(),
		"bom.txt":    "\uFEFFTitle in Kiev\n\nOne. Two.\n\nThree in Kharkov.",
		"blank.txt":  "\n \n\n",
		"empty.txt":  "",
		"one.txt":    "Kiev",
		"trail.txt":  "Title\n\nText near Kiev.\n\n\n\n\n\n",
		"spaces.txt": "  Title  \n\n\tIndented text in Kiev. Another.  \r\n\r\n\u00a0\nLast.\n",
	}
	src := writeFiles(t, files)
	run := func(size int) (string, []string) {
		out := filepath.Join(t.TempDir(), "out")
		keys := &keyLog{}
		_, err := Run(context.Background(), Options{
			To: []language.Tag{language.Spanish, language.English}, From: language.English, Backend: "pseudo", Translator: pseudo.Translator{},
			Glossary: glossary.Builtin(), Memory: keys, Out: out, Jobs: 1, partSize: size,
		}, []string{src})
		require.NoError(t, err)
		sort.Strings(keys.keys)
		return out, keys.keys
	}
	wholeOut, wholeKeys := run(1 << 30)
	for _, size := range []int{1, 50, 300} {
		out, keys := run(size)
		assert.Equal(t, wholeKeys, keys, "parts of %d: the memory keys", size)
		for name, body := range files {
			for _, loc := range []string{"es", "en"} {
				want, err := os.ReadFile(filepath.Join(wholeOut, loc, name))
				require.NoError(t, err)
				got, err := os.ReadFile(filepath.Join(out, loc, name))
				require.NoError(t, err)
				assert.Equal(t, string(want), string(got), "parts of %d: %s/%s", size, loc, name)
				if loc == "en" && !strings.Contains(body, "Kiev") {
					assert.Equal(t, body, string(got), "%s: the house style keeps what it does not change", name)
				}
			}
		}
		mw, err := manifest.Load(wholeOut)
		require.NoError(t, err)
		mp, err := manifest.Load(out)
		require.NoError(t, err)
		require.Len(t, mp.Editions, len(mw.Editions))
		for i := range mw.Editions {
			w, p := mw.Editions[i], mp.Editions[i]
			w.Written, p.Written = time.Time{}, time.Time{}
			assert.Equal(t, w, p, "parts of %d: the record of %s", size, w.Path)
		}
	}
}

// TestTextChangedWhileTranslated: a file read a part at a time is read
// again for each edition; one that is no longer the file first read is a
// failure of that file, not an edition of other bytes.
func TestTextChangedWhileTranslated(t *testing.T) {
	src := writeFiles(t, map[string]string{"a.txt": "A\n\nText a.\n"})
	path := filepath.Join(src, "a.txt")
	r := &run{opts: Options{Translator: pseudo.Translator{}, To: []language.Tag{language.Spanish}}, caps: capabilities(pseudo.Translator{})}
	require.NoError(t, r.opts.check(nil))
	s, err := r.read(input{path: path, rel: "a.txt"})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, []byte("A\n\nText b.\n"), 0o644))
	parts, err := s.open()
	require.NoError(t, err)
	defer parts.Close()
	for {
		if _, err = parts.Next(); err != nil {
			break
		}
	}
	assert.ErrorIs(t, err, errChanged)
}

// TestTextReadInPartsDetectsAsWhole: the first units a file read a part at
// a time keeps for telling its language give Detect's verdict on the whole
// document, long first paragraphs and inline codes included.
func TestTextReadInPartsDetectsAsWhole(t *testing.T) {
	ru := "Обстрелы продолжались всю ночь, сообщили власти города. "
	es := "Los bombardeos continuaron durante toda la noche, dijeron las autoridades. "
	files := map[string]string{
		"short.txt":    "Título\n\n" + es,
		"ru-long.txt":  "Заголовок\n\n" + strings.Repeat(ru, 2000) + "\n\nКонец.",
		"es-codes.txt": "Título\n\n" + strings.Repeat(es+"\ue000\U000F0000 ", 400),
		"mixed.txt":    "Title\n\n" + strings.Repeat(es, 50) + strings.Repeat(ru, 300),
		"many.txt":     strings.Repeat("Kurz.\n\n", 3000) + strings.Repeat(ru, 100),
	}
	src := writeFiles(t, files)
	r := &run{opts: Options{Translator: pseudo.Translator{}, To: []language.Tag{language.Spanish}}, caps: capabilities(pseudo.Translator{})}
	require.NoError(t, r.opts.check(nil))
	for name, body := range files {
		whole, err := format.Text{}.Parse(name, []byte(body))
		require.NoError(t, err)
		s, err := r.read(input{path: filepath.Join(src, name), rel: name})
		require.NoError(t, err)
		wantTag, wantOK := edition.Detect(whole)
		gotTag, gotOK := edition.Detect(s.lang)
		assert.Equal(t, []any{wantTag, wantOK}, []any{gotTag, gotOK}, name)
		assert.LessOrEqual(t, len(s.lang.Units), 3001, name)
	}
}
