package glossary

import (
	"fmt"
	"io"
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

// Terminal colours of a diff.
const (
	ansiRed, ansiGreen, ansiCyan, ansiBold, ansiReset = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[1m", "\x1b[0m"
	ansiDelWord, ansiInsWord                          = "\x1b[1;97;41m", "\x1b[1;97;42m"
)

// Colorize adds terminal colours to a unified diff: removed lines red, added
// lines green, hunk headers cyan, file headers bold; in a removed line and
// the added line that replaces it, the words that differ are highlighted
// (white on red, white on green).
func Colorize(diff string) string {
	lines := strings.SplitAfter(diff, "\n")
	var b strings.Builder
	for i := 0; i < len(lines); {
		l := lines[i]
		if strings.HasPrefix(l, "-") && !strings.HasPrefix(l, "---") {
			// A run of removed lines, then of added ones.
			j := i
			for j < len(lines) && strings.HasPrefix(lines[j], "-") && !strings.HasPrefix(lines[j], "---") {
				j++
			}
			k := j
			for k < len(lines) && strings.HasPrefix(lines[k], "+") && !strings.HasPrefix(lines[k], "+++") {
				k++
			}
			if k-j == j-i {
				for n := 0; n < j-i; n++ {
					colorPair(&b, lines[i+n], lines[j+n])
				}
				for n := 0; n < j-i; n++ {
					b.WriteString(pendingAdded(lines[i+n], lines[j+n]))
				}
			} else {
				for _, l := range lines[i:k] {
					colorLine(&b, l)
				}
			}
			i = k
			continue
		}
		colorLine(&b, l)
		i++
	}
	return b.String()
}

func colorLine(b *strings.Builder, l string) {
	body := strings.TrimSuffix(l, "\n")
	nl := l[len(body):]
	switch {
	case strings.HasPrefix(body, "---"), strings.HasPrefix(body, "+++"):
		b.WriteString(ansiBold + body + ansiReset + nl)
	case strings.HasPrefix(body, "@@"):
		b.WriteString(ansiCyan + body + ansiReset + nl)
	case strings.HasPrefix(body, "-"):
		b.WriteString(ansiRed + body + ansiReset + nl)
	case strings.HasPrefix(body, "+"):
		b.WriteString(ansiGreen + body + ansiReset + nl)
	default:
		b.WriteString(l)
	}
}

// colorPair writes the removed line of a pair with its removed words
// highlighted; pendingAdded returns the added line.
func colorPair(b *strings.Builder, del, ins string) {
	b.WriteString(wordColored(del, ins, Delete))
}

func pendingAdded(del, ins string) string { return wordColored(del, ins, Insert) }

func wordColored(del, ins string, side OpKind) string {
	d := strings.TrimSuffix(del[1:], "\n")
	a := strings.TrimSuffix(ins[1:], "\n")
	line, base, word, prefix := ins, ansiGreen, ansiInsWord, "+"
	if side == Delete {
		line, base, word, prefix = del, ansiRed, ansiDelWord, "-"
	}
	var b strings.Builder
	b.WriteString(base + prefix)
	for _, op := range DiffWords(d, a) {
		switch op.Kind {
		case Equal:
			b.WriteString(op.Text)
		case side:
			b.WriteString(word + op.Text + ansiReset + base)
		}
	}
	b.WriteString(ansiReset)
	if strings.HasSuffix(line, "\n") {
		b.WriteByte('\n')
	}
	return b.String()
}

// WriteStat writes a summary of diffs as --stat does: one line per file
// with its number of changed occurrences and the concepts concerned, then
// one line per concept, then the totals.
func WriteStat(w io.Writer, files []FileDiff) error {
	width := 0
	for _, f := range files {
		if f.Changes() > 0 || len(f.Occurrences) > 0 {
			width = max(width, len(f.Name))
		}
	}
	total, changed, kept := 0, 0, 0
	var b strings.Builder
	for _, f := range files {
		if len(f.Occurrences) == 0 {
			continue
		}
		n := f.Changes()
		counts := map[string]int{}
		var order []string
		for _, o := range f.Occurrences {
			if o.Kept {
				kept++
				continue
			}
			if counts[o.Concept] == 0 {
				order = append(order, o.Concept)
			}
			counts[o.Concept]++
		}
		var cs []string
		for _, c := range order {
			cs = append(cs, fmt.Sprintf("%s ×%d", conceptName(c), counts[c]))
		}
		if k := len(f.Occurrences) - n; k > 0 {
			cs = append(cs, fmt.Sprintf("%d kept", k))
		}
		fmt.Fprintf(&b, " %-*s | %3d  %s\n", width, f.Name, n, strings.Join(cs, ", "))
		total += n
		if n > 0 {
			changed++
		}
	}
	for _, s := range Summarize(files) {
		if s.Changes == 0 {
			continue
		}
		fmt.Fprintf(&b, " %s: %s → %s: %d change(s) in %d file(s)\n", conceptName(s.Concept), strings.Join(s.From, ", "), strings.Join(s.To, ", "), s.Changes, s.Files)
	}
	fmt.Fprintf(&b, " %d file(s) changed, %d occurrence(s)", changed, total)
	if kept > 0 {
		fmt.Fprintf(&b, ", %d kept by exceptions", kept)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}
