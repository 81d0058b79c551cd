package manifest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Decode streams the editions of a manifest: fn gets each one with the
// byte offset and length of its JSON in r (the offset may include the comma
// and white space before the object), one at a time, so a manifest of
// millions of editions is never held in memory. Errors wrap ErrCorrupt.
func Decode(r io.Reader, fn func(e *Edition, off, n int64) error) error {
	dec := json.NewDecoder(bufio.NewReader(r))
	bad := func(err error) error { return fmt.Errorf("%w: %v", ErrCorrupt, err) }
	tok, err := dec.Token()
	if err != nil {
		return bad(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return bad(errors.New("not a JSON object"))
	}
	version := 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return bad(err)
		}
		key, _ := tok.(string)
		switch key {
		case "version":
			if err := dec.Decode(&version); err != nil {
				return bad(err)
			}
			if version != Version {
				return fmt.Errorf("%w: version %d, this locpipe reads %d", ErrCorrupt, version, Version)
			}
		case "editions":
			tok, err := dec.Token()
			if err != nil {
				return bad(err)
			}
			if tok == nil {
				continue // "editions": null
			}
			if d, ok := tok.(json.Delim); !ok || d != '[' {
				return bad(errors.New("editions is not a list"))
			}
			for dec.More() {
				start := dec.InputOffset()
				var e Edition
				if err := dec.Decode(&e); err != nil {
					return bad(err)
				}
				if err := fn(&e, start, dec.InputOffset()-start); err != nil {
					return err
				}
			}
			if _, err := dec.Token(); err != nil {
				return bad(err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return bad(err)
			}
		}
	}
	if _, err := dec.Token(); err != nil {
		return bad(err)
	}
	if version == 0 {
		return fmt.Errorf("%w: no version", ErrCorrupt)
	}
	return nil
}

// DecodeJournal streams the complete records of a journal: fn gets each
// edition with the offset and length of its line (without the newline). A
// torn last line (the run was killed while writing it), and anything after
// a garbled one, is dropped. It returns the offset just past the last
// complete record.
func DecodeJournal(r io.Reader, fn func(e *Edition, off, n int64) error) (int64, error) {
	br := bufio.NewReader(r)
	var off int64
	for {
		line, err := br.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			return off, nil // a line without its newline is torn
		}
		if err != nil {
			return off, err
		}
		var e Edition
		if json.Unmarshal(line, &e) != nil {
			return off, nil
		}
		if err := fn(&e, off, int64(len(line)-1)); err != nil {
			return off, err
		}
		off += int64(len(line))
	}
}
