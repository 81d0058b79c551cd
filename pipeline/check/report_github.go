package check

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
)

// GitHub shows at most this many annotations of each kind (error, warning,
// notice) per step; the rest are dropped silently.
const githubAnnotationsPerKind = 10

// githubMessageLimit bounds one annotation's message (GitHub truncates
// longer ones).
const githubMessageLimit = 32 << 10

// writeGitHub writes GitHub Actions workflow commands, at most ten of each
// kind, so that GitHub hides none: one annotation per finding while they
// fit, else one per file and rule (each listing its findings), and past
// nine such groups a tenth listing all the rest.
func writeGitHub(w io.Writer, rep *Report, opts WriteOptions) error {
	var b bytes.Buffer
	for _, sev := range []Severity{Error, Warning, Note} {
		var fs []Finding
		for _, f := range rep.Findings {
			if f.Severity == sev {
				fs = append(fs, f)
			}
		}
		for _, a := range githubAnnotations(fs, opts) {
			b.WriteString(a)
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func ghCommand(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "notice"
}

// githubAnnotations turns the findings of one severity into at most
// githubAnnotationsPerKind workflow commands.
func githubAnnotations(fs []Finding, opts WriteOptions) []string {
	if len(fs) == 0 {
		return nil
	}
	cmd := ghCommand(fs[0].Severity)
	var out []string
	if len(fs) <= githubAnnotationsPerKind {
		for _, f := range fs {
			file, line, note := opts.place(f)
			out = append(out, ghLine(cmd, file, line, "locpipe "+f.Rule+" ("+f.Locale+")", note+findingText(f)))
		}
		return out
	}
	type group struct {
		file, rule string
		items      []Finding
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, f := range fs {
		file, _, _ := opts.place(f)
		k := file + "\x00" + f.Rule
		g := byKey[k]
		if g == nil {
			g = &group{file: file, rule: f.Rule}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.items = append(g.items, f)
	}
	keep := groups
	var rest []Finding
	if len(groups) > githubAnnotationsPerKind {
		keep = groups[:githubAnnotationsPerKind-1]
		for _, g := range groups[githubAnnotationsPerKind-1:] {
			rest = append(rest, g.items...)
		}
	}
	for _, g := range keep {
		_, line, _ := opts.place(g.items[0])
		if len(g.items) == 1 {
			f := g.items[0]
			_, _, note := opts.place(f)
			out = append(out, ghLine(cmd, g.file, line, "locpipe "+f.Rule+" ("+f.Locale+")", note+findingText(f)))
			continue
		}
		var lines []string
		for _, f := range g.items {
			_, l, note := opts.place(f)
			lines = append(lines, fmt.Sprintf("line %s: %s%s", lineLabel(l), note, findingText(f)))
		}
		title := fmt.Sprintf("locpipe %s: %d findings in %s", g.rule, len(g.items), filepath.Base(g.file))
		out = append(out, ghLine(cmd, g.file, line, title, joinCapped(lines)))
	}
	if len(rest) > 0 {
		files := map[string]bool{}
		var lines []string
		for _, f := range rest {
			file, l, note := opts.place(f)
			files[file] = true
			where := file
			if l > 0 {
				where = fmt.Sprintf("%s:%d", file, l)
			}
			lines = append(lines, fmt.Sprintf("%s: %s %s%s", where, f.Rule, note, findingText(f)))
		}
		file, line, _ := opts.place(rest[0])
		title := fmt.Sprintf("locpipe: %d more findings in %d files", len(rest), len(files))
		out = append(out, ghLine(cmd, file, line, title, joinCapped(lines)))
	}
	return out
}

func findingText(f Finding) string {
	msg := strings.Join(strings.Fields(f.Message), " ")
	if f.Segment != "" {
		msg += ": " + strings.Join(strings.Fields(f.Segment), " ")
	}
	return msg
}

// joinCapped joins lines with newlines, stopping before githubMessageLimit
// with a count of what was left out.
func joinCapped(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if b.Len()+len(l) > githubMessageLimit {
			fmt.Fprintf(&b, "… and %d more: see the step summary or the full report", len(lines)-i)
			break
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func ghLine(cmd, file string, line int, title, msg string) string {
	props := "file=" + ghProp(filepath.ToSlash(file))
	if line > 0 {
		props += fmt.Sprintf(",line=%d", line)
	}
	props += ",title=" + ghProp(title)
	return fmt.Sprintf("::%s %s::%s\n", cmd, props, ghData(msg))
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a workflow command's property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// StepSummaryFindings is how many findings WriteStepSummary lists.
const StepSummaryFindings = 20

// WriteStepSummary writes the report as GitHub-flavoured Markdown for
// $GITHUB_STEP_SUMMARY: the totals, a table of findings per rule and
// locale, and the first StepSummaryFindings findings (errors first).
func WriteStepSummary(w io.Writer, rep *Report, opts WriteOptions) error {
	var b bytes.Buffer
	s := rep.Summary
	b.WriteString("## locpipe check\n\n")
	status := "passed"
	if rep.Failed(opts.FailOn) {
		status = "**failed**"
	}
	fmt.Fprintf(&b, "Check %s: %d errors, %d warnings, %d notes in %d editions of %d source files", status, s.Errors, s.Warnings, s.Notes, s.Editions, s.Files)
	if s.Baselined > 0 {
		fmt.Fprintf(&b, " (%d known findings ignored by the baseline)", s.Baselined)
	}
	b.WriteString(".\n")
	if len(rep.Findings) == 0 {
		_, err := w.Write(b.Bytes())
		return err
	}
	counts := map[string]map[string]int{}
	locSet := map[string]bool{}
	for _, f := range rep.Findings {
		if counts[f.Rule] == nil {
			counts[f.Rule] = map[string]int{}
		}
		counts[f.Rule][f.Locale]++
		locSet[f.Locale] = true
	}
	locs := make([]string, 0, len(locSet))
	for l := range locSet {
		locs = append(locs, l)
	}
	sort.Strings(locs)
	b.WriteString("\n| rule | severity |")
	for _, l := range locs {
		fmt.Fprintf(&b, " %s |", mdCell(orNone(l)))
	}
	b.WriteString(" total |\n| --- | --- |")
	b.WriteString(strings.Repeat(" ---: |", len(locs)+1))
	b.WriteByte('\n')
	for _, r := range Rules() {
		c := counts[r.ID]
		if c == nil {
			continue
		}
		sev := r.Severity
		if opts.Severities != nil {
			sev = opts.Severities.Of(r.ID)
		}
		total := 0
		fmt.Fprintf(&b, "| `%s` | %s |", r.ID, sev)
		for _, l := range locs {
			fmt.Fprintf(&b, " %d |", c[l])
			total += c[l]
		}
		fmt.Fprintf(&b, " %d |\n", total)
	}
	first := append([]Finding(nil), rep.Findings...)
	sort.SliceStable(first, func(i, j int) bool { return first[i].Severity > first[j].Severity })
	if len(first) > StepSummaryFindings {
		first = first[:StepSummaryFindings]
	}
	fmt.Fprintf(&b, "\n### First %d of %d findings\n\n| | file | source | rule | message |\n| --- | --- | --- | --- | --- |\n", len(first), len(rep.Findings))
	for _, f := range first {
		where := f.File
		if f.Line > 0 {
			where = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		src := ""
		if f.Source != "" && f.Source != f.File {
			src = f.Source
			if f.SourceLine > 0 {
				src = fmt.Sprintf("%s:%d", f.Source, f.SourceLine)
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s | `%s` | %s |\n", f.Severity, mdCell(where), mdCell(src), f.Rule, mdCell(findingText(f)))
	}
	_, err := w.Write(b.Bytes())
	return err
}

// mdCell escapes text for a Markdown table cell.
func mdCell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;", "`", "\\`", "*", `\*`, "_", `\_`).Replace(s)
}
