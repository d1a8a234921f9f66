package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
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
		Log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return exitOK
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
		fmt.Fprintf(fs.Output(), "Usage: bulletinfeed %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; --help prints the usage on stdout and yields
// errHelp, other flag errors become usage errors.
func parseFlags(env *Env, fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
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
