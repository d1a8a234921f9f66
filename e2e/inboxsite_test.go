//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// inboxSite writes the configuration of a publication "news" with the
// sections of the generated issues and an inbox at DIR/inbox, with more
// top-level keys before its tables, and makes its store as an editor
// would, by ingesting a first issue. It returns the configuration file,
// the store and the inbox.
func (h *harness) inboxSite(more string) (conf, db, inbox string) {
	h.t.Helper()
	inbox = filepath.Join(h.dir, "inbox")
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		h.t.Fatal(err)
	}
	db = filepath.Join(h.dir, "news.db")
	var secs []string
	for _, s := range sections {
		secs = append(secs, fmt.Sprintf("%q", s))
	}
	conf = filepath.Join(h.dir, "bulletinfeed.toml")
	text := fmt.Sprintf("db = %q\n%s\n[[publication]]\nid = \"news\"\nsections = [%s]\n[[publication.sources]]\nkind = \"inbox\"\npath = \"inbox\"\n",
		db, more, strings.Join(secs, ", "))
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		h.t.Fatal(err)
	}
	seed := h.writeIssues(filepath.Join(h.dir, "seed"), 100)[0]
	p := h.start("ingest", "ingest", "--config", conf, seed.path)
	if code, err := p.wait(60 * time.Second); err != nil || code != 0 {
		h.t.Fatalf("ingest of the first issue: exit %d, %v: %s", code, err, tail(p.stderr.String(), 10))
	}
	return conf, db, inbox
}
