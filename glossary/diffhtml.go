package glossary

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// DiffPage is the input of WriteDiffHTML.
type DiffPage struct {
	Title string     // the page's heading
	Note  string     // one line under it: what is compared with what
	Files []FileDiff // in order; files without rows are left out
}

type htmlRef struct {
	Anchor, Label string
}

type htmlFileRefs struct {
	File string
	Refs []htmlRef
}

type htmlSummary struct {
	ConceptSummary
	Name  string
	Links []htmlFileRefs
}

type htmlOp struct {
	Kind              string // equal, delete, insert, kept
	Text              string
	Anchor, Concept   string
	OldText, NewText  string
	OccurrenceChanges bool
}

type htmlRow struct {
	OldLine, NewLine int
	Ops              []htmlOp
}

type htmlFile struct {
	Anchor, Name    string
	Changes, Kept   int
	Rows            []htmlRow
	ConceptsChanged string
}

// WriteDiffHTML writes one self-contained HTML page (inline style, no
// script, no external asset) showing the diffs: a summary per concept (how
// many occurrences change, in how many files, linked to each occurrence),
// then per file the changed lines with the replaced words in <del> and the
// written ones in <ins>, and the exception phrases that keep a term as
// <mark class="kept">.
func WriteDiffHTML(w io.Writer, page DiffPage) error {
	var files []htmlFile
	var kept []FileDiff
	for _, f := range page.Files {
		if len(f.Rows) > 0 {
			kept = append(kept, f)
		}
	}
	anchor := func(fi, oi int) string { return fmt.Sprintf("f%d-o%d", fi, oi) }
	total, totalFiles, totalKept := 0, 0, 0
	for fi, f := range kept {
		hf := htmlFile{Anchor: fmt.Sprintf("f%d", fi), Name: f.Name}
		concepts := map[string]bool{}
		var cl []string
		for _, o := range f.Occurrences {
			if o.Kept {
				hf.Kept++
				continue
			}
			hf.Changes++
			if !concepts[o.Concept] {
				concepts[o.Concept] = true
				cl = append(cl, conceptName(o.Concept))
			}
		}
		hf.ConceptsChanged = strings.Join(cl, ", ")
		total += hf.Changes
		totalKept += hf.Kept
		if hf.Changes > 0 {
			totalFiles++
		}
		seen := map[int]bool{}
		for _, r := range f.Rows {
			hr := htmlRow{OldLine: r.OldLine, NewLine: r.NewLine}
			for _, op := range r.Ops {
				ho := htmlOp{Kind: op.Kind.String(), Text: op.Text}
				if op.Occurrence >= 0 {
					o := f.Occurrences[op.Occurrence]
					ho.Concept = conceptName(o.Concept)
					ho.OldText, ho.NewText = strings.TrimSpace(o.Old), strings.TrimSpace(o.New)
					if !seen[op.Occurrence] {
						seen[op.Occurrence] = true
						ho.Anchor = anchor(fi, op.Occurrence)
					}
				}
				hr.Ops = append(hr.Ops, ho)
			}
			if n := len(hr.Ops); n > 0 {
				hr.Ops[n-1].Text = strings.TrimSuffix(hr.Ops[n-1].Text, "\n")
			}
			hf.Rows = append(hf.Rows, hr)
		}
		files = append(files, hf)
	}
	var sums []htmlSummary
	for _, s := range Summarize(kept) {
		hs := htmlSummary{ConceptSummary: s, Name: conceptName(s.Concept)}
		last := -1
		for _, r := range s.Refs {
			o := kept[r[0]].Occurrences[r[1]]
			label := fmt.Sprintf("%d", o.Line)
			if o.Kept {
				label += " (kept)"
			}
			if r[0] != last {
				hs.Links = append(hs.Links, htmlFileRefs{File: kept[r[0]].Name})
				last = r[0]
			}
			l := &hs.Links[len(hs.Links)-1]
			l.Refs = append(l.Refs, htmlRef{Anchor: anchor(r[0], r[1]), Label: label})
		}
		sums = append(sums, hs)
	}
	return diffTemplate.Execute(w, map[string]any{
		"Title": page.Title, "Note": page.Note, "Summary": sums, "Files": files,
		"Total": total, "TotalFiles": totalFiles, "TotalKept": totalKept,
	})
}

func conceptName(id string) string {
	if id == "" {
		return "(no concept)"
	}
	return id
}

