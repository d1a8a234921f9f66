package store_test

import (
	"context"
	"errors"
	"reflect"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

var idPattern = regexp.MustCompile(`^[a-z2-7]{13}(-[0-9]+)?$`)

func TestIngestNew(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		v0 := mustVersion(t, db)
		in := issue("2023-04", day("2023-04-20"),
			article("", "河西区召开会议", para("会议")),
			article("要闻", "社区开展活动", para("活动"), para("活动二")),
			article("要闻", "志愿者服务", para("志愿")),
		)
		in.SourcePath = "/srv/bulletins/2023-04.txt"
		res := mustIngest(t, db, in)
		if res.Status != store.New || res.Added != 3 || res.Changed != 0 || res.Removed != 0 {
			t.Fatalf("result = %+v, want new with 3 added", res)
		}
		if got := mustVersion(t, db); got <= v0 {
			t.Errorf("version = %d after ingest, want more than %d", got, v0)
		}
		got := res.Issue
		if got.Key != "2023-04" || !got.Date.Equal(day("2023-04-20")) || got.SourceName != "2023-04.txt" ||
			got.SourcePath != "/srv/bulletins/2023-04.txt" ||
			got.PublicationID != pubID || !got.IngestedAt.Equal(c.Now()) || got.ContentHash == "" {
			t.Errorf("stored issue = %+v", got)
		}
		wantSlugs := []string{"general", "yao-wen", "yao-wen"}
		for i, a := range got.Articles {
			if !idPattern.MatchString(a.ID) {
				t.Errorf("article %d id %q is not a store id", i, a.ID)
			}
			if a.Position != i || a.IssueKey != "2023-04" || a.SectionSlug != wantSlugs[i] ||
				!a.Published.Equal(day("2023-04-20")) || !a.Updated.Equal(a.Published) {
				t.Errorf("article %d = %+v", i, a)
			}
			if !reflect.DeepEqual(a.Blocks, in.Articles[i].Blocks) || !reflect.DeepEqual(a.Bylines, in.Articles[i].Bylines) ||
				!reflect.DeepEqual(a.Headings, in.Articles[i].Headings) || a.Section != in.Articles[i].Section {
				t.Errorf("article %d content = %+v, want %+v", i, a, in.Articles[i])
			}
		}
		again, err := db.Issue(ctx, pubID, "2023-04")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(again, got) {
			t.Errorf("Issue() = %+v\nwant what Ingest returned %+v", again, got)
		}
		if in.Articles[0].ID != "" {
			t.Error("Ingest changed its input")
		}
	})
}

func TestReingestIsNoop(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		c := newClock()
		db := mustOpen(t, dsn, c)
		first := mustIngest(t, db, issue("2023-04", day("2023-04-20"),
			article("要闻", "社区开展活动", para("活动")), article("", "简讯", para("简讯"))))
		v := mustVersion(t, db)
		c.Advance(time.Hour)
		res := mustIngest(t, db, issue("2023-04", day("2023-04-20"),
			article("要闻", "社区开展活动", para("活动")), article("", "简讯", para("简讯"))))
		if res.Status != store.Unchanged || res.Added+res.Changed+res.Removed != 0 {
			t.Errorf("result = %+v, want unchanged", res)
		}
		if got := mustVersion(t, db); got != v {
			t.Errorf("version = %d after a re-ingest, want %d", got, v)
		}
		if !reflect.DeepEqual(res.Issue, first.Issue) {
			t.Errorf("stored issue changed:\n got %+v\nwant %+v", res.Issue, first.Issue)
		}
	})
}

