package main

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// buildVersion is what `locpipe --version` prints and SARIF reports name
// the tool's version: the module version ("(devel)" for a build from a
// checkout) and the VCS revision, time and dirty flag the Go toolchain
// stamped into the binary.
type buildVersion struct {
	Module   string // v1.2.3, or (devel)
	Revision string // the commit, "" when not stamped (-buildvcs=false)
	Time     string // the commit's time, RFC 3339
	Modified bool   // built from a work tree with uncommitted changes
	Go       string // the toolchain
}

// readVersion reads the binary's build information.
func readVersion() buildVersion {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return buildVersion{Module: "(unknown)"}
	}
	return versionOf(bi)
}

func versionOf(bi *debug.BuildInfo) buildVersion {
	v := buildVersion{Module: bi.Main.Version, Go: bi.GoVersion}
	if v.Module == "" {
		v.Module = "(devel)"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

// Short is the version for reports: the module version, else the revision.
func (v buildVersion) Short() string {
	if v.Module != "(devel)" && v.Module != "(unknown)" {
		return v.Module
	}
	if v.Revision != "" {
		r := v.Revision
		if len(r) > 12 {
			r = r[:12]
		}
		if v.Modified {
			r += "-dirty"
		}
		return r
	}
	return v.Module
}

// String is the line `locpipe --version` prints after the program's name.
func (v buildVersion) String() string {
	var b strings.Builder
	b.WriteString(v.Module)
	if v.Revision != "" {
		fmt.Fprintf(&b, " (revision %s", v.Revision)
		if v.Time != "" {
			fmt.Fprintf(&b, ", %s", v.Time)
		}
		if v.Modified {
			b.WriteString(", modified")
		}
		b.WriteString(")")
	} else {
		b.WriteString(" (revision unknown: built without VCS information)")
	}
	if v.Go != "" {
		fmt.Fprintf(&b, " %s", v.Go)
	}
	return b.String()
}
