package check

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/format"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sampleReport has one finding of each severity, one about a whole file,
// and text that needs escaping in every format.
func sampleReport() *Report {
	r := &Report{Findings: []Finding{
		{Rule: RuleUntranslated, Severity: Error, File: "out/de/a.txt", Line: 5, Locale: "de",
			Segment: "Officials said the roads were safe again.", Message: "segment still in English: translate it", Source: "en/a.txt", SourceLine: 5, SegmentID: "u3.2"},
		{Rule: RuleGlossaryDeprecated, Severity: Error, File: "out/de/a.txt", Line: 13, Locale: "de",
			Segment: "Kiev", Message: `deprecated English term "Kiev" (kyiv) in a German edition: write "Kyjiw"`, Source: "en/a.txt", SourceLine: 13, SegmentID: "u7.1"},
		{Rule: RuleNumbers, Severity: Warning, File: "out/fr/b.md", Line: 3, Locale: "fr",
			Segment: "50% <b> & 3,5", Message: "numbers differ from the source (line 3): missing 50%, 3.5;\nsee the source", Source: "en/b.md", SourceLine: 3, SegmentID: "u2.1"},
		{Rule: RuleStaleEdition, Severity: Error, File: "out/uk/c.html", Locale: "uk", Message: "the source en/c.html changed since this edition was written: translate it again"},
		{Rule: RulePlaceholder, Severity: Note, File: "out/uk/c.html", Line: 2, Locale: "uk", Message: "repaired during translation of segment u2.1: glossary term \"Київ\" lost by the engine: appended", SegmentID: "u2.1"},
	}}
	r.Checked = []Checked{{File: "out/de/a.txt", Source: "en/a.txt", Locale: "de"}, {File: "out/fr/b.md", Source: "en/b.md", Locale: "fr"},
		{File: "out/uk/c.html", Source: "en/c.html", Locale: "uk"}, {File: "out/uk/a.txt", Source: "en/a.txt", Locale: "uk"}}
	r.Summary.Files, r.Summary.Editions = 3, 4
	r.finish()
	return r
}

func write(t *testing.T, format string, r *Report) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, Write(&b, format, r, WriteOptions{}))
	return b.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(p, got, 0o644))
	}
	want, err := os.ReadFile(p)
	require.NoError(t, err, "run go test -update to create %s", p)
	assert.Equal(t, string(want), string(got))
}

func TestWriteGolden(t *testing.T) {
	for _, f := range []string{"text", "json", "github", "junit"} {
		t.Run(f, func(t *testing.T) {
			golden(t, "report."+f, write(t, f, sampleReport()))
		})
	}
}

func TestWriteJSONContract(t *testing.T) {
	var got struct {
		Findings []map[string]any `json:"findings"`
		Summary  map[string]any   `json:"summary"`
	}
	require.NoError(t, json.Unmarshal(write(t, "json", sampleReport()), &got))
	require.Len(t, got.Findings, 5)
	for _, f := range got.Findings {
		for _, k := range []string{"rule", "file", "line", "locale", "segment", "message"} {
			assert.Contains(t, f, k)
		}
	}
	assert.EqualValues(t, 3, got.Summary["errors"])
	// An empty report still has a findings list.
	assert.Contains(t, string(write(t, "json", &Report{})), `"findings": []`)
}

func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	p := shared.Path(t, "fixtures", "sarif-2.1.0", "sarif-schema-2.1.0.json")
	f, err := os.Open(p)
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("sarif-schema-2.1.0.json", doc))
	s, err := c.Compile("sarif-schema-2.1.0.json")
	require.NoError(t, err)
	return s
}

// ValidateSARIF checks a SARIF log against the 2.1.0 schema.
func validateSARIF(t *testing.T, s *jsonschema.Schema, data []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	require.NoError(t, s.Validate(v))
}

// sarifOut is the part of a SARIF log the tests read.
type sarifOut struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID                   string `json:"id"`
					DefaultConfiguration *struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID  string `json:"ruleId"`
			Level   string `json:"level"`
			Message struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

