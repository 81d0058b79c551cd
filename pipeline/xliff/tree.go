package xliff

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/locpipe/locpipe/internal/charset"
)

// Namespaces.
const (
	// Namespace is the XLIFF core namespace of versions 2.0 and 2.1.
	Namespace = "urn:oasis:names:tc:xliff:document:2.0"
	// Namespace22 is the core namespace of XLIFF 2.2. The reader maps it
	// to Namespace (node.ns22 remembers it): the core is otherwise the same,
	// with <notes> and <mda:metadata> allowed on <xliff> and ref on <note>.
	Namespace22 = "urn:oasis:names:tc:xliff:document:2.2"
	xmlNS       = "http://www.w3.org/XML/1998/namespace"
	fsNS        = "urn:oasis:names:tc:xliff:fs:2.0"
	slrNS       = "urn:oasis:names:tc:xliff:sizerestriction:2.0"
	itsNS       = "http://www.w3.org/2005/11/its"
	itsmNS      = "urn:oasis:names:tc:xliff:itsm:2.1"
)

// node is an element of the parsed document, with its line for errors.
// encoding/xml's struct decoding loses both line numbers and the order of
// mixed content, which validation and inline codes need: hence a tree.
type node struct {
	name    xml.Name
	attrs   []xml.Attr // without namespace declarations
	kids    []*node    // element children
	content []item     // mixed content in order
	line    int
	parent  *node
	ns22    bool // in the XLIFF 2.2 core namespace
}

// item is a piece of mixed content: text, or an element.
type item struct {
	text string
	el   *node
}

func (n *node) core() bool { return n.name.Space == Namespace }

func (n *node) is(local string) bool { return n.core() && n.name.Local == local }

// attr returns the value of an unqualified attribute.
func (n *node) attr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func (n *node) get(local string) string { v, _ := n.attr(local); return v }

// xmlAttr returns the value of xml:local on n.
func (n *node) xmlAttr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Space == xmlNS && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// inherited returns xml:local on n or its nearest ancestor.
func (n *node) inherited(local string) (string, bool) {
	for p := n; p != nil; p = p.parent {
		if v, ok := p.xmlAttr(local); ok {
			return v, true
		}
	}
	return "", false
}

// text returns the concatenated character data of n and its descendants.
func (n *node) text() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		for _, it := range n.content {
			if it.el != nil {
				walk(it.el)
			} else {
				b.WriteString(it.text)
			}
		}
	}
	walk(n)
	return b.String()
}

func (n *node) display() string {
	if n.core() || n.name.Space == "" {
		return "<" + n.name.Local + ">"
	}
	return "<" + n.name.Local + " xmlns=\"" + n.name.Space + "\">"
}

// parseTree reads the whole document into a tree.
func parseTree(name string, data []byte) (*node, error) {
	d, err := charset.NewDecoder(data)
	if err != nil {
		return nil, &Error{File: name, Line: 1, Msg: err.Error()}
	}
	var root, cur *node
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, &Error{File: name, Line: se.Line, Msg: "not well-formed XML: " + se.Msg}
			}
			line, _ := d.InputPos()
			return nil, &Error{File: name, Line: line, Msg: fmt.Sprintf("not well-formed XML: %v", err)}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := d.InputPos()
			n := &node{name: t.Name, line: line, parent: cur}
			if n.name.Space == Namespace22 {
				n.name.Space, n.ns22 = Namespace, true
			}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				if a.Name.Space == Namespace22 {
					a.Name.Space = Namespace
				}
				n.attrs = append(n.attrs, a)
			}
			if cur == nil {
				if root != nil {
					return nil, &Error{File: name, Line: line, Msg: "more than one root element"}
				}
				root = n
			} else {
				cur.kids = append(cur.kids, n)
				cur.content = append(cur.content, item{el: n})
			}
			cur = n
		case xml.EndElement:
			cur = cur.parent
		case xml.CharData:
			if cur != nil {
				if k := len(cur.content); k > 0 && cur.content[k-1].el == nil {
					cur.content[k-1].text += string(t)
				} else {
					cur.content = append(cur.content, item{text: string(t)})
				}
			}
		}
	}
	if root == nil {
		return nil, &Error{File: name, Line: 1, Msg: "no root element: not an XML document"}
	}
	return root, nil
}
