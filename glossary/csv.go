package glossary

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/language"
)

// ImportOptions say what a file cannot: the languages of a two-column
// (DeepL) glossary without a language header.
type ImportOptions struct {
	Source, Target language.Tag
}

// CSV layouts.
//
// Concept layout (one row per concept, what WriteCSV writes): a header row
// naming the columns, then one row per concept. Columns: id, note,
// exceptions, case_sensitive, do_not_translate, and per language L: L (the
// preferred term), L:admitted, L:deprecated, L:forms, L:deprecated_forms,
// L:case_sensitive, L:forbidden (terms forbidden where L has no term),
// L:exceptions (phrases that keep their naming in L only). Lists are separated by " | "; forms are tag=form.
//
// DeepL layout: rows of source term, target term and, optionally, source and
// target language (DeepL's own CSV), or a first row naming the two
// languages ("en,uk"). OmegaT's glossaries are the same with a third column,
// a comment, which becomes the concept's note. Each row is a concept whose source term is preferred
// and target term is preferred; when both languages are the same, the row
// says "write the target instead of the source": the source becomes a
// deprecated term of the concept whose preferred term is the target.

const listSep = " | "

// ParseCSV reads a CSV glossary (comma ',' ) or TSV ('\t') in either layout.
func ParseCSV(name string, data []byte, comma rune, opts ImportOptions) (*Glossary, error) {
	data = stripBOM(data)
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = comma == '\t'
	var rows [][]string
	var lines []int
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &LoadError{File: name, Line: pe.Line, Err: fmt.Errorf("%w: %v", ErrInvalid, pe.Err)}
			}
			return nil, &LoadError{File: name, Err: fmt.Errorf("%w: %v", ErrInvalid, err)}
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" || len(rec) > 0 && strings.HasPrefix(rec[0], "#") {
			continue
		}
		rows = append(rows, rec)
		lines = append(lines, line)
	}
	if len(rows) == 0 {
		return &Glossary{}, nil
	}
	for _, h := range rows[0] {
		if strings.EqualFold(strings.TrimSpace(h), "id") {
			return parseConceptCSV(name, rows, lines)
		}
	}
	return parseDeepL(name, rows, lines, opts)
}

func stripBOM(data []byte) []byte { return bytes.TrimPrefix(data, []byte("\uFEFF")) }

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "no", "false", "0":
		return false, nil
	case "yes", "true", "1", "x":
		return true, nil
	}
	return false, fmt.Errorf("%q is not yes or no", s)
}

func parseConceptCSV(name string, rows [][]string, lines []int) (*Glossary, error) {
	header := rows[0]
	g := &Glossary{}
	for ri, rec := range rows[1:] {
		line := lines[ri+1]
		bad := func(format string, a ...any) error {
			return &LoadError{File: name, Line: line, Err: fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, a...))}
		}
		c := &Concept{Terms: map[string]TermSet{}}
		pos := position{file: name, line: line}
		for ci, v := range rec {
			if ci >= len(header) {
				if strings.TrimSpace(v) != "" {
					return nil, bad("column %d has no header", ci+1)
				}
				continue
			}
			col := strings.TrimSpace(header[ci])
			v = strings.TrimSpace(v)
			var err error
			switch strings.ToLower(col) {
			case "id":
				c.ID = v
			case "note":
				c.Note = v
			case "exceptions":
				c.Exceptions = splitList(v)
			case "case_sensitive":
				c.CaseSensitive, err = parseBool(v)
			case "do_not_translate":
				c.DoNotTranslate, err = parseBool(v)
			default:
				lang, field, _ := strings.Cut(col, ":")
				if _, perr := language.Parse(lang); perr != nil {
					return nil, bad("column %q is neither a known column nor a language", col)
				}
				if v == "" {
					continue
				}
				if field == "forbidden" {
					if c.Forbidden == nil {
						c.Forbidden = map[string][]string{}
					}
					c.Forbidden[lang] = splitList(v)
					continue
				}
				ts := c.Terms[lang]
				pos.setTerms(lang, line)
				switch field {
				case "", "preferred":
					ts.Preferred = v
				case "admitted":
					ts.Admitted = splitList(v)
				case "deprecated":
					ts.Deprecated = splitList(v)
				case "forms":
					ts.Forms = nil
					for _, kv := range splitList(v) {
						k, f, ok := strings.Cut(kv, "=")
						if !ok {
							return nil, bad("%s: form %q is not tag=form", col, kv)
						}
						ts.Forms.Set(strings.TrimSpace(k), strings.TrimSpace(f))
					}
				case "deprecated_forms":
					ts.DeprecatedForms = map[string][]string{}
					for _, kv := range splitList(v) {
						k, f, ok := strings.Cut(kv, "=")
						if !ok {
							return nil, bad("%s: form %q is not tag=form", col, kv)
						}
						k = strings.TrimSpace(k)
						ts.DeprecatedForms[k] = append(ts.DeprecatedForms[k], strings.TrimSpace(f))
					}
				case "case_sensitive":
					ts.CaseSensitive, err = parseBool(v)
				case "exceptions":
					ts.Exceptions = splitList(v)
				default:
					return nil, bad("column %q: unknown field %q", col, field)
				}
				c.Terms[lang] = ts
			}
			if err != nil {
				return nil, bad("column %q: %v", col, err)
			}
		}
		c.Origin = fmt.Sprintf("%s:%d", name, line)
		c.pos = pos
		g.Concepts = append(g.Concepts, c)
	}
	return validated(name, g)
}

