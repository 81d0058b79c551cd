package edition

import (
	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/glossary"
	"github.com/locpipe/locpipe/pipeline/memory"
)

// Engine is the engine part of a memory key: the engine's name, with
// "@settings" when the settings that shape its output have a fingerprint.
func Engine(backend, settings string) string {
	if settings != "" {
		return backend + "@" + settings
	}
	return backend
}

// Keys makes the translation-memory keys of an edition's segments, the
// same for translate (lookup, store) and review (export, import).
type Keys struct {
	From, To language.Tag
	Engine   string             // see Engine
	Glossary *glossary.Glossary // nil: no terms protected
}

// Key returns the memory key of s: what the engine is sent — its text with
// the glossary's terms protected and the source text of each term — the
// language pair, the engine, and the neighbouring sentences (as written:
// s.Prev, s.Next) for context. It holds nothing else of the glossary: the
// target terms are applied when the edition is rendered. The
// protection is returned too, to restore the terms in a translation; it is
// nil without a glossary.
func (k Keys) Key(s Segment) (memory.Key, *glossary.Protected) {
	key := memory.Key{Source: s.Text, SourceLang: k.From.String(), TargetLang: k.To.String(), Engine: k.Engine,
		Prev: s.Prev, Next: s.Next}
	var p *glossary.Protected
	if k.Glossary != nil {
		p = k.Glossary.Protect(s.Text, k.From, k.To)
		key.Source, key.Terms = p.Text, p.SourceTerms()
	}
	return key, p
}
