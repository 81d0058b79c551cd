package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/manifest"
)

// partSize is how much of a file streamed a part at a time (plain text,
// whole paragraphs) is parsed at once: with the part read ahead for the
// next sentence's context, a file's memory is about twice this plus one
// window of segments, however big the file.
const partSize = 256 << 10

// source is a file read for its editions: a whole document, or (plain
// text) one read again a part at a time for each edition, so that a big
// file is never held whole.
type source struct {
	size  int
	sum   string // sha256 of the bytes, hex
	fname string // the format's name
	// lang is what the source language is told from: the whole document,
	// or the first units of a streamed one (edition.DetectBytes).
	lang *format.Document
	open func() (partReader, error)
}

// partReader gives a file's documents a part at a time, io.EOF after the
// last; the parts, rendered one after the other, are the file.
type partReader interface {
	Next() (*format.Document, error)
	Close() error
}

// streamer is a format that can be read a part at a time (format.Text).
type streamer interface {
	Parts(name string, r io.Reader, size int) *format.TextParts
}

// wholeDoc is a document parsed whole: one part.
type wholeDoc struct{ doc *format.Document }

func (w *wholeDoc) Next() (*format.Document, error) {
	if w.doc == nil {
		return nil, io.EOF
	}
	d := w.doc
	w.doc = nil
	return d, nil
}

func (w *wholeDoc) Close() error { return nil }

// errChanged is reported when a file streamed a part at a time is not
// the file its editions began with.
var errChanged = errors.New("pipeline: the file changed while it was translated")

// fileParts reads a file a part at a time, checking on the way that its
// bytes are still those hashed when it was first read.
type fileParts struct {
	f     *os.File
	h     hash.Hash
	n     int64
	parts *format.TextParts
	sum   string // "" on the first reading
	path  string
}

func (p *fileParts) Read(b []byte) (int, error) {
	n, err := p.f.Read(b)
	p.h.Write(b[:n])
	p.n += int64(n)
	return n, err
}

func (p *fileParts) Next() (*format.Document, error) {
	d, err := p.parts.Next()
	if errors.Is(err, io.EOF) && p.sum != "" && hex.EncodeToString(p.h.Sum(nil)) != p.sum {
		return nil, fmt.Errorf("%s: %w", p.path, errChanged)
	}
	return d, err
}

func (p *fileParts) Close() error { return p.f.Close() }

// openParts opens the file at path for reading with st, size bytes at a
// time.
func openParts(path string, st streamer, size int, sum string) (*fileParts, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	p := &fileParts{f: f, h: sha256.New(), sum: sum, path: path}
	p.parts = st.Parts(path, p, size)
	return p, nil
}

// read reads a source file: whole and parsed, or (a format read a part at
// a time) checked and hashed in one pass that keeps only the text its
// language is told from. A file no format handles is copied (the source
// is nil).
func (r *run) read(in input) (*source, error) {
	opts := r.opts
	parser, fname, lookupErr := opts.Formats.Lookup(in.path, opts.Format)
	if st, ok := parser.(streamer); ok && lookupErr == nil {
		return r.readParts(in, st, fname)
	}
	src, err := os.ReadFile(in.path)
	if err != nil {
		return nil, readError(in, err)
	}
	r.c.files.Add(1)
	sum := manifest.Hash(src)
	if errors.Is(lookupErr, format.ErrUnknownFormat) && (opts.Format == "" || opts.Format == "auto") {
		return nil, r.copyUnknown(in, src)
	}
	if lookupErr != nil {
		return nil, &FileError{File: in.path, Input: true, Err: lookupErr, Msg: lookupErr.Error()}
	}
	doc, err := parser.Parse(in.path, src)
	if err != nil {
		return nil, &FileError{File: in.path, Input: true, Err: err, Msg: err.Error()}
	}
	return &source{size: len(src), sum: sum, fname: fname, lang: doc, open: func() (partReader, error) {
		return &wholeDoc{doc: doc}, nil
	}}, nil
}

// readParts reads a file a format parses a part at a time: every part is
// parsed (so that bad input stops the file before any edition, as a whole
// parse would) and dropped, the bytes hashed on the way.
func (r *run) readParts(in input, st streamer, fname string) (*source, error) {
	size := r.opts.partSize
	if size < 1 {
		size = partSize
	}
	p, err := openParts(in.path, st, size, "")
	if err != nil {
		return nil, readError(in, err)
	}
	defer p.Close()
	r.c.files.Add(1)
	lang := &format.Document{Name: in.path, Format: fname}
	text := 0
	for {
		d, err := p.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *format.ParseError
		if errors.As(err, &pe) {
			return nil, &FileError{File: in.path, Input: true, Err: err, Msg: err.Error()}
		}
		if err != nil {
			return nil, readError(in, err)
		}
		if lang.Lang == "" {
			lang.Lang = d.Lang
		}
		for _, u := range d.Units {
			if text >= edition.DetectInput {
				break
			}
			t := u.Text
			if text+len(t) > edition.DetectInput {
				t = t[:edition.DetectInput-text]
				for len(t) > 0 && !utf8.RuneStart(u.Text[len(t)]) {
					t = t[:len(t)-1]
				}
				text = edition.DetectInput // nothing after a unit cut short
			} else {
				text += len(t)
			}
			// A copy: the part's text goes.
			lang.Units = append(lang.Units, format.Unit{ID: u.ID, Kind: u.Kind, Line: u.Line, Text: strings.Clone(t)})
		}
	}
	sum := hex.EncodeToString(p.h.Sum(nil))
	return &source{size: int(p.n), sum: sum, fname: fname, lang: lang, open: func() (partReader, error) {
		return openParts(in.path, st, size, sum)
	}}, nil
}

// readError is the failure to read an input file.
func readError(in input, err error) *FileError {
	msg := err.Error()
	if u := errors.Unwrap(err); u != nil {
		msg = u.Error()
	}
	return &FileError{File: in.path, Input: true, Err: err, Msg: fmt.Sprintf("%s: %s", in.path, msg)}
}
