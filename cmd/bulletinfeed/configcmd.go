package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/bulletinfeed/bulletinfeed/config"
)

func init() {
	register("config", "check a configuration file (config check [FILE]) or print a commented example (config example)", runConfig)
}

// exampleConfig is the commented example that "config example" prints:
// every key, with its default.
//
//go:embed example.toml
var exampleConfig string

func runConfig(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "config", "config check [FILE]\n       bulletinfeed config example")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	switch fs.Arg(0) {
	case "example":
		if fs.NArg() != 1 {
			return usageErrorf("config example: unexpected argument %q", fs.Arg(1))
		}
		_, err := io.WriteString(env.Stdout, exampleConfig)
		return err
	case "check":
		return configCheck(env, fs.Lookup("config").Value.String(), fs.Args()[1:])
	case "":
		return usageErrorf("config: want check [FILE] or example")
	default:
		return usageErrorf("config: unknown action %q (want check or example)", fs.Arg(0))
	}
}

// configCheck reads a configuration file and prints each mistake with its
// line, or a summary of what the file configures.
func configCheck(env *Env, flagPath string, args []string) error {
	if len(args) > 1 {
		return usageErrorf("config check: want at most one FILE, got %d", len(args))
	}
	var path string
	switch {
	case len(args) == 1:
		path = args[0]
	case flagPath != "":
		path = flagPath
	case env.Getenv("BULLETINFEED_CONFIG") != "":
		path = env.Getenv("BULLETINFEED_CONFIG")
	default:
		if _, err := os.Stat(config.DefaultFile); err != nil {
			return usageErrorf("config check: no FILE given and no ./%s here", config.DefaultFile)
		}
		path = config.DefaultFile
	}
	fc, err := config.ReadFile(path)
	var ce *config.FileError
	if errors.As(err, &ce) {
		fmt.Fprintln(env.Stdout, ce.Error())
		return fmt.Errorf("config check: %s has %d %s", path, len(ce.Problems), plural(len(ce.Problems), "mistake", "mistakes"))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: ok, %d %s\n", path, len(fc.Publications), plural(len(fc.Publications), "publication", "publications"))
	for _, p := range fc.Publications {
		fmt.Fprintf(env.Stdout, "  %s: %s, %s, %s\n", p.ID, count(len(p.CheckedSections()), "section", "sections"),
			count(len(p.Seed), "seed file", "seed files"), count(len(p.Sources), "source", "sources"))
	}
	return nil
}

// count writes n with the noun that agrees with it: "1 seed file".
func count(n int, one, many string) string {
	return strconv.Itoa(n) + " " + plural(n, one, many)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
