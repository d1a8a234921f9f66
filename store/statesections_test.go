package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// TestChannelStatesOldSection: a section's IssueUpdated is the latest
// write of the issues it has articles in, whether those are among the
// issues written last or long before them.
func TestChannelStatesOldSection(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		first := issue("2022-01", day("2022-01-01"), article("文化", "Old", para("old")), article("要闻", "News 0", para("news0")))
		mustIngest(t, db, first)
		var last *bulletinfeed.Issue
		for i := 1; i <= 40; i++ {
			c.Advance(time.Hour)
			d := day("2022-01-01").AddDate(0, 0, 7*i)
			last = mustIngest(t, db, issue(fmt.Sprintf("2022-w%02d", i), d, article("要闻", fmt.Sprintf("News %d", i), para(fmt.Sprintf("news%d", i))))).Issue
		}
		issueUpdated := func() map[string]time.Time {
			t.Helper()
			sts, err := db.ChannelStates(ctx, pubID)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]time.Time{}
			for _, st := range sts {
				out[st.Slug] = st.IssueUpdated
			}
			return out
		}
		old, err := db.Issue(ctx, pubID, "2022-01")
		if err != nil {
			t.Fatal(err)
		}
		got := issueUpdated()
		if len(got) != 3 {
			t.Fatalf("%d channels, want all sections and two: %v", len(got), got)
		}
		for slug, when := range got {
			want := last.UpdatedAt
			if slug != "" && when.Equal(old.UpdatedAt) {
				continue
			}
			if !when.Equal(want) {
				t.Errorf("section %q: issue updated %v, want %v (the newest issue) or, for the old section alone, %v", slug, when, want, old.UpdatedAt)
			}
		}
		n := 0
		for _, when := range got {
			if when.Equal(old.UpdatedAt) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d channels say the old issue's write, want the old section's alone: %v", n, got)
		}

		// The old issue revised: its section's issue is now the newest write.
		c.Advance(time.Hour)
		first.Articles[0] = article("文化", "Old", para("old"), para("revised"))
		rev := mustIngest(t, db, first).Issue
		for slug, when := range issueUpdated() {
			if !when.Equal(rev.UpdatedAt) {
				t.Errorf("after the revision, section %q: issue updated %v, want %v", slug, when, rev.UpdatedAt)
			}
		}
	})
}
