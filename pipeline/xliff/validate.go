package xliff

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// validator checks a parsed document against the core schema (schema.go)
// and the constraints of the XLIFF 2 specification that no schema can
// express: id uniqueness and references, start/end code pairing, the
// language of source and target, code deletion and reordering rules,
// fragment identifiers, and the modules' names.
type validator struct {
	file string
	errs Errors
	// schemaOnly counts the errors found by the structural pass.
	schemaErrs int

	srcLang, trgLang string
}

func (v *validator) errf(n *node, format string, args ...any) {
	v.errs = append(v.errs, &Error{File: v.file, Line: n.line, Msg: fmt.Sprintf(format, args...)})
}

// validate returns every problem of the document rooted at root.
func validate(file string, root *node) Errors {
	v := &validator{file: file}
	if !root.is("xliff") {
		v.errf(root, "root element %s: want <xliff> in namespace %s", root.display(), Namespace)
		return v.errs
	}
	v.structure(root)
	v.schemaErrs = len(v.errs)
	v.constraints(root)
	sort.SliceStable(v.errs, func(i, j int) bool { return v.errs[i].Line < v.errs[j].Line })
	return v.errs
}

// --- Structure: the core schema ---------------------------------------

func (v *validator) structure(n *node) {
	if n.core() {
		spec, ok := specs[n.name.Local]
		if n.ns22 && ok {
			if s22, ok22 := specs22[n.name.Local]; ok22 {
				spec = s22
			}
		}
		if !ok {
			v.errf(n, "unknown element <%s> in the XLIFF namespace", n.name.Local)
			return
		}
		v.attributes(n, spec)
		v.content(n, spec)
	} else if n.name.Space == "" {
		v.errf(n, "element <%s> has no namespace: extensions must use their own", n.name.Local)
	}
	for _, k := range n.kids {
		v.structure(k)
	}
}

func (v *validator) attributes(n *node, spec *elemSpec) {
	for _, a := range n.attrs {
		switch {
		case a.Name.Space == "":
			t, ok := spec.attrs[a.Name.Local]
			if !ok {
				v.errf(n, "<%s> has no attribute %q", n.name.Local, a.Name.Local)
				continue
			}
			if msg := checkValue(t, a.Value); msg != "" {
				v.errf(n, "<%s> attribute %s %s", n.name.Local, a.Name.Local, msg)
			}
		case a.Name.Space == xmlNS:
			t, ok := spec.xml[a.Name.Local]
			if !ok && !spec.other {
				v.errf(n, "<%s> may not have xml:%s", n.name.Local, a.Name.Local)
				continue
			}
			if !ok {
				switch a.Name.Local {
				case "lang":
					t = tLanguage
				case "space":
					t = tSpace
				default:
					continue
				}
			}
			if msg := checkValue(t, a.Value); msg != "" {
				v.errf(n, "<%s> attribute xml:%s %s", n.name.Local, a.Name.Local, msg)
			}
		case a.Name.Space == Namespace:
			v.errf(n, "<%s> attribute %s must not be namespace-qualified", n.name.Local, a.Name.Local)
		default:
			if !spec.other {
				v.errf(n, "<%s> may not have attributes of other namespaces (%s from %s)", n.name.Local, a.Name.Local, a.Name.Space)
			}
		}
	}
	for _, r := range spec.required {
		if _, ok := n.attr(r); !ok {
			v.errf(n, "<%s> has no %s attribute (required)", n.name.Local, r)
		}
	}
}

func (v *validator) content(n *node, spec *elemSpec) {
	if !spec.mixed {
		for _, it := range n.content {
			if it.el == nil && strings.TrimSpace(it.text) != "" {
				v.errf(n, "<%s> may not contain text (found %q)", n.name.Local, abbrev(strings.TrimSpace(it.text)))
				break
			}
		}
	}
	kids := n.kids
	i := 0
	for _, s := range spec.model {
		count := 0
		for i < len(kids) && (s.max < 0 || count < s.max) && s.matches(kids[i]) {
			i++
			count++
		}
		if count < s.min {
			what := "<" + strings.Join(s.names, "> or <") + ">"
			if i < len(kids) {
				v.errf(kids[i], "%s where <%s> needs %s", kids[i].display(), n.name.Local, what)
			} else {
				v.errf(n, "<%s> has no %s (required)", n.name.Local, what)
			}
			return
		}
	}
	if i < len(kids) {
		k := kids[i]
		if len(spec.model) == 0 {
			v.errf(k, "%s not allowed: <%s> may not contain elements", k.display(), n.name.Local)
		} else {
			v.errf(k, "%s not allowed here in <%s>", k.display(), n.name.Local)
		}
	}
}