func TestRevisionKeepsIDs(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		date := day("2023-04-20")
		orig := mustIngest(t, db, issue("2023-04", date,
			article("要闻", "社区开展活动", para("活动"), para("活动二")),
			article("要闻", "志愿者服务", para("志愿"), para("志愿二"), para("志愿三")),
			article("民生", "老旧小区改造", para("改造")),
			article("民生", "垃圾分类", para("分类")),
		)).Issue
		v := mustVersion(t, db)

		c.Advance(48 * time.Hour)
		revised := issue("2023-04", date,
			article("要闻", "社区开展活动", para("活动"), para("活动二")),
			// one paragraph corrected
			article("要闻", "志愿者服务", para("志愿"), para("志愿二（更正）"), para("志愿三")),
			// 老旧小区改造 removed, one article added
			article("民生", "垃圾分类", para("分类")),
			article("民生", "新建停车场", para("停车")),
		)
		// The key came from a header line, so a file elsewhere with that
		// key is a revision, and the issue's source moves with it.
		revised.SourcePath = "/srv/corrected/2023-04.txt"
		res := mustIngest(t, db, revised)
		if res.Status != store.Revised || res.Added != 1 || res.Changed != 1 || res.Removed != 1 {
			t.Fatalf("result = %+v, want revised with 1 added, 1 changed, 1 removed", res)
		}
		if got := mustVersion(t, db); got <= v {
			t.Errorf("version = %d after a revision, want more than %d", got, v)
		}
		got := res.Issue.Articles
		if want := []string{"社区开展活动", "志愿者服务", "垃圾分类", "新建停车场"}; !slices.Equal(titles(got), want) {
			t.Fatalf("titles = %q, want %q", titles(got), want)
		}
		old := orig.Articles
		for _, k := range []struct{ newIdx, oldIdx int }{{0, 0}, {1, 1}, {2, 3}} {
			if got[k.newIdx].ID != old[k.oldIdx].ID {
				t.Errorf("%s: id %s, want the old %s", got[k.newIdx].Title, got[k.newIdx].ID, old[k.oldIdx].ID)
			}
		}
		if !got[1].Updated.Equal(c.Now()) {
			t.Errorf("changed article updated %v, want %v", got[1].Updated, c.Now())
		}
		for _, i := range []int{0, 2} {
			if !got[i].Updated.Equal(date) {
				t.Errorf("unchanged %s: updated %v, want it kept at %v", got[i].Title, got[i].Updated, date)
			}
		}
		if slices.Contains(ids(old), got[3].ID) || !got[3].Updated.Equal(date) || !got[3].Published.Equal(date) {
			t.Errorf("added article = %+v, want a new id and updated = published = %v", got[3], date)
		}
		if got[2].Position != 2 {
			t.Errorf("垃圾分类 position %d, want 2", got[2].Position)
		}

		if stored, err := db.Issue(ctx, pubID, "2023-04"); err != nil || stored.SourcePath != revised.SourcePath {
			t.Errorf("source path after the revision = %v (%v), want %q", stored, err, revised.SourcePath)
		}

		removed := old[2].ID
		if _, err := db.Article(ctx, removed); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Errorf("Article(removed) error = %v, want not found", err)
		}
		latest, err := db.LatestArticles(ctx, pubID, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(ids(latest), removed) || len(latest) != 4 {
			t.Errorf("LatestArticles = %q, want the 4 live articles", ids(latest))
		}

		// The corrected file ingested again is a no-op.
		if res := mustIngest(t, db, revised); res.Status != store.Unchanged {
			t.Errorf("second ingest of the revision: %s, want unchanged", res.Status)
		}
	})
}

func TestSameTitleDifferentIDs(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		db := mustOpen(t, dsn, newClock())
		a := mustIngest(t, db, issue("第14期", day("2023-04-06"),
			article("", "简讯", para("甲")), article("", "简讯", para("乙")))).Issue
		b := mustIngest(t, db, issue("第15期", day("2023-04-13"),
			article("", "简讯", para("甲")))).Issue
		all := append(ids(a.Articles), ids(b.Articles)...)
		seen := map[string]bool{}
		for _, id := range all {
			if seen[id] {
				t.Errorf("id %s given twice among %q", id, all)
			}
			seen[id] = true
		}
	})
}

func TestFailedIngestLeavesNoTrace(t *testing.T) {
	errBoom := errors.New("boom")
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		mustIngest(t, db, issue("2023-03", day("2023-03-20"), article("要闻", "三月", para("三月"))))
		v := mustVersion(t, db)
		secs, err := db.Sections(ctx, pubID)
		if err != nil {
			t.Fatal(err)
		}

		arts := []*bulletinfeed.Article{
			article("要闻", "一", para("一")), article("新栏目", "二", para("二")),
			article("要闻", "三", para("三")), article("另一栏目", "四", para("四")),
		}
		db.SetArticleHook(func(i int) error {
			if i == len(arts)/2 {
				return errBoom
			}
			return nil
		})
		_, err = db.Ingest(ctx, pubID, issue("2023-04", day("2023-04-20"), arts...))
		if !errors.Is(err, errBoom) {
			t.Fatalf("ingest error = %v, want the hook's", err)
		}
		if _, err := db.Issue(ctx, pubID, "2023-04"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Errorf("Issue after a failed ingest: %v, want not found", err)
		}
		if st, err := db.ChannelStates(ctx, pubID); err != nil || st[0].Articles != 1 || st[0].LastOrdinal != 1 {
			t.Errorf("ChannelStates = %+v, %v; want the 1 article from before, and its ordinal the last given", st, err)
		}
		if got := mustVersion(t, db); got != v {
			t.Errorf("version = %d, want %d", got, v)
		}
		after, err := db.Sections(ctx, pubID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(after, secs) {
			t.Errorf("sections = %v, want %v", after, secs)
		}

		// A failing revision leaves the stored issue as it was.
		db.SetArticleHook(nil)
		before := mustIngest(t, db, issue("2023-04", day("2023-04-20"), arts...)).Issue
		db.SetArticleHook(func(i int) error {
			if i == 1 {
				return errBoom
			}
			return nil
		})
		c.Advance(time.Hour)
		_, err = db.Ingest(ctx, pubID, issue("2023-04", day("2023-04-20"), arts[0], article("要闻", "改", para("改")), arts[3]))
		if !errors.Is(err, errBoom) {
			t.Fatalf("revision error = %v, want the hook's", err)
		}
		now, err := db.Issue(ctx, pubID, "2023-04")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(now, before) {
			t.Errorf("issue after a failed revision:\n got %+v\nwant %+v", now, before)
		}
	})
}

