package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
)

// runCheckMain runs locpipe in-process.
func runCheckMain(t *testing.T, args ...string) result {
	t.Helper()
	var so, se bytes.Buffer
	code := testableMain(args, strings.NewReader(""), &so, &se, []string{"HOME=" + t.TempDir()})
	return result{code: code, stdout: so.String(), stderr: se.String()}
}

const englishSentence = " Officials said the roads into the city were safe again."

// spoilEdition appends an English sentence to the paragraph holding anchor and
// puts "Kiev" back for the first occurrence of name; it returns the lines
// (1-based) of both changes.
func spoilEdition(t *testing.T, path, anchor, name string) (sentenceLine, kievLine int) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if sentenceLine == 0 && strings.Contains(l, anchor) {
			// the paragraph ends at the next blank line
			j := i
			for j+1 < len(lines) && strings.TrimSpace(lines[j+1]) != "" {
				j++
			}
			lines[j] += englishSentence
			sentenceLine = j + 1
		}
	}
	for i, l := range lines {
		if strings.Contains(l, name) {
			lines[i] = strings.Replace(l, name, "Kiev", 1)
			kievLine = i + 1
			break
		}
	}
	require.NotZero(t, sentenceLine, "anchor %q in %s", anchor, path)
	require.NotZero(t, kievLine, "%q in %s", name, path)
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644))
	return sentenceLine, kievLine
}

type jsonReport struct {
	Findings []struct {
		Rule    string `json:"rule"`
		File    string `json:"file"`
		Line    int    `json:"line"`
		Locale  string `json:"locale"`
		Segment string `json:"segment"`
		Message string `json:"message"`
		// Source, SourceLine and SegmentID locate the source text.
		Source     string `json:"source"`
		SourceLine int    `json:"source_line"`
		SegmentID  string `json:"segment_id"`
	} `json:"findings"`
	Summary map[string]any `json:"summary"`
}

