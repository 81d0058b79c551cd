// Package format reads articles into a skeleton plus translatable units and
// writes them back.
//
// A Document is a list of skeleton pieces: literal bytes that are never
// translated, and references to Units, the translatable pieces (a title, a
// paragraph, an attribute value). Inline markup inside a unit (links,
// emphasis, line breaks) becomes inline Codes, written in Unit.Text as
// private-use marker runes (CodeRune) so that segmentation, protection and
// translation carry them as single characters.
//
// Parsing then rendering with no translations gives the input back byte for
// byte: parsers only cut the source into ranges, and a unit whose text is
// unchanged is written as its Raw source bytes. Translated units are
// encoded by the format's Encoder, which escapes the text so that whatever
// a backend returns stays text: a translation holding "<script>" or
// "[x](javascript:…)" is written as visible characters, never as markup.
//
// # Formats
//
// Formats are looked up in a Registry built explicitly by Default or
// NewDefault, by extension or by name (the --format flag):
//
//   - "txt" (.txt, .text): Text. Paragraphs are separated by blank lines;
//     the first is the title.
//   - "md" (.md, .markdown): Markdown, parsed with goldmark (CommonMark
//     plus GFM tables and strikethrough). Headings, paragraphs, list items
//     and table cells are units; a soft-wrapped paragraph is one unit whose
//     text has a space where the source had a line break. Emphasis, links
//     and images (their text is translated, their URLs are codes), code
//     spans, inline HTML and hard line breaks are inline codes. Code blocks,
//     HTML blocks and link reference definitions stay in the skeleton, and
//     so do shortcut reference links ("[Kyiv]"), whose text is their
//     target. YAML ("---") or TOML ("+++") front matter: the fields named by
//     MarkdownOptions.Fields (default title, summary, description) are units
//     when their value is a one-line string that is prose (never a date,
//     number, boolean, list or URL); a "lang" field is the document's
//     language.
//   - "html" (.html, .htm): HTML, tokenized with golang.org/x/net/html. The
//     text of each block element is a unit; inline elements (a, em, strong,
//     span, br, …) are inline codes; alt, title, placeholder and aria-label
//     attributes and the content of <meta name="description"> (and its
//     og: and twitter: cousins) are units. script, style, pre, code,
//     template, textarea and every element under translate="no" are left
//     alone. Character references are decoded for the engine and written
//     back the way the source wrote them. <html lang> is the document's
//     language and becomes the edition's (added when missing).
//
// A file whose extension no parser claims gives ErrUnknownFormat: the
// pipeline copies such files with a warning.
//
// # Inline codes
//
// An engine may lose, repeat or reorder code markers. Unit.RepairCodes
// returns a translation in which every code appears exactly once in a valid
// nesting (lost codes placed at the unit's ends) with a warning for each
// repair; encoders apply the same repair, so rendering never emits broken
// nesting even for unrepaired text.
package format