func looksLikeLang(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 2 || len(s) > 12 {
		return false
	}
	_, err := language.Parse(s)
	return err == nil
}

var nonID = regexp.MustCompile(`[^\p{L}\p{N}]+`)

// slugID makes a concept id from a term: "Chicken Kiev" → "chicken-kiev".
func slugID(term string, seen map[string]int) string {
	id := strings.Trim(nonID.ReplaceAllString(strings.ToLower(term), "-"), "-")
	if id == "" {
		id = "concept"
	}
	base := id
	for n := 2; ; n++ {
		if _, dup := seen[id]; !dup {
			return id
		}
		id = base + "-" + strconv.Itoa(n)
	}
}

func parseDeepL(name string, rows [][]string, lines []int, opts ImportOptions) (*Glossary, error) {
	src, tgt := opts.Source, opts.Target
	if len(rows[0]) == 2 && looksLikeLang(rows[0][0]) && looksLikeLang(rows[0][1]) {
		src, tgt = language.Make(strings.TrimSpace(rows[0][0])), language.Make(strings.TrimSpace(rows[0][1]))
		rows, lines = rows[1:], lines[1:]
	}
	g := &Glossary{}
	seen := map[string]int{}
	byTarget := map[string]*Concept{} // same-language rows: one concept per target
	for i, rec := range rows {
		line := lines[i]
		bad := func(format string, a ...any) error {
			return &LoadError{File: name, Line: line, Err: fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, a...))}
		}
		if len(rec) < 2 || len(rec) > 4 {
			return nil, bad("want 2 columns (source, target), 3 (source, target, comment: OmegaT's layout) or 4 (source, target, source language, target language), got %d", len(rec))
		}
		comment := ""
		if len(rec) == 3 {
			comment = strings.TrimSpace(rec[2])
		}
		s, t := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		rs, rt := src, tgt
		if len(rec) == 4 {
			var err1, err2 error
			rs, err1 = language.Parse(strings.TrimSpace(rec[2]))
			rt, err2 = language.Parse(strings.TrimSpace(rec[3]))
			if err := errors.Join(err1, err2); err != nil {
				return nil, bad("languages %q, %q: %v", rec[2], rec[3], err)
			}
		}
		if rs == language.Und || rt == language.Und {
			return nil, bad("a two-column glossary needs its languages: give --from and --to, or a first row such as \"en,uk\"")
		}
		if s == "" || t == "" {
			return nil, bad("empty term")
		}
		sl, tl := rs.String(), rt.String()
		if sl == tl {
			if c, ok := byTarget[sl+"\x00"+t]; ok {
				ts := c.Terms[sl]
				ts.Deprecated = append(ts.Deprecated, s)
				c.Terms[sl] = ts
				continue
			}
			c := &Concept{ID: slugID(t, seen), Note: comment, Terms: map[string]TermSet{sl: {Preferred: t, Deprecated: []string{s}}}}
			c.pos = position{file: name, line: line, terms: []langLine{{sl, line}}}
			c.Origin = fmt.Sprintf("%s:%d", name, line)
			seen[c.ID] = line
			byTarget[sl+"\x00"+t] = c
			g.Concepts = append(g.Concepts, c)
			continue
		}
		c := &Concept{ID: slugID(s, seen), Note: comment, Terms: map[string]TermSet{sl: {Preferred: s}, tl: {Preferred: t}}}
		c.pos = position{file: name, line: line}
		c.pos.setTerms(sl, line)
		c.pos.setTerms(tl, line)
		c.Origin = fmt.Sprintf("%s:%d", name, line)
		seen[c.ID] = line
		g.Concepts = append(g.Concepts, c)
	}
	return validated(name, g)
}

