package review

import (
	"html/template"
	"io"
	"strings"

	"github.com/locpipe/locpipe/pipeline/check"
)

// WriteOptions configure WritePage.
type WriteOptions struct {
	Title string
	// Serve makes the page the editor of a review server: each editable
	// segment can be corrected and approved; Token authenticates its
	// requests.
	Serve bool
	Token string
}

// WritePage writes the page as one self-contained HTML document (inline
// style and script, no external asset, no network use but the review
// server's own address when served): per source file, each segment beside
// its edition segment in every locale, glossary terms marked on both sides,
// check findings on the segment they concern, the manifest status of each
// segment, and filters by locale, rule and file.
func WritePage(w io.Writer, p *Page, o WriteOptions) error {
	if o.Title == "" {
		o.Title = "locpipe review"
	}
	total, withFindings := 0, 0
	for _, f := range p.Files {
		for _, r := range f.Rows {
			total++
			if len(rowRules(r)) > 0 {
				withFindings++
			}
		}
	}
	return pageTemplate.Execute(w, map[string]any{
		"Title": o.Title, "Page": p, "Serve": o.Serve, "Token": o.Token,
		"Total": total, "WithFindings": withFindings,
	})
}

// rowRules lists the rules of a row's findings, space separated.
func rowRules(r *Row) string {
	seen := map[string]bool{}
	var out []string
	for _, c := range r.Cells {
		for _, f := range c.Findings {
			if !seen[f.Rule] {
				seen[f.Rule] = true
				out = append(out, f.Rule)
			}
		}
	}
	return strings.Join(out, " ")
}

// cellJSON is a cell as the served page receives it after an approval.
type cellJSON struct {
	Locale   string          `json:"locale"`
	Text     string          `json:"text"`
	HTML     string          `json:"html"`
	Status   string          `json:"status"`
	Revision string          `json:"revision"`
	Findings []check.Finding `json:"findings"`
}

