package feed

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// pageMeta is what a page says of itself to search engines and to the
// apps that preview a shared link: its description, its Open Graph
// properties and, on an article's page, a schema.org NewsArticle as
// JSON-LD.
type pageMeta struct {
	Description string
	// Open Graph: og:type is "article" on an article's page, "website"
	// elsewhere; URL is the canonical URL.
	Type, Title, URL, SiteName string
	// Published, Modified and Section are the article:* properties.
	Published, Modified, Section string
	// Image is the absolute URL of the article's first picture, its
	// og:image, with its size.
	Image                   string
	ImageWidth, ImageHeight int
	// JSONLD is the NewsArticle of an article's page, escaped for a
	// script element (see jsonLD).
	JSONLD template.JS
}

// OGLocale is the page's language as og:locale spells it: zh_CN, en.
func (p *page) OGLocale() string { return strings.ReplaceAll(p.Lang, "-", "_") }

// websiteMeta returns the meta of a page other than an article's.
func (s *publication) websiteMeta(title, description, canonical string) *pageMeta {
	return &pageMeta{
		Description: description, Type: "website", Title: title,
		URL: canonical, SiteName: s.pub.Title,
	}
}

// pubDescription is the publication's description, or a line naming it.
func (s *publication) pubDescription() string {
	if d := strings.TrimSpace(s.pub.Description); d != "" {
		return d
	}
	if strings.HasPrefix(s.lang, "zh") {
		return s.pub.Title + "的文章与往期。"
	}
	return "Articles and issues of " + s.pub.Title + "."
}

// sectionDescription describes a section's pages: sections have no
// description of their own, so it names the section in its publication
// and adds the publication's.
func (s *publication) sectionDescription(ch *channel) string {
	var b strings.Builder
	if strings.HasPrefix(s.lang, "zh") {
		b.WriteString(s.pub.Title + "「" + ch.section + "」栏目的文章。")
	} else {
		b.WriteString(ch.section + ": articles of " + s.pub.Title + ".")
	}
	if d := strings.TrimSpace(s.pub.Description); d != "" {
		b.WriteString(" " + d)
	}
	return b.String()
}

// issueDescription describes an issue's page: its title, date and the
// headings of its first articles.
func (s *publication) issueDescription(iss *bulletinfeed.Issue) string {
	d := s.showDate(s.issueDate(iss))
	var heads []string
	for _, a := range iss.Articles {
		if len(heads) == 3 {
			break
		}
		if a.Title != "" {
			heads = append(heads, a.Title)
		}
	}
	if strings.HasPrefix(s.lang, "zh") {
		out := s.issueTitle(iss) + "（" + d + "），共" + strconv.Itoa(len(iss.Articles)) + "篇"
		if len(heads) > 0 {
			out += "：" + strings.Join(heads, "；")
		}
		return out + "。"
	}
	out := s.issueTitle(iss) + " (" + d + "), " + strconv.Itoa(len(iss.Articles)) + " articles"
	if len(heads) > 0 {
		out += ": " + strings.Join(heads, "; ")
	}
	return out + "."
}

// articleMeta returns the meta of an article's page, its JSON-LD
// included.
func (s *publication) articleMeta(a *bulletinfeed.Article, canonical string) *pageMeta {
	desc := summarize(a)
	if desc == "" {
		if subs := a.Subtitles(); len(subs) > 0 {
			desc = subs[0]
		} else {
			desc = s.pubDescription()
		}
	}
	pub, upd := s.published(a), s.updated(a)
	m := &pageMeta{
		Description: desc, Type: "article", Title: a.Title, URL: canonical, SiteName: s.pub.Title,
		Published: pub.Format(time.RFC3339), Modified: upd.Format(time.RFC3339),
		Section: s.sectionName(a.Section),
	}
	if p, ok := firstPicture(a); ok && p.Hash != "" {
		m.Image, m.ImageWidth, m.ImageHeight = s.mediaURL(p.Hash, false), p.Width, p.Height
	}
	ld := newsArticle{
		Context: "https://schema.org", Type: "NewsArticle",
		Headline: a.Title, Description: desc, InLanguage: s.lang,
		DatePublished: m.Published, DateModified: m.Modified,
		ArticleSection:   m.Section,
		URL:              canonical,
		MainEntityOfPage: &ldThing{Type: "WebPage", ID: canonical},
		Publisher:        &ldThing{Type: "Organization", Name: s.pub.Title, URL: s.abs(s.indexPath())},
	}
	if m.Image != "" {
		ld.Image = []string{m.Image}
	}
	if !s.cfg.ArticleJSONLD {
		return m
	}
	for _, name := range authors(a) {
		ld.Author = append(ld.Author, ldThing{Type: "Person", Name: name})
	}
	m.JSONLD = jsonLD(ld)
	return m
}

// newsArticle is a schema.org NewsArticle.
type newsArticle struct {
	Context          string    `json:"@context"`
	Type             string    `json:"@type"`
	Headline         string    `json:"headline"`
	Description      string    `json:"description,omitempty"`
	InLanguage       string    `json:"inLanguage,omitempty"`
	DatePublished    string    `json:"datePublished"`
	DateModified     string    `json:"dateModified"`
	Author           []ldThing `json:"author,omitempty"`
	ArticleSection   string    `json:"articleSection,omitempty"`
	Image            []string  `json:"image,omitempty"`
	URL              string    `json:"url"`
	MainEntityOfPage *ldThing  `json:"mainEntityOfPage"`
	Publisher        *ldThing  `json:"publisher"`
}

type ldThing struct {
	Type string `json:"@type"`
	ID   string `json:"@id,omitempty"`
	Name string `json:"name,omitempty"`
	URL  string `json:"url,omitempty"`
}

// jsonLD returns v as JSON to put in a script element as it is. The
// element's text ends at the first "</script", which no escaping of the
// template undoes, so the JSON carries no "<" at all: encoding/json
// writes <, > and & (and U+2028, U+2029) as \u escapes, which a JSON
// parser reads back as the same characters. The Replacer repeats that
// for the three, in case the encoder's behaviour changes.
func jsonLD(v any) template.JS {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		panic(err) // plain data
	}
	out := strings.TrimSuffix(b.String(), "\n")
	out = ldEscaper.Replace(out)
	return template.JS(out)
}

var ldEscaper = strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`)

// neighbourView links an article's page to the article before or after
// it in its issue.
type neighbourView struct{ Href, Title string }

// neighbours returns the articles before and after a in the head of its
// issue, in print order; nil at either end or without an issue.
func (s *publication) neighbours(a *bulletinfeed.Article, iss *bulletinfeed.Issue) (prev, next *neighbourView) {
	if iss == nil {
		return nil, nil
	}
	for i, o := range iss.Articles {
		if o.ID != a.ID {
			continue
		}
		if i > 0 {
			p := iss.Articles[i-1]
			prev = &neighbourView{s.href(s.articlePath(p.ID)), p.Title}
		}
		if i+1 < len(iss.Articles) {
			n := iss.Articles[i+1]
			next = &neighbourView{s.href(s.articlePath(n.ID)), n.Title}
		}
		break
	}
	return prev, next
}

// navSection is a link of the header's nav of sections.
type navSection struct {
	Name, Href string
	Current    bool
}

// navSections returns the header's nav: every section, current marks the
// one whose pages these are.
func (s *publication) navSections(current string) []navSection {
	var out []navSection
	for _, ch := range s.channels {
		if ch.slug == AllSlug {
			continue
		}
		out = append(out, navSection{Name: ch.section, Href: s.href(s.channelPath(ch.slug)), Current: ch.slug == current})
	}
	return out
}
