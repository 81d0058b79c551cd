package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/internal/benchmeasure"
	"github.com/locpipe/locpipe/pipeline/backend/pseudo"
)

// singleLine writes a text file whose body is one paragraph on one line of
// about mb MiB of distinct sentences.
func singleLine(b *testing.B, mb int) string {
	b.Helper()
	var s strings.Builder
	s.WriteString("Title\n\n")
	for i := 0; s.Len() < mb<<20; i++ {
		fmt.Fprintf(&s, "Officials in Kiev said %d buildings near Kharkov were damaged, and the Donbass waited. ", i)
	}
	s.WriteString("\n")
	p := filepath.Join(b.TempDir(), "line.txt")
	if err := os.WriteFile(p, []byte(s.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkLongLine translates a single-line file of 1 and 8 MiB (to es,
// and to the source's own language: the house style) with the pseudo
// engine and the built-in glossary, and reports the peak heap as a
// multiple of the file's size and the CPU time (which other work on a
// shared machine does not inflate as it does the wall time). Eight times
// the size should cost at most ten times the time:
//
//	go test -run XXX -bench LongLine -benchtime 1x ./pipeline
func BenchmarkLongLine(b *testing.B) {
	for _, to := range []language.Tag{language.Spanish, language.English} {
		for _, mb := range []int{1, 8} {
			b.Run(fmt.Sprintf("to=%s/MB=%d", to, mb), func(b *testing.B) {
				src := singleLine(b, mb)
				g := glossary.Builtin()
				measureRun(b, src, to, g, mb)
			})
		}
	}
}

// bigFile writes a file of about mb MiB of ordinary paragraphs in format
// ext (txt, md, html).
func bigFile(b *testing.B, ext string, mb int) string {
	b.Helper()
	var s strings.Builder
	switch ext {
	case "md":
		s.WriteString("# Title\n\n")
	case "html":
		s.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>Title</title></head>\n<body>\n")
	default:
		s.WriteString("Title\n\n")
	}
	for i := 0; s.Len() < mb<<20; i++ {
		switch ext {
		case "md":
			fmt.Fprintf(&s, "Officials in **Kiev** said %d buildings were damaged overnight. Rescue teams worked near [Kharkov](https://example.com/k%d) until dawn.\n"+
				"\"We have counted %d people in the shelters,\" said the *governor*. Analysts expect the fighting in the Donbass to go on.\n\n", i, i, i)
		case "html":
			fmt.Fprintf(&s, "<p>Officials in <b>Kiev</b> said %d buildings were damaged overnight. Rescue teams worked near <a href=\"https://example.com/k%d\">Kharkov</a> until dawn.\n"+
				"\"We have counted %d people in the shelters,\" said the <i>governor</i>. Analysts expect the fighting in the Donbass to go on.</p>\n", i, i, i)
		default:
			fmt.Fprintf(&s, "Officials in Kiev said %d buildings were damaged overnight. Rescue teams worked near Kharkov until dawn. "+
				"\"We have counted %d people in the shelters,\" said the governor. Analysts expect the fighting in the Donbass to go on.\n\n", i, i)
		}
	}
	if ext == "html" {
		s.WriteString("</body>\n</html>\n")
	}
	src := filepath.Join(b.TempDir(), "big."+ext)
	if err := os.WriteFile(src, []byte(s.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkBigFile translates a 16 MiB file of ordinary paragraphs to es,
// in each format, and reports the peak heap as a multiple of the file's
// size (at most 15). A text file is read a part of whole paragraphs at a
// time; Markdown and HTML are parsed whole:
//
//	go test -run XXX -bench BigFile -benchtime 1x ./pipeline
func BenchmarkBigFile(b *testing.B) {
	const mb = 16
	for _, ext := range []string{"txt", "md", "html"} {
		b.Run("format="+ext, func(b *testing.B) {
			src := bigFile(b, ext, mb)
			g := glossary.Builtin()
			measureRun(b, src, language.Spanish, g, mb)
		})
	}
}

// measureRun translates src b.N times with the pseudo engine and reports the
// peak heap as a multiple of the file's mb MiB and the CPU seconds a run.
func measureRun(b *testing.B, src string, to language.Tag, g *glossary.Glossary, mb int) {
	var peak uint64
	b.ResetTimer()
	cpu0 := benchmeasure.CPU()
	for range b.N {
		runtime.GC()
		stop := benchmeasure.PeakHeap()
		_, err := Run(context.Background(), Options{
			To: []language.Tag{to}, From: language.English, Backend: "pseudo", Translator: pseudo.Translator{},
			Glossary: g, Out: b.TempDir(), Jobs: 1,
		}, []string{src})
		peak = max(peak, stop())
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(peak)/float64(mb<<20), "peak-heap/size")
	b.ReportMetric((benchmeasure.CPU()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}
