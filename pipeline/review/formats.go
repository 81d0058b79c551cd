package review

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/locpipe/locpipe/pipeline/po"
	"github.com/locpipe/locpipe/pipeline/xliff"
)

// Writer writes the review document of one edition in an exchange format.
type Writer struct {
	Name   string // "XLIFF 2.1", "PO"
	Ext    string // the files' extension: ".xlf", ".po"
	Encode func(w io.Writer, d *xliff.Document) error
}

func xliffWriter(version string) Writer {
	return Writer{Name: "XLIFF " + version, Ext: ".xlf", Encode: func(w io.Writer, d *xliff.Document) error {
		cp := *d
		cp.Version = version
		return xliff.Encode(w, &cp)
	}}
}

// Writers are the export formats by name, as --format takes them.
var Writers = map[string]Writer{
	"xliff12": xliffWriter("1.2"),
	"xliff20": xliffWriter("2.0"),
	"xliff21": xliffWriter("2.1"),
	"xliff22": xliffWriter("2.2"),
	"po": {Name: "PO", Ext: ".po", Encode: func(w io.Writer, d *xliff.Document) error {
		if len(d.Files) != 1 {
			return fmt.Errorf("review: a PO file holds one document, not %d", len(d.Files))
		}
		return po.Encode(w, po.FromXLIFF(d, d.Files[0]))
	}},
}

// WriterFor returns the writer of an export format: xliff12, xliff20,
// xliff21 (the default, also ""), xliff22 or po; an XLIFF version (1.2, 2.0,
// 2.1, 2.2) names its XLIFF writer too.
func WriterFor(format string) (Writer, error) {
	f := strings.ToLower(strings.TrimSpace(format))
	switch f {
	case "", "xliff", "xlf":
		f = "xliff21"
	case "1.2", "2.0", "2.1", "2.2":
		f = "xliff" + strings.ReplaceAll(f, ".", "")
	}
	w, ok := Writers[f]
	if !ok {
		names := make([]string, 0, len(Writers))
		for n := range Writers {
			names = append(names, n)
		}
		sort.Strings(names)
		return Writer{}, fmt.Errorf("review: unknown export format %q (want %s)", format, strings.Join(names, ", "))
	}
	return w, nil
}

// PO reads gettext PO files written by the PO export (and edited in
// Weblate, Pontoon, Poedit or any PO tool): see po.ToXLIFF for what a
// reviewed entry is.
var PO = Reader{Name: "PO", Exts: []string{".po"}, Parse: func(name string, data []byte) (*xliff.Document, error) {
	f, err := po.Parse(name, data)
	if err != nil {
		return nil, err
	}
	d := po.ToXLIFF(f)
	if d.Files[0].Original == "" || d.TrgLang == "" {
		return nil, fmt.Errorf("%s:1: the header names no document (%s) or no Language: not a PO file of locpipe's export", name, po.HeaderDocument)
	}
	return d, nil
}}
