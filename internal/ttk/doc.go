// Package ttk runs Translate Toolkit (Debian python3-translate, from the
// system /usr/bin/python3, not another Python first on PATH) on files
// locpipe writes, for the interoperability tests: what its readers see in a
// file, and a reviewer's edit made with its storage classes. Without it the
// tests skip (fail under LOCPIPE_REQUIRE_ALL=1) saying what to install.
package ttk
