package feed

import (
	"embed"
	"fmt"
	"html"
	"html/template"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageTemplates holds one template set per page, each the layout plus the
// page's "main".
var pageTemplates = func() map[string]*template.Template {
	m := map[string]*template.Template{}
	for _, name := range []string{"index", "section", "article", "issue", "issues", "error"} {
		m[name] = template.Must(template.ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html"))
	}
	return m
}()

// page is what every page template gets.
type page struct {
	Lang       string
	Title      string
	PubTitle   string
	Canonical  string
	Home       bool   // the index, whose heading is the publication's title
	HomeHref   string // the publication's index
	OPMLHref   string // the publication's subscription list
	Icon       template.HTML
	Alternates []alternate // feed autodiscovery
	FeedLinks  []feedLink  // the footer's feed links
	Subscribe  *subscribeView
	Labels     labels
	// Description is the publication's, on its index page.
	Description string
	// Meta is what the page says of itself to search engines and link
	// previews (meta.go).
	Meta *pageMeta
	// NavSections is the header's nav of sections.
	NavSections []navSection
	// PrevArticle and NextArticle are an article's neighbours in its
	// issue.
	PrevArticle, NextArticle *neighbourView
	// Publications is the nav of a site of several publications; PubList
	// the root index's list of them.
	Publications []*pubView
	PubList      []*pubView
	Empty        bool // an index with nothing to list yet
	// Heading is the h1 of a list of articles or issues.
	Heading string
	// Newer and Older link the neighbours of a paged list (rel="prev"
	// and rel="next"); IssuesHref links the index to the list of issues.
	Newer, Older string
	IssuesHref   string

	Sections []*sectionView
	Issues   []*issueView
	Section  *sectionView
	Article  *articleView
	Issue    *issueView
	Status   int
	Message  string
}

type alternate struct{ Type, Title, Href string }

// Tag is the autodiscovery link. It is written here rather than in the
// template because html/template escapes the "+" of a media type in an
// attribute as &#43;, which a feed reader that matches the type as text
// (application/atom+xml) would not recognise.
func (a alternate) Tag() template.HTML {
	return template.HTML(`<link rel="alternate" type="` + html.EscapeString(a.Type) +
		`" title="` + html.EscapeString(a.Title) + `" href="` + html.EscapeString(a.Href) + `">`)
}

// feedLink is a link to a feed; Name, its aria-label, says whose feed it
// is ("Atom feed: 要闻"), which the format's name alone does not.
type feedLink struct{ Label, Href, Name string }

// labels are the few words pages print besides content, in the
// publication's language.
type labels struct {
	Issues, Articles, Revised string
	Publications, Empty       string
	Newer, Older, AllIssues   string
	// Sections names the nav of sections, InIssue the links to an
	// article's neighbours in its issue, Prev and Next label them; Feed
	// follows a format's name in the label of a feed link ("Atom feed").
	Sections, InIssue, Prev, Next, Feed string
	page                                string // "page %d" in the language
}

func labelsFor(lang string) labels {
	if strings.HasPrefix(lang, "zh") {
		return labels{Issues: "往期", Articles: "篇", Revised: "修订于", Publications: "刊物", Empty: "暂无内容。",
			Newer: "较新", Older: "较早", AllIssues: "全部往期", page: "第%d页",
			Sections: "栏目", InIssue: "本期其他文章", Prev: "上一篇", Next: "下一篇", Feed: "订阅源"}
	}
	return labels{Issues: "Issues", Articles: "articles", Revised: "revised", Publications: "Publications", Empty: "Nothing published yet.",
		Newer: "Newer", Older: "Older", AllIssues: "All issues", page: "page %d",
		Sections: "Sections", InIssue: "More in this issue", Prev: "Previous", Next: "Next", Feed: "feed"}
}

// pageTitle names page n of a list.
func (l labels) pageTitle(title string, n int) string {
	return title + " · " + fmt.Sprintf(l.page, n)
}

// subscribeView is the subscribe box of the index and the section pages:
// the Atom feed first, its address in a read-only field a reader selects
// and copies (pages run no script: the CSP allows none, and selecting
// works everywhere), a line on what a feed reader is, then the other
// formats and the two OPML lists, with a line on which to import: the
// all-sections feed or each section's, never both, or a reader shows every
// article twice.
type subscribeView struct {
	Heading, Explain, AddressLabel, Others string
	AtomHref, AtomURL, RSS, JSON, OPML     string
	OPMLSections, OPMLSectionsLabel        string
	OPMLExplain                            string
}

func (s *publication) subscribeView(ch *channel) *subscribeView {
	v := &subscribeView{
		AtomHref: s.href(s.feedPath(ch.slug, extAtom)),
		AtomURL:  s.abs(s.feedPath(ch.slug, extAtom)),
		RSS:      s.href(s.feedPath(ch.slug, extRSS)),
		JSON:     s.href(s.feedPath(ch.slug, extJSON)),
		OPML:     s.href(s.opmlPath(extAtom, false)),

		OPMLSections: s.href(s.opmlPath(extAtom, true)),
	}
	all := ch.slug == AllSlug
	if strings.HasPrefix(s.lang, "zh") {
		v.Heading, v.AddressLabel, v.Others = "订阅本栏目", "订阅地址（选中后复制，粘贴到阅读器）", "其他格式："
		if all {
			v.Heading = "订阅全部栏目"
		}
		v.Explain = "把订阅地址加入 RSS 阅读器（如 Feedly、Inoreader、NetNewsWire），新文章会自动送达，无需再访问本站。"
		v.OPMLSectionsLabel = "OPML（分栏目）"
		v.OPMLExplain = "OPML 导入全部栏目的一个订阅源；OPML（分栏目）改为导入每个栏目各自的订阅源。二者选一导入，否则每篇文章会出现两次。"
		return v
	}
	v.Heading, v.AddressLabel, v.Others = "Subscribe to this section", "Feed address (select, copy, paste into your reader)", "Other formats:"
	if all {
		v.Heading = "Subscribe"
	}
	v.Explain = "A feed reader (such as Feedly, Inoreader or NetNewsWire) brings new articles from the sites you follow to you, so you need not come back to check."
	v.OPMLSectionsLabel = "OPML by section"
	v.OPMLExplain = "OPML imports the one feed of all sections; OPML by section imports each section's feed instead. Import one or the other: with both, a reader shows every article twice."
	return v
}

type sectionView struct {
	Name, Slug, Href string
	Feeds            []feedLink
	Articles         []*articleView
}

type articleView struct {
	Href, Title, Byline, Summary string
	Kicker, Subtitles            []string
	Date, DateTime               string
	Revised, RevisedTime         string
	Section, SectionHref         string
	IssueTitle, IssueHref        string
	Blocks                       []bulletinfeed.Block
	// Body is the blocks with the pictures in their places, on the
	// article's own page.
	Body []bodyPart
	// Thumb is the first picture's thumbnail, beside the article in
	// lists; alt is empty since the title beside it says what it is.
	Thumb *figureView
}

type issueView struct {
	Title, Href    string
	Date, DateTime string
	Count          int
	Sections       []*sectionView
}

func (s *publication) newPage(title string) *page {
	return &page{
		Lang: s.lang, Title: title, PubTitle: s.pub.Title, Labels: labelsFor(s.lang),
		HomeHref:     s.href(s.indexPath()),
		OPMLHref:     s.href(s.opmlPath(extAtom, false)),
		Icon:         s.iconLink(),
		Publications: s.publicationViews(),
		NavSections:  s.navSections(""),
	}
}

// channelAlternates returns the autodiscovery links of a channel's feeds.
func (s *publication) channelAlternates(ch *channel) []alternate {
	return []alternate{
		{mediaType(typeAtom), ch.title + " (Atom)", s.abs(s.feedPath(ch.slug, extAtom))},
		{mediaType(typeRSS), ch.title + " (RSS)", s.abs(s.feedPath(ch.slug, extRSS))},
		{mediaType(typeJSON), ch.title + " (JSON Feed)", s.abs(s.feedPath(ch.slug, extJSON))},
	}
}

func (s *publication) channelFeedLinks(ch *channel) []feedLink {
	l := labelsFor(s.lang)
	name := func(format string) string {
		if strings.HasSuffix(format, " Feed") && !strings.HasPrefix(s.lang, "zh") {
			return format + ": " + ch.title // not "JSON Feed feed"
		}
		if strings.HasPrefix(s.lang, "zh") {
			return format + " " + l.Feed + "：" + ch.title
		}
		return format + " " + l.Feed + ": " + ch.title
	}
	return []feedLink{
		{"Atom", s.href(s.feedPath(ch.slug, extAtom)), name("Atom")},
		{"RSS", s.href(s.feedPath(ch.slug, extRSS)), name("RSS")},
		{"JSON Feed", s.href(s.feedPath(ch.slug, extJSON)), name("JSON Feed")},
	}
}

// sectionView returns a channel's section with the entries es.
func (s *publication) sectionView(ch *channel, es []*entry) *sectionView {
	v := &sectionView{
		Name: ch.section, Slug: ch.slug, Href: s.href(s.channelPath(ch.slug)),
		Feeds: s.channelFeedLinks(ch),
	}
	for _, e := range es {
		v.Articles = append(v.Articles, s.articleView(e.a, e.summary, nil))
	}
	return v
}

// articleView returns what pages show of an article; iss, when known, adds
// the link to its issue.
func (s *publication) articleView(a *bulletinfeed.Article, summary string, iss *bulletinfeed.Issue) *articleView {
	pub, upd := s.published(a), s.updated(a)
	v := &articleView{
		Href:      s.href(s.articlePath(a.ID)),
		Title:     a.Title,
		Byline:    bulletinfeed.FormatBylines(a.Bylines),
		Summary:   summary,
		Kicker:    a.Kicker(),
		Subtitles: a.Subtitles(),
		Date:      s.showDate(pub),
		DateTime:  pub.Format(time.RFC3339),
		Section:   s.sectionName(a.Section),
		Blocks:    a.Blocks,
	}
	if p, ok := firstPicture(a); ok && p.Hash != "" {
		v.Thumb = &figureView{Src: s.href(MediaPath(p.Hash, true)), Caption: p.Caption, Width: p.ThumbWidth, Height: p.ThumbHeight}
	}
	if slug := s.sectionSlug(a); slug != "" {
		v.SectionHref = s.href(s.sectionPath(slug))
	}
	if upd.After(pub) {
		v.Revised = s.showTime(upd)
		v.RevisedTime = upd.Format(time.RFC3339)
	}
	if iss != nil {
		v.IssueTitle = s.issueTitle(iss)
		v.IssueHref = s.href(s.issuePath(iss.Key))
	}
	return v
}

// issueTitle is the issue's printed title, else the publication's title
// and the issue's date, which reads better than its key (often a file
// name). Either way it carries the issue's number (第15期, No. 15) when
// the issue has one and the title does not already say it.
func (s *publication) issueTitle(iss *bulletinfeed.Issue) string {
	num := s.issueNumber(iss.Key)
	switch {
	case iss.Title != "" && num != "" && !strings.Contains(iss.Title, num):
		return iss.Title + " " + num
	case iss.Title != "":
		return iss.Title
	case num != "" && !iss.Date.IsZero():
		return s.pub.Title + " " + num + " · " + s.showDate(s.issueDate(iss))
	case num != "":
		return s.pub.Title + " " + num
	case !iss.Date.IsZero():
		return s.pub.Title + " · " + s.showDate(s.issueDate(iss))
	default:
		return s.pub.Title + " · " + iss.Key
	}
}

func (s *publication) issueView(iss *bulletinfeed.Issue, withArticles bool) *issueView {
	d := s.issueDate(iss)
	v := &issueView{
		Title: s.issueTitle(iss), Href: s.href(s.issuePath(iss.Key)),
		Date: s.showDate(d), DateTime: d.Format(time.RFC3339),
		Count: len(iss.Articles),
	}
	if !withArticles {
		return v
	}
	bySection := map[string]*sectionView{}
	for _, a := range iss.Articles {
		name := s.sectionName(a.Section)
		sv := bySection[name]
		if sv == nil {
			sv = &sectionView{Name: name}
			if slug := s.sectionSlug(a); slug != "" {
				sv.Href = s.href(s.sectionPath(slug))
			}
			bySection[name] = sv
			v.Sections = append(v.Sections, sv)
		}
		sv.Articles = append(sv.Articles, s.articleView(a, "", nil))
	}
	return v
}

// Sizes of the index: no page grows with the archive.
const (
	// indexSectionItems is how many latest articles the index shows
	// per section.
	indexSectionItems = 5
	// indexIssues is how many latest issues it lists; the rest are on
	// the pages of the list of issues.
	indexIssues = 20
	// issuesPerPage is the number of issue ordinals on one page of the
	// list of issues.
	issuesPerPage = 50
)

// writeIndex writes the publication's index: each section with its latest
// articles, the latest issues (newest first, as the store lists them) and
// a link to the list of every issue.
func (s *publication) writeIndex(w io.Writer, issues []*bulletinfeed.Issue) error {
	p := s.newPage(s.pub.Title)
	p.Home = true
	p.Canonical = s.abs(s.indexPath())
	p.Description = s.pub.Description
	p.Meta = s.websiteMeta(s.pub.Title, s.pubDescription(), p.Canonical)
	if s.prefix == "" {
		p.PubList = p.Publications
	}
	for _, ch := range s.channels {
		p.Alternates = append(p.Alternates, s.channelAlternates(ch)...)
		if ch.slug != AllSlug {
			p.Sections = append(p.Sections, s.sectionView(ch, ch.heads))
		}
	}
	p.FeedLinks = s.channelFeedLinks(s.channels[0])
	p.Subscribe = s.subscribeView(s.channels[0])
	for _, iss := range issues {
		p.Issues = append(p.Issues, s.issueView(iss, false))
	}
	if s.issues.Articles > len(issues) {
		p.IssuesHref = s.href(s.issueListPath(issuePages(s.issues.LastOrdinal)))
	}
	p.Empty = len(p.Sections) == 0 && len(p.Issues) == 0
	return pageTemplates["index"].ExecuteTemplate(w, "layout", p)
}

// issuePages returns the number of pages of the list of issues when the
// last issue ordinal is last: the newest may be incomplete.
func issuePages(last int64) int {
	return int((last + issuesPerPage - 1) / issuesPerPage)
}

// writeSection writes a section's page: its latest articles, newest first,
// and a link to its newest complete archive page.
func (s *publication) writeSection(w io.Writer, ch *channel, es []*entry) error {
	p := s.newPage(ch.title)
	p.Canonical = s.abs(s.channelPath(ch.slug))
	p.Alternates = s.channelAlternates(ch)
	p.FeedLinks = s.channelFeedLinks(ch)
	p.Subscribe = s.subscribeView(ch)
	p.Section = s.sectionView(ch, es)
	p.Heading = ch.section
	p.Meta = s.websiteMeta(ch.title, s.sectionDescription(ch), p.Canonical)
	p.NavSections = s.navSections(ch.slug)
	if ch.pages > 0 {
		p.Older = s.href(s.sectionPagePath(ch.slug, ch.pages))
	}
	return pageTemplates["section"].ExecuteTemplate(w, "layout", p)
}

// writeSectionPage writes archive page n of a section: the articles of its
// ordinals, newest first, between the older page and the newer one (or the
// section's page, from its newest complete page).
func (s *publication) writeSectionPage(w io.Writer, ch *channel, n int, es []*entry) error {
	p := s.newPage(labelsFor(s.lang).pageTitle(ch.title, n))
	p.Canonical = s.abs(s.sectionPagePath(ch.slug, n))
	p.Alternates = s.channelAlternates(ch)
	p.FeedLinks = s.channelFeedLinks(ch)
	p.Subscribe = s.subscribeView(ch)
	p.Section = s.sectionView(ch, newestFirst(es))
	p.Heading = p.Labels.pageTitle(ch.section, n)
	p.Meta = s.websiteMeta(p.Title, s.sectionDescription(ch), p.Canonical)
	p.NavSections = s.navSections(ch.slug)
	if n > 1 {
		p.Older = s.href(s.sectionPagePath(ch.slug, n-1))
	}
	if n < ch.pages {
		p.Newer = s.href(s.sectionPagePath(ch.slug, n+1))
	} else {
		p.Newer = s.href(s.sectionPath(ch.slug))
	}
	return pageTemplates["section"].ExecuteTemplate(w, "layout", p)
}

// writeIssueList writes page n of the list of issues, newest first: the
// issues of its ordinals, between the older page and the newer one (or
// the index, from the newest page).
func (s *publication) writeIssueList(w io.Writer, n int, issues []*bulletinfeed.Issue) error {
	l := labelsFor(s.lang)
	p := s.newPage(l.pageTitle(s.pub.Title+" · "+l.Issues, n))
	p.Canonical = s.abs(s.issueListPath(n))
	p.Alternates = s.channelAlternates(s.channels[0])
	p.FeedLinks = s.channelFeedLinks(s.channels[0])
	p.Heading = l.pageTitle(l.Issues, n)
	p.Meta = s.websiteMeta(p.Title, s.pubDescription(), p.Canonical)
	for i := len(issues) - 1; i >= 0; i-- {
		p.Issues = append(p.Issues, s.issueView(issues[i], false))
	}
	if n > 1 {
		p.Older = s.href(s.issueListPath(n - 1))
	}
	if n < issuePages(s.issues.LastOrdinal) {
		p.Newer = s.href(s.issueListPath(n + 1))
	} else {
		p.Newer = s.href(s.indexPath())
	}
	return pageTemplates["issues"].ExecuteTemplate(w, "layout", p)
}

// newestFirst returns es in the order of a section's page: newest issue
// first, then in issue order.
func newestFirst(es []*entry) []*entry {
	out := slices.Clone(es)
	slices.SortStableFunc(out, func(x, y *entry) int { return latestOrder(x.a, y.a) })
	return out
}

func (s *publication) writeArticle(w io.Writer, a *bulletinfeed.Article, iss *bulletinfeed.Issue) error {
	p := s.newPage(a.Title + " · " + s.pub.Title)
	p.Canonical = s.abs(s.articlePath(a.ID))
	p.Article = s.articleView(a, "", iss)
	p.Article.Body = s.bodyParts(a)
	p.Meta = s.articleMeta(a, p.Canonical)
	p.NavSections = s.navSections(s.sectionSlug(a))
	p.PrevArticle, p.NextArticle = s.neighbours(a, iss)
	if ch := s.channel(s.sectionSlug(a)); ch != nil {
		p.Alternates = s.channelAlternates(ch)
		p.FeedLinks = s.channelFeedLinks(ch)
	}
	return pageTemplates["article"].ExecuteTemplate(w, "layout", p)
}

func (s *publication) writeIssue(w io.Writer, iss *bulletinfeed.Issue) error {
	p := s.newPage(s.issueTitle(iss))
	p.Canonical = s.abs(s.issuePath(iss.Key))
	p.Issue = s.issueView(iss, true)
	p.Meta = s.websiteMeta(p.Title, s.issueDescription(iss), p.Canonical)
	p.Alternates = s.channelAlternates(s.channels[0])
	p.FeedLinks = s.channelFeedLinks(s.channels[0])
	return pageTemplates["issue"].ExecuteTemplate(w, "layout", p)
}

// writeErrorPage writes the small page of an error status (404, 410) of
// the publication, in its language, with its links.
func (s *publication) writeErrorPage(w io.Writer, status int, message string) error {
	p := s.newPage(message)
	p.Status, p.Message = status, message
	p.Meta = &pageMeta{Description: s.pubDescription()}
	return pageTemplates["error"].ExecuteTemplate(w, "layout", p)
}

// writePlainErrorPage writes the small page of an error status when no
// publication is at hand: before the first render, or a request refused
// before its page is looked up. homeHref is the root of the site.
func writePlainErrorPage(w io.Writer, homeHref string, status int, message string) error {
	const lang = "en"
	p := &page{Lang: lang, Title: message, PubTitle: "bulletinfeed", HomeHref: homeHref, Status: status, Message: message, Labels: labelsFor(lang)}
	return pageTemplates["error"].ExecuteTemplate(w, "layout", p)
}