func TestWriteSARIF(t *testing.T) {
	s := sarifSchema(t)
	for name, r := range map[string]*Report{"findings": sampleReport(), "empty": {}} {
		t.Run(name, func(t *testing.T) {
			r.finish()
			data := write(t, "sarif", r)
			validateSARIF(t, s, data)
			var log sarifOut
			require.NoError(t, json.Unmarshal(data, &log))
			assert.Equal(t, "2.1.0", log.Version)
			require.Len(t, log.Runs, 1)
			// Only the rules the results use, each once, in order of first use.
			var used []string
			for _, f := range r.Findings {
				if !slices.Contains(used, f.Rule) {
					used = append(used, f.Rule)
				}
			}
			var listed []string
			for _, rule := range log.Runs[0].Tool.Driver.Rules {
				listed = append(listed, rule.ID)
				def, ok := RuleByID(rule.ID)
				require.True(t, ok, rule.ID)
				if def.Severity == Warning {
					assert.Nil(t, rule.DefaultConfiguration, "warning is SARIF's default level")
				} else {
					require.NotNil(t, rule.DefaultConfiguration)
					assert.Equal(t, sarifLevel(def.Severity), rule.DefaultConfiguration.Level)
				}
			}
			assert.Equal(t, used, listed)
			require.Len(t, log.Runs[0].Results, len(r.Findings))
			for i, res := range log.Runs[0].Results {
				f := r.Findings[i]
				assert.Equal(t, f.Rule, res.RuleID)
				if rule, _ := RuleByID(f.Rule); rule.Severity == f.Severity {
					assert.Empty(t, res.Level, "the rule's default level is implied")
				} else {
					assert.Equal(t, sarifLevel(f.Severity), res.Level)
				}
				assert.NotEmpty(t, res.Message.Text)
				assert.Nil(t, res.PartialFingerprints, "code scanning computes primaryLocationLineHash itself")
				require.Len(t, res.Locations, 1)
				loc := res.Locations[0].PhysicalLocation
				assert.Equal(t, f.File, loc.ArtifactLocation.URI)
				if f.Line > 0 {
					require.NotNil(t, loc.Region)
					assert.Equal(t, f.Line, loc.Region.StartLine)
				} else {
					assert.Nil(t, loc.Region)
				}
			}
		})
	}
}

// Severities set for the run are the listed rules' default levels; the
// results then leave theirs out.
func TestWriteSARIFSeverities(t *testing.T) {
	sev, err := ParseRules(nil, "numbers=error,untranslated=warning,unknown-words=off")
	require.NoError(t, err)
	r := &Report{Findings: []Finding{
		{Rule: RuleNumbers, Severity: Error, File: "out/de/a.txt", Line: 3, Locale: "de", Message: "numbers differ"},
		{Rule: RuleUntranslated, Severity: Warning, File: "out/de/a.txt", Line: 4, Locale: "de", Message: "still in English"},
		{Rule: RuleGlossaryMissing, Severity: Warning, File: "out/de/a.txt", Line: 5, Locale: "de", Message: "Kyjiw missing"},
	}}
	r.finish()
	var b bytes.Buffer
	require.NoError(t, Write(&b, "sarif", r, WriteOptions{Severities: sev}))
	validateSARIF(t, sarifSchema(t), b.Bytes())
	var log sarifOut
	require.NoError(t, json.Unmarshal(b.Bytes(), &log))
	levels := map[string]string{}
	for _, rule := range log.Runs[0].Tool.Driver.Rules {
		levels[rule.ID] = "(default)"
		if rule.DefaultConfiguration != nil {
			levels[rule.ID] = rule.DefaultConfiguration.Level
		}
	}
	assert.Equal(t, map[string]string{RuleNumbers: "error", RuleUntranslated: "(default)", RuleGlossaryMissing: "(default)"}, levels)
	for _, res := range log.Runs[0].Results {
		assert.Empty(t, res.Level, res.RuleID)
	}
}

