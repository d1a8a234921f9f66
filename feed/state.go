package feed

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// rendererVersion names what the writers make of the same content. Change
// it with any change to a writer's output, so that every page a cache or a
// static build holds is rendered again; the templates count by
// themselves (see generation).
const rendererVersion = "3"

// loadPublications reads the settings and states of every publication of cfg:
// what a refresh compares with the last one before it renders anything.
func loadPublications(ctx context.Context, st Store, cfg Config, now time.Time) ([]*publication, error) {
	base := basePathOf(cfg.BaseURL)
	pubs := make([]*publication, 0, len(cfg.Publications))
	for i, id := range cfg.Publications {
		s, err := loadSite(ctx, st, cfg, id, now)
		if err != nil {
			if len(cfg.Publications) > 1 {
				err = fmt.Errorf("publication %q: %w", id, err)
			}
			return nil, err
		}
		if i > 0 {
			s.prefix = "/" + id
		}
		s.base = base
		pubs = append(pubs, s)
	}
	for _, s := range pubs {
		s.all = pubs
	}
	for _, s := range pubs {
		s.generation = generation(s)
	}
	return pubs, nil
}

// loadSite reads one publication: its settings, sections, deleted pages
// and the states of its channels and issues.
func loadSite(ctx context.Context, st Store, cfg Config, id string, now time.Time) (*publication, error) {
	pub, err := st.Publication(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("load publication %q: %w", id, err)
	}
	s := &publication{cfg: cfg, pub: cleanPublication(pub), lang: pub.Lang, loc: time.UTC, now: now, legacy: &legacyKeys{}}
	if s.lang == "" {
		s.lang = "en"
	}
	if s.pub.Title == "" {
		s.pub.Title = pub.ID
	}
	if pub.TimeZone != "" {
		if loc, err := time.LoadLocation(pub.TimeZone); err == nil {
			s.loc = loc
		} else {
			cfg.Log.Warn("unknown publication time zone; using UTC", "publication", pub.ID, "tz", pub.TimeZone)
		}
	}
	sections, err := st.Sections(ctx, pub.ID)
	if err != nil {
		return nil, fmt.Errorf("load sections: %w", err)
	}
	for _, sec := range sections {
		s.sections = append(s.sections, bulletinfeed.Section{Name: s.sectionName(cleanText(sec.Name)), Slug: sec.Slug})
	}
	if s.goneIssues, s.goneArticles, err = st.Deleted(ctx, pub.ID); err != nil {
		return nil, fmt.Errorf("load deleted issues and articles: %w", err)
	}
	states, err := st.ChannelStates(ctx, pub.ID)
	if err != nil {
		return nil, fmt.Errorf("load channel states: %w", err)
	}
	bySlug := make(map[string]bulletinfeed.ChannelState, len(states))
	for _, cs := range states {
		bySlug[cs.Slug] = cs
	}
	s.channels = append(s.channels, &channel{slug: AllSlug, title: s.feedTitle(""), state: bySlug[""]})
	for _, sec := range s.sections {
		s.channels = append(s.channels, &channel{slug: sec.Slug, section: sec.Name, title: s.feedTitle(sec.Name), state: bySlug[sec.Slug]})
	}
	size := cfg.FeedItems
	for _, ch := range s.channels {
		ch.pages = completePages(ch.state.LastOrdinal, size)
	}
	if s.issues, err = st.IssueState(ctx, pub.ID); err != nil {
		return nil, fmt.Errorf("load issue state: %w", err)
	}
	return s, nil
}

// generation hashes everything a page of the publication shows besides
// its content: the settings of the render, the publication's, its
// sections and every publication's title in the nav, the templates and
// rendererVersion. Pages rendered on request take it into their entity
// tags, and a refresh renders every resource of a publication whose
// generation changed.
func generation(s *publication) string {
	type navEntry struct{ ID, Title, Description string }
	in := struct {
		Renderer, Templates string
		BaseURL, Generator  string
		FeedItems, MaxItem  int
		TTL                 time.Duration
		JSONLD              bool
		Hubs                []string
		Prefix              string
		Publication         *bulletinfeed.Publication
		Sections            []bulletinfeed.Section
		Nav                 []navEntry
		Icon                string
	}{
		Renderer: rendererVersion, Templates: templatesHash,
		BaseURL: s.cfg.BaseURL, Generator: s.cfg.Generator,
		FeedItems: s.cfg.FeedItems, MaxItem: s.cfg.MaxItemContent, TTL: s.cfg.TTL, JSONLD: s.cfg.ArticleJSONLD,
		Hubs: s.cfg.Hubs, Prefix: s.prefix, Publication: s.pub,
		Icon: s.icon().Type + " " + bodyTag(s.icon().Body),
	}
	// In order: every page's nav lists the sections in it, so a change of
	// order (a deletion of the first issue, rare) renders everything.
	in.Sections = slices.Clone(s.sections)
	for _, o := range s.all {
		in.Nav = append(in.Nav, navEntry{o.pub.ID, o.pub.Title, o.pub.Description})
	}
	b, err := json.Marshal(in)
	if err != nil {
		panic(err) // plain data
	}
	sum := sha256.Sum256(b)
	return base64.RawURLEncoding.EncodeToString(sum[:12])
}

// templatesHash is a hash of the page templates.
var templatesHash = func() string {
	h := sha256.New()
	err := fs.WalkDir(templateFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFS, p)
		fmt.Fprintf(h, "%s %d\n", p, len(b))
		h.Write(b)
		return err
	})
	if err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:9])
}()
