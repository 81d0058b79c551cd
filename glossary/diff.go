package glossary

import (
	"fmt"
	"strconv"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
)

// UnifiedDiff returns a unified diff (git style, three lines of context)
// from before to after for the file called name, or "" when they are equal.
// Hunk headers carry the line numbers.
func UnifiedDiff(name, before, after string) string {
	if before == after {
		return ""
	}
	edits := udiff.Lines(before, after)
	name = strings.TrimPrefix(name, "/")
	out, err := udiff.ToUnified("a/"+name, "b/"+name, before, edits, udiff.DefaultContextLines)
	if err != nil {
		return "" // cannot happen: the edits come from the same strings
	}
	return fixHunkHeaders(out)
}

// fixHunkHeaders recomputes each hunk's header from its body. go-udiff
// v0.4.1 miscounts the new file's start line after a hunk that joins
// several edits (it forgets the equal lines between them), and a reviewer
// goes by those numbers.
func fixHunkHeaders(diff string) string {
	lines := strings.SplitAfter(diff, "\n")
	offset := 0 // new line - old line, from the hunks before
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if !strings.HasPrefix(l, "@@ -") {
			continue
		}
		var oldStart int
		if _, err := fmt.Sscanf(l, "@@ -%d", &oldStart); err != nil {
			continue
		}
		oldN, newN := 0, 0
		for _, b := range lines[i+1:] {
			if strings.HasPrefix(b, "@@") || strings.HasPrefix(b, "--- ") && strings.HasPrefix(b, "--- a/") {
				break
			}
			switch {
			case strings.HasPrefix(b, " "):
				oldN++
				newN++
			case strings.HasPrefix(b, "-"):
				oldN++
			case strings.HasPrefix(b, "+"):
				newN++
			}
		}
		newStart := oldStart + offset
		if oldN == 0 {
			newStart++ // an insertion after line oldStart
		}
		if newN == 0 {
			newStart-- // a deletion: the line before
		}
		lines[i] = fmt.Sprintf("@@ -%s +%s @@\n", hunkRange(oldStart, oldN), hunkRange(newStart, newN))
		offset += newN - oldN
	}
	return strings.Join(lines, "")
}

func hunkRange(start, n int) string {
	if n == 1 {
		return strconv.Itoa(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// Colorize adds terminal colours to a unified diff: removed lines red, added
// lines green, hunk headers cyan, file headers bold.
func Colorize(diff string) string {
	const (
		red, green, cyan, bold, reset = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[1m", "\x1b[0m"
	)
	lines := strings.SplitAfter(diff, "\n")
	var b strings.Builder
	for _, l := range lines {
		body := strings.TrimSuffix(l, "\n")
		nl := l[len(body):]
		switch {
		case strings.HasPrefix(body, "---"), strings.HasPrefix(body, "+++"):
			b.WriteString(bold + body + reset + nl)
		case strings.HasPrefix(body, "@@"):
			b.WriteString(cyan + body + reset + nl)
		case strings.HasPrefix(body, "-"):
			b.WriteString(red + body + reset + nl)
		case strings.HasPrefix(body, "+"):
			b.WriteString(green + body + reset + nl)
		default:
			b.WriteString(l)
		}
	}
	return b.String()
}
