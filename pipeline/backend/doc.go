// Package backend defines what locpipe asks of a machine-translation engine
// (Translator: a batch of segments in, translations out) and the Registry
// that the configuration selects engines from.
//
// Each engine lives in a sub-package (pseudo, identity, …) and is registered
// explicitly by package all; nothing registers itself from init.
package backend
