package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/admin"
	"github.com/bulletinfeed/bulletinfeed/config"
	"github.com/bulletinfeed/bulletinfeed/store"
)

func init() {
	register("users", "manage who may sign in to the editors' console (users add|passwd|list|remove)", runUsers)
}

// minPassword is the shortest password accepted, in characters: the
// console faces the network, and its rate limit slows guessing, it does
// not stop it.
const minPassword = 10

func runUsers(ctx context.Context, env *Env, args []string) error {
	cfg, err := loadConfig(env, args)
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "users", `users [list] [--config FILE] [--db DSN]
       bulletinfeed users add NAME [--publication ID]... [--admin] [--password-stdin]
       bulletinfeed users passwd NAME [--password-stdin]
       bulletinfeed users remove NAME

The password is asked on the terminal, twice, without echo; --password-stdin
reads it from the first line of standard input instead, for scripts.
An editor sees and changes only the publications given with --publication;
an admin sees and changes all of them. The console (/admin/ of the site)
is off until the first user exists.`)
	cfg.BindStore(fs)
	var pubs config.StringList
	fs.Var(&pubs, "publication", "with add: a publication `ID` the user may edit (repeatable)")
	isAdmin := fs.Bool("admin", false, "with add: the user may edit every publication")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input, not the terminal")
	if err := parseArgs(env, &cfg, fs, args); err != nil {
		return err
	}
	action, name, err := splitAction("users", fs.Args(), map[string]string{"list": "", "add": "NAME", "passwd": "NAME", "remove": "NAME"})
	if err != nil {
		return err
	}
	if action != "add" && (len(pubs) > 0 || *isAdmin) {
		return usageErrorf("users %s: --publication and --admin go with add", action)
	}
	if action != "add" && action != "passwd" && *fromStdin {
		return usageErrorf("users %s: --password-stdin goes with add and passwd", action)
	}
	if action == "add" {
		if err := checkUserName(name); err != nil {
			return usageErrorf("users add: %v", err)
		}
		if err := checkUserPublications(cfg, pubs); err != nil {
			return err
		}
		if len(pubs) == 0 && !*isAdmin {
			return usageErrorf("users add: give the publications %s may edit (--publication ID), or --admin", name)
		}
	}
	var password string
	if action == "add" || action == "passwd" {
		// Asked before the store is opened: a typo in the confirmation
		// must not leave anything half done.
		if password, err = readPassword(env, *fromStdin); err != nil {
			return err
		}
	}
	db, err := openUsersStore(ctx, cfg, env, action == "add")
	if err != nil {
		return err
	}
	defer db.Close()
	who := "cli:" + env.Getenv("USER")
	switch action {
	case "add":
		u := &bulletinfeed.User{Name: name, Admin: *isAdmin, Publications: pubs, PasswordHash: admin.HashPassword(password, admin.DefaultParams)}
		if err := db.AddUser(ctx, u); err != nil {
			return err
		}
		role := "editor of " + strings.Join(pubs, ", ")
		if *isAdmin {
			role = "admin"
		}
		if err := db.AddAudit(ctx, &bulletinfeed.AuditEntry{User: who, Action: bulletinfeed.AuditUserAdd, Detail: name + " (" + role + ")"}); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "added user %s (%s); the console is at /admin/ of the site\n", printable(name), printable(role))
	case "passwd":
		if err := db.SetPassword(ctx, name, admin.HashPassword(password, admin.DefaultParams)); err != nil {
			return err
		}
		if err := db.AddAudit(ctx, &bulletinfeed.AuditEntry{User: who, Action: bulletinfeed.AuditUserPassword, Detail: name}); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "changed the password of %s; its sessions have ended\n", printable(name))
	case "remove":
		if err := db.RemoveUser(ctx, name); err != nil {
			return err
		}
		if err := db.AddAudit(ctx, &bulletinfeed.AuditEntry{User: who, Action: bulletinfeed.AuditUserRemove, Detail: name}); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "removed user %s and its sessions\n", printable(name))
	default:
		users, err := db.Users(ctx)
		if err != nil {
			return err
		}
		return writeUsers(env.Stdout, users)
	}
	return nil
}

