package xliff

// Document is an XLIFF 2 document: what locpipe writes for review and
// reads back. It models the core elements locpipe uses; a file from another
// tool is validated whole (see Parse) and read into this model, with
// modules and extensions left out.
type Document struct {
	Version string // "1.2", "2.0", "2.1" (the default) or "2.2" when writing; as found when reading
	SrcLang string
	TrgLang string
	Files   []*File
}

// File is one <file>: in locpipe, one document in one target language.
type File struct {
	ID       string
	Original string // the source document's path
	Line     int
	Notes    []Note
	Units    []*Unit // in document order; units inside groups are listed here too
}

// Note is a <note>.
type Note struct {
	ID        string
	Category  string
	AppliesTo string // "", "source" or "target"
	Text      string
	// Segment is the id of the segment the note is about, when it is about
	// one: XLIFF 2 keeps notes on the unit, XLIFF 1.2 and PO on the segment.
	Segment string
}

// Unit is a <unit>: in locpipe, one unit of a format.Document (a paragraph,
// a heading), split into segments with the white space between them as
// ignorables.
type Unit struct {
	ID    string
	Name  string
	Line  int
	Notes []Note
	Data  []Data // originalData: the markup of the inline codes
	Parts []*Part
}

// Data is an original-data entry: the markup an inline code stands for.
type Data struct {
	ID   string
	Text string
}

// Segment states.
const (
	StateInitial    = "initial"
	StateTranslated = "translated"
	StateReviewed   = "reviewed"
	StateFinal      = "final"
)

// Part is a <segment> or an <ignorable>.
type Part struct {
	Ignorable bool
	ID        string
	State     string // segments only; "" reads as initial
	Line      int
	Source    Content
	Target    Content
	HasTarget bool // a <target> is present (it may be empty)
}

// Kind is the kind of an inline element.
type Kind uint8

// Inline kinds.
const (
	Text Kind = iota
	Ph        // placeholder: a standalone code
	Pc        // paired code, around Kids
	Sc        // start of a paired code whose end is elsewhere
	Ec        // end code: StartRef names its Sc, or Isolated with ID
	Mrk       // annotation around Kids
	Sm        // start of an annotation
	Em        // end of an annotation
)

func (k Kind) String() string {
	return [...]string{"text", "ph", "pc", "sc", "ec", "mrk", "sm", "em"}[k]
}

// Inline is one piece of a source or target: text or an inline element.
type Inline struct {
	Kind       Kind
	Text       string // Kind Text
	ID         string
	StartRef   string // Ec, Em
	DataRef    string // Ph, Sc, Ec; Pc: dataRefStart
	DataRefEnd string // Pc
	Isolated   bool   // Sc, Ec
	Type       string // mrk type, code type
	Value      string // mrk value
	Kids       Content
}

// Content is the mixed content of a source, target, pc or mrk.
type Content []Inline

// PlainText returns the text of c without its codes and markers.
func (c Content) PlainText() string {
	var b []byte
	var walk func(Content)
	walk = func(c Content) {
		for _, in := range c {
			if in.Kind == Text {
				b = append(b, in.Text...)
			}
			walk(in.Kids)
		}
	}
	walk(c)
	return string(b)
}