func TestSARIFMessage(t *testing.T) {
	long := "The shelling went on all night near the railway station of the town."
	for _, tc := range []struct {
		name     string
		f        Finding
		toSource bool
		want     string
	}{
		{"the path names the locale", Finding{File: "out/es/a.txt", Locale: "es", Message: "segment still in English", Segment: "Hello there."},
			false, "segment still in English: Hello there."},
		{"the path does not name the locale", Finding{File: "spanish/a.txt", Locale: "es", Message: "segment still in English", Segment: "Hello there."},
			false, "[es] segment still in English: Hello there."},
		{"a locale named as a file", Finding{File: "site/es.md", Locale: "es", Message: "numbers differ: missing 5"},
			false, "numbers differ: missing 5"},
		{"the message quotes the segment", Finding{File: "out/de/a.txt", Locale: "de", Message: `deprecated term "Kiev": write "Kyjiw"`, Segment: "Kiev"},
			false, `deprecated term "Kiev": write "Kyjiw"`},
		{"a long segment is clipped at a word", Finding{File: "out/es/a.txt", Locale: "es", Message: "segment still in English", Segment: long},
			false, "segment still in English: The shelling went on all night near…"},
		{"white space folded", Finding{File: "out/es/a.txt", Locale: "es", Message: "numbers differ:\nsee  the source"},
			false, "numbers differ: see the source"},
		{"on the source, same line", Finding{File: "out/es/a.txt", Line: 3, Locale: "es", Source: "en/a.txt", SourceLine: 3, Message: "segment still in English", Segment: "Hi."},
			true, "es edition: segment still in English: Hi."},
		{"on the source, another line", Finding{File: "out/es/a.txt", Line: 7, Locale: "es", Source: "en/a.txt", SourceLine: 3, Message: "segment still in English", Segment: "Hi."},
			true, "es (line 7) edition: segment still in English: Hi."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.f.File
			if tc.toSource {
				file = tc.f.Source
			}
			var eds []string
			if tc.toSource {
				eds = []string{sarifEdition(tc.f)}
			}
			got := sarifMessage(eds, sarifBody(tc.f, file, tc.toSource))
			assert.Equal(t, tc.want, got)
			assert.LessOrEqual(t, len(got), len(tc.f.Message)+len(": ")+sarifQuote+len("es (line 7) edition: "))
		})
	}
}

func TestSARIFURI(t *testing.T) {
	assert.Equal(t, "out/de/a%20b.txt", sarifURI("out/de/a b.txt"))
	assert.Equal(t, "file:///tmp/out/de/a.txt", sarifURI("/tmp/out/de/a.txt"))
}

