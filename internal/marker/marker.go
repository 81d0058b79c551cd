package marker

// The alphabet. Inline codes use the BMP private-use block first (three
// bytes in UTF-8, what every engine handles), then plane 16 for units with
// more codes; term placeholders use plane 15.
const (
	codeFirst   = 0xE000   // inline code 0
	codeBMP     = 0x1000   // codes 0…4095 in U+E000–U+EFFF
	codeWide    = 0x100000 // inline code 4096, in plane 16
	planeRunes  = 0xFFFE   // usable runes of a plane (U+xFFFE and U+xFFFF are noncharacters)
	termFirst   = TermBase
	bmpPUALast  = 0xF8FF  // the end of the BMP private-use area
	planesFirst = 0xF0000 // the supplementary private-use planes 15 and 16
)

// TermBase is term placeholder 0: Term(i) == TermBase+i.
const TermBase = 0xF0000

// MaxCodes is the number of inline codes one unit can hold: 4,096 in the
// BMP private-use block and 65,534 more in plane 16.
const MaxCodes = codeBMP + planeRunes

// MaxTerms is the number of term placeholders one text can hold.
const MaxTerms = planeRunes - 1 // U+F0000–U+FFFFC; U+FFFFD is left to other uses

// Code returns the marker rune of inline code id (0 ≤ id < MaxCodes). It
// panics outside that range: callers check MaxCodes before numbering codes.
func Code(id int) rune {
	switch {
	case id >= 0 && id < codeBMP:
		return rune(codeFirst + id)
	case id >= codeBMP && id < MaxCodes:
		return rune(codeWide + id - codeBMP)
	}
	panic("marker: inline code id out of range")
}

// CodeID reports whether r marks an inline code and, if so, which.
func CodeID(r rune) (int, bool) {
	switch {
	case r >= codeFirst && r < codeFirst+codeBMP:
		return int(r - codeFirst), true
	case r >= codeWide && r < codeWide+planeRunes:
		return int(r-codeWide) + codeBMP, true
	}
	return 0, false
}

// IsCode reports whether r marks an inline code.
func IsCode(r rune) bool { _, ok := CodeID(r); return ok }

// Term returns the placeholder rune of protected term i (0 ≤ i < MaxTerms).
// It panics outside that range.
func Term(i int) rune {
	if i < 0 || i >= MaxTerms {
		panic("marker: term placeholder index out of range")
	}
	return rune(termFirst + i)
}

// TermID reports whether r is a term placeholder and, if so, its index.
func TermID(r rune) (int, bool) {
	if r >= termFirst && r < termFirst+MaxTerms {
		return int(r - termFirst), true
	}
	return 0, false
}

// IsTerm reports whether r is a term placeholder.
func IsTerm(r rune) bool { _, ok := TermID(r); return ok }

// IsMarker reports whether r is an inline code or a term placeholder.
func IsMarker(r rune) bool { return IsCode(r) || IsTerm(r) }

// IsPrivateUse reports whether r lies in a Unicode private-use area (the
// BMP block U+E000–U+F8FF or planes 15 and 16): the runes that may be, or
// be mistaken for, markers. Checks use it to find markers left in output.
func IsPrivateUse(r rune) bool {
	return r >= codeFirst && r <= bmpPUALast || r >= planesFirst && r <= 0x10FFFF
}
