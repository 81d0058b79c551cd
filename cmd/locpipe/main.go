// Command locpipe turns a directory of news articles into localized
// editions: segment, apply the naming glossary, translate through a
// translation memory and a pluggable engine, reassemble, and check.
package main

import (
	"os"
)

func main() {
	os.Exit(testableMain(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Environ()))
}
