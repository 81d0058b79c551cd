package glossary

import (
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
	out, err := udiff.ToUnified("a/"+name, "b/"+name, before, edits, udiff.DefaultContextLines)
	if err != nil {
		return "" // cannot happen: the edits come from the same strings
	}
	return out
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
