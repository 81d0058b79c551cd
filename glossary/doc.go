// Package glossary is locpipe's term engine: the newsroom's naming policy.
//
// A Glossary is a termbase of concepts, as in TBX: each Concept has terms per
// language, each with a status (preferred, admitted, deprecated), and
// exceptions — longer phrases such as "Chicken Kiev" inside which the
// concept's terms are left alone. Glossaries are read from native YAML
// (Load, Parse), layered with Merge (a later concept with the same id
// replaces an earlier one), and one is built into the binary (Builtin).
//
// A Matcher finds the terms of one language in text: whole words,
// case-insensitive with the match's case carried to the replacement,
// possessives and hyphenated compounds kept, never inside URLs, e-mail
// addresses or inline codes. Apply rewrites text to the preferred terms of
// its own language (the house-style edition); Protect replaces terms with
// placeholder runes before machine translation, and Restore puts the target
// language's preferred terms back.
package glossary