func TestIDsSurviveReopen(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		in := issue("2023-04", day("2023-04-20"), article("要闻", "社区开展活动", para("活动")), article("", "简讯", para("简讯")))
		first := mustIngest(t, db, in).Issue
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}

		db2 := mustOpen(t, dsn, c)
		got, err := db2.Issue(ctx, pubID, "2023-04")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(got.Articles), ids(first.Articles)) {
			t.Errorf("ids after reopen %q, want %q", ids(got.Articles), ids(first.Articles))
		}
		if res := mustIngest(t, db2, in); res.Status != store.Unchanged {
			t.Errorf("ingest after reopen: %s, want unchanged", res.Status)
		}
	})
}

func TestIngestErrors(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, newClock())
		cases := []struct {
			name  string
			pub   string
			issue *bulletinfeed.Issue
			want  bulletinfeed.Kind
		}{
			{"no key", pubID, issue("", day("2023-04-20")), bulletinfeed.Invalid},
			{"unknown publication", "nope", issue("2023-04", day("2023-04-20")), bulletinfeed.NotFound},
			{"key dot dot", pubID, issue("..", day("2023-04-20")), bulletinfeed.Invalid},
			{"key with slash", pubID, issue("../../etc", day("2023-04-20")), bulletinfeed.Invalid},
			{"key with escape", pubID, issue("a\x1b[2Jb", day("2023-04-20")), bulletinfeed.Invalid},
			{"year zero", pubID, issue("2023-04", time.Date(0, 1, 1, 0, 0, 0, 0, time.FixedZone("", 14*3600))), bulletinfeed.Invalid},
			{"year 9999", pubID, issue("2023-04", time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)), bulletinfeed.Invalid},
		}
		for _, tc := range cases {
			_, err := db.Ingest(ctx, tc.pub, tc.issue)
			if got := bulletinfeed.KindOf(err); got != tc.want {
				t.Errorf("%s: error %v of kind %s, want %s", tc.name, err, got, tc.want)
			}
		}
		if is, err := db.Issues(ctx, pubID, 0); err != nil || len(is) != 0 {
			t.Errorf("after refused ingests the store holds %d issues (%v), want none", len(is), err)
		}
	})
}

func TestUndatedIssueKeepsFirstDate(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		c := newClock()
		db := mustOpen(t, dsn, c)
		first := mustIngest(t, db, issue("notes", time.Time{}, article("", "一", para("一")))).Issue
		if !first.Date.Equal(c.Now()) || !first.Articles[0].Published.Equal(c.Now()) {
			t.Errorf("undated issue date %v, published %v; want the ingest time %v", first.Date, first.Articles[0].Published, c.Now())
		}
		c.Advance(24 * time.Hour)
		second := mustIngest(t, db, issue("notes", time.Time{}, article("", "一", para("一")), article("", "二", para("二")))).Issue
		if !second.Date.Equal(first.Date) {
			t.Errorf("revision of an undated issue moved its date to %v, want %v", second.Date, first.Date)
		}
	})
}

// TestIssueDatedAheadIsPublishedWhenIngested: an issue printed before its
// date gives feed items dated at the first ingest, never in the future, and
// that date does not move when the issue is revised later.
func TestIssueDatedAheadIsPublishedWhenIngested(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		c := newClock()
		db := mustOpen(t, dsn, c)
		ingested := c.Now()
		future := ingested.Add(30 * 24 * time.Hour)
		first := mustIngest(t, db, issue("ahead", future, article("", "一", para("一")))).Issue
		if !first.Date.Equal(future) {
			t.Errorf("issue date %v, want the printed %v", first.Date, future)
		}
		if p := first.Articles[0].Published; !p.Equal(ingested) {
			t.Errorf("published %v, want the ingest time %v", p, ingested)
		}
		c.Advance(48 * time.Hour)
		second := mustIngest(t, db, issue("ahead", future, article("", "一", para("一")), article("", "二", para("二")))).Issue
		for _, a := range second.Articles {
			if !a.Published.Equal(ingested) {
				t.Errorf("after a revision, %q published %v, want %v", a.Title, a.Published, ingested)
			}
			if a.Updated.After(c.Now()) {
				t.Errorf("%q updated %v is in the future", a.Title, a.Updated)
			}
		}
	})
}