func (s slot) matches(k *node) bool {
	if s.other {
		return k.name.Space != Namespace && k.name.Space != ""
	}
	if !k.core() {
		return false
	}
	for _, nm := range s.names {
		if k.name.Local == nm {
			return true
		}
	}
	return false
}

// Module namespaces and the elements they define.
var modules = map[string][]string{
	"urn:oasis:names:tc:xliff:matches:2.0":         {"matches", "match"},
	"urn:oasis:names:tc:xliff:glossary:2.0":        {"glossary", "glossEntry", "term", "translation", "definition"},
	"urn:oasis:names:tc:xliff:metadata:2.0":        {"metadata", "metaGroup", "meta"},
	"urn:oasis:names:tc:xliff:resourcedata:2.0":    {"resourceData", "resourceItem", "resourceItemRef", "source", "target", "reference"},
	"urn:oasis:names:tc:xliff:sizerestriction:2.0": {"profiles", "normalization", "supported", "data"},
	"urn:oasis:names:tc:xliff:validation:2.0":      {"validation", "rule"},
	"urn:oasis:names:tc:xliff:changetracking:2.0":  {"changeTrack", "revisions", "revision", "item"},
	fsNS: {},
}

func (v *validator) module(n *node) {
	names, ok := modules[n.name.Space]
	if !ok {
		return // an extension: lax
	}
	for _, nm := range names {
		if nm == n.name.Local {
			return
		}
	}
	v.errf(n, "unknown element <%s> in the module namespace %s", n.name.Local, n.name.Space)
}

// --- Constraints of the specification ----------------------------------

func (v *validator) constraints(root *node) {
	v.srcLang = root.get("srcLang")
	v.trgLang = root.get("trgLang")
	switch ver := root.get("version"); {
	case ver != "" && !strings.HasPrefix(ver, "2."):
		v.errf(root, "version %q: this reader reads XLIFF 2.x", ver)
	case root.ns22 && ver != "" && ver != "2.0" && ver != "2.1" && ver != "2.2":
		v.errf(root, "version %q: the XLIFF 2.2 namespace takes versions 2.0, 2.1 and 2.2", ver)
	case !root.ns22 && ver == "2.2":
		v.errf(root, "version 2.2 in namespace %s: XLIFF 2.2 documents use %s", Namespace, Namespace22)
	}
	v.sameCore(root, root.ns22)
	v.foreignAttrs(root)
	v.tags(root)
	fileIDs := map[string]int{}
	for _, f := range root.kids {
		if !f.is("file") {
			continue
		}
		id := f.get("id")
		if prev, dup := fileIDs[id]; dup {
			v.errf(f, "file id %q already used by the <file> on line %d", id, prev)
		} else {
			fileIDs[id] = f.line
		}
		v.file1(f)
	}
}

// sameCore reports core elements whose namespace is not the root's: a 2.2
// document holds no 2.0 core element, nor the other way round.
func (v *validator) sameCore(n *node, ns22 bool) {
	for _, k := range n.kids {
		if k.core() && k.ns22 != ns22 {
			have, want := Namespace, Namespace22
			if k.ns22 {
				have, want = want, have
			}
			v.errf(k, "<%s> in namespace %s inside a document in %s", k.name.Local, have, want)
		}
		v.sameCore(k, ns22)
	}
}

// tags checks that language tags are well-formed BCP 47 (xs:language is
// looser: it takes "e") and that module elements exist in their module.
func (v *validator) tags(n *node) {
	for _, a := range n.attrs {
		isLang := (a.Name.Space == xmlNS && a.Name.Local == "lang") ||
			(n.is("xliff") && a.Name.Space == "" && (a.Name.Local == "srcLang" || a.Name.Local == "trgLang"))
		if isLang && xsLanguageRe.MatchString(a.Value) && !bcp47Re.MatchString(a.Value) {
			v.errf(n, "<%s> %s %q is not a well-formed BCP 47 language tag", n.name.Local, a.Name.Local, a.Value)
		}
	}
	if !n.core() && n.name.Space != "" {
		v.module(n)
	}
	for _, k := range n.kids {
		v.tags(k)
	}
}

