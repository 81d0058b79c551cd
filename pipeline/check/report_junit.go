package check

import (
	"encoding/xml"
	"fmt"
	"io"
)

// JUnit XML: one test suite per edition, one test case per finding and
// one passing test case for each clean edition, so that a CI test report
// counts clean editions as passes and shows every finding once. Findings
// below WriteOptions.FailOn are passing cases with the finding as output:
// a warning does not turn a report red that does not fail the check.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func writeJUnit(w io.Writer, rep *Report, opts WriteOptions) error {
	failOn := opts.FailOn
	if failOn == Off {
		failOn = Error
	}
	out := junitSuites{Name: "locpipe check"}
	idx := map[string]int{}
	suite := func(name string) *junitSuite {
		i, ok := idx[name]
		if !ok {
			i = len(out.Suites)
			idx[name] = i
			out.Suites = append(out.Suites, junitSuite{Name: name})
		}
		return &out.Suites[i]
	}
	for _, f := range rep.Findings {
		s := suite(f.File)
		file, line, note := opts.place(f)
		text := fmt.Sprintf("%s:%d: %s%s [%s, %s]", file, line, note, f.Message, f.Rule, f.Severity)
		if f.Segment != "" {
			text += "\n" + f.Segment
		}
		c := junitCase{
			Name:      fmt.Sprintf("%s line %d", f.Rule, f.Line),
			Classname: "locpipe.check." + f.Locale + "." + f.Rule,
			File:      file,
			Line:      line,
		}
		if f.Severity >= failOn {
			c.Failure = &junitFailure{Message: f.Message, Type: f.Severity.String() + ":" + f.Rule, Text: text}
			s.Failures++
			out.Failures++
		} else {
			c.SystemOut = f.Severity.String() + ": " + text
		}
		s.Cases = append(s.Cases, c)
		s.Tests++
		out.Tests++
	}
	for _, e := range rep.Checked {
		if _, dirty := idx[e.File]; dirty {
			continue
		}
		s := suite(e.File)
		s.Cases = append(s.Cases, junitCase{Name: "clean", Classname: "locpipe.check." + e.Locale, File: e.File})
		s.Tests++
		out.Tests++
	}
	if len(out.Suites) == 0 {
		out.Suites = append(out.Suites, junitSuite{Name: "locpipe check", Tests: 1,
			Cases: []junitCase{{Name: fmt.Sprintf("%d editions clean", rep.Summary.Editions), Classname: "locpipe.check"}}})
		out.Tests = 1
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("junit: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
