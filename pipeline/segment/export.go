package segment

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// ExportSRX writes the shipped rules of every language as one SRX 2.0
// document, for SRX engines such as Okapi and OmegaT: a languagerule
// "locpipe-xx" per language (cascade="no": each set is complete) and a map
// from the language code to it. What the data files say is exported: the
// abbreviation lists by class, continuations, sentence starters, final
// letters, the language's stops and its own rules. What the Go code decides from
// context (quotation and bracket state, lists, soft-wrapped lines, ordinal
// numbers, initials of uncased scripts) has no exact SRX form and is not
// exported; loaded back with SRXOver, the export changes nothing (a test
// checks this on the shared corpus).
func ExportSRX(w io.Writer) error {
	all, err := embedded()
	if err != nil {
		return err
	}
	langs := slices.DeleteFunc(slices.Sorted(maps.Keys(all)), func(l string) bool {
		return all[l].Language() == "und" && l != rootName // inherited files such as common
	})
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	fmt.Fprintf(bw, "<!-- Sentence-segmentation rules exported by: locpipe segment (export-srx). -->\n")
	fmt.Fprintf(bw, "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\">\n")
	fmt.Fprintf(bw, "  <header segmentsubflows=\"yes\" cascade=\"no\">\n")
	fmt.Fprintf(bw, "    <formathandle type=\"start\" include=\"no\"/>\n    <formathandle type=\"end\" include=\"yes\"/>\n    <formathandle type=\"isolated\" include=\"yes\"/>\n")
	fmt.Fprintf(bw, "  </header>\n  <body>\n    <languagerules>\n")
	for _, l := range langs {
		fmt.Fprintf(bw, "      <languagerule languagerulename=\"locpipe-%s\">\n", l)
		for _, r := range exportRules(all[l]) {
			brk := "no"
			if r.brk {
				brk = "yes"
			}
			if r.comment != "" {
				fmt.Fprintf(bw, "        <!-- %s -->\n", r.comment)
			}
			fmt.Fprintf(bw, "        <rule break=\"%s\">", brk)
			if r.before != "" {
				bw.WriteString("<beforebreak>")
				_ = xml.EscapeText(bw, []byte(r.before))
				bw.WriteString("</beforebreak>")
			}
			if r.after != "" {
				bw.WriteString("<afterbreak>")
				_ = xml.EscapeText(bw, []byte(r.after))
				bw.WriteString("</afterbreak>")
			}
			bw.WriteString("</rule>\n")
		}
		fmt.Fprintf(bw, "      </languagerule>\n")
	}
	fmt.Fprintf(bw, "    </languagerules>\n    <maprules>\n")
	for _, l := range langs {
		if l == rootName {
			continue
		}
		fmt.Fprintf(bw, "      <languagemap languagepattern=\"%s([-_].*)?\" languagerulename=\"locpipe-%s\"/>\n", l, l)
	}
	fmt.Fprintf(bw, "      <languagemap languagepattern=\".*\" languagerulename=\"locpipe-%s\"/>\n", rootName)
	fmt.Fprintf(bw, "    </maprules>\n  </body>\n</srx>\n")
	return bw.Flush()
}

type exportRule struct {
	brk                    bool
	before, after, comment string
}

// The classes the exported patterns use (Java and RE2 read them alike).
const (
	xTokStart = `(?:^|[\s(\[{"'“‘„«‹¿¡])`
	xOpeners  = `["'“‘„«‹(\[{¿¡—–-]*`
	xClosers  = `["'”’»›)\]}」』）》〉]*`
	xHSpace   = `[ \t\x{A0}\x{202F}]+`
	xWordEnd  = `(?:[^\p{L}\p{M}\p{N}]|$)` // \b is ASCII-only in RE2
)

// alternation writes words as a regexp alternation: entries written in
// lower case match in any case, the others as written.
func alternation(words []string) string {
	var fold, exact []string
	for _, w := range words {
		q := regexp.QuoteMeta(w)
		if w == strings.ToLower(w) {
			fold = append(fold, q)
		} else {
			exact = append(exact, q)
		}
	}
	var parts []string
	if len(fold) > 0 {
		parts = append(parts, "(?i:"+strings.Join(fold, "|")+")")
	}
	parts = append(parts, exact...)
	return "(?:" + strings.Join(parts, "|") + ")"
}

