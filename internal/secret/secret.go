// Package secret keeps credentials out of what locpipe prints: the password
// of a URL's user information (http://user:PASS@host) is replaced by
// "xxxxx", as net/url's URL.Redacted does, in one URL or in every URL of a
// message. Every place that prints an engine URL (errors, logs, the --json
// summary, the manifest) goes through it.
package secret

import (
	"net/url"
	"regexp"
)

// Mask replaces a password.
const Mask = "xxxxx"

// URL returns raw with the password of its user information masked. A
// string that does not parse as a URL is scrubbed as text.
func URL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return Text(raw)
	}
	return u.Redacted()
}

// userinfo matches the user information of a URL in running text:
// scheme://user:password@ — up to the last @ before the host's end.
var userinfo = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://[^\s/@:"'<>]*):[^\s/@"'<>]*@`)

// Text returns s with the password of every URL in it masked.
func Text(s string) string {
	return userinfo.ReplaceAllString(s, "${1}:"+Mask+"@")
}