// openUsersStore opens the store for the users command. users add, like
// ingest, creates the store a configuration file names and brings its
// schema up to date, so that the first user may come before the first
// issue; a --db must name a store that exists. The other actions open
// an existing store at the current schema, as read-only commands do.
func openUsersStore(ctx context.Context, cfg config.Config, env *Env, add bool) (*store.DB, error) {
	switch {
	case add && cfg.DBFromFile:
		return createStore(ctx, cfg, env.Log)
	case add:
		// Opened first as it is, to fail on a store that is not there
		// rather than create one a mistyped --db names.
		db, err := openExisting(ctx, cfg, env.Log)
		if err == nil {
			return db, nil
		}
		if bulletinfeed.KindOf(err) == bulletinfeed.NotFound {
			return nil, err
		}
		return store.Open(ctx, cfg.DB, env.Log)
	}
	return openExisting(ctx, cfg, env.Log)
}

// checkUserName refuses names that would not survive a log line or a
// form: empty, too long, with spaces or invisible characters.
func checkUserName(name string) error {
	if name == "" || utf8.RuneCountInString(name) > 64 {
		return fmt.Errorf("a user name has 1 to 64 characters, got %q", name)
	}
	if printable(name) != name || strings.ContainsFunc(name, func(r rune) bool { return r == ' ' || r == '\u3000' }) {
		return fmt.Errorf("user name %q has spaces or characters a terminal would not show", name)
	}
	return nil
}

// checkUserPublications refuses a publication the configuration does not
// have: a mistyped id would give the user nothing, silently.
func checkUserPublications(cfg config.Config, ids []string) error {
	known, _, err := cfg.Resolve()
	if err != nil {
		return err
	}
	for _, id := range ids {
		if !slices.ContainsFunc(known, func(p config.Publication) bool { return p.ID == id }) {
			var names []string
			for _, p := range known {
				names = append(names, p.ID)
			}
			return usageErrorf("users add: --publication %q is not a publication of the configuration (%s)", id, strings.Join(names, ", "))
		}
	}
	return nil
}

// readPassword reads a new password: from the first line of standard
// input with --password-stdin, else twice from the terminal without echo.
func readPassword(env *Env, fromStdin bool) (string, error) {
	var pw string
	if fromStdin {
		line, err := bufio.NewReader(env.Stdin).ReadString('\n')
		if err != nil && err != io.EOF {
			return "", fmt.Errorf("read the password from standard input: %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
	} else {
		f, ok := env.Stdin.(*os.File)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return "", usageErrorf("users: standard input is not a terminal: give --password-stdin to read the password from it")
		}
		ask := func(prompt string) (string, error) {
			fmt.Fprint(env.Stderr, prompt)
			b, err := term.ReadPassword(int(f.Fd()))
			fmt.Fprintln(env.Stderr)
			if err != nil {
				return "", fmt.Errorf("read the password: %w", err)
			}
			return string(b), nil
		}
		var err error
		if pw, err = ask("Password: "); err != nil {
			return "", err
		}
		again, err := ask("Again: ")
		if err != nil {
			return "", err
		}
		if again != pw {
			return "", bulletinfeed.Errorf(bulletinfeed.Invalid, "the two passwords differ; nothing changed")
		}
	}
	if n := utf8.RuneCountInString(pw); n < minPassword {
		return "", bulletinfeed.Errorf(bulletinfeed.Invalid, "the password has %d characters; the least is %d", n, minPassword)
	}
	return pw, nil
}

// writeUsers prints one line per user.
func writeUsers(w io.Writer, users []*bulletinfeed.User) error {
	rows := [][]string{{"NAME", "ROLE", "PUBLICATIONS", "ADDED"}}
	for _, u := range users {
		role, pubs := "editor", strings.Join(u.Publications, ", ")
		if u.Admin {
			role, pubs = "admin", "(all)"
		}
		if pubs == "" {
			pubs = "-"
		}
		rows = append(rows, []string{printable(u.Name), role, printable(pubs), u.Created.Format("2006-01-02")})
	}
	var b strings.Builder
	writeTable(&b, rows)
	if len(users) == 0 {
		b.WriteString("(no users: the console is off; add one with \"bulletinfeed users add NAME --admin\")\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