func sortedKeys(m map[string]struct{}) []string {
	return slices.Sorted(maps.Keys(m))
}

// exportRules writes one language's rules as SRX rules, in the order an
// SRX engine must try them.
func exportRules(r *Rules) []exportRule {
	var out []exportRule
	add := func(brk bool, before, after, comment string) {
		out = append(out, exportRule{brk: brk, before: before, after: after, comment: comment})
	}
	add(true, "", `[ \t\r]*\n[ \t\r]*\n`, "a blank line always ends a sentence")
	for _, s := range r.srx {
		add(s.brk, s.srcBefore, s.srcAfter, "")
	}
	stops := `.!?…‼⁇⁈⁉؟։।॥۔`
	for c := range r.extra {
		stops += string(c)
	}
	stopClass := "[" + regexp.QuoteMeta(stops) + "]"
	add(false, stopClass+xClosers, `\s*[,;:،、，；：]`, "a comma or colon after the stop continues the sentence")
	add(true, `\p{L}\?`, `\s+\p{Ll}`, "a question mark after a word ends a question before a lower-case word")
	if r.finalLetters != "" {
		add(true, xTokStart+`[\p{L}\p{M}]*[`+regexp.QuoteMeta(r.finalLetters)+`]\.`, `\s+`+xOpeners+`\p{Ll}`,
			"a word ending in a letter only complete words end in is no abbreviation")
	}
	add(false, stopClass+xClosers, `\s+`+xOpeners+`\p{Ll}`, "a lower-case word after the stop continues the sentence")
	starters := ""
	if len(r.starters) > 0 {
		starters = alternation(sortedKeys(r.starters)) + xWordEnd
	}
	if t := r.lists[abbrTitle]; len(t) > 0 {
		add(false, xTokStart+alternation(t)+`\.`, `[ \t\x{A0}\n]`, "titles and words that introduce what follows")
	}
	if t := r.lists[abbrNumber]; len(t) > 0 {
		add(false, xTokStart+alternation(t)+`\.`, xHSpace+`[\d№#]`, "before a number")
	}
	if r.nonFinal != "" {
		add(false, xTokStart+`\p{Ll}*[`+regexp.QuoteMeta(r.nonFinal)+`]\.`, xHSpace+`\d+(?:[^\d.)]|$)`,
			"a lower-case word ending in a letter no word ends in is an abbreviation before a number")
	}
	general := append(slices.Clone(r.lists[abbrGeneral]), r.lists[abbrClosing]...)
	if len(general) > 0 {
		abbr := xTokStart + alternation(general) + `\.`
		add(false, abbr, xHSpace+`[\d№#]`, "an abbreviation before a number")
		if r.nounCaps {
			if starters != "" {
				add(true, abbr, xHSpace+xOpeners+starters, "nouns are capitalised: an abbreviation ends a sentence only before a sentence starter")
			}
			add(false, abbr, xHSpace, "")
		} else if len(r.continuations) > 0 {
			add(false, abbr, xHSpace+alternation(sortedKeys(r.continuations))+xWordEnd, "words that continue after an abbreviation")
		}
	}
	if starters != "" {
		add(true, xTokStart+`\p{Lu}\.`, xHSpace+xOpeners+starters, "an initial before a sentence starter ends the sentence")
	}
	add(false, xTokStart+`\p{Lu}\.`, xHSpace+`\p{Lu}`, "initials: J. R. R. Tolkien")
	if len(r.attribution) > 0 {
		pron := ""
		if len(r.pronouns) > 0 {
			pron = "(?:" + alternation(sortedKeys(r.pronouns)) + xHSpace + ")?"
		}
		add(false, stopClass+`["'”’»›“‘«‹」』]+`, xHSpace+pron+alternation(sortedKeys(r.attribution))+xWordEnd, "an attribution after a closed quotation")
	}
	add(true, stopClass+xClosers, `\s+\S`, "a stop before white space ends a sentence")
	add(true, `[。！？｡]+[」』）》〉”’"]*`, `[^\s」』）》〉”’"、，,.]`, "CJK stops need no space")
	return out
}
