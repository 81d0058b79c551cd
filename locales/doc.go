// Package locales holds locpipe's per-language data, embedded in the binary:
// the files under data/ (segmentation rules, messages, typography), so that a
// user adds a language by adding files, not Go code.
package locales