func TestWriteJUnit(t *testing.T) {
	data := write(t, "junit", sampleReport())
	var suites struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Tests int    `xml:"tests,attr"`
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
				} `xml:"failure"`
				Out string `xml:"system-out"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal(data, &suites))
	failures, passes := 0, 0
	for _, s := range suites.Suites {
		for _, c := range s.Cases {
			if c.Failure != nil {
				failures++
			} else {
				passes++
			}
		}
	}
	// Three errors fail; the warning and the note pass with output; the
	// clean uk edition of a.txt is one passing case.
	assert.Equal(t, 3, failures)
	assert.Equal(t, 3, suites.Failures)
	assert.Equal(t, 3, passes)
	assert.Equal(t, 6, suites.Tests)
	assert.Len(t, suites.Suites, 4, "one suite per edition")
	clean := suites.Suites[len(suites.Suites)-1]
	assert.Equal(t, "out/uk/a.txt", clean.Name)
	require.Len(t, clean.Cases, 1)
	assert.Equal(t, "clean", clean.Cases[0].Name)

	// --fail-on warning: the warning fails too.
	var b bytes.Buffer
	require.NoError(t, Write(&b, "junit", sampleReport(), WriteOptions{FailOn: Warning}))
	require.NoError(t, xml.Unmarshal(b.Bytes(), &suites))
	assert.Equal(t, 4, suites.Failures)

	// A clean run is one passing test.
	require.NoError(t, xml.Unmarshal(write(t, "junit", &Report{}), &suites))
	assert.Equal(t, 1, suites.Tests)
	assert.Equal(t, 0, suites.Failures)
}

func TestWriteGitHub(t *testing.T) {
	r := sampleReport()
	lines := strings.Split(strings.TrimSuffix(string(write(t, "github", r)), "\n"), "\n")
	require.Len(t, lines, len(r.Findings), "one annotation a finding while they fit")
	assert.Equal(t, "::error file=out/de/a.txt,line=5,title=locpipe untranslated (de)::segment still in English: translate it: Officials said the roads were safe again.", lines[0])
	for _, l := range lines {
		assert.Regexp(t, `^::(error|warning|notice) file=[^,]+(,line=\d+)?,title=[^:]+::`, l)
	}
	assert.Contains(t, lines[3], "missing 50%25", "percent escaped")
	assert.True(t, strings.HasPrefix(lines[3], "::warning"), "errors first, then warnings")
}

// manyFindings makes n error findings spread over files and rules, and a
// few warnings.
func manyFindings(n int) *Report {
	r := &Report{}
	rules := []string{RuleUntranslated, RuleGlossaryDeprecated, RulePlaceholder}
	for i := 0; i < n; i++ {
		r.Findings = append(r.Findings, Finding{
			Rule: rules[i%len(rules)], Severity: Error, File: fmt.Sprintf("out/es/article-%02d.md", i%14), Line: 3 + i,
			Locale: "es", Segment: fmt.Sprintf("The shelling went on all night near the station number %d.", i),
			Message: "segment identical to its source (English): translate it", Source: fmt.Sprintf("en/article-%02d.md", i%14), SourceLine: 3 + i,
			SegmentID: fmt.Sprintf("u%d.1", i+2),
		})
	}
	for i := 0; i < 4; i++ {
		r.Findings = append(r.Findings, Finding{Rule: RuleNumbers, Severity: Warning, File: "out/es/article-00.md", Line: 90 + i, Locale: "es",
			Message: "numbers differ from the source", Source: "en/article-00.md", SourceLine: 90 + i, SegmentID: "u40.1"})
	}
	r.Summary.Files, r.Summary.Editions = 14, 14
	r.finish()
	return r
}

// Issue 20: 40 findings through GitHub's 10-annotations-per-kind limit:
// every error is in an annotation, none dropped.
func TestWriteGitHubGroupsPastTheLimit(t *testing.T) {
	r := manyFindings(40)
	out := string(write(t, "github", r))
	var errs, warns int
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		switch {
		case strings.HasPrefix(l, "::error "):
			errs++
		case strings.HasPrefix(l, "::warning "):
			warns++
		}
	}
	assert.LessOrEqual(t, errs, githubAnnotationsPerKind)
	assert.Equal(t, 4, warns, "four warnings fit one each")
	for _, f := range r.Findings {
		if f.Severity == Error {
			assert.Contains(t, out, f.Segment, "every error visible")
		}
	}
	// --annotate source points at the source lines and names the edition.
	var b bytes.Buffer
	require.NoError(t, Write(&b, "github", r, WriteOptions{Annotate: AnnotateSource}))
	assert.Contains(t, b.String(), "file=en/article-00.md,line=3,")
	assert.Contains(t, b.String(), "[es edition out/es/article-00.md:3]")
	// auto: tracked editions keep their place.
	b.Reset()
	require.NoError(t, Write(&b, "github", r, WriteOptions{Annotate: AnnotateAuto, Tracked: func(p string) bool { return p == "out/es/article-00.md" }}))
	assert.Contains(t, b.String(), "file=out/es/article-00.md,")
	assert.Contains(t, b.String(), "file=en/article-01.md,")
	assert.NotContains(t, b.String(), "file=out/es/article-01.md,")
}

func TestWriteStepSummary(t *testing.T) {
	r := manyFindings(40)
	var b bytes.Buffer
	require.NoError(t, WriteStepSummary(&b, r, WriteOptions{}))
	md := b.String()
	assert.Contains(t, md, "## locpipe check")
	assert.Contains(t, md, "Check **failed**: 40 errors, 4 warnings, 0 notes in 14 editions of 14 source files.")
	assert.Contains(t, md, "| rule | severity | es | total |")
	assert.Contains(t, md, "| `untranslated` | error | 14 | 14 |")
	assert.Contains(t, md, "| `numbers` | warning | 4 | 4 |")
	assert.Contains(t, md, "### First 20 of 44 findings")
	assert.Contains(t, md, "| error | out/es/article-00.md:3 | en/article-00.md:3 | `untranslated` |")
	assert.Equal(t, 20, strings.Count(md, "| error | out/"))

	b.Reset()
	require.NoError(t, WriteStepSummary(&b, &Report{Summary: Summary{Files: 2, Editions: 4}}, WriteOptions{}))
	assert.Equal(t, "## locpipe check\n\nCheck passed: 0 errors, 0 warnings, 0 notes in 4 editions of 2 source files.\n", b.String())
}

// On the source, the findings of several editions on one line, alike but
// for their locale, are one result naming the editions; findings that
// differ stay apart.
func TestWriteSARIFMergesEditions(t *testing.T) {
	seg := "Officials said the roads were safe."
	r := &Report{Findings: []Finding{
		{Rule: RuleUntranslated, Severity: Error, File: "out/es/a.txt", Line: 5, Locale: "es", Segment: seg, Message: "segment still in English", Source: "en/a.txt", SourceLine: 5},
		{Rule: RuleUntranslated, Severity: Error, File: "out/uk/a.txt", Line: 6, Locale: "uk", Segment: seg, Message: "segment still in English", Source: "en/a.txt", SourceLine: 5},
		{Rule: RuleUntranslated, Severity: Error, File: "out/de/a.txt", Line: 5, Locale: "de", Segment: seg, Message: "segment identical to its source (English)", Source: "en/a.txt", SourceLine: 5},
		{Rule: RuleNumbers, Severity: Warning, File: "out/fr/a.txt", Line: 5, Locale: "fr", Segment: seg, Message: "segment still in English", Source: "en/a.txt", SourceLine: 5},
	}}
	r.finish()
	for _, tc := range []struct {
		annotate Annotate
		want     []string
	}{
		{AnnotateSource, []string{
			"de edition: segment identical to its source (English): Officials said the roads were safe.",
			"es, uk (line 6) editions: segment still in English: Officials said the roads were safe.",
			"fr edition: segment still in English: Officials said the roads were safe.",
		}},
		{AnnotateEdition, []string{
			"segment identical to its source (English): Officials said the roads were safe.",
			"segment still in English: Officials said the roads were safe.",
			"segment still in English: Officials said the roads were safe.",
			"segment still in English: Officials said the roads were safe.",
		}},
	} {
		var b bytes.Buffer
		require.NoError(t, Write(&b, "sarif", r, WriteOptions{Annotate: tc.annotate}))
		validateSARIF(t, sarifSchema(t), b.Bytes())
		var log sarifOut
		require.NoError(t, json.Unmarshal(b.Bytes(), &log))
		var got []string
		for _, res := range log.Runs[0].Results {
			got = append(got, res.Message.Text)
		}
		assert.Equal(t, tc.want, got, "annotate %d", tc.annotate)
	}
}

// Issue 20: lean SARIF, still valid, pointing at the edition or at the
// source line.
func TestWriteSARIFSize(t *testing.T) {
	r := manyFindings(40)
	schema := sarifSchema(t)
	for _, tc := range []struct {
		annotate Annotate
		uri, msg string
		bound    int
	}{
		// Measured: 12 298 bytes for these 44 results (edition) and 12 650
		// (source), from 18 020 with every rule listed, the locale and the
		// whole segment in every message and a partialFingerprints per
		// result; the go-sarif writer made 68.7 KB. About 150 bytes of a
		// result are what code scanning requires (ruleId, message.text,
		// artifactLocation.uri, region.startLine), the rest its message.
		{AnnotateEdition, "out/es/article-00.md", "segment identical to its source (English): translate it: The shelling went on all night near…", 12_500},
		{AnnotateSource, "en/article-00.md", "es edition: segment identical to its source (English): translate it: The shelling went on all night near…", 12_900},
	} {
		var b bytes.Buffer
		require.NoError(t, Write(&b, "sarif", r, WriteOptions{Annotate: tc.annotate}))
		validateSARIF(t, schema, b.Bytes())
		t.Logf("SARIF for %d results, annotate %d: %d bytes, %d per result", len(r.Findings), tc.annotate, b.Len(), b.Len()/len(r.Findings))
		assert.Less(t, b.Len(), tc.bound)
		var log sarifOut
		require.NoError(t, json.Unmarshal(b.Bytes(), &log))
		res := log.Runs[0].Results[0]
		assert.Equal(t, tc.uri, res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		assert.Equal(t, tc.msg, res.Message.Text)
		assert.Len(t, log.Runs[0].Tool.Driver.Rules, 4, "the four rules used")
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "xml", &Report{}, WriteOptions{})
	require.ErrorIs(t, err, format.ErrUnknownFormat)
}

func TestWriteTextColor(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, Write(&b, "text", sampleReport(), WriteOptions{Color: true}))
	assert.Contains(t, b.String(), ansiRed+"error"+ansiReset)
	assert.NotContains(t, string(write(t, "text", sampleReport())), "\x1b[")
}

func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "baseline.json")
	known := sampleReport()
	known.Findings = known.Findings[:2]
	require.NoError(t, os.WriteFile(p, write(t, "json", known), 0o644))
	b, err := LoadBaseline(p)
	require.NoError(t, err)

	r := sampleReport()
	// Lines move between runs: the fingerprint does not depend on them.
	for i := range r.Findings {
		r.Findings[i].Line += 10
	}
	b.Apply(r)
	assert.Len(t, r.Findings, 3)
	assert.Equal(t, 2, r.Summary.Baselined)
	assert.Equal(t, 1, r.Summary.Errors)

	require.NoError(t, os.WriteFile(p, []byte(`{"findings":[{"file":"x"}]}`), 0o644))
	_, err = LoadBaseline(p)
	require.ErrorIs(t, err, ErrBadBaseline)
	_, err = LoadBaseline(filepath.Join(dir, "none.json"))
	require.Error(t, err)
}

func TestParseRules(t *testing.T) {
	for _, tc := range []struct {
		spec string
		want map[string]Severity
		err  bool
	}{
		{"", map[string]Severity{RuleUntranslated: Error, RuleNumbers: Warning}, false},
		{"untranslated=off,numbers=error", map[string]Severity{RuleUntranslated: Off, RuleNumbers: Error}, false},
		{"all=off,untranslated", map[string]Severity{RuleUntranslated: Error, RuleNumbers: Off, RuleEmpty: Off}, false},
		{" glossary-missing = note ", map[string]Severity{RuleGlossaryMissing: Note}, false},
		{"numbers=warn,empty=info", map[string]Severity{RuleNumbers: Warning, RuleEmpty: Note}, false},
		{"spelling=off", nil, true},
		{"numbers=loud", nil, true},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			got, err := ParseRules(nil, tc.spec)
			if tc.err {
				require.ErrorIs(t, err, ErrBadRules)
				return
			}
			require.NoError(t, err)
			for k, v := range tc.want {
				assert.Equal(t, v, got.Of(k), k)
			}
		})
	}
}

// URL passwords in an edition's text never reach a report.
func TestReportMasksURLPasswords(t *testing.T) {
	r := &Report{Findings: []Finding{{Rule: RuleUntranslated, Severity: Error, File: "out/de/a.txt", Line: 1, Locale: "de",
		Segment: "See https://editor:hunter2@example.org/draft for the draft.", Message: "segment still in English (https://u:pw@h/): translate it"}}}
	r.finish()
	for _, f := range Formats {
		out := string(write(t, f, r))
		assert.NotContains(t, out, "hunter2", f)
		assert.NotContains(t, out, ":pw@", f)
		assert.Contains(t, out, "editor:xxxxx@example.org", f)
	}
}
