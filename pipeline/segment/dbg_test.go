package segment_test

import (
	"github.com/locpipe/locpipe/pipeline/segment"
	"golang.org/x/text/language"
	"os"
	"testing"
)

func TestDebug(t *testing.T) {
	txt := os.Getenv("DBG_TEXT")
	seg := segment.New(language.Make(os.Getenv("DBG_LANG")))
	for _, sp := range seg.Split(txt) {
		t.Logf("%q", txt[sp.Start:sp.End])
	}
}
