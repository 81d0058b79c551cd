package glossary

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// Lint rules.
const (
	RuleConflict         = "conflict"          // one term, concepts with different preferred terms
	RuleDeprecatedInOne  = "deprecated-in-one" // a term deprecated in one concept and preferred in another
	RuleCycle            = "cycle"             // rewrites that lead back to where they started
	RuleExceptionNoMatch = "exception-never-matches"
	RuleDuplicate        = "duplicate" // a term or exception listed twice, or two concepts with the same term
)

// Finding is one problem Lint found, at a place in a glossary file.
type Finding struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Rule    string `json:"rule"`
	Concept string `json:"concept"`
	Message string `json:"message"`

	involved []*Concept // every concept the finding concerns, the one it is placed at first
	lang     string     // the language of the terms concerned, "" for exceptions
}

func (f Finding) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", f.File, f.Line, f.Rule, f.Message)
}

type termUse struct {
	c      *Concept
	term   string
	status Status
	form   string
}

// Lint checks a glossary (the result of Merge over the files an editor
// uses, so that problems between files show too) and returns its findings
// sorted by file and line: terms whose concepts want different preferred
// terms, terms deprecated in one concept and preferred in another, rewrite
// cycles, exceptions that contain none of their concept's terms (and so
// never apply), and duplicates.
func Lint(g *Glossary) []Finding {
	var out []Finding
	var curLang string
	var with []*Concept // the other concepts the next finding concerns
	add := func(c *Concept, line int, rule, format string, a ...any) {
		out = append(out, Finding{File: c.pos.file, Line: line, Rule: rule, Concept: c.ID, Message: fmt.Sprintf(format, a...),
			involved: append([]*Concept{c}, with...), lang: curLang})
	}
	for _, lang := range g.languages() {
		curLang = lang
		tag, err := language.Parse(lang)
		if err != nil {
			continue
		}
		fo := newFolder(tag)
		uses := map[string][]termUse{}
		var keys []string
		for _, c := range g.Concepts {
			ts, ok := c.Terms[lang]
			if !ok {
				continue
			}
			ts.all(func(term string, st Status, form string) {
				k := fo.foldString(term)
				if k == "" {
					return
				}
				if _, ok := uses[k]; !ok {
					keys = append(keys, k)
				}
				uses[k] = append(uses[k], termUse{c: c, term: term, status: st, form: form})
			})
		}
		for _, k := range keys {
			us := uses[k]
			// Within one concept.
			byConcept := map[*Concept][]termUse{}
			var order []*Concept
			inOrder := map[*Concept]bool{}
			for _, u := range us {
				if !inOrder[u.c] {
					inOrder[u.c] = true
					order = append(order, u.c)
				}
				// Inflected forms may share a spelling (uk Луганську is
				// both dative and locative): only whole terms count twice.
				if u.form == "" {
					byConcept[u.c] = append(byConcept[u.c], u)
				}
			}
			for _, c := range order {
				if cu := byConcept[c]; len(cu) > 1 {
					add(c, c.termLine(lang), RuleDuplicate, "%s term %q is listed %d times in concept %q (%s)", lang, cu[0].term, len(cu), c.ID, statuses(cu))
				}
			}
			if len(order) < 2 {
				continue
			}
			var pref, depr []termUse
			targets := map[string]bool{}
			for _, u := range us {
				switch u.status {
				case Preferred:
					pref = append(pref, u)
				case Deprecated:
					depr = append(depr, u)
				}
				targets[u.c.Terms[lang].target(u.form)] = true
			}
			first := order[0]
			others := conceptIDs(order[1:])
			with = order
			switch {
			case len(pref) > 0 && len(depr) > 0 && pref[0].c != depr[0].c:
				add(depr[0].c, depr[0].c.termLine(lang), RuleDeprecatedInOne, "%s term %q is deprecated in concept %q but preferred in concept %q (%s)", lang, depr[0].term, depr[0].c.ID, pref[0].c.ID, pref[0].c.Origin)
			case len(targets) > 1:
				add(first, first.termLine(lang), RuleConflict, "%s term %q has conflicting targets: concept %q (%s) writes %q, %s %s", lang, us[0].term, first.ID, first.Origin, first.Terms[lang].Preferred, others, targetList(order[1:], lang))
			default:
				add(first, first.termLine(lang), RuleDuplicate, "%s term %q is in concepts %q and %s", lang, us[0].term, first.ID, others)
			}
			with = nil
		}
		out = append(out, cycles(lang, fo, g.Concepts)...)
	}
	// Exceptions.
	curLang = ""
	for _, c := range g.Concepts {
		seen := map[string]int{}
		for i, e := range c.Exceptions {
			if j, dup := seen[strings.ToLower(strings.TrimSpace(e))]; dup {
				add(c, c.exceptionLine(i), RuleDuplicate, "exception %q of concept %q is listed twice (first as exception %d)", e, c.ID, j+1)
				continue
			}
			seen[strings.ToLower(strings.TrimSpace(e))] = i
			if !exceptionContainsTerm(c, e) {
				add(c, c.exceptionLine(i), RuleExceptionNoMatch, "exception %q of concept %q contains none of the concept's terms as a whole word: it never applies", e, c.ID)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}

// LintAgainst checks the glossary files against the layers they will be
// used with: base (the built-in glossary and the other files translate
// layers under them) merged with files in order, as translate merges them.
// Only findings that concern a concept of files are returned, each placed
// at that concept (so a file that conflicts with the built-in glossary is
// told where in the file), sorted by file and line.
func LintAgainst(base *Glossary, files ...*Glossary) []Finding {
	mine := map[*Concept]bool{}
	for _, f := range files {
		for _, c := range f.Concepts {
			mine[c] = true
		}
	}
	var out []Finding
	for _, f := range Lint(Merge(append([]*Glossary{base}, files...)...)) {
		var at *Concept
		for _, c := range f.involved {
			if mine[c] {
				at = c
				break
			}
		}
		if at == nil {
			continue
		}
		if at != f.involved[0] {
			f.File, f.Concept = at.pos.file, at.ID
			f.Line = at.pos.line
			if f.lang != "" {
				f.Line = at.termLine(f.lang)
			}
		}
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}

func statuses(us []termUse) string {
	var s []string
	for _, u := range us {
		st := string(u.status)
		if u.form != "" {
			st += " form " + u.form
		}
		s = append(s, st)
	}
	return strings.Join(s, ", ")
}

func conceptIDs(cs []*Concept) string {
	var s []string
	for _, c := range cs {
		s = append(s, fmt.Sprintf("%q (%s)", c.ID, c.Origin))
	}
	return strings.Join(s, ", ")
}

func targetList(cs []*Concept, lang string) string {
	var s []string
	for _, c := range cs {
		s = append(s, fmt.Sprintf("%q", c.Terms[lang].Preferred))
	}
	return "writes " + strings.Join(s, ", ")
}

// exceptionContainsTerm reports whether any of c's terms, in any language,
// matches inside the exception phrase e.
func exceptionContainsTerm(c *Concept, e string) bool {
	bare := *c
	bare.Exceptions = nil
	bare.Terms = map[string]TermSet{}
	for l, ts := range c.Terms {
		ts.Exceptions = nil
		bare.Terms[l] = ts
	}
	for lang := range c.Terms {
		tag, err := language.Parse(lang)
		if err != nil {
			continue
		}
		if len(newMatcher([]*Concept{&bare}, tag).Find(e)) > 0 {
			return true
		}
	}
	return false
}

// cycles finds rewrite cycles in one language: each non-preferred term
// rewrites to its concept's preferred term (or form); a chain that comes
// back to its start never settles.
func cycles(lang string, fo folder, concepts []*Concept) []Finding {
	type edge struct {
		to string
		c  *Concept
	}
	graph := map[string][]edge{}
	var nodes []string
	display := map[string]string{}
	for _, c := range concepts {
		ts, ok := c.Terms[lang]
		if !ok {
			continue
		}
		ts.all(func(term string, st Status, form string) {
			k := fo.foldString(term)
			if _, ok := display[k]; !ok {
				display[k] = term
			}
			if st == Preferred {
				return
			}
			to := fo.foldString(ts.target(form))
			if to == k || to == "" {
				return
			}
			if _, ok := graph[k]; !ok {
				nodes = append(nodes, k)
			}
			graph[k] = append(graph[k], edge{to: to, c: c})
		})
	}
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var stack []string
	var via []*Concept
	var out []Finding
	reported := map[string]bool{}
	var visit func(n string)
	visit = func(n string) {
		color[n] = grey
		stack = append(stack, n)
		for _, e := range graph[n] {
			via = append(via, e.c)
			switch color[e.to] {
			case white:
				visit(e.to)
			case grey:
				i := len(stack) - 1
				for stack[i] != e.to {
					i--
				}
				cyc := append(append([]string(nil), stack[i:]...), e.to)
				cs := via[i:]
				var names, ids []string
				for _, k := range cyc {
					names = append(names, display[k])
				}
				for _, c := range cs {
					ids = append(ids, c.ID)
				}
				key := strings.Join(ids, ",")
				if !reported[key] {
					reported[key] = true
					c := cs[0]
					out = append(out, Finding{File: c.pos.file, Line: c.termLine(lang), Rule: RuleCycle, Concept: c.ID,
						Message:  fmt.Sprintf("%s rewrite cycle %s (concepts %s)", lang, strings.Join(names, " → "), strings.Join(ids, ", ")),
						involved: append([]*Concept(nil), cs...), lang: lang})
				}
			}
			via = via[:len(via)-1]
		}
		stack = stack[:len(stack)-1]
		color[n] = black
	}
	for _, n := range nodes {
		if color[n] == white {
			visit(n)
		}
	}
	return out
}
