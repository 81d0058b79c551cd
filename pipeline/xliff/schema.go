package xliff

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// The structural rules of the XLIFF 2 core schema (xliff_core_2.0.xsd),
// written out as data so that the reader needs no XSD engine: allowed
// attributes with their types, content models, and which elements take
// text. The specification's further constraints are in validate.go.

type attrType int

const (
	tString attrType = iota
	tNMTOKEN
	tNMTOKENS
	tYesNo
	tYesNoFirstNo
	tDir
	tAppliesTo
	tUserDefined
	tCodeType
	tMrkType
	tPriority
	tState
	tPositiveInt
	tHex
	tLanguage
	tSpace
	tPreserve
)

type elemSpec struct {
	attrs    map[string]attrType
	required []string
	xml      map[string]attrType // allowed xml:* attributes
	other    bool                // attributes of other namespaces allowed
	mixed    bool                // text allowed
	model    []slot
}

// slot is one particle of a content model sequence.
type slot struct {
	names    []string // core element names; empty with other
	other    bool     // any element of another namespace
	min, max int      // max < 0: unbounded
}

var inlineNames = []string{"cp", "ph", "pc", "sc", "ec", "mrk", "sm", "em"}

var codeAttrs = map[string]attrType{
	"canCopy": tYesNo, "canDelete": tYesNo, "canReorder": tYesNoFirstNo, "copyOf": tNMTOKEN,
	"id": tNMTOKEN, "subType": tUserDefined, "type": tCodeType,
}

