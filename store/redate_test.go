package store_test

import (
	"context"
	"testing"
	"time"
)

// TestRedatedIssueChangesStates: a revision that changes nothing but the
// issue's date (a misprinted date corrected) changes what feeds show, so
// the channel states a server compares must change too.
func TestRedatedIssueChangesStates(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		mustIngest(t, db, issue("2023-04", day("2023-04-20"), article("要闻", "社区开展活动", para("活动"))))
		before, err := db.ChannelStates(ctx, pubID)
		if err != nil {
			t.Fatal(err)
		}
		c.Advance(time.Hour)
		res := mustIngest(t, db, issue("2023-04", day("2023-04-10"), article("要闻", "社区开展活动", para("活动"))))
		if got := res.Issue.Articles[0]; !got.Published.Equal(day("2023-04-10")) || !got.Updated.Equal(c.Now()) {
			t.Errorf("redated article: published %v, updated %v; want %v and the revision's time %v", got.Published, got.Updated, day("2023-04-10"), c.Now())
		}
		after, err := db.ChannelStates(ctx, pubID)
		if err != nil {
			t.Fatal(err)
		}
		if len(before) == 0 || before[0].Updated.Equal(after[0].Updated) {
			t.Errorf("all-sections state unchanged by the new date: %+v → %+v", before, after)
		}
	})
}
