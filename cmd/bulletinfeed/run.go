package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"

	"github.com/bulletinfeed/bulletinfeed/config"
)

// Env is what a subcommand may touch of the outside world; tests build one
// with buffers and a map for the environment.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	Log    *slog.Logger
}

// command is one subcommand: its one-line summary for the usage text and the
// function that runs it with the arguments after its name.
type command struct {
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// commands is filled by each subcommand's file in its init function, so
// adding a subcommand touches only its own file.
var commands = map[string]command{}

func register(name, summary string, run func(context.Context, *Env, []string) error) {
	commands[name] = command{summary: summary, run: run}
}

// run is main without the process: it returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	env := &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: getenv,
		Log: config.DefaultLogger(stderr)}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return exitOK
	case "-version", "--version":
		name = "version"
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "bulletinfeed: unknown command %q\n", name)
		usage(stderr)
		return exitUsage
	}
	return exitCode(cmd.run(ctx, env, args[1:]), stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: bulletinfeed COMMAND [flags] [args]")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'bulletinfeed COMMAND --help' for a command's flags.")
}

// newFlagSet returns a flag set whose errors come back to the caller (as a
// usage error) instead of exiting, and whose help goes to stdout.
func newFlagSet(env *Env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: bulletinfeed %s\n\nFlags may come before or after the arguments; a file name that begins with - goes after --.\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	// Read by loadConfig before the flags are parsed, since the file's
	// values are the flags' defaults; declared here so that every command
	// accepts it and lists it in --help.
	fs.String("config", "", "configuration `file` (env BULLETINFEED_CONFIG; default ./"+config.DefaultFile+" when it exists)")
	return fs
}

// parseFlags parses args; --help prints the usage on stdout and yields
// errHelp, other flag errors become usage errors.
func parseFlags(env *Env, fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	ordered, err := flagsFirst(fs, args)
	if err != nil {
		return usageErrorf("%s: %v", fs.Name(), err)
	}
	err = fs.Parse(ordered)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(env.Stdout)
		fs.Usage()
		return errHelp
	}
	fs.SetOutput(env.Stderr)
	if err != nil {
		return usageErrorf("%s: %v", fs.Name(), err)
	}
	return nil
}

// flagsFirst reorders args so that flags come before the other arguments,
// as the flag package wants, since users type "ingest FILE --section X".
// Everything after "--" is an argument, whatever it looks like. A flag
// that takes a value keeps the argument after it; one that lacks it is an
// error here, since after reordering it would take the "--" as its value.
func flagsFirst(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		f := fs.Lookup(name)
		if f == nil || isBoolFlag(f) {
			continue
		}
		if i+1 >= len(args) || args[i+1] == "--" {
			return nil, fmt.Errorf("flag needs an argument: -%s", name)
		}
		i++
		flags = append(flags, args[i])
	}
	return append(append(flags, "--"), rest...), nil
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// splitAction reads the arguments of a command with actions ("issues
// delete KEY", "sections forget BANNER"): the action word, "list" when
// there is none, and the one argument the action takes. want gives each
// action the name of its argument, "" when it takes none.
func splitAction(command string, args []string, want map[string]string) (action, arg string, err error) {
	action = "list"
	if len(args) > 0 {
		action, args = args[0], args[1:]
	}
	name, ok := want[action]
	switch {
	case !ok:
		var known []string
		for a, n := range want {
			known = append(known, strings.TrimSpace(a+" "+n))
		}
		sort.Strings(known)
		return "", "", usageErrorf("%s: unknown action %q (want %s)", command, action, strings.Join(known, ", or "))
	case name == "" && len(args) != 0:
		return "", "", usageErrorf("%s %s: unexpected argument %q", command, action, args[0])
	case name != "" && len(args) != 1:
		return "", "", usageErrorf("%s %s: want exactly one %s, got %d arguments", command, action, name, len(args))
	case name != "":
		arg = args[0]
	}
	return action, arg, nil
}

// loadConfig returns the configuration of a command called with args:
// defaults, the file, then the environment (config.Load).
func loadConfig(env *Env, args []string) (config.Config, error) { return config.Load(args, env.Getenv) }

// parseArgs parses a command's flags (which may come after its
// arguments) into cfg, checks what the flags and the rest may have got
// wrong, and sets up logging as configured.
func parseArgs(env *Env, cfg *config.Config, fs *flag.FlagSet, args []string) error {
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if err := cfg.CheckFlags(fs); err != nil {
		return err
	}
	log, err := cfg.Logger(env.Stderr)
	if err != nil {
		return usageErrorf("%s: %v", fs.Name(), err)
	}
	env.Log = log
	return nil
}
