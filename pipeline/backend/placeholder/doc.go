// Package placeholder carries locpipe's placeholder runes through machine
// translation engines and back.
//
// Segment texts reaching an engine hold two kinds of private-use runes:
// inline codes (U+E000+i, see pipeline/format) and protected glossary terms
// (U+F0000+j, see glossary). Engines do not keep private-use characters
// reliably, so each rune is encoded before a request and decoded after it:
//
//   - Markup (ToMarkup, FromMarkup): the text is escaped as HTML and every
//     placeholder becomes an empty element <x id="c3"/> or <x id="t0"/>. Engines
//     that take markup (Apertium's -f html, APy and LibreTranslate with
//     format=html, DeepL with tag_handling=xml) keep tags as they are; Apertium
//     writes <x id="c3"></x>, which decodes the same.
//   - Inline (ToInline, FromInline): for rule-based engines that translate
//     with their own grammar (Apertium). A protected term travels as its
//     source text, inside <span id="t0">…</span> or bare, a pair of codes as
//     one <span> around its text, any other code as an unknown filler word;
//     no empty element reaches the engine, which would break the sentence
//     there. The decoder finds the name the engine wrote and puts the
//     placeholder back (see Segment.Terms and Segment.Pairs in package
//     backend, and TestFidelity in pipeline/backend/apertium for the figures).
//   - Tokens (ToTokens, FromTokens): a visible token ⟦c3⟧ / ⟦t0⟧ for engines
//     that take plain text only (language models, told to keep them).
//
// Frame and Unframe join many segments into one markup request (one
// <p id="sN"> block each) and split the reply, so that an engine is called
// once per batch, not once per sentence.
//
// Repair compares a decoded translation with its source: a placeholder the
// engine lost is re-inserted at the matching place, a duplicated or invented
// one is dropped, and each repair is returned as a warning — nothing is lost
// silently.
package placeholder
