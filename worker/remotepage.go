package worker

import (
	"bytes"
	"context"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/fetch"
	"golang.org/x/net/html/charset"
)

// PageSource is an upstream HTML page that lists issue files: the links
// (a[href]) that match Selector, if set, and whose file name matches
// Pattern, if set, are the issues. With neither set, the links to .txt
// and .pdf files are.
type PageSource struct {
	Remote
	// Selector is a CSS selector: a link is an issue when it matches, or
	// lies within an element that does.
	Selector string
	// Pattern is matched against the file name of a link's URL (the last
	// element of its path).
	Pattern *regexp.Regexp

	listing
}

// NewPageSource returns the source of the page at r.URL, checking the
// selector and compiling the pattern; either may be "".
func NewPageSource(r Remote, selector, pattern string) (*PageSource, error) {
	s := &PageSource{Remote: r, Selector: selector}
	if _, err := s.matcher(); err != nil {
		return nil, err
	}
	if pattern != "" {
		re, err := regexp.Compile(pattern)
		if err != nil {
			return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "page %s: pattern %q: %v", r.URL, pattern, err)
		}
		s.Pattern = re
	}
	return s, nil
}

// ID names the source among a publication's: "page:" and its URL.
func (s *PageSource) ID() string { return "page:" + s.URL }

// Pass fetches the page, conditionally once its links are known, then
// each linked issue file as FeedSource.Pass does.
func (s *PageSource) Pass(ctx context.Context) (PassResult, error) {
	return s.pass(ctx, &s.Remote, s.ID(), func(got *fetch.Fetched) ([]RemoteEntry, error) {
		return s.Entries(got.Body, got.ContentType, got.URL)
	})
}

// Entries returns the issue links of a page fetched from pageURL, in the
// page's order and each once, resolved against the page's <base href> or
// else pageURL. The entry's ID is the link's absolute URL. contentType
// (the response's) and the page's meta tags give its charset.
func (s *PageSource) Entries(body []byte, contentType, pageURL string) ([]RemoteEntry, error) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "page URL %s: %v", pageURL, err)
	}
	r, err := charset.NewReader(bytes.NewReader(body), contentType)
	if err != nil {
		return nil, &bulletinfeed.Error{Kind: bulletinfeed.Invalid, Message: "read page", Err: err}
	}
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		return nil, &bulletinfeed.Error{Kind: bulletinfeed.Invalid, Message: "read page", Err: err}
	}
	sel, err := s.matcher()
	if err != nil {
		return nil, err
	}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := base.Parse(strings.TrimSpace(href)); err == nil {
			base = b
		}
	}
	var entries []RemoteEntry
	seen := map[string]bool{}
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		if sel != nil && !a.IsMatcher(sel) && a.ParentsMatcher(sel).Length() == 0 {
			return
		}
		href, _ := a.Attr("href")
		u, ok := resolve(base, strings.TrimSpace(href))
		if !ok || seen[u] || !s.named(u) {
			return
		}
		seen[u] = true
		entries = append(entries, RemoteEntry{ID: u, URL: u, Title: strings.Join(strings.Fields(a.Text()), " ")})
	})
	return entries, nil
}

// matcher compiles the selector; nil when there is none.
func (s *PageSource) matcher() (cascadia.Selector, error) {
	if s.Selector == "" {
		return nil, nil
	}
	m, err := cascadia.Compile(s.Selector)
	if err != nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "page %s: selector %q: %v", s.URL, s.Selector, err)
	}
	return m, nil
}

// named reports whether a link's file name matches the pattern, or names
// a text or PDF file when there is neither pattern nor selector.
func (s *PageSource) named(rawURL string) bool {
	switch {
	case s.Pattern != nil:
		u, err := url.Parse(rawURL)
		return err == nil && s.Pattern.MatchString(path.Base(u.Path))
	case s.Selector == "":
		return issueFile(rawURL)
	}
	return true
}
