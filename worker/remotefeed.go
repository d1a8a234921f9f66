package worker

import (
	"bytes"
	"context"
	"mime"
	"net/url"
	"path"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/fetch"
	"github.com/mmcdole/gofeed"
)

// FeedSource is an upstream RSS or Atom feed whose entries point at issue
// files, through an enclosure or their link.
type FeedSource struct {
	Remote

	listing
}

// ID names the source among a publication's: "feed:" and its URL.
func (s *FeedSource) ID() string { return "feed:" + s.URL }

// Pass fetches the feed, conditionally once its entries are known, then
// each entry's issue file, conditionally once fetched; a file that changed
// is published, revising the issue it was published as. A file that fails
// is logged and counted and the others go on; a feed that cannot be
// fetched or read fails the pass.
func (s *FeedSource) Pass(ctx context.Context) (PassResult, error) {
	return s.pass(ctx, &s.Remote, s.ID(), func(got *fetch.Fetched) ([]RemoteEntry, error) {
		return FeedEntries(got.Body, got.URL)
	})
}

// FeedEntries reads the entries of an RSS or Atom feed fetched from
// feedURL, in the feed's order. Each points at its issue file through an
// enclosure of type text/plain or application/pdf, or whose URL ends in
// .txt or .pdf, else through a link that ends so; relative URLs are
// resolved against feedURL. An entry that points at no file has an empty
// URL. An entry's ID is its GUID, else its file's URL; a second entry of
// the same ID is dropped.
func FeedEntries(body []byte, feedURL string) ([]RemoteEntry, error) {
	base, err := url.Parse(feedURL)
	if err != nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "feed URL %s: %v", feedURL, err)
	}
	// gofeed converts a charset the feed declares (GBK, GB18030) itself.
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, &bulletinfeed.Error{Kind: bulletinfeed.Invalid, Message: "read feed", Err: err}
	}
	var entries []RemoteEntry
	seen := map[string]bool{}
	for _, it := range feed.Items {
		e := RemoteEntry{ID: strings.TrimSpace(it.GUID), Title: strings.TrimSpace(it.Title)}
		if u, ok := resolve(base, issueLink(it)); ok {
			e.URL = u
		}
		if e.ID == "" {
			e.ID = e.URL
		}
		if e.ID == "" {
			e.ID = e.Title
		}
		if seen[e.ID] {
			continue
		}
		seen[e.ID] = true
		entries = append(entries, e)
	}
	return entries, nil
}

// issueLink returns the URL, maybe relative, of the issue file an entry
// points at, or "".
func issueLink(it *gofeed.Item) string {
	for _, enc := range it.Enclosures {
		if issueType(enc.Type) || issueFile(enc.URL) {
			return strings.TrimSpace(enc.URL)
		}
	}
	for _, l := range append([]string{it.Link}, it.Links...) {
		if issueFile(l) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

// issueType reports whether a media type is one an issue file comes in.
func issueType(t string) bool {
	mt, _, err := mime.ParseMediaType(t)
	return err == nil && (mt == "text/plain" || mt == "application/pdf")
}

// issueFile reports whether a URL's path names a text or PDF file.
func issueFile(rawURL string) bool {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || rawURL == "" {
		return false
	}
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".txt", ".pdf":
		return true
	}
	return false
}

// resolve makes ref absolute against base; only http and https URLs are
// kept.
func resolve(base *url.URL, ref string) (string, bool) {
	if ref == "" {
		return "", false
	}
	u, err := base.Parse(ref)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return "", false
	}
	u.Fragment = ""
	return u.String(), true
}
