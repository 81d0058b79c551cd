// Package charset turns the bytes of an XML exchange file (XLIFF, TMX) into
// a UTF-8 stream that encoding/xml reads: real files come with a UTF-8 BOM,
// in UTF-16 (with or without a BOM) or in a legacy encoding named by the
// XML declaration (windows-1252, ISO-8859-1).
package charset

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// UTF8 returns data as UTF-8 without a byte-order mark. It reports whether
// the input was UTF-16, whose XML declaration then names an encoding the
// bytes no longer have (NewDecoder handles that).
func UTF8(data []byte) ([]byte, bool, error) {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], false, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(data, []byte{'<', 0, '?', 0}):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case bytes.HasPrefix(data, []byte{0, '<', 0, '?'}):
		enc = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	default:
		return data, false, nil
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), data)
	if err != nil {
		return nil, true, fmt.Errorf("charset: UTF-16: %w", err)
	}
	return out, true, nil
}

// NewDecoder returns an XML decoder over data in whatever encoding it
// declares or marks with a BOM.
func NewDecoder(data []byte) (*xml.Decoder, error) {
	utf8Data, wasUTF16, err := UTF8(data)
	if err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(utf8Data))
	d.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		l := strings.ToLower(strings.TrimSpace(label))
		if wasUTF16 || l == "utf-8" || l == "utf8" || strings.HasPrefix(l, "utf-16") {
			return input, nil // already converted by UTF8
		}
		enc, err := ianaindex.IANA.Encoding(label)
		if err != nil || enc == nil {
			return nil, fmt.Errorf("charset: unsupported encoding %q", label)
		}
		return transform.NewReader(input, enc.NewDecoder()), nil
	}
	return d, nil
}