// foreignAttrs checks attributes of modules everywhere: the Format Style
// module's fs/subFs and the attributes allowed on inline codes.
func (v *validator) foreignAttrs(n *node) {
	code := n.core() && (n.name.Local == "ph" || n.name.Local == "pc" || n.name.Local == "sc" || n.name.Local == "ec")
	var hasFS, hasSubFS bool
	for _, a := range n.attrs {
		sp := a.Name.Space
		if sp == "" || sp == xmlNS || sp == Namespace {
			continue
		}
		if code && sp != fsNS && sp != slrNS && sp != itsNS && sp != itsmNS {
			v.errf(n, "<%s> may carry attributes of the fs, slr and its modules only, not %s from %s", n.name.Local, a.Name.Local, sp)
		}
		if sp != fsNS {
			continue
		}
		switch a.Name.Local {
		case "fs":
			hasFS = true
			if !htmlElements[a.Value] {
				v.errf(n, "fs:fs %q is not an HTML element name", a.Value)
			}
		case "subFs":
			hasSubFS = true
		default:
			v.errf(n, "unknown Format Style attribute fs:%s (fs:fs and fs:subFs exist)", a.Name.Local)
		}
		if n.is("ec") && n.get("isolated") != "yes" {
			v.errf(n, "fs:%s on an <ec> that is not isolated: the format style belongs on its <sc>", a.Name.Local)
		}
	}
	if hasSubFS && !hasFS {
		v.errf(n, "fs:subFs without fs:fs")
	}
	for _, k := range n.kids {
		v.foreignAttrs(k)
	}
}

var htmlElements = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range strings.Fields(`a abbr acronym address applet area article aside audio b base basefont bdi bdo big
		blockquote body br button canvas caption center cite code col colgroup command datalist dd del details dfn dialog
		dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header
		hgroup hr html i iframe img input ins isindex kbd keygen label legend li link map mark menu meta meter nav
		noframes noscript object ol optgroup option output p param pre progress q rp rt ruby s samp script section
		select small source span strike strong style sub summary sup table tbody td textarea tfoot th thead time title
		tr track tt u ul var video wbr`) {
		m[e] = true
	}
	return m
}()

// file1 checks one <file>.
func (v *validator) file1(f *node) {
	for _, k := range f.kids {
		if k.is("skeleton") {
			_, href := k.attr("href")
			empty := len(k.kids) == 0 && strings.TrimSpace(k.text()) == ""
			switch {
			case href && !empty:
				v.errf(k, "<skeleton> has both an href and content: one or the other")
			case !href && empty:
				v.errf(k, "<skeleton> is empty and has no href: one or the other is required")
			}
		}
	}
	groupIDs := map[string]int{}
	unitIDs := map[string]int{}
	var units []*node
	var walk func(n *node)
	walk = func(n *node) {
		v.extIDs(n)
		for _, k := range n.kids {
			switch {
			case k.is("notes"):
				v.noteIDs(k)
			case k.is("group"):
				id := k.get("id")
				if prev, dup := groupIDs[id]; dup && id != "" {
					v.errf(k, "group id %q already used in this file (line %d)", id, prev)
				} else {
					groupIDs[id] = k.line
				}
				walk(k)
			case k.is("unit"):
				v.extIDs(k)
				for _, kk := range k.kids {
					if kk.is("notes") {
						v.noteIDs(kk)
					}
				}
				id := k.get("id")
				if prev, dup := unitIDs[id]; dup && id != "" {
					v.errf(k, "unit id %q already used in this file (line %d)", id, prev)
				} else {
					unitIDs[id] = k.line
				}
				units = append(units, k)
			}
		}
	}
	walk(f)
	for _, u := range units {
		v.unit(f, u, unitIDs)
	}
}

func (v *validator) noteIDs(notes *node) {
	seen := map[string]bool{}
	for _, n := range notes.kids {
		if id, ok := n.attr("id"); ok {
			if seen[id] {
				v.errf(n, "note id %q used twice in the same <notes>", id)
			}
			seen[id] = true
		}
	}
}

