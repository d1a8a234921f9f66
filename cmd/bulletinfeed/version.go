package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

func init() {
	register("version", "print the version and commit this program was built from", runVersion)
}

func runVersion(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "version", "version")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageErrorf("version: unexpected argument %q", fs.Arg(0))
	}
	fmt.Fprintln(env.Stdout, versionLine())
	return nil
}

// versionLine is "bulletinfeed VERSION (commit C, DATE[, modified]) GO":
// the module version (a tag, or "(devel)" for a build from a checkout)
// and the commit that the go command recorded from version control.
func versionLine() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "bulletinfeed (unknown version: built without module information)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var commit, when, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			commit = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	line := "bulletinfeed " + v
	if commit != "" {
		if len(commit) > 12 {
			commit = commit[:12]
		}
		line += fmt.Sprintf(" (commit %s, %s%s)", commit, when, modified)
	} else {
		line += " (no commit recorded)"
	}
	return line + " " + bi.GoVersion
}

// version is the short version for the User-Agent of fetches: the module
// version, or "devel" with the commit's first 12 digits when built from a
// checkout.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	if v != "" && v != "(devel)" {
		return v
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "devel-" + s.Value[:12]
		}
	}
	return "devel"
}
