package main

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
)

// BenchmarkGlossaryApplyLongLine applies the built-in glossary to a
// single-line text file of 1 and 8 MiB, as glossary apply does. Eight times
// the size should cost at most ten times the time:
//
//	go test -run XXX -bench GlossaryApplyLongLine -benchtime 1x ./cmd/locpipe
func BenchmarkGlossaryApplyLongLine(b *testing.B) {
	g := glossary.Builtin()
	for _, mb := range []int{1, 8} {
		b.Run(fmt.Sprintf("MB=%d", mb), func(b *testing.B) {
			var s strings.Builder
			s.WriteString("Title\n\n")
			for i := 0; s.Len() < mb<<20; i++ {
				fmt.Fprintf(&s, "Officials in Kiev said %d buildings near Kharkov were damaged, and Chicken Kiev was `Kiev` served. ", i)
			}
			src := []byte(s.String())
			b.ResetTimer()
			for range b.N {
				out, _, err := applyDocument(g, format.Default(), "line.txt", src, "auto", edition.Source{Forced: language.English})
				if err != nil {
					b.Fatal(err)
				}
				if out == string(src) || len(out) != len(src) {
					b.Fatalf("%d bytes for %d, changed: %v", len(out), len(src), out != string(src))
				}
			}
			b.SetBytes(int64(len(src)))
		})
	}
}