func merge(a map[string]attrType, more map[string]attrType) map[string]attrType {
	out := map[string]attrType{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

var specs = map[string]*elemSpec{
	"xliff": {
		attrs:    map[string]attrType{"version": tString, "srcLang": tLanguage, "trgLang": tLanguage},
		required: []string{"version", "srcLang"},
		xml:      map[string]attrType{"space": tSpace},
		other:    true,
		model:    []slot{{names: []string{"file"}, min: 1, max: -1}},
	},
	"file": {
		attrs: map[string]attrType{"id": tNMTOKEN, "canResegment": tYesNo, "original": tString, "translate": tYesNo,
			"srcDir": tDir, "trgDir": tDir},
		required: []string{"id"},
		xml:      map[string]attrType{"space": tSpace},
		other:    true,
		model: []slot{{names: []string{"skeleton"}, max: 1}, {other: true, max: -1}, {names: []string{"notes"}, max: 1},
			{names: []string{"unit", "group"}, min: 1, max: -1}},
	},
	"skeleton": {attrs: map[string]attrType{"href": tString}, mixed: true, model: []slot{{other: true, max: -1}}},
	"group": {
		attrs: map[string]attrType{"id": tNMTOKEN, "name": tString, "canResegment": tYesNo, "translate": tYesNo,
			"srcDir": tDir, "trgDir": tDir, "type": tUserDefined},
		required: []string{"id"},
		xml:      map[string]attrType{"space": tSpace},
		other:    true,
		model:    []slot{{other: true, max: -1}, {names: []string{"notes"}, max: 1}, {names: []string{"unit", "group"}, max: -1}},
	},
	"unit": {
		attrs: map[string]attrType{"id": tNMTOKEN, "name": tString, "canResegment": tYesNo, "translate": tYesNo,
			"srcDir": tDir, "trgDir": tDir, "type": tUserDefined},
		required: []string{"id"},
		xml:      map[string]attrType{"space": tSpace},
		other:    true,
		model: []slot{{other: true, max: -1}, {names: []string{"notes"}, max: 1}, {names: []string{"originalData"}, max: 1},
			{names: []string{"segment", "ignorable"}, min: 1, max: -1}},
	},
	"segment": {
		attrs: map[string]attrType{"id": tNMTOKEN, "canResegment": tYesNo, "state": tState, "subState": tString},
		model: []slot{{names: []string{"source"}, min: 1, max: 1}, {names: []string{"target"}, max: 1}},
	},
	"ignorable": {
		attrs: map[string]attrType{"id": tNMTOKEN},
		model: []slot{{names: []string{"source"}, min: 1, max: 1}, {names: []string{"target"}, max: 1}},
	},
	"notes": {model: []slot{{names: []string{"note"}, min: 1, max: -1}}},
	"note": {
		attrs: map[string]attrType{"id": tNMTOKEN, "appliesTo": tAppliesTo, "category": tString, "priority": tPriority},
		other: true, mixed: true,
	},
	"originalData": {model: []slot{{names: []string{"data"}, min: 1, max: -1}}},
	"data": {
		attrs:    map[string]attrType{"id": tNMTOKEN, "dir": tDir},
		required: []string{"id"},
		xml:      map[string]attrType{"space": tPreserve},
		mixed:    true,
		model:    []slot{{names: []string{"cp"}, max: -1}},
	},
	"source": {
		xml: map[string]attrType{"lang": tLanguage, "space": tSpace}, mixed: true,
		model: []slot{{names: inlineNames, max: -1}},
	},
	"target": {
		attrs: map[string]attrType{"order": tPositiveInt},
		xml:   map[string]attrType{"lang": tLanguage, "space": tSpace}, mixed: true,
		model: []slot{{names: inlineNames, max: -1}},
	},
	"cp": {attrs: map[string]attrType{"hex": tHex}, required: []string{"hex"}},
	"ph": {
		attrs:    merge(codeAttrs, map[string]attrType{"disp": tString, "equiv": tString, "dataRef": tNMTOKEN, "subFlows": tNMTOKENS}),
		required: []string{"id"}, other: true,
	},
	"pc": {
		attrs: merge(codeAttrs, map[string]attrType{"canOverlap": tYesNo, "dispEnd": tString, "dispStart": tString,
			"equivEnd": tString, "equivStart": tString, "dataRefEnd": tNMTOKEN, "dataRefStart": tNMTOKEN,
			"subFlowsEnd": tNMTOKENS, "subFlowsStart": tNMTOKENS, "dir": tDir}),
		required: []string{"id"}, other: true, mixed: true,
		model: []slot{{names: inlineNames, max: -1}},
	},
	"sc": {
		attrs: merge(codeAttrs, map[string]attrType{"canOverlap": tYesNo, "dataRef": tNMTOKEN, "dir": tDir, "disp": tString,
			"equiv": tString, "isolated": tYesNo, "subFlows": tNMTOKENS}),
		required: []string{"id"}, other: true,
	},
	"ec": {
		attrs: merge(codeAttrs, map[string]attrType{"canOverlap": tYesNo, "dataRef": tNMTOKEN, "dir": tDir, "disp": tString,
			"equiv": tString, "isolated": tYesNo, "startRef": tNMTOKEN, "subFlows": tNMTOKENS}),
		other: true,
	},
	"mrk": {
		attrs:    map[string]attrType{"id": tNMTOKEN, "translate": tYesNo, "type": tMrkType, "ref": tString, "value": tString},
		required: []string{"id"}, other: true, mixed: true,
		model: []slot{{names: inlineNames, max: -1}},
	},
	"sm": {
		attrs:    map[string]attrType{"id": tNMTOKEN, "translate": tYesNo, "type": tMrkType, "ref": tString, "value": tString},
		required: []string{"id"}, other: true,
	},
	"em": {attrs: map[string]attrType{"startRef": tNMTOKEN}, required: []string{"startRef"}},
}

var (
	userDefinedRe = regexp.MustCompile(`^[^\s:]+:[^\s:]+$`)
	xsLanguageRe  = regexp.MustCompile(`^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$`)
	// bcp47Re is RFC 5646's well-formed langtag (privateuse and the
	// grandfathered "i-" tags included).
	bcp47Re = regexp.MustCompile(`(?i)^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?|x(?:-[a-z0-9]{1,8})+|i-[a-z]{2,8})$`)
)

// isNameChar reports whether r may appear in an XML NMTOKEN.
func isNameChar(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_' || r == ':' ||
		r == 0xB7 || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || unicode.Is(unicode.Nl, r)
}

func isNMTOKEN(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isNameChar(r) {
			return false
		}
	}
	return true
}

// checkValue returns what is wrong with value as an attribute of type t, or "".
func checkValue(t attrType, v string) string {
	bad := func(want string) string { return "is " + strconv.Quote(v) + ", want " + want }
	switch t {
	case tNMTOKEN:
		if !isNMTOKEN(v) {
			return bad("an XML name token (letters, digits, . - _ :)")
		}
	case tNMTOKENS:
		fs := strings.Fields(v)
		if len(fs) == 0 {
			return bad("one or more name tokens separated by spaces")
		}
		for _, f := range fs {
			if !isNMTOKEN(f) {
				return bad("name tokens separated by spaces")
			}
		}
	case tYesNo:
		if v != "yes" && v != "no" {
			return bad(`"yes" or "no"`)
		}
	case tYesNoFirstNo:
		if v != "yes" && v != "no" && v != "firstNo" {
			return bad(`"yes", "firstNo" or "no"`)
		}
	case tDir:
		if v != "ltr" && v != "rtl" && v != "auto" {
			return bad(`"ltr", "rtl" or "auto"`)
		}
	case tAppliesTo:
		if v != "source" && v != "target" {
			return bad(`"source" or "target"`)
		}
	case tUserDefined:
		if !userDefinedRe.MatchString(v) {
			return bad(`"prefix:value"`)
		}
	case tCodeType:
		switch v {
		case "fmt", "ui", "quote", "link", "image", "other":
		default:
			return bad("fmt, ui, quote, link, image or other")
		}
	case tMrkType:
		if v != "generic" && v != "comment" && v != "term" && !userDefinedRe.MatchString(v) {
			return bad(`generic, comment, term or "prefix:value"`)
		}
	case tPriority:
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10 {
			return bad("an integer from 1 to 10")
		}
	case tState:
		switch v {
		case "initial", "translated", "reviewed", "final":
		default:
			return bad("initial, translated, reviewed or final")
		}
	case tPositiveInt:
		n, err := strconv.Atoi(strings.TrimPrefix(v, "+"))
		if err != nil || n < 1 {
			return bad("a positive integer")
		}
	case tHex:
		if len(v) == 0 || len(v)%2 != 0 || strings.Trim(v, "0123456789abcdefABCDEF") != "" {
			return bad("hexadecimal digits, two per byte")
		}
	case tLanguage:
		if !xsLanguageRe.MatchString(v) {
			return bad("a language tag (xs:language)")
		}
	case tSpace:
		if v != "default" && v != "preserve" {
			return bad(`"default" or "preserve"`)
		}
	case tPreserve:
		if v != "preserve" {
			return bad(`"preserve" (fixed)`)
		}
	}
	return ""
}

// specs22 are the elements XLIFF 2.2 (xliff_core_2.2.xsd) changed: <xliff>
// may hold <notes> and <mda:metadata> before its files, <note> takes ref.
var specs22 = map[string]*elemSpec{
	"xliff": {
		attrs:    specs["xliff"].attrs,
		required: specs["xliff"].required,
		xml:      specs["xliff"].xml,
		other:    true,
		model: []slot{{names: []string{"notes"}, max: 1}, {other: true, max: 1},
			{names: []string{"file"}, min: 1, max: -1}},
	},
	"note": {
		attrs: merge(specs["note"].attrs, map[string]attrType{"ref": tString}),
		other: true, mixed: true,
	},
}