// languages returns every language the glossary has terms in, sorted.
func (g *Glossary) languages() []string {
	set := map[string]bool{}
	for _, c := range g.Concepts {
		for l := range c.Terms {
			set[l] = true
		}
		for l := range c.Forbidden {
			set[l] = true
		}
	}
	return sortedKeys(set)
}

func joinForms(fs Forms) string {
	var parts []string
	for _, f := range fs.sorted() {
		parts = append(parts, f.Tag+"="+f.Text)
	}
	return strings.Join(parts, listSep)
}

func joinFormLists(m map[string][]string) string {
	var parts []string
	for _, k := range sortedKeys(m) {
		for _, f := range m[k] {
			parts = append(parts, k+"="+f)
		}
	}
	return strings.Join(parts, listSep)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

// WriteCSV writes g in the concept layout (one row per concept), which
// ParseCSV reads back without loss. comma is ',' for CSV or '\t' for TSV.
func WriteCSV(w io.Writer, g *Glossary, comma rune) error {
	langs := g.languages()
	header := []string{"id", "note", "exceptions", "case_sensitive", "do_not_translate"}
	fields := []string{"", ":admitted", ":deprecated", ":forms", ":deprecated_forms", ":case_sensitive", ":forbidden", ":exceptions"}
	used := map[string]bool{}
	for _, c := range g.Concepts {
		for l := range c.Forbidden {
			used[l+":forbidden"] = true
		}
		for l, ts := range c.Terms {
			used[l] = true
			if len(ts.Admitted) > 0 {
				used[l+":admitted"] = true
			}
			if len(ts.Deprecated) > 0 {
				used[l+":deprecated"] = true
			}
			if len(ts.Forms) > 0 {
				used[l+":forms"] = true
			}
			if len(ts.DeprecatedForms) > 0 {
				used[l+":deprecated_forms"] = true
			}
			if ts.CaseSensitive {
				used[l+":case_sensitive"] = true
			}
			if len(ts.Exceptions) > 0 {
				used[l+":exceptions"] = true
			}
		}
	}
	var cols []string
	for _, l := range langs {
		for _, f := range fields {
			if used[l+f] {
				cols = append(cols, l+f)
			}
		}
	}
	header = append(header, cols...)
	cw := csv.NewWriter(w)
	cw.Comma = comma
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, c := range g.Concepts {
		rec := []string{c.ID, c.Note, strings.Join(c.Exceptions, listSep), yesNo(c.CaseSensitive), yesNo(c.DoNotTranslate)}
		for _, col := range cols {
			l, f, _ := strings.Cut(col, ":")
			ts := c.Terms[l]
			var v string
			switch f {
			case "":
				v = ts.Preferred
			case "admitted":
				v = strings.Join(ts.Admitted, listSep)
			case "deprecated":
				v = strings.Join(ts.Deprecated, listSep)
			case "forms":
				v = joinForms(ts.Forms)
			case "deprecated_forms":
				v = joinFormLists(ts.DeprecatedForms)
			case "case_sensitive":
				v = yesNo(ts.CaseSensitive)
			case "forbidden":
				v = strings.Join(c.Forbidden[l], listSep)
			case "exceptions":
				v = strings.Join(ts.Exceptions, listSep)
			}
			rec = append(rec, v)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteDeepL writes the src → tgt entries of g in DeepL's two-column layout
// (comma ',' for CSV, '\t' for TSV): every term of src (admitted, deprecated
// and inflected forms included) with the target's preferred term or form.
// With src == tgt it writes the house-style rewrites (deprecated → preferred).
// Concepts without terms in both languages are left out.
func WriteDeepL(w io.Writer, g *Glossary, src, tgt language.Tag, comma rune) error {
	cw := csv.NewWriter(w)
	cw.Comma = comma
	done := map[string]bool{}
	for _, c := range g.Concepts {
		s, ok1 := c.TermsFor(src)
		t, ok2 := c.TermsFor(tgt)
		if !ok1 || !ok2 {
			continue
		}
		var recs [][]string
		s.all(func(term string, st Status, form string) {
			to := t.target(form)
			if c.DoNotTranslate {
				to = term
			}
			if src == tgt && (st == Preferred || term == to) {
				return
			}
			if !done[term] {
				done[term] = true
				recs = append(recs, []string{term, to})
			}
		})
		if err := cw.WriteAll(recs); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