func newCellJSON(c *Cell) (cellJSON, error) {
	var b strings.Builder
	if err := pageTemplate.ExecuteTemplate(&b, "pieces", c.Pieces); err != nil {
		return cellJSON{}, err
	}
	fs := c.Findings
	if fs == nil {
		fs = []check.Finding{}
	}
	return cellJSON{Locale: c.Locale, Text: c.Text, HTML: b.String(), Status: c.Status, Revision: c.Revision, Findings: fs}, nil
}

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"rowRules": rowRules,
	"inc":      func(i int) int { return i + 1 },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'{{if .Serve}}; connect-src 'self'{{end}}">
{{if .Serve}}<meta name="locpipe-token" content="{{.Token}}">{{end}}
<title>{{.Title}}</title>
<style>
:root { color-scheme: light dark; --bg: #fff; --fg: #1b1f24; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa;
  --term: #0969da; --err: #cf222e; --warn: #9a6700; --note: #0969da; --ok: #1a7f37; --hl: #fff8c5; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --head: #151b23;
  --term: #4493f8; --err: #f85149; --warn: #d29922; --note: #4493f8; --ok: #3fb950; --hl: #3b2e00; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem 1.5rem; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 1.75rem 0 .4rem; }
.muted { color: var(--muted); }
#filters { position: sticky; top: 0; background: var(--bg); padding: .5rem 0; border-bottom: 1px solid var(--line); display: flex; gap: 1rem; flex-wrap: wrap; align-items: center; z-index: 2; }
#filters label { white-space: nowrap; }
select, button, textarea { font: inherit; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; text-align: left; word-break: break-word; }
th { background: var(--head); font-weight: 600; }
th.id, td.id { width: 5.5rem; font-size: 12px; color: var(--muted); font-variant-numeric: tabular-nums; }
mark.term { background: none; color: inherit; border-bottom: 2px solid var(--term); }
mark.term.deprecated { border-bottom-style: dashed; border-bottom-color: var(--err); }
.code { font: 11px ui-monospace, monospace; color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 2px; }
.status { display: inline-block; font-size: 11px; border-radius: 9px; padding: 0 .45rem; margin-top: .2rem; border: 1px solid var(--line); color: var(--muted); }
.status.failed { color: var(--err); border-color: var(--err); } .status.human { color: var(--ok); border-color: var(--ok); }
ul.findings { margin: .3rem 0 0; padding-left: 1.1rem; font-size: 13px; }
ul.findings li.error { color: var(--err); } ul.findings li.warning { color: var(--warn); } ul.findings li.note { color: var(--note); }
.rule { font-weight: 600; }
td.has-findings { background: var(--hl); }
td.missing { color: var(--muted); font-style: italic; }
.extra { font-size: 11px; color: var(--warn); }
textarea { width: 100%; min-height: 4.5rem; }
.actions { margin-top: .3rem; display: flex; gap: .4rem; align-items: center; }
.msg { font-size: 12px; } .msg.error { color: var(--err); } .msg.ok { color: var(--ok); }
.hidden { display: none !important; }
</style>
</head>
<body data-serve="{{if .Serve}}1{{end}}">
<h1>{{.Title}}</h1>
<p class="muted">{{len .Page.Files}} file(s), {{.Total}} segment(s), {{.WithFindings}} with findings; editions in {{range $i, $l := .Page.Locales}}{{if $i}}, {{end}}{{$l}}{{end}} under {{.Page.Out}}.{{if .Serve}} Correct a segment and approve it: it is stored as a human translation and its edition is written again.{{end}}</p>
{{range .Page.Problems}}<p class="msg error">{{.}}</p>{{end}}
<div id="filters">
<label>Locale <select id="f-locale"><option value="">all</option>{{range .Page.Locales}}<option>{{.}}</option>{{end}}</select></label>
<label>Rule <select id="f-rule"><option value="">any</option>{{range .Page.Rules}}<option>{{.}}</option>{{end}}</select></label>
<label>File <select id="f-file"><option value="">all</option>{{range .Page.Files}}<option>{{.Path}}</option>{{end}}</select></label>
<label><input type="checkbox" id="f-findings"> only segments with findings</label>
<span id="f-count" class="muted"></span>
</div>
{{range $fi, $f := .Page.Files}}<section class="file" data-file="{{$f.Path}}">
<h2>{{$f.Path}} <span class="muted">({{$f.From}}, {{$f.Source}})</span></h2>
{{range $l, $fs := $f.Findings}}<ul class="findings file-findings" data-locale="{{$l}}">{{range $fs}}<li class="{{.Severity}}" data-rule="{{.Rule}}"><span class="rule">{{.Rule}}</span> {{$l}}: {{.Message}}{{with .Segment}} — “{{.}}”{{end}}</li>{{end}}</ul>{{end}}
<table>
<thead><tr><th class="id">segment</th><th>source ({{$f.From}})</th>{{range $.Page.Locales}}<th data-locale="{{.}}">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range $f.Rows}}<tr class="row" data-file="{{$f.Path}}" data-id="{{.ID}}" data-rules="{{rowRules .}}">
<td class="id">{{.ID}}<br>line {{.Line}}{{with .Kind}}<br>{{.}}{{end}}</td>
<td class="source">{{template "pieces" .Source}}</td>
{{range .Cells}}{{if .Missing}}<td class="cell missing" data-locale="{{.Locale}}">no edition</td>{{else}}<td class="cell{{if .Findings}} has-findings{{end}}" data-locale="{{.Locale}}" data-revision="{{.Revision}}" data-editable="{{if .Editable}}1{{end}}">
<div class="text">{{template "pieces" .Pieces}}</div>
<textarea class="edit hidden" spellcheck="true">{{.Text}}</textarea>
<span class="status {{.Status}}">{{.Status}}</span>{{if .Extra}} <span class="extra">the edition has more sentences here than the source</span>{{end}}
<ul class="findings">{{range .Findings}}<li class="{{.Severity}}" data-rule="{{.Rule}}"><span class="rule">{{.Rule}}</span>: {{.Message}}</li>{{end}}</ul>
{{if and $.Serve .Editable}}<div class="actions"><button type="button" class="b-edit">Edit</button><button type="button" class="b-approve hidden">Approve</button><button type="button" class="b-cancel hidden">Cancel</button><span class="msg"></span></div>{{end}}
</td>{{end}}{{end}}
</tr>
{{end}}</tbody>
</table>
</section>
{{end}}
<script>
(function () {
  "use strict";
  var $ = function (s, el) { return (el || document).querySelector(s); };
  var $$ = function (s, el) { return Array.prototype.slice.call((el || document).querySelectorAll(s)); };
  function applyFilters() {
    var loc = $("#f-locale").value, rule = $("#f-rule").value, file = $("#f-file").value, only = $("#f-findings").checked;
    $$("[data-locale]").forEach(function (el) {
      if (el.tagName === "OPTION") return;
      el.classList.toggle("hidden", loc !== "" && el.getAttribute("data-locale") !== loc);
    });
    var shown = 0;
    $$("tr.row").forEach(function (tr) {
      var rules = (tr.getAttribute("data-rules") || "").split(" ").filter(Boolean);
      var ok = (file === "" || tr.getAttribute("data-file") === file) &&
        (rule === "" || rules.indexOf(rule) >= 0) && (!only || rules.length > 0);
      if (ok && loc !== "" && (rule !== "" || only)) {
        var c = $("td.cell[data-locale=\"" + loc + "\"]", tr);
        ok = !!c && $$("li[data-rule]", c).some(function (li) { return rule === "" || li.getAttribute("data-rule") === rule; });
      }
      tr.classList.toggle("hidden", !ok);
      if (ok) shown++;
    });
    $$("section.file").forEach(function (s) {
      s.classList.toggle("hidden", file !== "" && s.getAttribute("data-file") !== file || !$("tr.row:not(.hidden)", s));
    });
    $("#f-count").textContent = shown + " segment(s) shown";
  }
  ["#f-locale", "#f-rule", "#f-file", "#f-findings"].forEach(function (id) { $(id).addEventListener("change", applyFilters); });
  applyFilters();
  if (document.body.getAttribute("data-serve") !== "1") return;
  var token = $("meta[name=locpipe-token]").getAttribute("content");
  function mode(td, editing) {
    $(".text", td).classList.toggle("hidden", editing);
    $("textarea", td).classList.toggle("hidden", !editing);
    $(".b-edit", td).classList.toggle("hidden", editing);
    $(".b-approve", td).classList.toggle("hidden", !editing);
    $(".b-cancel", td).classList.toggle("hidden", !editing);
    if (editing) $("textarea", td).focus();
  }
  function show(td, cell) {
    $(".text", td).innerHTML = cell.html;
    $("textarea", td).value = cell.text;
    var st = $(".status", td);
    st.textContent = cell.status; st.className = "status " + cell.status;
    td.setAttribute("data-revision", cell.revision);
    var ul = $("ul.findings", td);
    ul.textContent = "";
    (cell.findings || []).forEach(function (f) {
      var li = document.createElement("li");
      li.className = f.severity; li.setAttribute("data-rule", f.rule);
      var b = document.createElement("span"); b.className = "rule"; b.textContent = f.rule;
      li.appendChild(b); li.appendChild(document.createTextNode(": " + f.message));
      ul.appendChild(li);
    });
    td.classList.toggle("has-findings", (cell.findings || []).length > 0);
    var tr = td.closest("tr"), rules = [];
    $$("li[data-rule]", tr).forEach(function (li) { var r = li.getAttribute("data-rule"); if (rules.indexOf(r) < 0) rules.push(r); });
    tr.setAttribute("data-rules", rules.join(" "));
  }
  $$("td.cell[data-editable=\"1\"]").forEach(function (td) {
    var tr = td.closest("tr"), msg = $(".msg", td);
    $(".b-edit", td).addEventListener("click", function () { msg.textContent = ""; mode(td, true); });
    $(".b-cancel", td).addEventListener("click", function () { mode(td, false); });
    $(".b-approve", td).addEventListener("click", function () {
      var body = { file: tr.getAttribute("data-file"), locale: td.getAttribute("data-locale"), id: tr.getAttribute("data-id"),
        revision: td.getAttribute("data-revision"), text: $("textarea", td).value };
      msg.className = "msg"; msg.textContent = "approving…";
      fetch("api/approve", { method: "POST", headers: { "Content-Type": "application/json", "X-Locpipe-Token": token }, body: JSON.stringify(body) })
        .then(function (r) { return r.json().then(function (j) { return { status: r.status, body: j }; }); })
        .then(function (res) {
          if (res.body.cell) show(td, res.body.cell);
          if (res.status === 200) { mode(td, false); msg.className = "msg ok"; msg.textContent = "approved: the edition is written again"; }
          else if (res.status === 409) { mode(td, false); msg.className = "msg error"; msg.textContent = "someone changed this segment meanwhile: here is the current text; edit again to correct it"; }
          else { msg.className = "msg error"; msg.textContent = res.body.error || ("error " + res.status); }
        })
        .catch(function (e) { msg.className = "msg error"; msg.textContent = String(e); });
    });
  });
})();
</script>
</body>
</html>
{{define "pieces"}}{{range .}}{{if .Code}}<span class="code" title="{{.Title}}">{{.Text}}</span>{{else if .Concept}}<mark class="term{{if .Deprecated}} deprecated{{end}}" data-concept="{{.Concept}}" title="{{.Title}}">{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}{{end}}
`))