// diffStyle is the diff page's style sheet, inlined.
const diffStyle = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1b1f24; --muted: #59636e; --line: #d1d9e0;
  --del-bg: #ffebe9; --del-fg: #82071e; --ins-bg: #dafbe1; --ins-fg: #116329; --kept-bg: #fff8c5; --head: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d;
  --del-bg: #67060c; --del-fg: #ffdcd7; --ins-bg: #033a16; --ins-fg: #aff5b4; --kept-bg: #4d3800; --head: #151b23; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 84rem; padding: 1.5rem; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
.note, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: var(--head); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; color: var(--muted); width: 3.5rem; }
td.text { white-space: pre-wrap; word-break: break-word; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
del { background: var(--del-bg); color: var(--del-fg); text-decoration: line-through; border-radius: 3px; padding: 0 1px; }
ins { background: var(--ins-bg); color: var(--ins-fg); text-decoration: none; border-radius: 3px; padding: 0 1px; }
mark.kept { background: var(--kept-bg); color: inherit; border-radius: 3px; outline: 1px dashed var(--muted); }
mark.term { background: none; color: inherit; border-bottom: 2px solid #0969da; }
a { color: #0969da; } a:target, :target { outline: 2px solid #bf8700; }
details summary { cursor: pointer; color: #0969da; }
.refs a { margin-right: .6rem; white-space: nowrap; }
`

var diffTemplate = template.Must(template.New("diff").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{{.Title}}</title>
<style>` + diffStyle + `</style>
</head>
<body>
<h1>{{.Title}}</h1>
{{with .Note}}<p class="note">{{.}}</p>{{end}}
<p id="totals">{{.Total}} occurrence(s) change in {{.TotalFiles}} file(s){{if .TotalKept}}; {{.TotalKept}} kept by exceptions{{end}}.</p>
<h2 id="summary">Summary per concept</h2>
<table class="summary">
<thead><tr><th>Concept</th><th>Replaced</th><th>Written</th><th>Changes</th><th>Files</th><th>Kept</th><th>Occurrences</th></tr></thead>
<tbody>
{{range .Summary}}<tr data-concept="{{.Name}}"><td>{{.Name}}</td><td>{{range $i, $s := .From}}{{if $i}}, {{end}}<del>{{$s}}</del>{{end}}</td><td>{{range $i, $s := .To}}{{if $i}}, {{end}}<ins>{{$s}}</ins>{{end}}</td><td class="num">{{.Changes}}</td><td class="num">{{.Files}}</td><td class="num">{{.Kept}}</td>
<td class="refs">{{range .Links}}<div><span class="muted">{{.File}}</span> line {{range .Refs}}<a href="#{{.Anchor}}">{{.Label}}</a>{{end}}</div>{{end}}</td></tr>
{{else}}<tr><td colspan="7" class="muted">The glossary changes nothing.</td></tr>
{{end}}</tbody>
</table>
<h2>Files</h2>
<ul class="files">{{range .Files}}<li><a href="#{{.Anchor}}">{{.Name}}</a> <span class="muted">{{.Changes}} change(s){{if .Kept}}, {{.Kept}} kept{{end}}{{with .ConceptsChanged}}: {{.}}{{end}}</span></li>
{{end}}</ul>
{{range .Files}}<section class="file" id="{{.Anchor}}" data-file="{{.Name}}">
<h2>{{.Name}}</h2>
<table class="rows">
<thead><tr><th>old</th><th>new</th><th>line</th></tr></thead>
<tbody>
{{range .Rows}}<tr><td class="num">{{.OldLine}}</td><td class="num">{{.NewLine}}</td><td class="text">{{range .Ops}}{{if eq .Kind "delete"}}<del{{with .Anchor}} id="{{.}}"{{end}} data-concept="{{.Concept}}" title="{{.Concept}}: {{.OldText}} → {{.NewText}}">{{.Text}}</del>{{else if eq .Kind "insert"}}<ins{{with .Anchor}} id="{{.}}"{{end}} data-concept="{{.Concept}}" title="{{.Concept}}: {{.OldText}} → {{.NewText}}">{{.Text}}</ins>{{else if eq .Kind "kept"}}<mark class="kept"{{with .Anchor}} id="{{.}}"{{end}} data-concept="{{.Concept}}" title="{{.Concept}}: kept by the exception">{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}</td></tr>
{{end}}</tbody>
</table>
</section>
{{end}}
</body>
</html>
`))