// extIDs checks that the extension and module elements directly under a
// file, group or unit do not repeat an id.
func (v *validator) extIDs(scope *node) {
	seen := map[string]bool{}
	var walk func(n *node)
	walk = func(n *node) {
		if n.core() {
			return
		}
		for _, id := range []string{n.get("id"), func() string { s, _ := n.xmlAttr("id"); return s }()} {
			if id == "" {
				continue
			}
			if seen[id] {
				v.errf(n, "id %q used twice among the extension elements of <%s>", id, scope.name.Local)
			}
			seen[id] = true
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	for _, k := range scope.kids {
		if !k.core() {
			walk(k)
		}
	}
}

// code is an inline element met in a walk of a unit's source or target.
type code struct {
	n     *node
	part  int
	start bool // for pc: its start (true) or end (false) event
}

// side is the source or the target of a unit, walked in part order.
type side struct {
	name   string // "source" or "target"
	events []code // ph, pc start/end, sc, ec, in order: for reordering
	all    []*node
}

func (v *validator) unit(f, u *node, unitIDs map[string]int) {
	uc := &unitCheck{v: v, u: u, id: u.get("id")}
	uc.children()
	uc.ids()
	src := &side{name: "source"}
	trg := &side{name: "target"}
	order := uc.parts(src)
	uc.targetsInOrder(order, trg)
	allCodes := uc.codeIDs(src, trg)
	for _, sd := range []*side{src, trg} {
		v.inline(f, u, sd, uc.dataIDs, uc.noteIDs, allCodes, unitIDs)
		v.pairs(sd, "sc", "ec")
		v.pairs(sd, "sm", "em")
	}
	v.reorderRules(src)
	if len(order) > 0 {
		v.reordering(src, trg)
		v.nonRemovable(uc.partNodes, src, trg)
	}
}

// unitCheck is the state of the checks of one <unit>.
type unitCheck struct {
	v           *validator
	u           *node
	id          string
	partNodes   []*node // segments and ignorables, in order
	notes, orig *node
	partIDs     map[string]bool
	dataIDs     map[string]bool
	noteIDs     map[string]bool
}

// children sorts the unit's children and checks it has a segment.
func (uc *unitCheck) children() {
	for _, k := range uc.u.kids {
		switch {
		case k.is("segment"), k.is("ignorable"):
			uc.partNodes = append(uc.partNodes, k)
		case k.is("notes"):
			uc.notes = k
		case k.is("originalData"):
			uc.orig = k
		}
	}
	hasSegment := false
	for _, p := range uc.partNodes {
		hasSegment = hasSegment || p.is("segment")
	}
	if !hasSegment && len(uc.partNodes) > 0 {
		uc.v.errf(uc.u, "unit %q has no <segment>: ignorables alone translate nothing", uc.id)
	}
}

// ids gathers (and checks the uniqueness of) the ids of the unit's parts,
// data and notes.
func (uc *unitCheck) ids() {
	v := uc.v
	uc.partIDs, uc.dataIDs, uc.noteIDs = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, p := range uc.partNodes {
		if id, ok := p.attr("id"); ok {
			if uc.partIDs[id] {
				v.errf(p, "id %q used twice among the segments and ignorables of unit %q", id, uc.id)
			}
			uc.partIDs[id] = true
		}
	}
	if uc.orig != nil {
		for _, d := range uc.orig.kids {
			id := d.get("id")
			if uc.dataIDs[id] {
				v.errf(d, "data id %q used twice in unit %q", id, uc.id)
			}
			uc.dataIDs[id] = true
		}
	}
	if uc.notes != nil {
		for _, n := range uc.notes.kids {
			if id, ok := n.attr("id"); ok {
				uc.noteIDs[id] = true
			}
		}
	}
}

// parts checks each segment and ignorable, walks the sources into src, and
// returns the targets by display order.
func (uc *unitCheck) parts(src *side) map[int]*node {
	v := uc.v
	order := map[int]*node{}
	for i, p := range uc.partNodes {
		var s, t *node
		for _, k := range p.kids {
			if k.is("source") {
				s = k
			} else if k.is("target") {
				t = k
			}
		}
		if s != nil {
			v.languageOf(s, v.srcLang, "srcLang")
			collect(s, i, src)
		}
		if p.is("segment") {
			if _, ok := p.attr("subState"); ok {
				if _, ok := p.attr("state"); !ok {
					v.errf(p, "<segment> has a subState but no state")
				}
			}
		}
		if t != nil {
			uc.target(i, s, t, order)
		}
	}
	return order
}

// target checks the target t of part i (whose source is s) and records it
// in order.
func (uc *unitCheck) target(i int, s, t *node, order map[int]*node) {
	v := uc.v
	if v.trgLang == "" {
		v.errf(t, "<target> in a document without trgLang on <xliff>")
	} else {
		v.languageOf(t, v.trgLang, "trgLang")
	}
	if s != nil {
		ss, _ := s.inherited("space")
		ts, _ := t.inherited("space")
		if ss == "" {
			ss = "default"
		}
		if ts == "" {
			ts = "default"
		}
		if ss != ts {
			v.errf(t, "<target> has xml:space %q but its <source> %q: they must agree", ts, ss)
		}
	}
	o := i + 1
	if s, ok := t.attr("order"); ok {
		if n, err := strconv.Atoi(strings.TrimPrefix(s, "+")); err == nil {
			o = n
			if n > len(uc.partNodes) {
				v.errf(t, "order %d, but unit %q has %d segments and ignorables", n, uc.id, len(uc.partNodes))
			}
		}
	}
	if prev, dup := order[o]; dup {
		v.errf(t, "order %d already taken by the <target> on line %d", o, prev.line)
	}
	order[o] = t
}

// targetsInOrder walks the targets into trg in their display order.
func (uc *unitCheck) targetsInOrder(order map[int]*node, trg *side) {
	keys := make([]int, 0, len(order))
	for k := range order {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	for _, k := range keys {
		t := order[k]
		pi := 0
		for i, p := range uc.partNodes {
			if t.parent == p {
				pi = i
			}
		}
		collect(t, pi, trg)
	}
}

// codeIDs checks the ids of the inline elements of each side and returns
// every code by id (the source's first).
func (uc *unitCheck) codeIDs(src, trg *side) map[string]*node {
	allCodes := map[string]*node{}
	for _, sd := range []*side{src, trg} {
		ids := map[string]*node{}
		for _, n := range sd.all {
			id, ok := n.attr("id")
			if !ok || n.is("cp") {
				continue
			}
			if prev, dup := ids[id]; dup {
				uc.v.errf(n, "id %q used twice in the %s of unit %q (<%s> on line %d)", id, sd.name, uc.id, prev.name.Local, prev.line)
			} else if uc.partIDs[id] {
				uc.v.errf(n, "id %q of <%s> is also a segment or ignorable id in unit %q", id, n.name.Local, uc.id)
			}
			ids[id] = n
			if _, ok := allCodes[id]; !ok && n.name.Local != "mrk" && n.name.Local != "sm" {
				allCodes[id] = n
			}
		}
	}
	return allCodes
}

// collect walks n's inline content into sd.
func collect(n *node, part int, sd *side) {
	for _, k := range n.kids {
		if !k.core() {
			continue
		}
		sd.all = append(sd.all, k)
		switch k.name.Local {
		case "ph", "sc", "ec":
			sd.events = append(sd.events, code{n: k, part: part})
		case "pc":
			sd.events = append(sd.events, code{n: k, part: part, start: true})
			collect(k, part, sd)
			sd.events = append(sd.events, code{n: k, part: part})
			continue
		}
		collect(k, part, sd)
	}
}

// languageOf checks the effective xml:lang of a source or target.
func (v *validator) languageOf(n *node, want, attr string) {
	if want == "" {
		return
	}
	if l, ok := n.inherited("lang"); ok && !strings.EqualFold(l, want) {
		v.errf(n, "<%s> is in xml:lang %q but the document's %s is %q", n.name.Local, l, attr, want)
	}
}

var reservedSubTypes = map[string]string{"xlf:lb": "fmt", "xlf:pb": "fmt", "xlf:b": "fmt", "xlf:i": "fmt", "xlf:u": "fmt", "xlf:var": "ui"}

func (v *validator) inline(f, u *node, sd *side, dataIDs, noteIDs map[string]bool, codes map[string]*node, unitIDs map[string]int) {
	for _, n := range sd.all {
		name := n.name.Local
		for _, a := range []string{"dataRef", "dataRefStart", "dataRefEnd"} {
			if ref, ok := n.attr(a); ok && !dataIDs[ref] {
				v.errf(n, "<%s> %s=%q refers to no <data> of this unit's <originalData>", name, a, ref)
			}
		}
		for _, a := range []string{"subFlows", "subFlowsStart", "subFlowsEnd"} {
			if refs, ok := n.attr(a); ok {
				for _, r := range strings.Fields(refs) {
					if _, ok := unitIDs[r]; !ok && isNMTOKEN(r) {
						v.errf(n, "<%s> %s refers to unit %q, which is not in this file", name, a, r)
					}
				}
			}
		}
		if ref, ok := n.attr("copyOf"); ok {
			target, found := codes[ref]
			switch {
			case !found:
				v.errf(n, "<%s> copyOf=%q refers to no code of this unit", name, ref)
			case target.get("canCopy") == "no":
				v.errf(n, "<%s> copyOf=%q copies a code marked canCopy=\"no\"", name, ref)
			}
			for _, a := range []string{"dataRef", "dataRefStart", "dataRefEnd"} {
				if _, ok := n.attr(a); ok {
					v.errf(n, "<%s> has both copyOf and %s: a copy has no original data of its own", name, a)
				}
			}
		}
		if st, ok := n.attr("subType"); ok {
			typ, hasType := n.attr("type")
			if !hasType {
				v.errf(n, "<%s> has subType %q but no type", name, st)
			} else if want, reserved := reservedSubTypes[st]; reserved && typ != want {
				v.errf(n, "<%s> subType %q needs type %q, not %q", name, st, want, typ)
			} else if strings.HasPrefix(st, "xlf:") && !reserved {
				v.errf(n, "<%s> subType %q: the xlf: prefix is reserved for xlf:lb, xlf:pb, xlf:b, xlf:i, xlf:u and xlf:var", name, st)
			}
		}
		switch name {
		case "cp":
			if hex := n.get("hex"); checkValue(tHex, hex) == "" {
				if cp, err := strconv.ParseUint(hex, 16, 32); err == nil && xmlAllowed(rune(cp)) {
					v.errf(n, "<cp hex=%q> encodes a character XML allows: write it as text", hex)
				}
			}
		case "ec":
			_, hasID := n.attr("id")
			_, hasStart := n.attr("startRef")
			if n.get("isolated") == "yes" {
				if hasStart {
					v.errf(n, "isolated <ec> must have an id, not a startRef")
				} else if !hasID {
					v.errf(n, "isolated <ec> has no id")
				}
			} else {
				if !hasStart {
					v.errf(n, "<ec> that is not isolated needs a startRef (or isolated=\"yes\" and an id)")
				} else if hasID {
					v.errf(n, "<ec> with a startRef must not have an id (an id is for isolated=\"yes\")")
				}
			}
		case "mrk", "sm":
			ref, hasRef := n.attr("ref")
			if hasRef && strings.HasPrefix(ref, "#") {
				if msg := checkFragment(ref); msg != "" {
					v.errf(n, "<%s> ref %q: %s", name, ref, msg)
					continue
				}
			}
			if n.get("type") == "comment" {
				_, hasValue := n.attr("value")
				switch {
				case hasRef && hasValue:
					v.errf(n, "comment <%s> has both ref and value: one or the other", name)
				case !hasRef && !hasValue:
					v.errf(n, "comment <%s> has neither a value nor a ref to a note", name)
				case hasRef:
					if !commentNoteRef(ref, f.get("id"), u.get("id"), noteIDs) {
						v.errf(n, "comment <%s> ref %q does not point to a <note> of unit %q", name, ref, u.get("id"))
					}
				}
			}
		}
	}
}

// xmlAllowed reports whether r may appear in XML 1.0 text.
func xmlAllowed(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// pairs checks start and end markers (sc/ec or sm/em) of one side of a
// unit: every end after its start, no lone start unless isolated, and the
// same editing hints on both.
func (v *validator) pairs(sd *side, startName, endName string) {
	starts := map[string]*node{}
	later := map[string]*node{}
	for _, n := range sd.all {
		if n.name.Local == startName {
			later[n.get("id")] = n
		}
	}
	ended := map[string]bool{}
	for _, n := range sd.all {
		switch n.name.Local {
		case startName:
			starts[n.get("id")] = n
		case endName:
			ref, ok := n.attr("startRef")
			if !ok || (startName == "sc" && n.get("isolated") == "yes") {
				continue
			}
			s, found := starts[ref]
			if !found {
				if _, after := later[ref]; after {
					v.errf(n, "<%s startRef=%q> comes before its <%s>", endName, ref, startName)
				} else {
					v.errf(n, "<%s startRef=%q> has no <%s id=%q> in this unit's %s", endName, ref, startName, ref, sd.name)
				}
				continue
			}
			ended[ref] = true
			if startName == "sc" {
				if s.get("isolated") == "yes" {
					v.errf(s, "<sc id=%q> is marked isolated but its <ec> is in the same unit (line %d)", ref, n.line)
				}
				for _, a := range []struct{ name, def string }{{"canCopy", "yes"}, {"canDelete", "yes"}, {"canOverlap", "yes"}, {"canReorder", "yes"}} {
					sv, ev := s.get(a.name), n.get(a.name)
					if sv == "" {
						sv = a.def
					}
					if ev == "" {
						ev = a.def
					}
					if sv != ev {
						v.errf(n, "<ec startRef=%q> has %s=%q but its <sc> %q: they must match", ref, a.name, ev, sv)
					}
				}
			}
		}
	}
	for id, s := range starts {
		if ended[id] || (startName == "sc" && s.get("isolated") == "yes") {
			continue
		}
		if startName == "sc" {
			v.errf(s, "<sc id=%q> has no <ec> in this unit's %s: add one or mark it isolated=\"yes\"", id, sd.name)
		} else {
			v.errf(s, "<sm id=%q> has no <em> in this unit's %s", id, sd.name)
		}
	}
}

func canReorder(n *node) string {
	if r := n.get("canReorder"); r != "" {
		return r
	}
	return "yes"
}

// reorderRules checks the source's reordering hints: a "no" continues a
// sequence started by "firstNo", and such codes can be neither copied
// nor deleted.
func (v *validator) reorderRules(src *side) {
	prev := "yes"
	for _, ev := range src.events {
		r := canReorder(ev.n)
		pcEnd := ev.n.name.Local == "pc" && !ev.start
		if pcEnd && r == "firstNo" {
			r = "no" // the end of a pc continues its own sequence
		}
		if r == "no" && prev == "yes" {
			v.errf(ev.n, "<%s> has canReorder=\"no\" but no code with canReorder=\"firstNo\" starts its sequence", ev.n.name.Local)
		}
		if r != "yes" && !pcEnd && (ev.n.get("canCopy") != "no" || ev.n.get("canDelete") != "no") {
			v.errf(ev.n, "<%s> with canReorder=%q must also have canCopy=\"no\" and canDelete=\"no\"", ev.n.name.Local, canReorder(ev.n))
		}
		prev = r
	}
}

func eventKey(c code) string {
	k := c.n.name.Local + "#" + c.n.get("id") + "#" + c.n.get("startRef")
	if c.n.name.Local == "pc" {
		k += "#" + strconv.FormatBool(c.start)
	}
	return k
}

// reordering checks that every sequence the source marks as not
// reorderable appears in the target whole and in order.
func (v *validator) reordering(src, trg *side) {
	pos := map[string]int{}
	for i, ev := range trg.events {
		pos[eventKey(ev)] = i
	}
	for i := 0; i < len(src.events); i++ {
		if canReorder(src.events[i].n) != "firstNo" || (src.events[i].n.name.Local == "pc" && !src.events[i].start) {
			continue
		}
		seq := []code{src.events[i]}
		for j := i + 1; j < len(src.events); j++ {
			e := src.events[j]
			if canReorder(e.n) != "no" {
				break
			}
			seq = append(seq, e)
		}
		p, ok := pos[eventKey(seq[0])]
		if !ok {
			continue // deleted: nonRemovable reports it
		}
		for k, e := range seq[1:] {
			q, ok := pos[eventKey(e)]
			if !ok {
				break
			}
			if q != p+k+1 {
				v.errf(trg.events[q].n, "<%s id=%q> moved in the target: it belongs to a sequence that cannot be reordered (starting with <%s id=%q>)",
					e.n.name.Local, e.n.get("id"), seq[0].n.name.Local, seq[0].n.get("id"))
				break
			}
		}
	}
}

// nonRemovable checks that codes marked canDelete="no" in the source of a
// segment with a target are somewhere in the unit's target.
func (v *validator) nonRemovable(parts []*node, src, trg *side) {
	inTarget := map[string]bool{}
	for _, ev := range trg.events {
		inTarget[eventKey(ev)] = true
	}
	hasTarget := map[int]bool{}
	for i, p := range parts {
		for _, k := range p.kids {
			if k.is("target") {
				hasTarget[i] = true
			}
		}
	}
	for _, ev := range src.events {
		if ev.n.get("canDelete") != "no" || !hasTarget[ev.part] {
			continue
		}
		if !inTarget[eventKey(ev)] {
			v.errf(ev.n, "<%s id=%q> has canDelete=\"no\" but is missing from the target", ev.n.name.Local, ev.n.get("id")+ev.n.get("startRef"))
		}
	}
}

// Fragment identifiers (XLIFF 2 §"Fragment Identification").
var fragmentRank = map[string]int{"f": 0, "g": 1, "u": 2}

var modulePrefixes = map[string]bool{"mtc": true, "gls": true, "mda": true, "res": true, "slr": true, "val": true, "ctr": true, "its": true, "fs": true, "tbx": true}

// checkFragment returns what is wrong with an XLIFF fragment identifier.
func checkFragment(ref string) string {
	s := strings.TrimPrefix(ref, "#")
	s = strings.TrimPrefix(s, "/")
	if s == "" {
		return "empty fragment identifier"
	}
	rank := -1
	leaf := ""
	seen := map[string]bool{}
	for _, sel := range strings.Split(s, "/") {
		if leaf != "" {
			return fmt.Sprintf("%q follows %q, but %q selects an end point (a note, data, target or inline id) and must come last", sel, leaf, leaf)
		}
		prefix, id, hasEq := strings.Cut(sel, "=")
		if !hasEq {
			prefix, id = "", sel
		}
		if !isNMTOKEN(id) {
			return fmt.Sprintf("%q is not a valid id", id)
		}
		if hasEq {
			if !isNMTOKEN(prefix) {
				return fmt.Sprintf("prefix %q is not a name token", prefix)
			}
			if _, core := fragmentRank[prefix]; !core && prefix != "n" && prefix != "d" && prefix != "t" && !modulePrefixes[prefix] {
				if len([]rune(prefix)) == 1 {
					return fmt.Sprintf("prefix %q: one-letter prefixes are reserved for XLIFF core (f, g, u, n, d, t)", prefix)
				}
				return fmt.Sprintf("unknown prefix %q (XLIFF core: f, g, u, n, d, t; modules: mtc, gls, mda, res, slr, val, ctr; registered: tbx)", prefix)
			}
			if seen[prefix] {
				return fmt.Sprintf("prefix %q appears twice", prefix)
			}
			seen[prefix] = true
		}
		r, container := fragmentRank[prefix]
		if !hasEq {
			container = false
		}
		if !container {
			leaf = sel
			continue
		}
		if r < rank {
			return fmt.Sprintf("%q comes after a selector it should precede (order: f, g, u, then the end point)", sel)
		}
		rank = r
	}
	return ""
}

// commentNoteRef reports whether a comment annotation's ref points to a
// note of the unit: "#n=ID" relative to it, or absolute through its file
// and unit.
func commentNoteRef(ref, fileID, unitID string, notes map[string]bool) bool {
	if !strings.HasPrefix(ref, "#") {
		return false
	}
	s := strings.TrimPrefix(strings.TrimPrefix(ref, "#"), "/")
	sels := strings.Split(s, "/")
	last := sels[len(sels)-1]
	id, ok := strings.CutPrefix(last, "n=")
	if !ok || !notes[id] {
		return false
	}
	if len(sels) == 1 {
		return true // relative to the unit
	}
	fileOK, unitOK := true, false
	for _, sel := range sels[:len(sels)-1] {
		p, val, _ := strings.Cut(sel, "=")
		switch p {
		case "f":
			fileOK = val == fileID
		case "u":
			unitOK = val == unitID
		}
	}
	return fileOK && unitOK
}

func abbrev(s string) string {
	r := []rune(s)
	if len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}
