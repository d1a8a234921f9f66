package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

func init() {
	register("sections", "list a publication's sections with slugs and article counts, or forget a banner (sections forget BANNER)", runSections)
}

func runSections(ctx context.Context, env *Env, args []string) error {
	cfg, err := loadConfig(env, args)
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "sections", "sections [list] [--config FILE] [--db DSN] [--publication ID]\n       bulletinfeed sections forget BANNER [--db DSN] [--publication ID]")
	cfg.BindStore(fs)
	cfg.BindPublicationID(fs)
	if err := parseArgs(env, &cfg, fs, args); err != nil {
		return err
	}
	action, banner, err := splitAction("sections", fs.Args(), map[string]string{"list": "", "forget": "BANNER"})
	if err != nil {
		return err
	}
	if action == "forget" && cfg.File != "" && len(cfg.Publications) > 0 {
		return usageErrorf("sections forget: the sections of %q come from %s: remove the banner there", cfg.Publication, cfg.File)
	}
	db, pub, err := openForReading(ctx, cfg, env)
	if err != nil {
		return err
	}
	defer db.Close()
	if action == "forget" {
		return forgetBanner(ctx, env, db, pub, banner)
	}
	counts, err := db.SectionCounts(ctx, pub.ID)
	if err != nil {
		return err
	}
	return writeSections(env.Stdout, pub, counts)
}

// writeSections prints one line per section, then the known banners that
// no stored article carries yet.
func writeSections(w io.Writer, pub *bulletinfeed.Publication, counts []store.SectionCount) error {
	rows := [][]string{{"SLUG", "ARTICLES", "BANNER", "SHOWN AS"}}
	seen := map[string]bool{}
	for _, c := range counts {
		seen[c.Name] = true
		banner := c.Name
		shown := pub.SectionNames[c.Name]
		if banner == "" {
			banner = "(before the first banner)"
			shown = pub.DefaultSection
		}
		if shown == "" {
			shown = "-"
		}
		rows = append(rows, []string{c.Slug, strconv.Itoa(c.Articles), printable(banner), printable(shown)})
	}
	var b strings.Builder
	writeTable(&b, rows)
	if len(counts) == 0 {
		fmt.Fprintf(&b, "(no sections in publication %q yet)\n", pub.ID)
	}
	var unseen []string
	for _, banner := range pub.Banners {
		if !seen[banner] {
			unseen = append(unseen, printable(banner))
		}
	}
	if len(unseen) > 0 {
		fmt.Fprintf(&b, "known banners not printed in any stored issue: %s\n", strings.Join(unseen, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// forgetBanner removes a banner from the publication's known banners, as
// when one was mistyped in --section: new parses no longer look for it.
// Stored sections and their slugs stay, since feed URLs use them.
func forgetBanner(ctx context.Context, env *Env, db *store.DB, pub *bulletinfeed.Publication, banner string) error {
	i := slices.Index(pub.Banners, banner)
	if i < 0 {
		known := "it knows no banner"
		if len(pub.Banners) > 0 {
			known = "it knows " + strings.Join(pub.Banners, ", ")
		}
		return bulletinfeed.Errorf(bulletinfeed.NotFound, "publication %q has no known banner %q (%s)", pub.ID, banner, known)
	}
	pub.Banners = slices.Delete(pub.Banners, i, i+1)
	if err := db.PutPublication(ctx, pub); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "forgot banner %s of %s; stored sections keep their slugs\n", printable(banner), printable(pub.ID))
	return nil
}
