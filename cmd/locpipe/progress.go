package main

import (
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/locpipe/locpipe/pipeline"
)

// progressInterval is how often a run that is not on a terminal prints a
// progress line.
const progressInterval = 10 * time.Second

// progress shows a translate run's progress: a live bar on a terminal,
// a plain line every progressInterval otherwise, nothing when quiet.
type progress struct {
	mu       sync.Mutex
	last     pipeline.Progress
	quiet    bool
	out      *os.File // the terminal, when there is one
	p        *mpb.Progress
	bar      *mpb.Bar
	interval time.Duration
	lastLine time.Time
	write    func(string)
}

func newProgress(a *app, quiet bool) *progress {
	pr := &progress{quiet: quiet, interval: progressInterval, lastLine: time.Now()}
	pr.write = func(s string) { fmt.Fprintln(a.stderr, s) }
	if f, ok := a.stderr.(*os.File); ok && !quiet && isatty.IsTerminal(f.Fd()) {
		pr.out = f
		pr.p = mpb.New(mpb.WithOutput(f), mpb.WithWidth(40), mpb.WithRefreshRate(200*time.Millisecond))
		pr.bar = pr.p.AddBar(0,
			mpb.PrependDecorators(decor.Name("files "), decor.CountersNoUnit("%d/%d")),
			mpb.AppendDecorators(
				decor.Any(func(decor.Statistics) string {
					pr.mu.Lock()
					defer pr.mu.Unlock()
					return fmt.Sprintf(" %d segments, %d from memory, %d failed ", pr.last.Segments, pr.last.MemoryHits, pr.last.Failed)
				}),
				decor.Any(func(decor.Statistics) string {
					pr.mu.Lock()
					defer pr.mu.Unlock()
					return eta(pr.last)
				}),
			),
		)
	}
	return pr
}

// update is the pipeline's Progress callback.
func (pr *progress) update(p pipeline.Progress) {
	if pr.quiet {
		return
	}
	pr.mu.Lock()
	prevFiles := pr.last.Files
	pr.last = p
	due := pr.bar == nil && time.Since(pr.lastLine) >= pr.interval
	if due {
		pr.lastLine = time.Now()
	}
	pr.mu.Unlock()
	if pr.bar != nil {
		if p.TotalFiles > 0 {
			pr.bar.SetTotal(int64(p.TotalFiles), false)
		}
		pr.bar.IncrBy(p.Files - prevFiles)
		return
	}
	if due {
		pr.write(progressLine(p))
	}
}

func progressLine(p pipeline.Progress) string {
	total := "?"
	if p.TotalFiles > 0 {
		total = fmt.Sprint(p.TotalFiles)
	}
	line := fmt.Sprintf("progress: %d/%s files, %d editions, %d segments (%d from memory, %d sent), %d failed, %d errors",
		p.Files, total, p.Editions+p.Unchanged, p.Segments, p.MemoryHits, p.BackendSegments, p.Failed, p.Errors)
	if e := eta(p); e != "" {
		line += ", " + e
	}
	return line
}

// eta estimates the time left from the average time per file so far.
func eta(p pipeline.Progress) string {
	if p.TotalFiles == 0 || p.Files == 0 || p.Files >= p.TotalFiles {
		return ""
	}
	left := time.Duration(float64(p.Elapsed) / float64(p.Files) * float64(p.TotalFiles-p.Files))
	return "ETA " + left.Round(time.Second).String()
}

// done stops the bar before the summary is printed.
func (pr *progress) done() {
	if pr.bar != nil {
		pr.mu.Lock()
		files := pr.last.Files
		pr.mu.Unlock()
		pr.bar.SetTotal(int64(files), true)
		pr.p.Wait()
	}
}