func TestCheckAcceptance(t *testing.T) {
	corpus := shared.Path(t, "corpus", "en")
	schemaPath := shared.Path(t, "fixtures", "sarif-2.1.0", "sarif-schema-2.1.0.json")
	out := filepath.Join(t.TempDir(), "out")

	r := runCheckMain(t, "translate", "--to", "de,fr,uk", "--out", out, "--no-memory", "--quiet", corpus)
	require.Equal(t, 0, r.code, r.stderr)

	// A fresh pseudo edition passes, in every format.
	for _, f := range []string{"text", "json", "sarif", "junit", "github"} {
		r := runCheckMain(t, "check", "--format", f, "--out", out, corpus)
		require.Equal(t, 0, r.code, "format %s: %s%s", f, r.stdout, r.stderr)
	}
	r = runCheckMain(t, "check", "--out", out, corpus)
	assert.Contains(t, r.stdout, "3 files, 9 editions checked: 0 errors, 0 warnings")

	// An English sentence appended to one paragraph and "Kiev" put back.
	deTxt := filepath.Join(out, "de", "2022-06-20-refugees-count.txt")
	ukMD := filepath.Join(out, "uk", "2022-04-03-kiev-suburbs-return.md")
	deSent, deKiev := spoilEdition(t, deTxt, "Ţĥé ŕéĝîöñáļ ĝöṽéŕñöŕ", "Kyjiw")
	ukSent, ukKiev := spoilEdition(t, ukMD, "Ṁáýöŕ Ṽîţáļî", "Київ")
	want := []struct {
		file, rule string
		line       int
	}{
		{deTxt, "untranslated", deSent}, {deTxt, "glossary-deprecated", deKiev},
		{ukMD, "untranslated", ukSent}, {ukMD, "glossary-deprecated", ukKiev},
	}

	outputs := map[string]string{}
	for _, f := range []string{"text", "json", "sarif", "junit", "github"} {
		r := runCheckMain(t, "check", "--format", f, "--annotate", "edition", "--out", out, corpus)
		require.Equal(t, 1, r.code, "format %s: %s%s", f, r.stdout, r.stderr)
		outputs[f] = r.stdout
	}

	// json: the contract, with file and line.
	var rep jsonReport
	require.NoError(t, json.Unmarshal([]byte(outputs["json"]), &rep), outputs["json"])
	require.Len(t, rep.Findings, len(want), outputs["text"])
	for i, w := range want {
		found := false
		for _, f := range rep.Findings {
			if f.File == w.file && f.Rule == w.rule && f.Line == w.line {
				found = true
				assert.NotEmpty(t, f.Message)
				assert.NotEmpty(t, f.Locale)
				assert.NotEmpty(t, f.Segment)
				assert.True(t, strings.HasPrefix(f.Source, corpus), f.Source)
				assert.Positive(t, f.SourceLine)
				assert.Regexp(t, `^u\d+\.\d+$`, f.SegmentID)
			}
		}
		assert.True(t, found, "want #%d %+v in\n%s", i, w, outputs["text"])
	}
	assert.EqualValues(t, 4, rep.Summary["errors"])

	// text: grouped by file, every finding with its line and rule.
	for _, w := range want {
		assert.Contains(t, outputs["text"], w.file+"\n")
		assert.Regexp(t, regexp.MustCompile(`(?m)^\s+`+regexp.QuoteMeta(itoa(w.line))+`\s+error\s+`+regexp.QuoteMeta(w.rule)), outputs["text"])
	}

	// sarif: valid against the 2.1.0 schema, one result per finding.
	f, err := os.Open(schemaPath)
	require.NoError(t, err)
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("sarif-schema-2.1.0.json", schemaDoc))
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	require.NoError(t, err)
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(outputs["sarif"]))
	require.NoError(t, err)
	require.NoError(t, schema.Validate(inst))
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal([]byte(outputs["sarif"]), &log))
	require.Len(t, log.Runs, 1)
	require.Len(t, log.Runs[0].Results, len(want))
	for _, w := range want {
		found := false
		for _, res := range log.Runs[0].Results {
			pl := res.Locations[0].PhysicalLocation
			if res.RuleID == w.rule && strings.HasSuffix(pl.ArtifactLocation.URI, filepath.ToSlash(w.file)) && pl.Region.StartLine == w.line {
				found = true
			}
		}
		assert.True(t, found, "sarif result %+v", w)
	}

	// junit: XML with one failure per finding.
	var suites struct {
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Cases []struct {
				File    string `xml:"file,attr"`
				Line    int    `xml:"line,attr"`
				Failure *struct {
					Type string `xml:"type,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal([]byte(outputs["junit"]), &suites))
	failures := 0
	for _, s := range suites.Suites {
		for _, tc := range s.Cases {
			if tc.Failure != nil {
				failures++
				assert.NotEmpty(t, tc.File)
				assert.Positive(t, tc.Line)
			}
		}
	}
	assert.Equal(t, len(want), failures)
	assert.Equal(t, len(want), suites.Failures)

	// github: one annotation a line, with file and line.
	lines := strings.Split(strings.TrimSpace(outputs["github"]), "\n")
	require.Len(t, lines, len(want))
	for _, w := range want {
		assert.Contains(t, outputs["github"], "::error file="+w.file+",line="+itoa(w.line)+",title=locpipe "+w.rule)
	}

	// By default, editions git does not track (this temporary directory)
	// are annotated at the source line, naming the edition.
	r = runCheckMain(t, "check", "--format", "github", "--out", out, corpus)
	require.Equal(t, 1, r.code, r.stderr)
	for _, f := range rep.Findings {
		assert.Contains(t, r.stdout, "::error file="+f.Source+",line="+itoa(f.SourceLine)+",title=locpipe "+f.Rule)
		assert.Contains(t, r.stdout, "["+f.Locale+" edition "+f.File+":"+itoa(f.Line)+"]")
	}
	r = runCheckMain(t, "check", "--annotate", "sideways", "--out", out, corpus)
	assert.Equal(t, 2, r.code)
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestCheckOptions(t *testing.T) {
	corpus := shared.Path(t, "corpus", "en")
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	r := runCheckMain(t, "translate", "--to", "de", "--out", out, "--no-memory", "--quiet", corpus)
	require.Equal(t, 0, r.code, r.stderr)
	spoilEdition(t, filepath.Join(out, "de", "2022-06-20-refugees-count.txt"), "Ţĥé ŕéĝîöñáļ ĝöṽéŕñöŕ", "Kyjiw")

	t.Run("baseline ignores known findings", func(t *testing.T) {
		base := filepath.Join(dir, "baseline.json")
		r := runCheckMain(t, "check", "--format", "json", "--report", base, "--out", out, corpus)
		require.Equal(t, 1, r.code, r.stderr)
		require.Empty(t, r.stdout, "--report writes the file, not standard output")
		r = runCheckMain(t, "check", "--baseline", base, "--out", out, corpus)
		require.Equal(t, 0, r.code, r.stdout+r.stderr)
		assert.Contains(t, r.stdout, "2 known findings ignored by the baseline")
	})
	t.Run("rules off", func(t *testing.T) {
		r := runCheckMain(t, "check", "--rules", "untranslated=off,glossary-deprecated=off", "--out", out, corpus)
		require.Equal(t, 0, r.code, r.stdout+r.stderr)
		assert.Contains(t, r.stdout, "glossary-missing", "the missing preferred term is a warning")
	})
	t.Run("fail on warnings", func(t *testing.T) {
		r := runCheckMain(t, "check", "--rules", "untranslated=off,glossary-deprecated=off", "--fail-on", "warning", "--out", out, corpus)
		require.Equal(t, 1, r.code, r.stdout+r.stderr)
	})
	t.Run("missing edition from --to", func(t *testing.T) {
		r := runCheckMain(t, "check", "--format", "json", "--to", "de,pl", "--rules", "untranslated=off,glossary-deprecated=off,glossary-missing=off", "--out", out, corpus)
		require.Equal(t, 1, r.code, r.stdout+r.stderr)
		var rep jsonReport
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
		require.Len(t, rep.Findings, 3)
		for _, f := range rep.Findings {
			assert.Equal(t, "missing-edition", f.Rule)
			assert.Equal(t, "pl", f.Locale)
		}
	})
	t.Run("stale after a glossary change", func(t *testing.T) {
		r := runCheckMain(t, "check", "--no-glossary", "--out", out, corpus)
		require.Equal(t, 1, r.code)
		assert.Equal(t, 3, strings.Count(r.stdout, "stale-edition"), r.stdout)
	})
	for name, args := range map[string][]string{
		"bad format":    {"check", "--format", "xml", "--out", out, corpus},
		"bad rule":      {"check", "--rules", "spelling=off", "--out", out, corpus},
		"bad severity":  {"check", "--rules", "numbers=loud", "--out", out, corpus},
		"bad fail-on":   {"check", "--fail-on", "off", "--out", out, corpus},
		"no out":        {"check", "--out", filepath.Join(dir, "none"), corpus},
		"no source":     {"check", "--out", out, filepath.Join(dir, "none")},
		"bad baseline":  {"check", "--baseline", filepath.Join(dir, "none.json"), "--out", out, corpus},
		"no path":       {"check", "--out", out},
		"bad locale":    {"check", "--to", "xx", "--out", out, corpus},
		"no locale":     {"check", "--out", dir, corpus},
		"bad color":     {"check", "--color", "pink", "--out", out, corpus},
		"contradiction": {"check", "--no-glossary", "--glossary", "g.yaml", "--out", out, corpus},
	} {
		t.Run(name, func(t *testing.T) {
			r := runCheckMain(t, args...)
			assert.Equal(t, 2, r.code, r.stdout+r.stderr)
			assert.NotEmpty(t, r.stderr)
		})
	}
}
